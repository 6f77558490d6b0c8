// The tier rules (分层服务), pure: which tier a basis figure earns, how a customer moves between
// tiers at an evaluation, and what makes a ladder valid. The nightly evaluation runs the same rules
// as set-based SQL (tiers.repository.ts); the integration test checks the two agree.
import type { TierBasis, TierChangeReason } from '../../../contracts/tiers';

export type TierRule = { code: string; rank: number; minAum: string };
export type Problem = { path: string; zh: string; en: string };

// ---- money as exact cents (never floats) --------------------------------------------------------

/** '1234.5' -> 123450n; accepts a leading minus (AUM figures may be negative in bad data). */
export function toCents(amount: string): bigint {
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!m) throw new Error(`not an amount: ${amount}`);
  const cents = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

export function formatCents(cents: bigint): string {
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  return `${neg ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export const normalizeMoney = (amount: string) => formatCents(toCents(amount));
export const compareMoney = (a: string, b: string): number => {
  const d = toCents(a) - toCents(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};

// ---- calendar ------------------------------------------------------------------------------------

export function shanghaiToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** 'YYYY-MM-DD' or 'YYYY-MM' -> the month's first day, 'YYYY-MM-01'. */
export const monthStart = (date: string) => `${date.slice(0, 7)}-01`;

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01`;
}

export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + n * 86_400_000).toISOString().slice(0, 10);
}

// ---- the ladder ----------------------------------------------------------------------------------

/** The AUM figure the tier is decided on, as the customers table carries it. */
export function basisAmount(basis: TierBasis, aum: { m1: string; m3: string; m6: string }): string {
  switch (basis) {
    case 'm1':
      return normalizeMoney(aum.m1);
    case 'm3':
      return normalizeMoney(aum.m3);
    case 'm6':
      return normalizeMoney(aum.m6);
    case 'max_m1_m3':
      return compareMoney(aum.m1, aum.m3) >= 0 ? normalizeMoney(aum.m1) : normalizeMoney(aum.m3);
  }
}

const byRank = <T extends TierRule>(ladder: readonly T[]): T[] => [...ladder].sort((a, b) => a.rank - b.rank);

/** The highest tier whose threshold the amount meets; the lowest tier takes everyone else. */
export function qualifiedTier<T extends TierRule>(ladder: readonly T[], amount: string): T {
  const sorted = byRank(ladder);
  if (sorted.length === 0) throw new Error('empty tier ladder');
  let best = sorted[0];
  for (const t of sorted) if (compareMoney(amount, t.minAum) >= 0) best = t;
  return best;
}

/** A ladder head office may save: lowest threshold 0, thresholds strictly rising, codes unique. */
export function ladderProblems(tiers: readonly { code: string; minAum: string; nameZh?: string }[]): Problem[] {
  const out: Problem[] = [];
  if (tiers.length === 0) return [{ path: 'tiers', zh: '至少需要一个客户等级', en: 'At least one tier is needed' }];
  const seen = new Set<string>();
  tiers.forEach((t, i) => {
    if (seen.has(t.code)) out.push({ path: `tiers.${i}.code`, zh: `等级代码 ${t.code} 重复`, en: `Tier code ${t.code} appears twice` });
    seen.add(t.code);
  });
  if (toCents(tiers[0].minAum) !== 0n) {
    out.push({ path: 'tiers.0.minAum', zh: '最低等级的准入门槛必须为 0', en: 'The lowest tier must start at 0' });
  }
  for (let i = 1; i < tiers.length; i++) {
    if (compareMoney(tiers[i].minAum, tiers[i - 1].minAum) <= 0) {
      out.push({
        path: `tiers.${i}.minAum`,
        zh: `「${tiers[i].nameZh ?? tiers[i].code}」的门槛必须高于上一等级（${normalizeMoney(tiers[i - 1].minAum)} 元）`,
        en: `The threshold of ${tiers[i].code} must be above the tier below it (${normalizeMoney(tiers[i - 1].minAum)} yuan)`,
      });
    }
  }
  return out;
}

// ---- one customer at one evaluation --------------------------------------------------------------

export type CustomerTierState = {
  tierCode: string;
  monthsBelow: number;
  /** The evaluation month in which monthsBelow last went up ('YYYY-MM-01'), or null. */
  belowCountedFor: string | null;
  overrideTierCode: string | null;
  overrideUntil: string | null;
  aum: { m1: string; m3: string; m6: string };
};

export type Evaluation = {
  ladder: readonly TierRule[];
  basis: TierBasis;
  graceMonths: number;
  /** 'YYYY-MM-01'. */
  month: string;
  /** 'YYYY-MM-DD': an override is valid through its until date. */
  asOf: string;
};

export type TierChange = { reason: TierChangeReason; from: string; to: string; basisAum: string; threshold: string | null };

export type TierOutcome = {
  tierCode: string;
  monthsBelow: number;
  belowCountedFor: string | null;
  /** The override ended: its fields are cleared. */
  clearOverride: boolean;
  /** What tier_history records, or null when the tier (and override) stayed as they were. */
  change: TierChange | null;
};

export const overrideValid = (s: Pick<CustomerTierState, 'overrideTierCode' | 'overrideUntil'>, asOf: string) =>
  s.overrideTierCode !== null && (s.overrideUntil === null || s.overrideUntil >= asOf);

/**
 * One evaluation of one customer:
 * - a valid manual override wins; an expired one returns the customer to the computed tier at once;
 * - a basis meeting a higher threshold upgrades at once, several tiers if earned;
 * - a basis below the current threshold counts one month (once per evaluation month); after
 *   `graceMonths` such months in a row the customer drops one tier and the count starts again;
 * - a basis back at or above the current threshold resets the count.
 */
export function evaluateCustomer(s: CustomerTierState, e: Evaluation): TierOutcome {
  const ranks = new Map(e.ladder.map((t) => [t.code, t]));
  const current = ranks.get(s.tierCode);
  if (!current) throw new Error(`unknown tier ${s.tierCode}`);
  const amount = basisAmount(e.basis, s.aum);
  const earned = qualifiedTier(e.ladder, amount);
  const keep = { tierCode: s.tierCode, monthsBelow: s.monthsBelow, belowCountedFor: s.belowCountedFor, clearOverride: false, change: null };

  if (s.overrideTierCode !== null) {
    if (overrideValid(s, e.asOf)) {
      if (s.overrideTierCode === s.tierCode) return { ...keep, monthsBelow: 0 };
      return { ...keep, tierCode: s.overrideTierCode, monthsBelow: 0, change: { reason: 'override', from: s.tierCode, to: s.overrideTierCode, basisAum: amount, threshold: null } };
    }
    return {
      tierCode: earned.code, monthsBelow: 0, belowCountedFor: s.belowCountedFor, clearOverride: true,
      change: { reason: 'override_expired', from: s.tierCode, to: earned.code, basisAum: amount, threshold: normalizeMoney(earned.minAum) },
    };
  }
  if (earned.rank > current.rank) {
    return { ...keep, tierCode: earned.code, monthsBelow: 0, change: { reason: 'upgrade', from: s.tierCode, to: earned.code, basisAum: amount, threshold: normalizeMoney(earned.minAum) } };
  }
  if (earned.rank === current.rank) return { ...keep, monthsBelow: 0 };

  // Below the current threshold: a month counts only once, however often the month is evaluated.
  const mayCount = s.belowCountedFor === null || s.belowCountedFor < e.month;
  if (!mayCount) return keep;
  const below = s.monthsBelow + 1;
  const lower = byRank(e.ladder).filter((t) => t.rank < current.rank).pop();
  if (below >= e.graceMonths && lower) {
    return { ...keep, tierCode: lower.code, monthsBelow: 0, belowCountedFor: e.month, change: { reason: 'downgrade', from: s.tierCode, to: lower.code, basisAum: amount, threshold: normalizeMoney(current.minAum) } };
  }
  return { ...keep, monthsBelow: below, belowCountedFor: e.month };
}
