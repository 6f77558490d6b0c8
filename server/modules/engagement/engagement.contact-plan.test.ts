import { describe, expect, it } from 'vitest';
import { birthdayWindow, contactPeriod, DEFAULT_PLAN_RULES, maturityWindow, periodDueOn, riskExpiryWindow, ruleProblem } from './engagement.contact-plan';
import { planReassignment } from './engagement.capacity';

describe('contact periods', () => {
  it('align tier rules to the calendar: monthly, every 2 months, quarterly, twice a year', () => {
    expect(contactPeriod('2026-11-29', 1)).toEqual({ key: '2026-1m11', start: '2026-11-01', end: '2026-11-30' });
    expect(contactPeriod('2026-11-29', 2)).toEqual({ key: '2026-2m6', start: '2026-11-01', end: '2026-12-31' });
    expect(contactPeriod('2026-02-10', 3)).toEqual({ key: '2026-3m1', start: '2026-01-01', end: '2026-03-31' });
    expect(contactPeriod('2026-07-01', 6)).toEqual({ key: '2026-6m2', start: '2026-07-01', end: '2026-12-31' });
    expect(contactPeriod('2028-02-15', 1).end).toBe('2028-02-29');
  });
  it('give every day of a period the same key, so reruns find the existing task', () => {
    expect(contactPeriod('2026-10-01', 3).key).toBe(contactPeriod('2026-12-31', 3).key);
    expect(contactPeriod('2026-09-30', 3).key).not.toBe(contactPeriod('2026-10-01', 3).key);
  });
  it('refuse intervals that do not divide the year', () => {
    expect(() => contactPeriod('2026-01-01', 5)).toThrow(RangeError);
    expect(ruleProblem({ kind: 'tier', intervalMonths: 5, threshold: null })).not.toBeNull();
    expect(ruleProblem({ kind: 'tier', intervalMonths: 4, threshold: null })).toBeNull();
    expect(ruleProblem({ kind: 'large_outflow', intervalMonths: null, threshold: '0' })).not.toBeNull();
    expect(DEFAULT_PLAN_RULES.every((r) => ruleProblem(r) === null)).toBe(true);
  });
  it('are due within the period, never after it', () => {
    const p = contactPeriod('2026-11-25', 1);
    expect(periodDueOn('2026-11-25', p, 14)).toBe('2026-11-30');
    expect(periodDueOn('2026-11-02', p, 14)).toBe('2026-11-16');
  });
});

describe('event windows', () => {
  it('greet birthdays from today to the lead days ahead, across the year end', () => {
    expect(birthdayWindow('2026-12-30', 3).map((d) => d.md)).toEqual(['12-30', '12-31', '01-01', '01-02']);
    expect(birthdayWindow('2026-12-30', 3).map((d) => d.year)).toEqual([2026, 2026, 2027, 2027]);
  });
  it('greet a 29 February birthday on 28 February in a common year only', () => {
    const common = birthdayWindow('2027-02-28', 0);
    expect(common).toEqual([{ md: '02-28', on: '2027-02-28', year: 2027 }, { md: '02-29', on: '2027-02-28', year: 2027 }]);
    expect(birthdayWindow('2028-02-28', 0)).toHaveLength(1);
  });
  it('retain maturities of the next 7 days and remind of assessments lapsing within the lead', () => {
    expect(maturityWindow('2026-11-29', 7)).toEqual({ from: '2026-11-29', to: '2026-12-06' });
    expect(riskExpiryWindow('2026-11-29', 30)).toEqual({ assessedFrom: '2025-11-29', assessedTo: '2025-12-29' });
    expect(riskExpiryWindow('2028-02-29', 0)).toEqual({ assessedFrom: '2027-02-28', assessedTo: '2027-02-28' });
  });
});

describe('reassignment plan', () => {
  it('spreads a book by load against the limits and never drops a customer', () => {
    const ids = Array.from({ length: 10 }, (_, i) => i + 1);
    const { assignment, targets } = planReassignment(ids, [
      { staffId: 1, current: 90, maxCustomers: 100 },
      { staffId: 2, current: 0, maxCustomers: 100 },
    ]);
    expect(assignment.get(2)).toHaveLength(10);
    expect(targets.map((t) => t.exceeded)).toEqual([false, false]);
    const tight = planReassignment(ids, [{ staffId: 1, current: 5, maxCustomers: 8 }]);
    expect(tight.targets[0]).toMatchObject({ incoming: 10, after: 15, exceeded: true });
    const even = planReassignment(ids, [{ staffId: 1, current: 0, maxCustomers: 100 }, { staffId: 2, current: 0, maxCustomers: 100 }]);
    expect([even.assignment.get(1)!.length, even.assignment.get(2)!.length]).toEqual([5, 5]);
  });
});
