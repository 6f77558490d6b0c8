import { describe, expect, it } from 'vitest';
import { competitionRanks, gateHolds, growthTarget, linearScore, rankScore, scoreGroup, thresholdScore, weighted, weightsProblem } from './perf-scoring';
import { scoreRun, type RunValue } from './perf-scorecard';
import { lastYearRange, monthEnd, monthRange } from './perf-dates';

describe('linear to target with a cap', () => {
  it('scores actual/target × 100 when higher is better, capped and floored', () => {
    expect(linearScore(50, 100, 'higher', 120)).toBe(50);
    expect(linearScore(100, 100, 'higher', 120)).toBe(100);
    expect(linearScore(130, 100, 'higher', 120)).toBe(120);
    expect(linearScore(-20, 100, 'higher', 120)).toBe(0);
    expect(linearScore(1, 3, 'higher', 150)).toBe(33.3333);
  });
  it('scores target/actual × 100 when lower is better; zero actual earns the cap', () => {
    expect(linearScore(4, 2, 'lower', 120)).toBe(50);
    expect(linearScore(1, 2, 'lower', 120)).toBe(120);
    expect(linearScore(0, 2, 'lower', 110)).toBe(110);
  });
  it('gives 0 without a target', () => {
    expect(linearScore(10, null, 'higher', 120)).toBe(0);
  });
});

describe('thresholds', () => {
  const steps = [{ at: 95, score: 100 }, { at: 85, score: 80 }, { at: 70, score: 60 }];
  it('takes the best step reached', () => {
    expect(thresholdScore(96, 'higher', steps)).toBe(100);
    expect(thresholdScore(95, 'higher', steps)).toBe(100);
    expect(thresholdScore(90, 'higher', steps)).toBe(80);
    expect(thresholdScore(69.99, 'higher', steps)).toBe(0);
  });
  it('reads "at most" when lower is better', () => {
    const lower = [{ at: 0, score: 100 }, { at: 3, score: 70 }, { at: 10, score: 30 }];
    expect(thresholdScore(0, 'lower', lower)).toBe(100);
    expect(thresholdScore(2, 'lower', lower)).toBe(70);
    expect(thresholdScore(10, 'lower', lower)).toBe(30);
    expect(thresholdScore(11, 'lower', lower)).toBe(0);
  });
});

describe('ranks', () => {
  it('are standard competition ranks: ties share a rank and the next one skips (1, 2, 2, 4)', () => {
    expect(competitionRanks([90, 80, 80, 70], 'higher')).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([70, 80, 90, 80], 'higher')).toEqual([4, 2, 1, 2]);
    expect(competitionRanks([3, 1, 1, 0], 'lower')).toEqual([4, 2, 2, 1]);
    expect(competitionRanks([5, 5, 5], 'higher')).toEqual([1, 1, 1]);
  });
  it('score by rank band', () => {
    const rule = { kind: 'rank' as const, bands: [{ topPct: 10, score: 120 }, { topPct: 50, score: 100 }], otherwise: 60 };
    expect(rankScore(1, 10, rule)).toBe(120);
    expect(rankScore(2, 10, rule)).toBe(100);
    expect(rankScore(5, 10, rule)).toBe(100);
    expect(rankScore(6, 10, rule)).toBe(60);
    // Tied for first out of four: both are in the top 25%, not in the top 10%.
    const s = scoreGroup(rule, 'higher', [{ key: 'a', actual: 5, target: null }, { key: 'b', actual: 5, target: null }, { key: 'c', actual: 1, target: null }, { key: 'd', actual: 0, target: null }]);
    expect([s.get('a'), s.get('b'), s.get('c'), s.get('d')]).toEqual([100, 100, 60, 60]);
  });
});

describe('weights and gates', () => {
  it('weights must be positive and sum to 100', () => {
    expect(weightsProblem([40, 30, 20, 10])).toBeNull();
    expect(weightsProblem([33.33, 33.33, 33.34])).toBeNull();
    expect(weightsProblem([40, 30, 20])?.en).toContain('90');
    expect(weightsProblem([110, -10])).not.toBeNull();
    expect(weightsProblem([])).not.toBeNull();
  });
  it('a gate holds by its comparison', () => {
    expect(gateHolds({ kpi: 'x', op: 'gte', value: 1 }, 1)).toBe(true);
    expect(gateHolds({ kpi: 'x', op: 'gte', value: 1 }, 0)).toBe(false);
    expect(gateHolds({ kpi: 'x', op: 'lt', value: 60 }, 59)).toBe(true);
  });
  it('weighted score is score × weight / 100', () => {
    expect(weighted(150, 40)).toBe(60);
    expect(weighted(33.3333, 15)).toBe(5);
  });
  it('a growth target is last year × (1 + g%)', () => {
    expect(growthTarget(1000, 10)).toBe(1100);
    expect(growthTarget(null, 10)).toBeNull();
  });
});

describe('scoreRun', () => {
  const v = (staffId: number, kpiCode: string, actual: number, extra: Partial<RunValue> = {}): RunValue => ({
    scorecardId: 1, roleCode: 'wealth_rm', staffId, branchId: 9, kpiId: kpiCode === 'sales' ? 1 : kpiCode === 'csat' ? 2 : 3, kpiCode, direction: 'higher', itemId: kpiCode === 'mis' ? null : 10,
    actual: String(actual), target: null, weight: '0', targetMode: 'fixed', targetValue: null, rule: null, gate: null, ...extra,
  });
  const sales = (staffId: number, actual: number) =>
    v(staffId, 'sales', actual, { itemId: 1, target: '100', weight: '60', rule: { kind: 'linear', cap: 150 }, gate: { kpi: 'mis', op: 'gte', value: 1 } });
  const csat = (staffId: number, actual: number) => v(staffId, 'csat', actual, { itemId: 2, weight: '40', rule: { kind: 'thresholds', steps: [{ at: 4, score: 100 }, { at: 3, score: 50 }] } });

  it('sums weighted scores, zeroes gated items, and ranks with ties', () => {
    const values = [
      sales(1, 120), csat(1, 4.2), v(1, 'mis', 0),
      sales(2, 120), csat(2, 4.5), v(2, 'mis', 0),
      sales(3, 200), csat(3, 3.1), v(3, 'mis', 1),
    ];
    const out = scoreRun(values);
    const total = (id: number) => out.scores.find((s) => s.staffId === id);
    // 1 and 2: 120 × 60% = 72 + 100 × 40% = 40 → 112; 3: sales gated → 0 + 50 × 40% = 20.
    expect(total(1)?.total).toBe('112.0000');
    expect(total(2)?.total).toBe('112.0000');
    expect(total(3)?.total).toBe('20.0000');
    expect([total(1)?.rankBank, total(2)?.rankBank, total(3)?.rankBank]).toEqual([1, 1, 3]);
    expect([total(1)?.rankBranch, total(3)?.rankBranch]).toEqual([1, 3]);
    const gated = out.values.find((x) => x.staffId === 3 && x.kpiId === 1);
    expect(gated).toMatchObject({ score: '0.0000', weighted: '0.0000', gated: true });
    expect(out.values.find((x) => x.staffId === 3 && x.kpiId === 3)).toMatchObject({ score: null, gated: false });
  });

  it('takes a growth target from last year\'s figure', () => {
    const out = scoreRun([v(1, 'sales', 110, { itemId: 1, weight: '100', targetMode: 'last_year_growth', targetValue: '10', rule: { kind: 'linear', cap: 120 } })], new Map([['1:1', 100]]));
    expect(out.values[0]).toMatchObject({ target: '110.0000', score: '100.0000' });
  });
});

describe('periods', () => {
  it('month to date and whole months', () => {
    expect(monthRange('2026-11', '2026-11-29')).toEqual({ from: '2026-11-01', to: '2026-11-29' });
    expect(monthRange('2026-10', '2026-11-29')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(lastYearRange({ from: '2024-02-01', to: '2024-02-29' })).toEqual({ from: '2023-02-01', to: '2023-02-28' });
  });
});
