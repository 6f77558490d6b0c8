// The queue as people see it: each zone's waiting tickets in the rule's order (consoles), and the
// waiting counts every board shows. The counts are pushed after a change has committed, at most one
// computation per outlet at a time: changes that land meanwhile are folded into one more push, so a
// burst of check-ins costs a few pushes, not one each, and never holds the outlet's locks.
import type { BoardZone, BusinessType, Zone, ZoneQueue } from '../../../contracts/lobby';
import type { AppContext } from '../../platform/context';
import type { DbOrTrx } from '../../platform/db';
import * as q from './lobby-queue.repository';
import { emit, lobbyTransaction, presentTicket } from './lobby.common';
import { lobbyCache } from './lobby.cache';
import { orderQueue, slaState, type OrderParams, type QueueItem } from './lobby.queue-order';

export const DEFAULT_SERVICE_MINUTES = 6;

export type ZoneStats = { zone: Zone; meanServiceMinutes: number; openCounters: number };

/** Measured over the last 4 weeks, else the mean of the zone's business types' standard minutes. */
export function meanServiceMinutes(zone: Zone, measured: ReadonlyMap<number, number>, businesses: readonly BusinessType[]): number {
  const m = measured.get(zone.id);
  if (m !== undefined) return m;
  const own = businesses.filter((b) => b.defaultZone === zone.kind);
  return own.length > 0 ? own.reduce((s, b) => s + b.serviceMinutes, 0) / own.length : DEFAULT_SERVICE_MINUTES;
}

/**
 * The mean service minutes of one zone, for the queue rule's parameters. From the cache: read it
 * before a transaction opens (on the embedded database a read outside the open transaction would
 * wait for it to end).
 */
export async function zoneMeanMinutes(ctx: AppContext, zone: Zone): Promise<number> {
  const cache = lobbyCache(ctx);
  const [measured, businesses] = await Promise.all([cache.serviceMinutes(zone.branchId), cache.businessTypes()]);
  return meanServiceMinutes(zone, measured, businesses);
}

export const orderParams = (meanMinutes: number, openCounters: number, now: number): OrderParams => ({ now, meanServiceMinutes: meanMinutes, openCounters });

/** The ticket-facing fields the queue rule orders by. */
export const queueItem = <T extends { id: number; tierRank: number; priority: boolean; arrivedAt: Date; appointmentAt: Date | null; slaMinutes: number }>(t: T): QueueItem & { row: T } => ({
  id: t.id, tierRank: t.tierRank, priority: t.priority, arrivedAt: t.arrivedAt.getTime(), appointmentAt: t.appointmentAt?.getTime() ?? null, slaMinutes: t.slaMinutes, row: t,
});

async function zoneStats(ctx: AppContext, db: DbOrTrx, branchId: number, zones: readonly Zone[]): Promise<Map<number, ZoneStats>> {
  const cache = lobbyCache(ctx);
  const [measured, businesses, counts] = await Promise.all([cache.serviceMinutes(branchId), cache.businessTypes(), q.zoneCounts(db, branchId)]);
  return new Map(zones.map((zone) => [zone.id, {
    zone, meanServiceMinutes: meanServiceMinutes(zone, measured, businesses), openCounters: counts.find((c) => c.zoneId === zone.id)?.openCounters ?? 0,
  }]));
}

const queueZones = async (ctx: AppContext, branchId: number) => (await lobbyCache(ctx).zones(branchId)).filter((z) => z.kind !== 'self_service' && z.active);

/** Waiting tickets per zone in call order, with waits and service-level states. */
export async function zoneQueues(ctx: AppContext, branchId: number, now: Date = new Date()): Promise<ZoneQueue[]> {
  const zones = await queueZones(ctx, branchId);
  const [stats, waiting] = await Promise.all([zoneStats(ctx, ctx.db, branchId, zones), q.waitingTickets(ctx.db, branchId)]);
  return zones.map((zone) => {
    const s = stats.get(zone.id)!;
    const list = orderQueue(waiting.filter((t) => t.zoneId === zone.id).map(queueItem), { now: now.getTime(), meanServiceMinutes: s.meanServiceMinutes, openCounters: s.openCounters });
    const tickets = list.map((o) => {
      const t = presentTicket(o.item.row, now);
      return { ...t, slaState: slaState(t.waitedMinutes, t.slaMinutes) };
    });
    return {
      zoneCode: zone.code, zoneKind: zone.kind, nameZh: zone.nameZh, nameEn: zone.nameEn,
      waiting: tickets.length,
      priorityWaiting: tickets.filter((t) => t.priority).length,
      openCounters: s.openCounters,
      longestWaitMinutes: tickets.reduce((m, t) => Math.max(m, t.waitedMinutes), 0),
      estimatedWaitMinutes: estimatedWait(tickets.length, s),
      overSlaWarn: tickets.filter((t) => t.slaState === 'warn').length,
      overSla: tickets.filter((t) => t.slaState === 'breach').length,
      tickets,
    };
  });
}

const estimatedWait = (waiting: number, s: { meanServiceMinutes: number; openCounters: number }) => Math.round((waiting * s.meanServiceMinutes) / Math.max(1, s.openCounters));

/** What a board shows per zone: counts only, no ticket list. */
export async function boardZoneCounts(ctx: AppContext, branchId: number): Promise<BoardZone[]> {
  const zones = await queueZones(ctx, branchId);
  const cache = lobbyCache(ctx);
  const [measured, businesses, counts] = await Promise.all([cache.serviceMinutes(branchId), cache.businessTypes(), q.zoneCounts(ctx.db, branchId)]);
  return zones.map((z) => {
    const c = counts.find((x) => x.zoneId === z.id);
    const waiting = c?.waiting ?? 0;
    return {
      zoneCode: z.code, zoneKind: z.kind, nameZh: z.nameZh, nameEn: z.nameEn, waiting,
      estimatedWaitMinutes: estimatedWait(waiting, { meanServiceMinutes: meanServiceMinutes(z, measured, businesses), openCounters: c?.openCounters ?? 0 }),
    };
  });
}

// ---- the counts pushed to boards -------------------------------------------------------------------

type Run = { again: boolean; done: Promise<void> };
const runs = new WeakMap<AppContext, Map<number, Run>>();

async function publishCounts(ctx: AppContext, branchId: number): Promise<void> {
  const zones = await boardZoneCounts(ctx, branchId);
  await lobbyTransaction(ctx, (trx) => emit(ctx, trx, branchId, 'queue.counts', { zones }));
}

/**
 * After a queue of the outlet changed (call it once the change has committed): push the waiting
 * counts. If a push for the outlet is under way, one more follows it, which sees this change too.
 */
export function publishCountsSoon(ctx: AppContext, branchId: number): void {
  let mine = runs.get(ctx);
  if (!mine) runs.set(ctx, (mine = new Map()));
  const running = mine.get(branchId);
  if (running) {
    running.again = true;
    return;
  }
  const run: Run = { again: false, done: Promise.resolve() };
  const table = mine;
  table.set(branchId, run);
  run.done = (async () => {
    try {
      do {
        run.again = false;
        await publishCounts(ctx, branchId);
      } while (run.again);
    } catch {
      // A failed push (the database going away at shutdown) is not the request's failure: the next change or a board's snapshot corrects it.
    } finally {
      // In the same tick as the last check of `again`: a change noted after it starts a new run.
      table.delete(branchId);
    }
  })();
}

/** Resolves when no push is under way (shutdown, tests). */
export async function countsSettled(ctx: AppContext): Promise<void> {
  const mine = runs.get(ctx);
  while (mine && mine.size > 0) await Promise.all([...mine.values()].map((r) => r.done));
}
