// Pure rules of value-added services: which tier counts, the quota it gives, what is left, and which
// dates a booking or a recorded use may carry. No I/O.
import type { PrivilegeUseStatus } from '../../../contracts/privileges';

export type QuotaEntry = { tierCode: string; perYear: number };

/** The yearly quota of a tier for one service; a tier without an entry is not entitled (0). */
export function quotaFor(quotas: readonly QuotaEntry[], tierCode: string): number {
  return quotas.find((q) => q.tierCode === tierCode)?.perYear ?? 0;
}

/** A cancelled booking gives its visit back; booked and used ones both take one. */
export function countsAgainstQuota(status: PrivilegeUseStatus): boolean {
  return status !== 'cancelled';
}

/**
 * What is left this year. Quotas follow the customer's current tier from the day it changes, and
 * every use of the year counts whichever tier it was made under: after an upgrade more is left, after
 * a downgrade possibly nothing. Never negative: a downgraded customer who used more sees 0.
 */
export function remainingQuota(quota: number, taken: number): number {
  return Math.max(0, quota - taken);
}

export type QuotaSummary = { quota: number; used: number; booked: number; remaining: number };

export function summariseYear(quota: number, uses: readonly { status: PrivilegeUseStatus }[]): QuotaSummary {
  const used = uses.filter((u) => u.status === 'used').length;
  const booked = uses.filter((u) => u.status === 'booked').length;
  return { quota, used, booked, remaining: remainingQuota(quota, used + booked) };
}

export type BookingDecision = { ok: true; remainingAfter: number } | { ok: false; reason: 'not_entitled' | 'exhausted' };

/** Whether one more use fits, given the quota of the current tier and the uses already taken. */
export function decideBooking(quota: number, taken: number): BookingDecision {
  if (quota <= 0) return { ok: false, reason: 'not_entitled' };
  if (taken >= quota) return { ok: false, reason: 'exhausted' };
  return { ok: true, remainingAfter: quota - taken - 1 };
}

export type TierFields = { tierCode: string; overrideTierCode: string | null; overrideUntil: string | null };

/** The tier a customer holds today: an approved manual override while it runs, else the evaluated one. */
export function currentTier(c: TierFields, today: string): string {
  if (c.overrideTierCode && (c.overrideUntil === null || c.overrideUntil >= today)) return c.overrideTierCode;
  return c.tierCode;
}

export const yearOf = (date: string): number => Number(date.slice(0, 4));

export type Problem = { code: string; zh: string; en: string };

/**
 * A booking is for today or later; a use took place today or earlier. Either falls in last, this or
 * next year, so a year's quota cannot be spent from far away by a typing slip.
 */
export function serviceDateProblem(status: 'booked' | 'used', serviceDate: string, today: string): Problem | null {
  const y = yearOf(today);
  const sy = yearOf(serviceDate);
  if (sy < y - 1 || sy > y + 1) {
    return { code: 'SERVICE_DATE_RANGE', zh: `服务日期应在${y - 1}年至${y + 1}年之间`, en: `The service date must fall between ${y - 1} and ${y + 1}` };
  }
  if (status === 'booked' && serviceDate < today) {
    return { code: 'BOOKING_IN_PAST', zh: '预约日期不能早于今天；已发生的服务请按“已使用”登记', en: 'A booking cannot be for a past date: record a service that took place as used' };
  }
  if (status === 'used' && serviceDate > today) {
    return { code: 'USE_IN_FUTURE', zh: '尚未发生的服务请先预约，不能登记为已使用', en: 'A service in the future is booked, not recorded as used' };
  }
  return null;
}

/** Allowed status changes of a recorded use. */
export function canMoveTo(from: PrivilegeUseStatus, to: 'used' | 'cancelled'): boolean {
  if (to === 'used') return from === 'booked';
  return from === 'booked' || from === 'used';
}
