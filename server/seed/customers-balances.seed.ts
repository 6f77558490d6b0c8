// The money side of a demo customer: a heavy-tailed AUM level, twelve months of average and
// month-end balances drifting around it, the month's daily snapshots, the rolled-up figures
// (m1/m3/m6) and the tier they give. Pure; all amounts are integer cents, so sums are exact.
import { addDays } from './customers-dates.seed';
import type { Rng } from './random';

export type TierRule = { code: string; rank: number; minAumCents: number };

/** The tier whose threshold the basis reaches (rules need not be sorted). */
export function tierFor(rules: readonly TierRule[], basisCents: number): TierRule {
  let best: TierRule | null = null;
  for (const r of rules) if (basisCents >= r.minAumCents && (!best || r.minAumCents > best.minAumCents)) best = r;
  if (!best) throw new Error('no tier has a threshold of 0');
  return best;
}

export function normal(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

const uniform = (rng: Rng, a: number, b: number) => a + (b - a) * rng.next();

export type Segment = 'dormant' | 'mass' | 'affluent';

/**
 * Last month's average AUM in yuan. One customer in ten is affluent: a half-lognormal from 50,000
 * (σ 2.24: ~30% of them past 500,000, ~10% past 2,000,000) with a Pareto tail (α 1.3) past
 * 6,000,000. The rest is a lognormal body below the gold line, and a few dormant accounts.
 */
export const P_AFFLUENT = 0.1;
const SIGMA_AFFLUENT = 2.24;
const TAIL_FROM = 6_000_000;
const TAIL_ALPHA = 1.3;
const TAIL_CAP = 400_000_000;
const P_DORMANT = 0.04;

export function drawLevel(rng: Rng): { level: number; segment: Segment } {
  const r = rng.next();
  if (r < P_AFFLUENT) {
    const x = 50_000 * Math.exp(Math.abs(SIGMA_AFFLUENT * normal(rng)));
    if (x <= TAIL_FROM) return { level: x, segment: 'affluent' };
    for (;;) {
      const y = TAIL_FROM * (1 - rng.next()) ** (-1 / TAIL_ALPHA);
      if (y <= TAIL_CAP) return { level: y, segment: 'affluent' };
    }
  }
  if (r < P_AFFLUENT + P_DORMANT) return { level: uniform(rng, 0, 600), segment: 'dormant' };
  for (;;) {
    const x = Math.exp(Math.log(4_000) + 1.45 * normal(rng));
    if (x < 46_000) return { level: x, segment: 'mass' };
  }
}

export type MonthRow = { month: string; avgAum: number; endAum: number; contribution: number };
export type MoneyPath = {
  /** Oldest first; empty for a customer who joined this month. */
  months: MonthRow[];
  /** Today's AUM (what the holdings add up to). */
  current: number;
  m1: number;
  m3: number;
  m6: number;
};

const cents = (yuan: number) => Math.max(0, Math.round(yuan * 100));

/** Mean of integer cents, rounded half up: what numeric round(avg(x), 2) gives in SQL. */
export function meanCents(values: readonly number[]): number {
  if (values.length === 0) return 0;
  return Math.round(values.reduce((s, v) => s + v, 0) / values.length);
}

/**
 * Twelve months ending with last month: a customer-level drift, monthly noise and, for about one in
 * eight, a step (a large inflow or outflow) somewhere in the year, which makes tiers move.
 */
export function moneyPath(rng: Rng, level: number, segment: Segment, monthStarts: readonly string[], premiumish: boolean): MoneyPath {
  const n = monthStarts.length;
  if (segment === 'dormant') {
    const c = cents(level);
    const months = monthStarts.map((month) => ({ month, avgAum: c, endAum: c, contribution: Math.round(c * 0.0005 / 12) }));
    return { months, current: c, m1: c, m3: c, m6: c };
  }
  const drift = 0.004 + 0.008 * normal(rng);
  const sigma = segment === 'affluent' ? 0.035 : 0.07;
  let shockAt = -1;
  let shock = 0;
  if (rng.chance(0.12)) {
    shockAt = rng.int(1, n);
    shock = rng.chance(0.55) ? uniform(rng, Math.log(1.3), Math.log(2.5)) : uniform(rng, Math.log(0.4), Math.log(0.8));
  }
  const avg: number[] = [];
  for (let k = 0; k < n; k++) {
    const before = shockAt >= 0 && shockAt < n && k < shockAt ? -shock : 0;
    avg.push(cents(level * Math.exp(drift * (k - (n - 1)) + sigma * normal(rng) + before)));
  }
  const current = cents(level * Math.exp(drift + (sigma / 2) * normal(rng) + (shockAt === n ? shock : 0)));
  // Revenue to the bank: a spread of 0.3–1.2% a year on the balance, plus the odd fee.
  const rate = premiumish ? uniform(rng, 0.005, 0.012) : uniform(rng, 0.003, 0.008);
  const months = monthStarts.map((month, k) => {
    const next = k + 1 < n ? avg[k + 1] : current;
    const endAum = Math.round(((avg[k] + next) / 2) * Math.exp(0.02 * normal(rng)));
    const fee = rng.chance(premiumish ? 0.25 : 0.06) ? uniform(rng, 500, 3_000) + avg[k] * 0.0008 : 0;
    return { month, avgAum: avg[k], endAum, contribution: Math.round((avg[k] * rate) / 12 + fee) };
  });
  const last = (m: number) => avg.slice(Math.max(0, n - m));
  return { months, current, m1: avg[n - 1] ?? 0, m3: meanCents(last(3)), m6: meanCents(last(6)) };
}

/** The month's daily snapshots from the 1st to today, walking from last month's end to today's AUM. */
export function dailyPath(rng: Rng, firstOfMonth: string, days: number, from: number, to: number): { day: string; aum: number }[] {
  const out: { day: string; aum: number }[] = [];
  for (let d = 1; d <= days; d++) {
    const t = d / days;
    const noise = d === days ? 0 : 0.01 * normal(rng) * Math.max(from, to);
    out.push({ day: addDays(firstOfMonth, d - 1), aum: d === days ? to : Math.max(0, Math.round(from + (to - from) * t + noise)) });
  }
  return out;
}

export type TierEvaluation = { monthIndex: number; basis: number; tier: TierRule };

/** Which rolled-up figure decides the tier (tier_settings.basis). */
export type TierBasis = 'max_m1_m3' | 'm1' | 'm3' | 'm6';

export function basisOf(basis: TierBasis, m1: number, m3: number, m6: number): number {
  return basis === 'm1' ? m1 : basis === 'm3' ? m3 : basis === 'm6' ? m6 : Math.max(m1, m3);
}

/**
 * The tier each month-end evaluation would have given, from the first month with enough history
 * for the basis (three months, or six for m6).
 */
export function evaluations(rules: readonly TierRule[], months: readonly MonthRow[], basis: TierBasis): TierEvaluation[] {
  const out: TierEvaluation[] = [];
  const avg = (k: number) => months[k].avgAum;
  for (let k = basis === 'm6' ? 5 : 2; k < months.length; k++) {
    // Same rounding as meanCents (and SQL's round(avg(x), 2)).
    const m3 = Math.round((avg(k - 2) + avg(k - 1) + avg(k)) / 3);
    const m6 = k >= 5 ? Math.round((avg(k - 5) + avg(k - 4) + avg(k - 3) + avg(k - 2) + avg(k - 1) + avg(k)) / 6) : 0;
    const b = basisOf(basis, avg(k), m3, m6);
    out.push({ monthIndex: k, basis: b, tier: tierFor(rules, b) });
  }
  return out;
}
