import { describe, expect, it } from 'vitest';
import { DEFAULT_QUOTAS } from './privileges.reference';
import {
  canMoveTo, countsAgainstQuota, currentTier, decideBooking, quotaFor, remainingQuota, serviceDateProblem, summariseYear, yearOf,
} from './privileges.rules';

const lounge = DEFAULT_QUOTAS.filter((q) => q.privilegeCode === 'airport_lounge');

describe('quota lookup', () => {
  it('finds the yearly quota of a tier, 0 for a tier without one', () => {
    expect(quotaFor(lounge, 'diamond')).toBe(12);
    expect(quotaFor(lounge, 'platinum')).toBe(6);
    expect(quotaFor(lounge, 'gold')).toBe(2);
    expect(quotaFor(lounge, 'private')).toBeGreaterThan(12);
    expect(quotaFor(lounge, 'mass')).toBe(0);
  });

  it('counts booked and used visits, not cancelled ones', () => {
    expect(countsAgainstQuota('booked')).toBe(true);
    expect(countsAgainstQuota('used')).toBe(true);
    expect(countsAgainstQuota('cancelled')).toBe(false);
  });
});

describe('remaining quota', () => {
  it('is the quota less what was taken, never negative', () => {
    expect(remainingQuota(6, 2)).toBe(4);
    expect(remainingQuota(6, 6)).toBe(0);
    expect(remainingQuota(2, 5)).toBe(0);
    expect(remainingQuota(0, 0)).toBe(0);
  });

  it('summarises a year of uses', () => {
    const uses = [{ status: 'used' as const }, { status: 'used' as const }, { status: 'booked' as const }, { status: 'cancelled' as const }];
    expect(summariseYear(6, uses)).toEqual({ quota: 6, used: 2, booked: 1, remaining: 3 });
    expect(summariseYear(2, uses)).toEqual({ quota: 2, used: 2, booked: 1, remaining: 0 });
  });

  it('follows a tier change from the day of the change: every use of the year counts', () => {
    // Three lounge visits this year as a platinum customer.
    const uses = [{ status: 'used' as const }, { status: 'used' as const }, { status: 'booked' as const }];
    const asPlatinum = summariseYear(quotaFor(lounge, 'platinum'), uses);
    expect(asPlatinum.remaining).toBe(3);
    // Upgraded to diamond: the same three visits count against the larger quota.
    expect(summariseYear(quotaFor(lounge, 'diamond'), uses).remaining).toBe(9);
    // Downgraded to gold: nothing left, shown as 0, not -1.
    expect(summariseYear(quotaFor(lounge, 'gold'), uses).remaining).toBe(0);
    expect(decideBooking(quotaFor(lounge, 'gold'), 3)).toEqual({ ok: false, reason: 'exhausted' });
    // Downgraded to mass: no entitlement at all.
    expect(decideBooking(quotaFor(lounge, 'mass'), 3)).toEqual({ ok: false, reason: 'not_entitled' });
  });
});

describe('booking decision', () => {
  it('allows up to the quota and refuses the one beyond', () => {
    expect(decideBooking(2, 0)).toEqual({ ok: true, remainingAfter: 1 });
    expect(decideBooking(2, 1)).toEqual({ ok: true, remainingAfter: 0 });
    expect(decideBooking(2, 2)).toEqual({ ok: false, reason: 'exhausted' });
    expect(decideBooking(0, 0)).toEqual({ ok: false, reason: 'not_entitled' });
  });
});

describe('current tier', () => {
  const base = { tierCode: 'gold', overrideTierCode: null, overrideUntil: null };
  it('is the evaluated tier, or a running override', () => {
    expect(currentTier(base, '2026-06-01')).toBe('gold');
    expect(currentTier({ ...base, overrideTierCode: 'diamond', overrideUntil: '2026-06-30' }, '2026-06-01')).toBe('diamond');
    expect(currentTier({ ...base, overrideTierCode: 'diamond', overrideUntil: '2026-06-01' }, '2026-06-01')).toBe('diamond');
    expect(currentTier({ ...base, overrideTierCode: 'diamond', overrideUntil: '2026-05-31' }, '2026-06-01')).toBe('gold');
    expect(currentTier({ ...base, overrideTierCode: 'platinum', overrideUntil: null }, '2026-06-01')).toBe('platinum');
  });
});

describe('service dates', () => {
  const today = '2026-11-28';
  it('books today or later, records uses today or earlier', () => {
    expect(serviceDateProblem('booked', today, today)).toBeNull();
    expect(serviceDateProblem('booked', '2027-01-15', today)).toBeNull();
    expect(serviceDateProblem('booked', '2026-11-27', today)?.code).toBe('BOOKING_IN_PAST');
    expect(serviceDateProblem('used', today, today)).toBeNull();
    expect(serviceDateProblem('used', '2025-12-30', today)).toBeNull();
    expect(serviceDateProblem('used', '2026-11-29', today)?.code).toBe('USE_IN_FUTURE');
  });

  it('stays within last, this and next year', () => {
    expect(serviceDateProblem('used', '2024-12-31', today)?.code).toBe('SERVICE_DATE_RANGE');
    expect(serviceDateProblem('booked', '2028-01-01', today)?.code).toBe('SERVICE_DATE_RANGE');
    const p = serviceDateProblem('booked', '2028-01-01', today)!;
    expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(p.en).toMatch(/2025 and 2027/);
  });

  it('reads the year of a date', () => {
    expect(yearOf('2026-01-01')).toBe(2026);
  });
});

describe('status changes', () => {
  it('marks a booking used; cancels a booking or a mistaken use; nothing else', () => {
    expect(canMoveTo('booked', 'used')).toBe(true);
    expect(canMoveTo('used', 'used')).toBe(false);
    expect(canMoveTo('cancelled', 'used')).toBe(false);
    expect(canMoveTo('booked', 'cancelled')).toBe(true);
    expect(canMoveTo('used', 'cancelled')).toBe(true);
    expect(canMoveTo('cancelled', 'cancelled')).toBe(false);
  });
});
