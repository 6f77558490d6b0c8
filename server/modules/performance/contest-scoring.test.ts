import { describe, expect, it } from 'vitest';
import { definitionProblems, metricPoints, prizeFor, qualifies, rankChange, scoreBoard, teamsOf, type Entrant, type MetricDef, type ScoringRules } from './contest-scoring';

const metrics: MetricDef[] = [
  { kpiCode: 'sales', weight: 50, direction: 'higher' },
  { kpiCode: 'premium', weight: 30, direction: 'higher' },
  { kpiCode: 'referrals', weight: 20, direction: 'higher' },
];
const rules = (over: Partial<ScoringRules> = {}): ScoringRules => ({ minimums: [], tieBreak: { metrics: [], earlierReach: false }, ...over });
const e = (id: number, name: string, branchId: number, a: [number, number, number]): Entrant => ({
  subjectId: id, name, branchId, branchName: `网点${branchId}`, members: 1, actuals: { sales: a[0], premium: a[1], referrals: a[2] },
});
const now = new Date('2026-11-29T03:00:00Z');

describe('metricPoints', () => {
  it('gives each a share of the best value times the weight, in hundredths', () => {
    // best 400: 400 → 50, 100 → 12.5, 0 → 0, a negative → 0
    expect(metricPoints([400, 100, 0, -50], 50, 'higher')).toEqual([5000, 1250, 0, 0]);
  });
  it('gives nobody points when nobody is above zero', () => {
    expect(metricPoints([0, 0, -1], 30, 'higher')).toEqual([0, 0, 0]);
  });
  it('scores lower-is-better metrics min–max, full weight when all are equal', () => {
    // best 2, worst 6: 2 → 20, 4 → 10, 6 → 0
    expect(metricPoints([2, 4, 6], 20, 'lower')).toEqual([2000, 1000, 0]);
    expect(metricPoints([3, 3], 20, 'lower')).toEqual([2000, 2000]);
  });
  it('rounds one third to the nearest hundredth', () => {
    expect(metricPoints([300, 100], 50, 'higher')).toEqual([5000, 1667]);
  });
});

describe('scoreBoard', () => {
  it('adds the weighted points and ranks by the total', () => {
    const board = scoreBoard([e(1, '甲', 10, [100, 2, 1]), e(2, '乙', 10, [200, 1, 1]), e(3, '丙', 11, [50, 4, 2])], metrics, rules(), new Map(), now);
    // 甲: 50×100/200=25 + 30×2/4=15 + 20×1/2=10 = 50; 乙: 50 + 7.5 + 10 = 67.5; 丙: 12.5 + 30 + 20 = 62.5
    expect(board.map((r) => [r.name, r.rank, r.metrics.map((m) => m.points), r.totalHundredths])).toEqual([
      ['乙', 1, ['50.00', '7.50', '10.00'], 6750],
      ['丙', 2, ['12.50', '30.00', '20.00'], 6250],
      ['甲', 3, ['25.00', '15.00', '10.00'], 5000],
    ]);
    expect(board.map((r) => r.position)).toEqual([1, 2, 3]);
  });

  it('lets equal totals share a rank and skips the next (1, 2, 2, 4)', () => {
    const board = scoreBoard([e(1, 'A', 1, [100, 0, 0]), e(2, 'B', 1, [50, 0, 0]), e(3, 'C', 1, [50, 0, 0]), e(4, 'D', 1, [10, 0, 0])], metrics, rules(), new Map(), now);
    expect(board.map((r) => [r.name, r.rank])).toEqual([['A', 1], ['B', 2], ['C', 2], ['D', 4]]);
  });

  it('breaks a tie on the tie-break metric, then on who reached the total first', () => {
    // X and Y both score 50.00 with different strengths
    const m2: MetricDef[] = [{ kpiCode: 'sales', weight: 50, direction: 'higher' }, { kpiCode: 'premium', weight: 50, direction: 'higher' }];
    const x: Entrant = { subjectId: 1, name: 'X', branchId: 1, branchName: 'b', members: 1, actuals: { sales: 100, premium: 0 } };
    const y: Entrant = { subjectId: 2, name: 'Y', branchId: 1, branchName: 'b', members: 1, actuals: { sales: 0, premium: 5 } };
    // both 50.00: without a tie-break they share rank 1
    expect(scoreBoard([x, y], m2, rules(), new Map(), now).map((r) => r.rank)).toEqual([1, 1]);
    // premium first: Y wins
    expect(scoreBoard([x, y], m2, rules({ tieBreak: { metrics: ['premium'], earlierReach: false } }), new Map(), now).map((r) => [r.name, r.rank])).toEqual([['Y', 1], ['X', 2]]);
    // earlier reach: X reached 50.00 an hour ago (unchanged since), Y has just reached it
    const prev = new Map([[1, { rank: 2, total: '50.00', reachedAt: new Date('2026-11-29T02:00:00Z') }], [2, { rank: 1, total: '40.00', reachedAt: new Date('2026-11-29T01:00:00Z') }]]);
    const b = scoreBoard([x, y], m2, rules({ tieBreak: { metrics: [], earlierReach: true } }), prev, now);
    expect(b.map((r) => [r.name, r.rank, r.previousRank])).toEqual([['X', 1, 2], ['Y', 2, 1]]);
    expect(b[1]!.reachedAt).toEqual(now);
    expect(rankChange(b[0]!.rank, b[0]!.previousRank)).toBe(1);
    expect(rankChange(b[1]!.rank, b[1]!.previousRank)).toBe(-1);
  });

  it('puts the unqualified after everyone qualified, without a rank', () => {
    const r = rules({ minimums: [{ kpiCode: 'sales', min: '60' }] });
    const board = scoreBoard([e(1, '高分未达标', 1, [50, 10, 10]), e(2, '达标', 1, [60, 0, 0])], metrics, r, new Map(), now);
    expect(board.map((x) => [x.name, x.rank, x.qualified])).toEqual([['达标', 1, true], ['高分未达标', null, false]]);
    expect(board[1]!.totalHundredths).toBeGreaterThan(board[0]!.totalHundredths);
  });

  it('treats the minimum of a lower-is-better metric as a ceiling', () => {
    const m: MetricDef[] = [{ kpiCode: 'complaints', weight: 100, direction: 'lower' }];
    expect(qualifies({ complaints: 2 }, m, [{ kpiCode: 'complaints', min: '2' }])).toBe(true);
    expect(qualifies({ complaints: 3 }, m, [{ kpiCode: 'complaints', min: '2' }])).toBe(false);
  });
});

describe('teams and prizes', () => {
  it('averages the members per outlet', () => {
    const t = teamsOf([e(1, 'a', 10, [100, 2, 0]), e(2, 'b', 10, [300, 0, 1]), e(3, 'c', 11, [50, 1, 1])], metrics);
    expect(t.find((x) => x.subjectId === 10)).toMatchObject({ members: 2, actuals: { sales: 200, premium: 1, referrals: 0.5 } });
    expect(t.find((x) => x.subjectId === 11)).toMatchObject({ members: 1, actuals: { sales: 50, premium: 1, referrals: 1 } });
  });
  it('gives prizes by rank to the qualified only', () => {
    const prizes = [{ name: '一等奖', fromRank: 1, toRank: 1 }, { name: '二等奖', fromRank: 2, toRank: 3 }];
    expect(prizeFor(1, true, prizes)).toBe('一等奖');
    expect(prizeFor(3, true, prizes)).toBe('二等奖');
    expect(prizeFor(4, true, prizes)).toBeNull();
    expect(prizeFor(1, false, prizes)).toBeNull();
  });
});

describe('definitionProblems', () => {
  const base = { periodFrom: '2026-11-01', periodTo: '2026-11-30', metrics: [{ kpiCode: 'sales', weight: 60 }, { kpiCode: 'premium', weight: 40 }], rules: rules(), prizes: [] };
  const known = new Set(['sales', 'premium']);
  it('accepts a sound definition', () => expect(definitionProblems(base, known)).toEqual([]));
  it('refuses weights that do not add up to 100, unknown KPIs, bad periods and overlapping prizes', () => {
    const p = definitionProblems({
      ...base, periodTo: '2026-10-01', metrics: [{ kpiCode: 'sales', weight: 60 }, { kpiCode: 'nope', weight: 30 }],
      rules: rules({ minimums: [{ kpiCode: 'premium', min: '1' }] }), prizes: [{ fromRank: 1, toRank: 3 }, { fromRank: 3, toRank: 5 }],
    }, known);
    expect(p.map((x) => x.path)).toEqual(['periodTo', 'metrics', 'metrics', 'rules.minimums', 'prizes']);
    expect(p[1]!.zh).toContain('90');
  });
});
