// The statistics of satisfaction measurement, pure: Cochran's sample size with the finite-population
// correction, CSAT, mean score and NPS with their 95% intervals, and the ranking of the indicators
// that pull satisfaction down. The database sums; these turn sums into figures.

const Z: Record<string, number> = { '0.9': 1.6449, '0.95': 1.96, '0.99': 2.5758 };

export function zFor(confidence: number): number {
  return Z[String(confidence)] ?? 1.96;
}

/** Cochran's n0 = z^2 p(1-p) / e^2 at the most cautious p = 0.5: 384 at 95% and ±5%. */
export function cochranN0(confidence = 0.95, margin = 0.05, p = 0.5): number {
  const z = zFor(confidence);
  return (z * z * p * (1 - p)) / (margin * margin);
}

/** The sample for a population of N with the finite-population correction (N = 1,000 → 278). */
export function cochranSample(population: number, confidence = 0.95, margin = 0.05): number {
  if (population <= 0) return 0;
  const n0 = cochranN0(confidence, margin);
  return Math.min(population, Math.ceil(n0 / (1 + (n0 - 1) / population)));
}

/** A branch surveys 100–200 customers (the source), never more than it has. */
export function branchSample(population: number, opts: { confidence?: number; margin?: number; min?: number; max?: number } = {}): number {
  const n = cochranSample(population, opts.confidence, opts.margin);
  const clamped = Math.max(opts.min ?? 100, Math.min(opts.max ?? 200, n));
  return Math.min(population, clamped);
}

/**
 * Proportional allocation of a sample to strata (tiers) by largest remainder, so the parts add up
 * to the whole. The draw in SQL follows the same proportions by interleaving the strata.
 */
export function allocate(sample: number, strata: readonly { key: string; population: number }[]): { key: string; sample: number }[] {
  const total = strata.reduce((s, x) => s + x.population, 0);
  if (total === 0 || sample === 0) return strata.map((s) => ({ key: s.key, sample: 0 }));
  const raw = strata.map((s) => ({ key: s.key, exact: (sample * s.population) / total, population: s.population }));
  const out = raw.map((r) => ({ key: r.key, sample: Math.floor(r.exact), rem: r.exact - Math.floor(r.exact) }));
  let left = Math.min(sample, total) - out.reduce((s, x) => s + x.sample, 0);
  for (const o of [...out].sort((a, b) => b.rem - a.rem)) {
    if (left <= 0) break;
    o.sample++;
    left--;
  }
  return out.map((o) => ({ key: o.key, sample: o.sample }));
}

export type Figure = { value: number | null; low: number | null; high: number | null };
const none: Figure = { value: null, low: null, high: null };
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** CSAT: the share of 4s and 5s, in %, with Wilson's interval (sound at small n and near 0 or 100%). */
export function csat(satisfied: number, n: number, z = 1.96): Figure {
  if (n === 0) return none;
  const p = satisfied / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return { value: round(p * 100), low: round(Math.max(0, centre - half) * 100), high: round(Math.min(1, centre + half) * 100) };
}

/** Mean score with the normal interval from the sums (n, Σx, Σx²). */
export function meanScore(n: number, sum: number, sumSq: number, z = 1.96): Figure & { sd: number | null } {
  if (n === 0) return { ...none, sd: null };
  const mean = sum / n;
  if (n === 1) return { value: round(mean, 3), low: null, high: null, sd: null };
  const variance = Math.max(0, (sumSq - (sum * sum) / n) / (n - 1));
  const sd = Math.sqrt(variance);
  const half = (z * sd) / Math.sqrt(n);
  return { value: round(mean, 3), low: round(mean - half, 3), high: round(mean + half, 3), sd };
}

/**
 * NPS = % promoters (9–10) − % detractors (0–6). Its variance per answer is
 * pP + pD − (pP − pD)², so the interval is NPS ± z·√(var/n), in points, within −100…100.
 */
export function nps(promoters: number, detractors: number, n: number, z = 1.96): Figure {
  if (n === 0) return none;
  const pp = promoters / n;
  const pd = detractors / n;
  const score = pp - pd;
  const variance = pp + pd - score * score;
  const half = z * Math.sqrt(variance / n);
  return { value: round(score * 100), low: round(Math.max(-1, score - half) * 100), high: round(Math.min(1, score + half) * 100) };
}

/** The score an NPS answer (0–10) counts as. */
export function npsClass(x: number): 'promoter' | 'passive' | 'detractor' {
  return x >= 9 ? 'promoter' : x >= 7 ? 'passive' : 'detractor';
}

export type IndicatorStat = { code: string; mean: number | null; correlation: number | null };

/**
 * How much an indicator pulls overall satisfaction down: its distance from the top score (on 1–5,
 * scaled to 0–1) weighted by how strongly it moves with overall satisfaction. An indicator that
 * scores low but does not move the overall figure matters less than one that scores a little
 * better and drives it.
 */
export function impact(mean: number | null, correlation: number | null): number | null {
  if (mean === null || correlation === null) return null;
  return round(((5 - mean) / 4) * Math.max(0, correlation), 4);
}

export function rankDrivers<T extends IndicatorStat>(stats: readonly T[]): (T & { impact: number | null; rank: number })[] {
  return stats
    .map((s) => ({ ...s, impact: impact(s.mean, s.correlation) }))
    .sort((a, b) => (b.impact ?? -1) - (a.impact ?? -1) || (a.mean ?? 9) - (b.mean ?? 9) || a.code.localeCompare(b.code))
    .map((s, i) => ({ ...s, rank: i + 1 }));
}

/**
 * Whether a branch's interval is too wide to tell it from the bank average, and the sample that
 * would separate a difference of the size observed (null when there is no difference to separate).
 */
export function separation(branch: { n: number; mean: number | null; sd: number | null }, bankMean: number | null, z = 1.96): { tooSmall: boolean; neededN: number | null } {
  if (branch.mean === null || bankMean === null || branch.n < 2 || branch.sd === null) return { tooSmall: true, neededN: null };
  const diff = Math.abs(branch.mean - bankMean);
  const half = (z * branch.sd) / Math.sqrt(branch.n);
  if (diff === 0) return { tooSmall: true, neededN: null };
  const needed = Math.ceil(((z * branch.sd) / diff) ** 2);
  return { tooSmall: half >= diff, neededN: needed };
}
