// Triage (分流): which zone a business goes to, for this customer and amount. Pure.
import type { ZoneKind } from '../../../contracts/lobby';

export type RuleInput = {
  branchId: number | null;
  businessCode: string;
  minTierRank: number;
  /** Yuan as strings (numeric from the database). */
  minAmount: string | null;
  maxAmount: string | null;
  zone: ZoneKind;
};

export type RouteRequest = { businessCode: string; tierRank: number; amount: string | null; defaultZone: ZoneKind };

/** Yuan string to cents, exact (no float arithmetic on money). */
export function cents(yuan: string): bigint {
  const [int, frac = ''] = yuan.trim().split('.');
  return BigInt(int || '0') * 100n + BigInt((frac + '00').slice(0, 2));
}

function matches(r: RuleInput, q: RouteRequest): boolean {
  if (r.businessCode !== q.businessCode || r.minTierRank > q.tierRank) return false;
  if (r.minAmount === null && r.maxAmount === null) return true;
  // A rule on amounts does not apply when no amount was given.
  if (q.amount === null) return false;
  const a = cents(q.amount);
  if (r.minAmount !== null && a < cents(r.minAmount)) return false;
  if (r.maxAmount !== null && a >= cents(r.maxAmount)) return false;
  return true;
}

/** Higher wins: outlet before head office, then higher tier floor, then an amount-bounded rule. */
function specificity(r: RuleInput): number {
  return (r.branchId !== null ? 1000 : 0) + r.minTierRank * 10 + (r.minAmount !== null || r.maxAmount !== null ? 1 : 0);
}

/** The zone: the most specific matching rule, else the business type's default zone. */
export function routeZone(rules: readonly RuleInput[], q: RouteRequest): ZoneKind {
  let best: RuleInput | null = null;
  for (const r of rules) if (matches(r, q) && (!best || specificity(r) > specificity(best))) best = r;
  return best?.zone ?? q.defaultZone;
}

/** 'A' + 7 → 'A007'; past 999 the number simply grows ('A1000'). */
export function ticketNumber(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(3, '0')}`;
}

/** The AUM band shown in a VIP alert: never the exact balance. */
export function aumBand(aum: string): { zh: string; en: string } {
  const c = cents(aum) / 100n;
  const bands: [bigint, string, string][] = [
    [50_000n, '5万以下', 'under 50k'],
    [500_000n, '5万-50万', '50k–500k'],
    [2_000_000n, '50万-200万', '500k–2M'],
    [6_000_000n, '200万-600万', '2M–6M'],
    [30_000_000n, '600万-3000万', '6M–30M'],
  ];
  for (const [limit, zh, en] of bands) if (c < limit) return { zh, en };
  return { zh: '3000万以上', en: '30M and above' };
}
