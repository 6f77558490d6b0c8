// Pure scoring rules of the assessment: an item's score from its actual and target, weights that sum
// to 100, gates that zero an item, and ranks. Ranks are standard competition ranks ("1, 2, 2, 4"):
// equal totals share a rank and the next rank skips, so a rank always says how many did better.

export type Direction = 'higher' | 'lower';
export type LinearRule = { kind: 'linear'; cap: number };
export type ThresholdRule = { kind: 'thresholds'; steps: Array<{ at: number; score: number }> };
export type RankRule = { kind: 'rank'; bands: Array<{ topPct: number; score: number }>; otherwise: number };
export type ScoringRule = LinearRule | ThresholdRule | RankRule;
export type Gate = { kpi: string; op: 'gte' | 'gt' | 'lte' | 'lt'; value: number };

const round4 = (n: number) => Math.round(n * 10000) / 10000;

/**
 * Linear to target with a cap: actual/target × 100 when higher is better, target/actual × 100 when
 * lower is better; never below 0 nor above the cap. No target: 0. Lower-is-better with an actual of 0
 * meets any target in full (the cap).
 */
export function linearScore(actual: number, target: number | null, direction: Direction, cap: number): number {
  if (target === null || !Number.isFinite(target)) return 0;
  let s: number;
  if (direction === 'higher') {
    if (target <= 0) s = actual > 0 ? cap : actual === 0 ? 100 : 0;
    else s = (actual / target) * 100;
  } else if (actual <= 0) s = cap;
  else s = target <= 0 ? 0 : (target / actual) * 100;
  return round4(Math.min(cap, Math.max(0, s)));
}

/** Thresholds: the score of the best step reached (actual ≥ at when higher is better, ≤ at when lower); none: 0. */
export function thresholdScore(actual: number, direction: Direction, steps: ThresholdRule['steps']): number {
  const reached = steps.filter((s) => (direction === 'higher' ? actual >= s.at : actual <= s.at));
  if (reached.length === 0) return 0;
  return Math.max(...reached.map((s) => s.score));
}

/** Standard competition ranks of values, best first in the given direction (1, 2, 2, 4). */
export function competitionRanks(values: number[], direction: Direction): number[] {
  const sorted = [...values].sort((a, b) => (direction === 'higher' ? b - a : a - b));
  // The rank of v is 1 + the number of values strictly better than v: its first position in the sorted list.
  const firstIndex = new Map<number, number>();
  sorted.forEach((v, i) => {
    if (!firstIndex.has(v)) firstIndex.set(v, i);
  });
  return values.map((v) => (firstIndex.get(v) ?? values.length - 1) + 1);
}

/** Rank bands: the score of the first band whose top share (rank / n × 100 ≤ topPct) holds; else `otherwise`. */
export function rankScore(rank: number, n: number, rule: RankRule): number {
  if (n <= 0) return rule.otherwise;
  const pct = (rank / n) * 100;
  const bands = [...rule.bands].sort((a, b) => a.topPct - b.topPct);
  for (const b of bands) if (pct <= b.topPct + 1e-9) return b.score;
  return rule.otherwise;
}

export function gateHolds(gate: Gate, actual: number): boolean {
  switch (gate.op) {
    case 'gte': return actual >= gate.value;
    case 'gt': return actual > gate.value;
    case 'lte': return actual <= gate.value;
    case 'lt': return actual < gate.value;
  }
}

/** Weights must be positive and sum to exactly 100 (to the cent). */
export function weightsProblem(weights: number[]): { zh: string; en: string } | null {
  if (weights.length === 0) return { zh: '记分卡至少需要一个指标', en: 'A scorecard needs at least one KPI' };
  if (weights.some((w) => !(w > 0))) return { zh: '权重必须大于 0', en: 'Every weight must be above 0' };
  const sum = Math.round(weights.reduce((a, b) => a + b, 0) * 100);
  if (sum !== 10000) return { zh: `权重合计须为 100（当前 ${sum / 100}）`, en: `Weights must sum to 100 (now ${sum / 100})` };
  return null;
}

export const weighted = (score: number, weight: number) => round4((score * weight) / 100);

/** A scorecard item's score from a rule that is not rank-based. */
export function itemScore(rule: ScoringRule, actual: number, target: number | null, direction: Direction): number {
  switch (rule.kind) {
    case 'linear': return linearScore(actual, target, direction, rule.cap);
    case 'thresholds': return thresholdScore(actual, direction, rule.steps);
    case 'rank': throw new Error('rank rules need the peer group: use scoreGroup');
  }
}

export type ScoringInput = { key: string; actual: number; target: number | null };

/** Scores of one item across its peer group (same scorecard and KPI): rank rules need everyone's actuals. */
export function scoreGroup(rule: ScoringRule, direction: Direction, rows: ScoringInput[]): Map<string, number> {
  const out = new Map<string, number>();
  if (rule.kind === 'rank') {
    const ranks = competitionRanks(rows.map((r) => r.actual), direction);
    rows.forEach((r, i) => out.set(r.key, rankScore(ranks[i] ?? rows.length, rows.length, rule)));
  } else {
    for (const r of rows) out.set(r.key, itemScore(rule, r.actual, r.target, direction));
  }
  return out;
}

/** Target of a "last year's figure + growth %" item; no figure last year: no target. */
export function growthTarget(lastYear: number | null, growthPct: number): number | null {
  if (lastYear === null) return null;
  return round4(lastYear * (1 + growthPct / 100));
}
