// What every lobby use case shares: the outlet in the caller's scope, presenting a ticket, and
// publishing an outlet's live event (numbered, logged for catch-up, pushed at commit).
import type { LobbyEventName, Ticket, ZoneKind } from '../../../contracts/lobby';
import { maskName } from '../../../contracts/personal-data';
import type { PermissionCode } from '../../../contracts/roles';
import { requireScope, type Principal } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import type { DbOrTrx, Trx } from '../../platform/db';
import { conflict, notFound } from '../../platform/errors';
import { outletInScope, type OutletRow } from './lobby.repository';
import { seedLobbyOutlets } from './lobby.reference';
import { currentEventSeq, insertEvents, type TicketRow } from './lobby-queue.repository';

export const OUTLET = { zh: '网点大堂', en: 'outlet lobby' };
export const TICKET = { zh: '排队号', en: 'ticket' };
export const COUNTER = { zh: '窗口', en: 'counter' };

/** Business days are in Asia/Shanghai whatever the server's zone. */
export function shanghaiDay(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The outlet when the caller's scope for `perm` covers it; 404 otherwise (403 without the permission). */
export async function requireOutlet(db: DbOrTrx, p: Principal, perm: PermissionCode, branchId: number | undefined): Promise<OutletRow> {
  const scope = requireScope(p, perm);
  const id = branchId ?? p.branchId;
  let o = await outletInScope(db, scope, p.branchId, id);
  // An outlet opened since the last start gets its default lobby on first use.
  if (!o && (await seedLobbyOutlets(db)) > 0) o = await outletInScope(db, scope, p.branchId, id);
  if (!o) throw notFound(OUTLET);
  return o;
}

export const ticketStateError = (number: string, status: string) =>
  conflict('TICKET_STATE', `${number} 号当前状态为「${statusZh(status)}」，不能执行此操作`, `Ticket ${number} is ${status}: this move is not allowed`);

const STATUS_ZH: Record<string, string> = {
  waiting: '等候中', called: '已叫号', serving: '办理中', done: '已完成', no_show: '过号', transferred: '已转移', cancelled: '已取消',
};
const statusZh = (s: string) => STATUS_ZH[s] ?? s;

const minutesBetween = (from: Date, to: Date) => Math.max(0, Math.round(((to.getTime() - from.getTime()) / 60_000) * 10) / 10);

export function presentTicket(r: TicketRow, now: Date = new Date()): Ticket {
  const { customerFullName, zoneId: _zoneId, ...rest } = r;
  return {
    ...rest,
    zoneKind: r.zoneKind as ZoneKind,
    channel: r.channel as Ticket['channel'],
    customerName: customerFullName ? maskName(customerFullName) : null,
    appointmentAt: r.appointmentAt?.toISOString() ?? null,
    arrivedAt: r.arrivedAt.toISOString(),
    queuedAt: r.queuedAt.toISOString(),
    calledAt: r.calledAt?.toISOString() ?? null,
    servingAt: r.servingAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    waitedMinutes: minutesBetween(r.arrivedAt, r.calledAt ?? (r.status === 'waiting' ? now : r.finishedAt ?? now)),
  };
}

export const lobbyTopic = (branchId: number) => `lobby:${branchId}`;
export const vipTopic = (branchId: number) => `lobby-vip:${branchId}`;
/** The VIP alerts of one RM's own customers at one outlet (an RM's lobby.vip scope is `own`). */
export const vipRmTopic = (branchId: number, rmStaffId: number) => `lobby-vip:${branchId}:rm:${rmStaffId}`;

type Pending = { branchId: number; event: LobbyEventName; data: Record<string, unknown> };
const outboxes = new WeakMap<object, Pending[]>();

/**
 * A transaction whose outlet events are numbered, logged and published as its last statements: the
 * outlet's sequence row is then locked only for the moment before commit, not while the rest of
 * the work runs, so an outlet's counters do not queue behind each other. The order of the events
 * is still the commit order, without gaps.
 */
export async function lobbyTransaction<T>(ctx: AppContext, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const box: Pending[] = [];
    outboxes.set(trx, box);
    const out = await fn(trx);
    outboxes.delete(trx);
    await flushEvents(ctx, trx, box);
    return out;
  });
}

async function flushEvents(ctx: AppContext, trx: Trx, box: readonly Pending[]): Promise<void> {
  // Outlets in id order, so two transactions touching the same two outlets cannot deadlock.
  for (const branchId of [...new Set(box.map((p) => p.branchId))].sort((a, b) => a - b)) {
    const mine = box.filter((p) => p.branchId === branchId);
    const first = await insertEvents(trx, branchId, mine.map((p) => ({ event: p.event, data: p.data })));
    if (first === null) continue;
    for (const [i, p] of mine.entries()) {
      const seq = first + i;
      await ctx.hub.publish(trx, { topic: lobbyTopic(branchId), event: p.event, data: { ...p.data, seq }, id: String(seq) });
    }
  }
}

/**
 * Numbers, logs and publishes one live event of the outlet inside the caller's transaction: a
 * rollback leaves neither the log row nor the push. The payload gets seq, branchId and at. Inside a
 * lobbyTransaction this happens just before commit; elsewhere at once.
 */
export async function emit<E extends LobbyEventName>(ctx: AppContext, db: DbOrTrx, branchId: number, event: E, payload: Record<string, unknown>): Promise<void> {
  const at = new Date().toISOString();
  if (event === 'vip.arrival') {
    // VIP alerts go to a separate topic and do not advance the board's sequence (a board never sees them).
    const seq = await currentEventSeq(db, branchId);
    const data = { ...payload, seq, branchId, at };
    await ctx.hub.publish(db, { topic: vipTopic(branchId), event, data });
    const rm = (payload.alert as { rmStaffId?: number | null } | undefined)?.rmStaffId;
    if (typeof rm === 'number') await ctx.hub.publish(db, { topic: vipRmTopic(branchId, rm), event, data });
    return;
  }
  const box = outboxes.get(db);
  if (box) {
    box.push({ branchId, event, data: { ...payload, branchId, at } });
    return;
  }
  const first = await insertEvents(db, branchId, [{ event, data: { ...payload, branchId, at } }]);
  const seq = first ?? 0;
  await ctx.hub.publish(db, { topic: lobbyTopic(branchId), event, data: { ...payload, seq, branchId, at }, id: String(seq) });
}
