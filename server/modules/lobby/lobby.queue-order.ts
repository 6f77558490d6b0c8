// The queue order rule (排队规则): which waiting ticket of a zone a counter calls next. Pure.
//
// 1. Every ticket scores its waited minutes plus a head start for its tier
//    (tierRank × tierHeadStartMinutes: gold 5, platinum 10, diamond 15, private banking 20 by
//    default) plus a large head start once its appointment time has come. Because every ticket's
//    waited minutes grow alike, a normal ticket overtakes a priority ticket that arrived
//    sufficiently later: ageing, so that nobody waits without bound.
// 2. Service-level protection: before the best-scoring ticket is taken, the oldest normal
//    (non-priority) ticket is checked; if it would pass its service level by the time the next
//    counter frees up (one mean service time ÷ open counters), it is taken instead. So a priority
//    ticket is taken only if it does not push the oldest normal ticket past its level. Under
//    overload this drains the late normal tickets first come, first served; as new arrivals are not
//    late yet, priority tickets get their turn again once the backlog is gone: nobody waits forever.
// 3. Ties go to the earlier arrival, then the lower id (the ticket number's order).
// The full order is computed by repeating the choice with the clock advanced one call interval per
// position, which also gives each ticket's estimated wait.
// A transferred ticket keeps its original arrival time, so it does not go to the back of the queue.

export type QueueItem = {
  id: number;
  tierRank: number;
  priority: boolean;
  /** Epoch ms. */
  arrivedAt: number;
  appointmentAt: number | null;
  slaMinutes: number;
};

export type OrderParams = {
  /** Epoch ms. */
  now: number;
  tierHeadStartMinutes?: number;
  appointmentHeadStartMinutes?: number;
  /** Mean minutes one counter takes per ticket in this zone. */
  meanServiceMinutes: number;
  openCounters: number;
};

export const DEFAULT_TIER_HEAD_START = 5;
export const DEFAULT_APPOINTMENT_HEAD_START = 60;
const MINUTE = 60_000;

export type Ordered<T extends QueueItem> = { item: T; position: number; estimatedWaitMinutes: number };

/** Score of one ticket at time `at`: higher is called sooner. */
export function queueScore(t: QueueItem, at: number, p: OrderParams): number {
  const waited = (at - t.arrivedAt) / MINUTE;
  const tier = t.tierRank * (p.tierHeadStartMinutes ?? DEFAULT_TIER_HEAD_START);
  const appointment = t.appointmentAt !== null && t.appointmentAt <= at ? (p.appointmentHeadStartMinutes ?? DEFAULT_APPOINTMENT_HEAD_START) : 0;
  return waited + tier + appointment;
}

const better = (a: QueueItem, b: QueueItem, at: number, p: OrderParams): boolean => {
  const sa = queueScore(a, at, p);
  const sb = queueScore(b, at, p);
  if (sa !== sb) return sa > sb;
  if (a.arrivedAt !== b.arrivedAt) return a.arrivedAt < b.arrivedAt;
  return a.id < b.id;
};

/** Minutes between two calls in the zone (the next counter to free up, on average). */
export function callInterval(p: OrderParams): number {
  return p.meanServiceMinutes / Math.max(1, p.openCounters);
}

/** The ticket to call at time `at` among `waiting` (which must not be empty). */
export function pickNext<T extends QueueItem>(waiting: readonly T[], at: number, p: OrderParams): T {
  let best = waiting[0]!;
  let oldestNormal: T | null = null;
  for (const t of waiting) {
    if (better(t, best, at, p)) best = t;
    if (!t.priority && (!oldestNormal || t.arrivedAt < oldestNormal.arrivedAt || (t.arrivedAt === oldestNormal.arrivedAt && t.id < oldestNormal.id))) oldestNormal = t;
  }
  if (!oldestNormal || oldestNormal === best) return best;
  const horizon = at + callInterval(p) * MINUTE;
  const normalLate = (horizon - oldestNormal.arrivedAt) / MINUTE > oldestNormal.slaMinutes;
  return normalLate ? oldestNormal : best;
}

/** The whole zone in call order, each with its estimated wait from `now`. */
export function orderQueue<T extends QueueItem>(waiting: readonly T[], p: OrderParams): Ordered<T>[] {
  const rest = [...waiting];
  const out: Ordered<T>[] = [];
  const step = callInterval(p);
  while (rest.length > 0) {
    const position = out.length;
    const at = p.now + position * step * MINUTE;
    const next = pickNext(rest, at, p);
    rest.splice(rest.indexOf(next), 1);
    out.push({ item: next, position, estimatedWaitMinutes: Math.round(position * step) });
  }
  return out;
}

export type SlaState = 'ok' | 'warn' | 'breach';

/** ok below 80% of the level, warn from 80%, breach past it. */
export function slaState(waitedMinutes: number, slaMinutes: number, warnShare = 0.8): SlaState {
  if (waitedMinutes > slaMinutes) return 'breach';
  if (waitedMinutes >= slaMinutes * warnShare) return 'warn';
  return 'ok';
}

/** The service level of a tier rank: the level with the highest minTierRank not above it. */
export function slaFor(tierRank: number, levels: readonly { minTierRank: number; maxWaitMinutes: number }[]): number {
  let best: { minTierRank: number; maxWaitMinutes: number } | null = null;
  for (const l of levels) if (l.minTierRank <= tierRank && (!best || l.minTierRank > best.minTierRank)) best = l;
  return best?.maxWaitMinutes ?? 15;
}

export type SlaAlertLevel = 80 | 100;

/**
 * The service-level alert a waiting ticket is due (80: it passed `warnShare` of its level, 100: it
 * reached the level itself), or null when the alert for that level already went out (`alerted` is
 * the highest level sent so far: 0, 80 or 100). A ticket first seen already past its level gets the
 * 100% alert only: one alert that says it is late, not two at once.
 */
export function slaAlertDue(waitedMinutes: number, slaMinutes: number, alerted: number, warnShare = 0.8): SlaAlertLevel | null {
  const level = waitedMinutes >= slaMinutes ? 100 : waitedMinutes >= slaMinutes * warnShare ? 80 : 0;
  return level > alerted ? (level as SlaAlertLevel) : null;
}
