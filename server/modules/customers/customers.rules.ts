// Pure rules of the customer archive: reading a search query, risk-assessment validity, progress to
// the next tier (decimal strings, never floats) and masking a customer record. No I/O.
import type { RevealField, SearchKind } from '../../../contracts/customers';
import { maskAddress, maskCard, maskMobile, maskName, maskResidentId } from '../../../contracts/personal-data';

// ---- search -----------------------------------------------------------------------------------

export type SearchTerm = { kind: SearchKind; term: string };

/**
 * What a clerk most likely typed, from the shape alone, so that each kind runs as one indexed scan:
 * letters and digits mixed = a customer number (letters alone: a number prefix or a Latin name); an 18-character ID or a tail ending in X = a
 * resident ID; a mainland mobile = a mobile; 4+ digits = any tail (mobile, ID, card) or a
 * customer-number prefix; anything else = a name fragment.
 */
export function searchTerms(raw: string): SearchTerm[] {
  const q = raw.trim();
  const compact = q.replace(/[\s-]/g, '');
  if (/^\d{17}[\dX]$/i.test(compact)) {
    const id = compact.toUpperCase();
    return /X$/.test(id) ? [{ kind: 'residentId', term: id }] : [{ kind: 'residentId', term: id }, { kind: 'card', term: id }];
  }
  if (/^\d{3,16}X$/i.test(compact)) return [{ kind: 'residentId', term: compact.toUpperCase() }];
  const mobile = /^(?:\+?86)?(1[3-9]\d{9})$/.exec(compact);
  if (mobile && compact.length > 11) return [{ kind: 'mobile', term: mobile[1] }];
  if (/^\d+$/.test(compact)) {
    const out: SearchTerm[] = [{ kind: 'customerNo', term: compact }];
    if (compact.length < 4) return out;
    if (compact.length <= 11) out.push({ kind: 'mobile', term: compact });
    if (compact.length <= 18) out.push({ kind: 'residentId', term: compact });
    if (compact.length <= 19) out.push({ kind: 'card', term: compact });
    return out;
  }
  if (/^[A-Za-z]+[A-Za-z0-9-]*\d[A-Za-z0-9-]*$/.test(q)) return [{ kind: 'customerNo', term: q.toUpperCase() }];
  // Letters alone: a customer-number prefix ('VIP') or a name in Latin letters ('Li').
  if (/^[A-Za-z]+$/.test(q)) return [{ kind: 'customerNo', term: q.toUpperCase() }, { kind: 'name', term: q }];
  return [{ kind: 'name', term: q.replace(/\s+/g, ' ') }];
}

/** A LIKE pattern that matches the text literally (backslash is PostgreSQL's default escape). */
export function likeLiteral(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function reversed(s: string): string {
  return Array.from(s).reverse().join('');
}

// ---- dates ------------------------------------------------------------------------------------

export function shanghaiToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  // 29 February becomes 28 February in a common year rather than rolling into March.
  const day = Math.min(d, new Date(Date.UTC(y + years, m, 0)).getUTCDate());
  return new Date(Date.UTC(y + years, m - 1, day)).toISOString().slice(0, 10);
}

export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

/** A calendar date that exists ('2026-02-30' does not). */
export function isRealDate(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

export function ageOn(birthDate: string | null, today: string): number | null {
  if (!birthDate) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

// ---- risk assessment --------------------------------------------------------------------------

/** A suitability assessment holds for one year: valid through `validUntil`, expired the day after. */
export function riskValidity(assessedOn: string, today: string): { validUntil: string; expired: boolean } {
  const validUntil = addYears(assessedOn, 1);
  return { validUntil, expired: today > validUntil };
}

/** Missing, or older than 11 months: the RM should book a re-assessment now. */
export function riskDueForRenewal(assessedOn: string | null, today: string): boolean {
  return assessedOn === null || assessedOn <= addMonths(today, -11);
}

// ---- money ------------------------------------------------------------------------------------

/** Yuan as a decimal string to integer cents; money never passes through a float. */
export function toCents(s: string): bigint {
  const m = /^(-)?(\d+)(?:\.(\d{1,2})\d*)?$/.exec(s.trim());
  if (!m) throw new Error(`not a money amount: ${s}`);
  const cents = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

export function fromCents(c: bigint): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

export const TIER_BASES = ['max_m1_m3', 'm1', 'm3', 'm6'] as const;
export type TierBasis = (typeof TIER_BASES)[number];

/** The AUM figure that decides the tier under the head-office setting. */
export function tierBasisAmount(basis: TierBasis, aum: { m1: string; m3: string; m6: string }): string {
  switch (basis) {
    case 'm1':
      return fromCents(toCents(aum.m1));
    case 'm3':
      return fromCents(toCents(aum.m3));
    case 'm6':
      return fromCents(toCents(aum.m6));
    case 'max_m1_m3': {
      const a = toCents(aum.m1);
      const b = toCents(aum.m3);
      return fromCents(a > b ? a : b);
    }
  }
}

/** How far the basis is from the next tier's threshold: the gap (never negative) and 0–100 %. */
export function nextTierProgress(basis: string, threshold: string): { gap: string; percent: number } {
  const b = toCents(basis);
  const t = toCents(threshold);
  const gap = t > b ? t - b : 0n;
  if (t <= 0n) return { gap: fromCents(gap), percent: 100 };
  const clamped = b < 0n ? 0n : b > t ? t : b;
  // Per mille, rounded down, so that 99.96 % is not shown as a reached 100 %.
  return { gap: fromCents(gap), percent: Number((clamped * 1000n) / t) / 10 };
}

// ---- masking ----------------------------------------------------------------------------------

/**
 * What the caller may see of one customer: balances (those holding customers.reveal over them) and
 * any personal fields they have just revealed through the audited call.
 */
export type RevealLevel = { balances: boolean; fields: readonly RevealField[] };
export const MASKED: RevealLevel = { balances: false, fields: [] };

export type PersonalFields = { name: string; residentId: string | null; mobile: string | null; address: string };
export type RawHolding = { accountNo: string; cardNo: string | null; balance: string };
export type RawMonth = { month: string; avgAum: string; endAum: string; contribution: string };
export type CustomerRecord<H extends RawHolding = RawHolding, M extends RawMonth = RawMonth> = PersonalFields & {
  aum: { current: string; m1: string; m3: string; m6: string };
  holdings: H[];
  aumTrend: M[];
  contribution12m: string;
};
type Masked<T, K extends keyof T> = Omit<T, K> & { [P in K]: string | null };
export type MaskedRecord<H extends RawHolding, M extends RawMonth> = PersonalFields & {
  aum: { current: string | null; m1: string | null; m3: string | null; m6: string | null };
  holdings: Masked<H, 'balance'>[];
  aumTrend: Masked<M, 'avgAum' | 'endAum' | 'contribution'>[];
  contribution12m: string | null;
};

export function maskPersonal(p: PersonalFields, level: RevealLevel): PersonalFields {
  const shown = (f: RevealField) => level.fields.includes(f);
  return {
    name: shown('name') ? p.name : maskName(p.name),
    residentId: p.residentId === null ? null : shown('residentId') ? p.residentId : maskResidentId(p.residentId),
    mobile: p.mobile === null ? null : shown('mobile') ? p.mobile : maskMobile(p.mobile),
    address: shown('address') ? p.address : maskAddress(p.address),
  };
}

export function maskMoney(v: string, level: RevealLevel): string | null {
  return level.balances ? v : null;
}

/** Account and card numbers are always masked: no reveal returns them. */
export function maskCustomerRecord<H extends RawHolding, M extends RawMonth>(r: CustomerRecord<H, M>, level: RevealLevel): MaskedRecord<H, M> {
  const m = (v: string) => maskMoney(v, level);
  return {
    ...maskPersonal(r, level),
    aum: { current: m(r.aum.current), m1: m(r.aum.m1), m3: m(r.aum.m3), m6: m(r.aum.m6) },
    holdings: r.holdings.map((h) => ({ ...h, accountNo: maskCard(h.accountNo), cardNo: h.cardNo === null ? null : maskCard(h.cardNo), balance: m(h.balance) })),
    aumTrend: r.aumTrend.map((x) => ({ ...x, avgAum: m(x.avgAum), endAum: m(x.endAum), contribution: m(x.contribution) })),
    contribution12m: m(r.contribution12m),
  };
}
