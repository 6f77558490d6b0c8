import { describe, expect, it } from 'vitest';
import { orderQueue, pickNext, queueScore, slaAlertDue, slaFor, slaState, type QueueItem } from './lobby.queue-order';
import { aumBand, routeZone, ticketNumber, type RuleInput } from './lobby.routing';

const NOW = Date.parse('2026-11-30T10:00:00+08:00');
const min = (m: number) => NOW - m * 60_000;
const t = (id: number, waited: number, tierRank = 0, extra: Partial<QueueItem> = {}): QueueItem => ({
  id, tierRank, priority: tierRank >= 1, arrivedAt: min(waited), appointmentAt: null, slaMinutes: tierRank >= 1 ? 5 : 15, ...extra,
});
const params = { now: NOW, meanServiceMinutes: 6, openCounters: 3 };

describe('queue order', () => {
  it('serves normal tickets first come, first served', () => {
    const order = orderQueue([t(3, 1), t(1, 5), t(2, 3)], params).map((o) => o.item.id);
    expect(order).toEqual([1, 2, 3]);
  });

  it('puts a priority ticket ahead by its tier head start', () => {
    // gold (+5): 2 min waited scores 7 > normal 6 min waited
    expect(pickNext([t(1, 6), t(2, 2, 1)], NOW, params).id).toBe(2);
    // diamond (+15) beats a normal ticket 12 minutes in (but not past its level)
    expect(pickNext([t(1, 12), t(2, 0, 3)], NOW, { ...params, meanServiceMinutes: 1 }).id).toBe(2);
  });

  it('ages: a normal ticket that waited long enough overtakes a later priority ticket', () => {
    expect(pickNext([t(1, 8), t(2, 1, 1)], NOW, params).id).toBe(1);
    expect(queueScore(t(1, 8), NOW, params)).toBeGreaterThan(queueScore(t(2, 1, 1), NOW, params));
  });

  it('protects the oldest normal ticket from passing its service level', () => {
    // 13 min waited, level 15, next call in 6/3 = 2 min → 15 is not past; at 14 min it would be.
    const diamond = t(2, 0, 3);
    expect(pickNext([t(1, 12.5), diamond], NOW, params).id).toBe(2);
    expect(pickNext([t(1, 13.5), diamond], NOW, params).id).toBe(1);
  });

  it('drains late normal tickets first come, first served, then priority tickets again', () => {
    const vip = t(9, 6, 1);
    const order = orderQueue([t(1, 16), t(2, 15), vip, t(3, 1)], params).map((o) => o.item.id);
    expect(order).toEqual([1, 2, 9, 3]);
  });

  it('gives an appointment whose time has come the head start, not one still in the future', () => {
    const due = t(2, 1, 0, { appointmentAt: min(0) });
    const early = t(3, 1, 0, { appointmentAt: NOW + 30 * 60_000 });
    const order = orderQueue([t(1, 10), due, early], params).map((o) => o.item.id);
    expect(order).toEqual([2, 1, 3]);
  });

  it('breaks ties by arrival, then id, and estimates waits by call interval', () => {
    const order = orderQueue([t(5, 2), t(4, 2), t(6, 3)], params);
    expect(order.map((o) => o.item.id)).toEqual([6, 4, 5]);
    expect(order.map((o) => o.estimatedWaitMinutes)).toEqual([0, 2, 4]);
  });

  it('nobody waits without bound: a stream of VIPs cannot hold a normal ticket back past its level', () => {
    const vips = Array.from({ length: 30 }, (_, i) => t(100 + i, 0, 2));
    const order = orderQueue([t(1, 0), ...vips], params);
    const pos = order.findIndex((o) => o.item.id === 1);
    // called by the time it would pass 15 minutes (one call interval of slack)
    expect(order[pos]!.estimatedWaitMinutes).toBeLessThanOrEqual(15);
  });
});

describe('service levels', () => {
  it('classifies waits at 80% and past the level', () => {
    expect(slaState(3, 5)).toBe('ok');
    expect(slaState(4, 5)).toBe('warn');
    expect(slaState(5.5, 5)).toBe('breach');
  });
  it('picks the level of the highest floor not above the tier', () => {
    const levels = [{ minTierRank: 0, maxWaitMinutes: 15 }, { minTierRank: 1, maxWaitMinutes: 5 }];
    expect(slaFor(0, levels)).toBe(15);
    expect(slaFor(3, levels)).toBe(5);
  });
});

describe('routing', () => {
  const rules: RuleInput[] = [
    { branchId: null, businessCode: 'cash', minTierRank: 0, minAmount: '50000', maxAmount: null, zone: 'cash' },
    { branchId: null, businessCode: 'cash', minTierRank: 0, minAmount: null, maxAmount: '50000', zone: 'self_service' },
    { branchId: null, businessCode: 'wealth', minTierRank: 1, minAmount: null, maxAmount: null, zone: 'vip' },
  ];
  const q = (businessCode: string, tierRank: number, amount: string | null) => ({ businessCode, tierRank, amount, defaultZone: 'noncash' as const });

  it("follows the source: large cash to the counter, small cash to the machines", () => {
    expect(routeZone(rules, q('cash', 0, '50000'))).toBe('cash');
    expect(routeZone(rules, q('cash', 0, '49999.99'))).toBe('self_service');
    expect(routeZone(rules, q('cash', 0, '120000.5'))).toBe('cash');
  });
  it('falls back to the default zone, and honours tier floors', () => {
    expect(routeZone(rules, q('cash', 0, null))).toBe('noncash');
    expect(routeZone(rules, q('wealth', 0, null))).toBe('noncash');
    expect(routeZone(rules, q('wealth', 2, null))).toBe('vip');
  });
  it("prefers the outlet's adjustment to head office's default", () => {
    const outlet: RuleInput = { branchId: 9, businessCode: 'cash', minTierRank: 0, minAmount: null, maxAmount: '50000', zone: 'cash' };
    expect(routeZone([...rules, outlet], q('cash', 0, '100'))).toBe('cash');
  });
  it('formats ticket numbers and AUM bands', () => {
    expect(ticketNumber('A', 7)).toBe('A007');
    expect(ticketNumber('VA', 1234)).toBe('VA1234');
    expect(aumBand('1200000.00').zh).toBe('50万-200万');
    expect(aumBand('100').en).toBe('under 50k');
  });
});

describe('service-level alerts', () => {
  it('is due at 80% of the level, then again at 100%, once each', () => {
    expect(slaAlertDue(11.9, 15, 0)).toBeNull();
    expect(slaAlertDue(12, 15, 0)).toBe(80);
    expect(slaAlertDue(14, 15, 80)).toBeNull();
    expect(slaAlertDue(15, 15, 80)).toBe(100);
    expect(slaAlertDue(40, 15, 100)).toBeNull();
  });

  it('sends only the 100% alert for a ticket first seen already past its level', () => {
    expect(slaAlertDue(6, 5, 0)).toBe(100);
  });

  it('follows the warn share it is given', () => {
    expect(slaAlertDue(7.5, 10, 0, 0.75)).toBe(80);
    expect(slaAlertDue(7.4, 10, 0, 0.75)).toBeNull();
  });
});
