// The display board and the lobby manager's console: a snapshot with the event sequence it
// includes, and the live stream that continues from any sequence (a reconnecting board catches up).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BoardNotice, BoardSnapshot, LobbyConsole, LobbyNotice } from '../../../contracts/lobby';
import { scopeOf, type Principal } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import type { EventMessage } from '../../platform/events';
import * as repo from './lobby.repository';
import * as q from './lobby-queue.repository';
import * as rec from './lobby-records.repository';
import { lobbyTopic, requireOutlet, shanghaiDay, vipRmTopic, vipTopic } from './lobby.common';
import { boardZoneCounts, zoneQueues } from './lobby-counts.service';
import { vipArrivalsForConsole } from './lobby-vip.service';
import { listNotices } from './lobby-notices.repository';
import { toBoardNotice } from './lobby-notices.service';

/** More missed events than this and the board is told to reload its snapshot instead. */
export const REPLAY_LIMIT = 500;

/** Posted notices first (newest first), then one line per device out of service. */
function notices(posted: readonly LobbyNotice[], faults: Awaited<ReturnType<typeof repo.listFaults>>): BoardNotice[] {
  return [...posted.map(toBoardNotice), ...faults.map((f) => ({
    id: f.id,
    source: 'fault' as const,
    textZh: `${f.deviceLabel} 暂停服务，给您带来不便敬请谅解`,
    textEn: `${f.deviceLabel} is out of service: we apologise for the inconvenience`,
    at: f.reportedAt,
  }))];
}

export async function boardSnapshot(ctx: AppContext, p: Principal, branchId: number): Promise<BoardSnapshot> {
  const o = await requireOutlet(ctx.db, p, 'lobby.board', branchId);
  // The sequence first: the data read after it is at least that new, so replaying from it misses nothing.
  const seq = await q.currentEventSeq(ctx.db, o.branchId);
  const now = new Date();
  const [calls, zones, faults, posted] = await Promise.all([
    q.recentCalls(ctx.db, o.branchId, 10), boardZoneCounts(ctx, o.branchId), repo.listFaults(ctx.db, o.branchId, true), listNotices(ctx.db, o.branchId),
  ]);
  return {
    branchId: o.branchId, branchName: o.branchName, day: shanghaiDay(now), at: now.toISOString(), seq,
    calls: calls.map((c) => ({ ticketId: c.ticketId, number: c.number, counterNumber: c.counterNumber, zoneCode: c.zoneCode, zoneNameZh: c.zoneNameZh, calledAt: c.calledAt.toISOString(), recall: c.recalls > 0 })),
    zones,
    notices: notices(posted, faults),
  };
}

/**
 * Opens the outlet's event stream. `since` (or the Last-Event-ID a reconnecting EventSource sends)
 * replays what was missed first; after too long an absence a `board.reset` asks for a new snapshot.
 * VIP alerts are added for callers who receive them for the whole outlet, and for an RM those of
 * their own customers.
 */
export async function openEvents(ctx: AppContext, p: Principal, branchId: number, since: number | undefined, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const o = await requireOutlet(ctx.db, p, 'lobby.board', branchId);
  const header = req.headers['last-event-id'];
  const last = since ?? (typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : undefined);
  const first: EventMessage[] = [];
  if (last !== undefined) {
    const missed = await q.eventsSince(ctx.db, o.branchId, last, REPLAY_LIMIT + 1);
    if (missed.length > REPLAY_LIMIT) {
      const seq = await q.currentEventSeq(ctx.db, o.branchId);
      first.push({ topic: lobbyTopic(o.branchId), event: 'board.reset', data: { seq, branchId: o.branchId, at: new Date().toISOString() } });
    } else {
      for (const m of missed) first.push({ topic: lobbyTopic(o.branchId), event: m.event, data: m.data, id: String(m.seq) });
    }
  }
  // The outlet's VIP alerts for outlet-wide holders; an RM (own scope) gets those of their own customers only.
  const vip = scopeOf(p, 'lobby.vip');
  const topics = [lobbyTopic(o.branchId), ...(vip ? [vip.kind === 'own' ? vipRmTopic(o.branchId, p.staffId) : vipTopic(o.branchId)] : [])];
  ctx.hub.open(req, reply, topics, first);
}

export async function lobbyConsole(ctx: AppContext, p: Principal, branchId: number): Promise<LobbyConsole> {
  const o = await requireOutlet(ctx.db, p, 'lobby.queue.read', branchId);
  const seq = await q.currentEventSeq(ctx.db, o.branchId);
  const now = new Date();
  const day = shanghaiDay(now);
  const vip = scopeOf(p, 'lobby.vip');
  const [zones, counters, faults, incidents, vipArrivals, today] = await Promise.all([
    zoneQueues(ctx, o.branchId, now),
    repo.listCounters(ctx.db, o.branchId),
    repo.listFaults(ctx.db, o.branchId, true),
    rec.listIncidents(ctx.db, o.branchId, day),
    vip && vip.kind !== 'own' ? vipArrivalsForConsole(ctx, o.branchId) : Promise.resolve([]),
    todayCounts(ctx, o.branchId),
  ]);
  return { queue: { branchId: o.branchId, day, at: now.toISOString(), zones }, counters, faults, incidents, vipArrivals, today, seq };
}

async function todayCounts(ctx: AppContext, branchId: number): Promise<LobbyConsole['today']> {
  return q.todayCounts(ctx.db, branchId);
}
