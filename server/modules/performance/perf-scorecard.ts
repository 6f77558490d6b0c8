// Pure: turns a run's values (actuals and targets per subject and KPI) into item scores, gates,
// weighted totals and ranks. A subject is a staff member on a scorecard, or a branch on the branch card.
// This is the specification of the run: the run itself scores in one SQL statement (perf-compute.repository.ts,
// so that 120,000 values never travel to the app and back), and perf-sql-scoring.int.test.ts holds the two equal.
import { competitionRanks, gateHolds, growthTarget, scoreGroup, weighted, type Direction, type Gate, type ScoringRule } from './perf-scoring';

export type RunValue = {
  scorecardId: number; roleCode: string; staffId: number | null; branchId: number; kpiId: number; kpiCode: string; direction: Direction;
  itemId: number | null; num?: string; den?: string | null; actual: string; target: string | null; weight: string; targetMode: string | null; targetValue: string | null;
  rule: Record<string, unknown> | null; gate: Record<string, unknown> | null;
};
export type ScoredValue = {
  scorecardId: number; staffId: number | null; branchId: number; kpiId: number; itemId: number | null; num: string; den: string | null; actual: string;
  target: string | null; score: string | null; weight: string; weighted: string | null; gated: boolean;
};
export type SubjectScore = { scorecardId: number; roleCode: string; staffId: number | null; branchId: number; total: string; rankBranch: number | null; rankBank: number };

const subjectKey = (v: { scorecardId: number; staffId: number | null; branchId: number }) => `${v.scorecardId}:${v.staffId ?? 0}:${v.branchId}`;
const base = (v: RunValue) => ({
  scorecardId: v.scorecardId, staffId: v.staffId, branchId: v.branchId, kpiId: v.kpiId, itemId: v.itemId, num: v.num ?? v.actual, den: v.den ?? null, actual: v.actual, weight: v.weight,
});
const fmt = (n: number) => (Math.round(n * 10000) / 10000).toFixed(4);

/**
 * Scores every item of every subject. `lastYear` gives last year's actual per `${kpiId}:${staffId}` for
 * items whose target is last year's figure plus a growth percentage.
 */
export function scoreRun(values: RunValue[], lastYear: Map<string, number> = new Map()): { values: ScoredValue[]; scores: SubjectScore[] } {
  // Targets first: a growth target comes from last year's figure.
  const target = new Map<RunValue, number | null>();
  for (const v of values) {
    if (v.targetMode === 'last_year_growth') {
      const ly = v.staffId === null ? undefined : lastYear.get(`${v.kpiId}:${v.staffId}`);
      target.set(v, growthTarget(ly ?? null, Number(v.targetValue ?? 0)));
    } else target.set(v, v.target === null ? null : Number(v.target));
  }
  // Actuals by subject and KPI code, for the gates.
  const actualOf = new Map<string, number>();
  for (const v of values) actualOf.set(`${subjectKey(v)}|${v.kpiCode}`, Number(v.actual));

  // Scores per peer group (same scorecard and KPI): rank rules need the whole group.
  const groups = new Map<string, RunValue[]>();
  for (const v of values) {
    if (v.itemId === null || !v.rule) continue;
    const g = `${v.scorecardId}:${v.kpiId}`;
    const list = groups.get(g);
    if (list) list.push(v);
    else groups.set(g, [v]);
  }
  const scoreOf = new Map<RunValue, number>();
  for (const list of groups.values()) {
    const first = list[0];
    if (!first?.rule) continue;
    const scores = scoreGroup(first.rule as ScoringRule, first.direction, list.map((v) => ({ key: subjectKey(v), actual: Number(v.actual), target: target.get(v) ?? null })));
    for (const v of list) scoreOf.set(v, scores.get(subjectKey(v)) ?? 0);
  }

  const out: ScoredValue[] = [];
  const totals = new Map<string, { v: RunValue; total: number }>();
  for (const v of values) {
    const t = target.get(v) ?? null;
    if (v.itemId === null) {
      out.push({ ...base(v), target: t === null ? null : fmt(t), score: null, weighted: null, gated: false });
      continue;
    }
    const gate = v.gate as Gate | null;
    const gated = !!gate && gateHolds(gate, actualOf.get(`${subjectKey(v)}|${gate.kpi}`) ?? 0);
    const score = gated ? 0 : (scoreOf.get(v) ?? 0);
    const w = weighted(score, Number(v.weight));
    out.push({ ...base(v), target: t === null ? null : fmt(t), score: fmt(score), weighted: fmt(w), gated });
    const k = subjectKey(v);
    const acc = totals.get(k);
    if (acc) acc.total += w;
    else totals.set(k, { v, total: w });
  }
  // Subjects whose card has only gate rows still get a (zero) total.
  for (const v of values) if (!totals.has(subjectKey(v))) totals.set(subjectKey(v), { v, total: 0 });

  const subjects = [...totals.values()].map(({ v, total }) => ({ v, total: Math.round(total * 10000) / 10000 }));
  const rankBank = new Map<string, number>();
  const rankBranch = new Map<string, number>();
  const byRole = groupBy(subjects, (s) => s.v.roleCode);
  for (const list of byRole.values()) {
    const ranks = competitionRanks(list.map((s) => s.total), 'higher');
    list.forEach((s, i) => rankBank.set(subjectKey(s.v), ranks[i] ?? list.length));
    for (const inBranch of groupBy(list.filter((s) => s.v.staffId !== null), (s) => String(s.v.branchId)).values()) {
      const rb = competitionRanks(inBranch.map((s) => s.total), 'higher');
      inBranch.forEach((s, i) => rankBranch.set(subjectKey(s.v), rb[i] ?? inBranch.length));
    }
  }
  const scores = subjects.map(({ v, total }) => ({
    scorecardId: v.scorecardId, roleCode: v.roleCode, staffId: v.staffId, branchId: v.branchId, total: fmt(total),
    rankBranch: rankBranch.get(subjectKey(v)) ?? null, rankBank: rankBank.get(subjectKey(v)) ?? 1,
  }));
  return { values: out, scores };
}

function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of list) {
    const k = key(t);
    const l = m.get(k);
    if (l) l.push(t);
    else m.set(k, [t]);
  }
  return m;
}
