// The contest's scoring rules, pure: normalised points per metric, the minimum qualification, the
// order of the board with its tie-breaks, shared ranks, rank changes and the team (per-outlet) view.
//
// Normalisation (documented in the README): every metric is worth its weight in points.
//  - higher is better: points = weight × actual ÷ best, where best is the highest actual on the board;
//    a negative actual scores 0, and when nobody is above 0 everybody scores 0 on that metric.
//  - lower is better: points = weight × (worst − actual) ÷ (worst − best) (min–max); when everybody
//    is equal everybody gets the full weight.
// Points are rounded to hundredths per metric and the total is the sum of the rounded points, kept
// in integer hundredths so that equal totals really are equal.
// Order: qualified before unqualified, then the total, then each tie-break metric's actual (by its
// direction), then (if chosen) whoever reached their total earlier. Rows equal on all of these share
// a rank (1, 2, 2, 4); unqualified rows have no rank. Position (1…n) is the board's order for paging.

export type MetricDef = { kpiCode: string; weight: number; direction: 'higher' | 'lower' };
export type ScoringRules = { minimums: { kpiCode: string; min: string }[]; tieBreak: { metrics: string[]; earlierReach: boolean } };
export type Entrant = { subjectId: number; name: string; branchId: number; branchName: string; members: number; actuals: Record<string, number> };
export type Previous = { rank: number | null; total: string; reachedAt: Date };
export type Standing = Entrant & {
  position: number;
  rank: number | null;
  previousRank: number | null;
  qualified: boolean;
  reachedAt: Date;
  /** In hundredths of a point. */
  totalHundredths: number;
  metrics: { kpiCode: string; actual: string; points: string }[];
};

export const hundredthsText = (h: number): string => {
  const sign = h < 0 ? '-' : '';
  const a = Math.abs(h);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
};

/** An actual as shown: whole numbers as they are, anything else to 2 decimals. */
export const actualText = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(2));

/** Points of one metric for every entrant, in hundredths. */
export function metricPoints(values: number[], weight: number, direction: 'higher' | 'lower'): number[] {
  if (values.length === 0) return [];
  if (direction === 'higher') {
    const best = Math.max(...values);
    if (!(best > 0)) return values.map(() => 0);
    return values.map((v) => Math.round(((weight * Math.max(0, v)) / best) * 100));
  }
  const best = Math.min(...values);
  const worst = Math.max(...values);
  if (worst === best) return values.map(() => weight * 100);
  return values.map((v) => Math.round(((weight * (worst - v)) / (worst - best)) * 100));
}

/** Whether an entrant meets every minimum; for a lower-is-better metric the line is a ceiling. */
export function qualifies(actuals: Record<string, number>, metrics: MetricDef[], minimums: ScoringRules['minimums']): boolean {
  return minimums.every((m) => {
    const def = metrics.find((x) => x.kpiCode === m.kpiCode);
    const a = actuals[m.kpiCode] ?? 0;
    const min = Number(m.min);
    return def?.direction === 'lower' ? a <= min : a >= min;
  });
}

export function scoreBoard(entrants: Entrant[], metrics: MetricDef[], rules: ScoringRules, previous: Map<number, Previous>, now: Date): Standing[] {
  const points = metrics.map((m) => metricPoints(entrants.map((e) => e.actuals[m.kpiCode] ?? 0), m.weight, m.direction));
  const scored = entrants.map((e, i) => {
    const totalHundredths = points.reduce((s, p) => s + p[i]!, 0);
    const prev = previous.get(e.subjectId);
    const total = hundredthsText(totalHundredths);
    return {
      ...e,
      totalHundredths,
      qualified: qualifies(e.actuals, metrics, rules.minimums),
      reachedAt: prev && prev.total === total ? prev.reachedAt : now,
      previousRank: prev ? prev.rank : null,
      metrics: metrics.map((m, k) => ({ kpiCode: m.kpiCode, actual: actualText(e.actuals[m.kpiCode] ?? 0), points: hundredthsText(points[k]![i]!) })),
    };
  });
  type Row = (typeof scored)[number];
  const tieMetrics = rules.tieBreak.metrics.map((code) => metrics.find((m) => m.kpiCode === code)).filter((m): m is MetricDef => !!m);
  /** Compares on everything that decides a rank; 0 means the two share it. */
  const decide = (a: Row, b: Row): number => {
    if (a.qualified !== b.qualified) return a.qualified ? -1 : 1;
    if (a.totalHundredths !== b.totalHundredths) return b.totalHundredths - a.totalHundredths;
    for (const m of tieMetrics) {
      const x = a.actuals[m.kpiCode] ?? 0;
      const y = b.actuals[m.kpiCode] ?? 0;
      if (x !== y) return m.direction === 'higher' ? y - x : x - y;
    }
    if (rules.tieBreak.earlierReach) {
      const d = a.reachedAt.getTime() - b.reachedAt.getTime();
      if (d !== 0) return d;
    }
    return 0;
  };
  scored.sort((a, b) => decide(a, b) || a.name.localeCompare(b.name, 'zh-CN') || a.subjectId - b.subjectId);
  let rank = 0;
  return scored.map((r, i) => {
    if (r.qualified && (i === 0 || decide(scored[i - 1]!, r) !== 0)) rank = i + 1;
    return { ...r, position: i + 1, rank: r.qualified ? rank : null };
  });
}

/** The team view: one entrant per outlet, each metric the members' average (per capita). */
export function teamsOf(entrants: Entrant[], metrics: MetricDef[]): Entrant[] {
  const byBranch = new Map<number, Entrant[]>();
  for (const e of entrants) byBranch.set(e.branchId, [...(byBranch.get(e.branchId) ?? []), e]);
  return [...byBranch.entries()].map(([branchId, members]) => ({
    subjectId: branchId,
    name: members[0]!.branchName,
    branchId,
    branchName: members[0]!.branchName,
    members: members.length,
    actuals: Object.fromEntries(metrics.map((m) => [m.kpiCode, members.reduce((s, x) => s + (x.actuals[m.kpiCode] ?? 0), 0) / members.length])),
  }));
}

/** previousRank − rank: positive moved up, negative down, null new or without a rank. */
export const rankChange = (rank: number | null, previousRank: number | null): number | null =>
  rank === null || previousRank === null ? null : previousRank - rank;

/** The prize tier a rank wins (qualified rows only). */
export function prizeFor(rank: number | null, qualified: boolean, prizes: { name: string; fromRank: number; toRank: number }[]): string | null {
  if (!qualified || rank === null) return null;
  return prizes.find((p) => rank >= p.fromRank && rank <= p.toRank)?.name ?? null;
}

/** Problems with a contest's definition that the schema cannot see, in the clerk's words. */
export function definitionProblems(d: {
  periodFrom: string; periodTo: string; metrics: { kpiCode: string; weight: number }[];
  rules: ScoringRules; prizes: { fromRank: number; toRank: number }[];
}, knownKpis: Set<string>): { path: string; zh: string; en: string }[] {
  const out: { path: string; zh: string; en: string }[] = [];
  if (d.periodFrom > d.periodTo) out.push({ path: 'periodTo', zh: '结束日期不能早于开始日期', en: 'The end date must not be before the start date' });
  const sum = d.metrics.reduce((s, m) => s + m.weight, 0);
  if (sum !== 100) out.push({ path: 'metrics', zh: `各指标权重之和须为 100（现为 ${sum}）`, en: `The weights must add up to 100 (they add up to ${sum})` });
  const codes = d.metrics.map((m) => m.kpiCode);
  if (new Set(codes).size !== codes.length) out.push({ path: 'metrics', zh: '同一指标不能重复选择', en: 'A KPI may be chosen only once' });
  for (const c of codes) if (!knownKpis.has(c)) out.push({ path: 'metrics', zh: `考核指标库中没有指标 ${c}`, en: `The KPI library has no KPI ${c}` });
  for (const m of d.rules.minimums) {
    if (!codes.includes(m.kpiCode)) out.push({ path: 'rules.minimums', zh: `最低达标线的指标 ${m.kpiCode} 不在竞赛指标中`, en: `The minimum's KPI ${m.kpiCode} is not one of the contest's metrics` });
  }
  for (const c of d.rules.tieBreak.metrics) {
    if (!codes.includes(c)) out.push({ path: 'rules.tieBreak', zh: `同分规则的指标 ${c} 不在竞赛指标中`, en: `The tie-break KPI ${c} is not one of the contest's metrics` });
  }
  const sorted = [...d.prizes].sort((a, b) => a.fromRank - b.fromRank);
  sorted.forEach((p, i) => {
    if (p.fromRank > p.toRank) out.push({ path: 'prizes', zh: '奖项的起始名次不能大于截止名次', en: "A prize's first rank must not be after its last rank" });
    const next = sorted[i + 1];
    if (next && next.fromRank <= p.toRank) out.push({ path: 'prizes', zh: '奖项的名次区间不能重叠', en: 'Prize rank ranges must not overlap' });
  });
  return out;
}
