// The day in the lobby: check-in and triage, the queue in the rule's order, and each counter's
// moves on a ticket. Every move is one transaction with a conditional UPDATE: no ticket is lost or
// served twice, and an illegal move is a 409.
import type {
  BoardZone, CallNextResult, CheckInBody, CheckInResult, CancelTicketBody, RecognisedCustomer, Ticket, TransferResult,
  TransferTicketBody, Zone, ZoneQueue,
} from '../../../contracts/lobby';
import { maskName } from '../../../contracts/personal-data';
import { audit, type Actor } from '../../platform/audit';
import type { Principal } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import type { DbOrTrx } from '../../platform/db';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { addCustomerEvent } from '../customers/timeline';
import * as repo from './lobby.repository';
import * as q from './lobby-queue.repository';
import * as rec from './lobby-records.repository';
import { COUNTER, emit, presentTicket, requireOutlet, shanghaiDay, TICKET, ticketStateError } from './lobby.common';
import { orderQueue, slaFor, slaState, type QueueItem } from './lobby.queue-order';
import { routeZone, ticketNumber } from './lobby.routing';
import { nextStatus, type TicketAction } from './lobby.state';
import { raiseVipAlert } from './lobby-vip.service';
import { requireCounter } from './lobby.service';
import { copySlaAlerted } from './lobby-sla.service';

const DEFAULT_SERVICE_MINUTES = 6;

// ---- the queue in order --------------------------------------------------------------------------

type ZoneStats = { zone: Zone; meanServiceMinutes: number; openCounters: number };

/** Mean service minutes per zone: measured over the last 4 weeks, else the business types' defaults. */
async function zoneStats(db: DbOrTrx, branchId: number, zones: readonly Zone[]): Promise<Map<number, ZoneStats>> {
  const [measured, businesses, counts] = await Promise.all([q.recentServiceMinutes(db, branchId), repo.listBusinessTypes(db), q.zoneCounts(db, branchId)]);
  const out = new Map<number, ZoneStats>();
  for (const zone of zones) {
    const own = businesses.filter((b) => b.defaultZone === zone.kind);
    const fallback = own.length > 0 ? own.reduce((s, b) => s + b.serviceMinutes, 0) / own.length : DEFAULT_SERVICE_MINUTES;
    out.set(zone.id, {
      zone,
      meanServiceMinutes: measured.get(zone.id) ?? fallback,
      openCounters: counts.find((c) => c.zoneId === zone.id)?.openCounters ?? 0,
    });
  }
  return out;
}

const asItem = (t: q.TicketRow): QueueItem & { row: q.TicketRow } => ({
  id: t.id, tierRank: t.tierRank, priority: t.priority, arrivedAt: t.arrivedAt.getTime(), appointmentAt: t.appointmentAt?.getTime() ?? null, slaMinutes: t.slaMinutes, row: t,
});

function ordered(rows: readonly q.TicketRow[], s: ZoneStats, now: number) {
  return orderQueue(rows.map(asItem), { now, meanServiceMinutes: s.meanServiceMinutes, openCounters: s.openCounters });
}

/** Waiting tickets per zone in call order, with waits and service-level states. */
export async function zoneQueues(db: DbOrTrx, branchId: number, now: Date = new Date()): Promise<ZoneQueue[]> {
  const zones = (await repo.listZones(db, branchId)).filter((z) => z.kind !== 'self_service' && z.active);
  const [stats, waiting] = await Promise.all([zoneStats(db, branchId, zones), q.waitingTickets(db, branchId)]);
  return zones.map((zone) => {
    const s = stats.get(zone.id)!;
    const list = ordered(waiting.filter((t) => t.zoneId === zone.id), s, now.getTime());
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
      estimatedWaitMinutes: Math.round((tickets.length * s.meanServiceMinutes) / Math.max(1, s.openCounters)),
      overSlaWarn: tickets.filter((t) => t.slaState === 'warn').length,
      overSla: tickets.filter((t) => t.slaState === 'breach').length,
      tickets,
    };
  });
}

export const boardZones = (zs: readonly ZoneQueue[]): BoardZone[] =>
  zs.map((z) => ({ zoneCode: z.zoneCode, zoneKind: z.zoneKind, nameZh: z.nameZh, nameEn: z.nameEn, waiting: z.waiting, estimatedWaitMinutes: z.estimatedWaitMinutes }));

/** The waiting counts every board shows, pushed after each change of a queue. */
async function emitCounts(ctx: AppContext, db: DbOrTrx, branchId: number): Promise<void> {
  await emit(ctx, db, branchId, 'queue.counts', { zones: boardZones(await zoneQueues(db, branchId)) });
}

export async function queueView(ctx: AppContext, p: Principal, branchId: number) {
  const o = await requireOutlet(ctx.db, p, 'lobby.queue.read', branchId);
  const now = new Date();
  return { branchId: o.branchId, day: shanghaiDay(now), at: now.toISOString(), zones: await zoneQueues(ctx.db, o.branchId, now) };
}

export async function getTicket(ctx: AppContext, p: Principal, id: number): Promise<Ticket> {
  const t = await requireTicket(ctx, p, 'lobby.queue.read', id);
  return presentTicket(t);
}

async function requireTicket(ctx: AppContext, p: Principal, perm: 'lobby.queue.read' | 'lobby.counter.operate' | 'lobby.checkin', id: number): Promise<q.TicketRow> {
  const t = await q.getTicket(ctx.db, id);
  if (!t) throw notFound(TICKET);
  await requireOutlet(ctx.db, p, perm, t.branchId).catch((e: unknown) => {
    throw e instanceof AppError && e.status === 403 ? e : notFound(TICKET);
  });
  return t;
}

// ---- check-in --------------------------------------------------------------------------------------

const notRecognised = () =>
  new AppError(404, 'CUSTOMER_NOT_RECOGNISED', '未能识别客户，请核对或直接取号', 'The customer was not recognised: check the input or take a ticket without it');

export async function checkIn(ctx: AppContext, actor: Actor, p: Principal, body: CheckInBody): Promise<CheckInResult> {
  const o = await requireOutlet(ctx.db, p, 'lobby.checkin', body.branchId);
  const business = await repo.getBusinessType(ctx.db, body.businessCode);
  if (!business || !business.active) throw badRequest('UNKNOWN_BUSINESS', `业务类型不存在：${body.businessCode}`, `No such business type: ${body.businessCode}`);
  if (business.needsAmount && body.amount === undefined) {
    throw badRequest('AMOUNT_REQUIRED', '请填写办理金额（大额现金需到柜台办理）', 'Please give the amount (large cash is handled at a counter)', [{ path: 'amount', zh: '「金额」必须填写', en: '"Amount" is required' }]);
  }
  const appointment = body.appointmentId ? await rec.getAppointment(ctx.db, body.appointmentId) : null;
  if (body.appointmentId && (!appointment || appointment.branchId !== o.branchId)) throw notFound({ zh: '预约', en: 'appointment' });
  if (appointment && appointment.status !== 'booked') throw conflict('APPOINTMENT_USED', '该预约已签到或已取消', 'This appointment has already been checked in or cancelled');

  const who = appointment ? await repo.findCustomer(ctx.db, 'id', appointment.customerId) : body.identify ? await repo.findCustomer(ctx.db, body.identify.kind, body.identify.value) : null;
  if (body.identify && !who) throw notRecognised();
  const [settings, rules, levels] = await Promise.all([repo.getSettings(ctx.db), repo.listRoutingRules(ctx.db, o.branchId), repo.listServiceLevels(ctx.db)]);
  const tierRank = who?.tierRank ?? 0;
  const vip = who !== null && tierRank >= settings.vipMinTierRank;
  const customer: RecognisedCustomer | null = who
    ? { customerId: who.customerId, name: maskName(who.fullName), tierCode: who.tierCode, tierNameZh: who.tierNameZh, tierNameEn: who.tierNameEn, tierRank, vip }
    : null;
  const zoneKind = routeZone(rules, { businessCode: business.code, tierRank, amount: body.amount ?? null, defaultZone: business.defaultZone });

  if (zoneKind === 'self_service') {
    const guidance = await rec.insertGuidance(ctx.db, { branchId: o.branchId, kind: 'self_service', businessCode: business.code, customerId: who?.customerId ?? null, staffId: body.channel === 'lobby' ? p.staffId : null, note: body.note });
    return {
      kind: 'guidance', guidance, customer,
      messageZh: `「${business.nameZh}」请到自助服务区的自助设备办理，大堂经理可以指导您操作`,
      messageEn: `"${business.nameEn}" is done at the self-service machines; the lobby manager can show you how`,
    };
  }

  const zone = (await repo.zoneByKind(ctx.db, o.branchId, zoneKind)) ?? (await repo.zoneByKind(ctx.db, o.branchId, business.defaultZone));
  if (!zone || zone.kind === 'self_service') throw conflict('NO_ZONE', '本网点没有办理该业务的区域', 'This outlet has no zone for that business');
  const day = shanghaiDay();
  const prefix = vip ? zone.priorityPrefix : zone.prefix;
  const id = await ctx.db.transaction().execute(async (trx) => {
    const number = ticketNumber(prefix, await q.nextTicketSeq(trx, o.branchId, day, prefix));
    const id = await q.insertTicket(trx, {
      day, branchId: o.branchId, number, zoneId: zone.id, businessCode: business.code, channel: appointment ? 'appointment' : body.channel,
      customerId: who?.customerId ?? null, tierCode: who?.tierCode ?? null, tierRank, priority: vip, amount: body.amount ?? null,
      appointmentAt: appointment?.at ?? null, arrivedAt: null, transferredFromId: null, note: body.note, slaMinutes: slaFor(tierRank, levels), createdBy: p.staffId,
    });
    if (appointment) await rec.markAppointmentCheckedIn(trx, appointment.id, id);
    await emit(ctx, trx, o.branchId, 'ticket.created', { ticketId: id, number, zoneCode: zone.code, priority: vip });
    await emitCounts(ctx, trx, o.branchId);
    if (who) {
      await addCustomerEvent(trx, {
        customerId: who.customerId, kind: 'visit', title: `到店取号 ${number}（${business.nameZh}）`,
        detail: { titleEn: `Visited the outlet: ticket ${number} (${business.nameEn})`, branchId: o.branchId, ticketId: id }, staffId: p.staffId, refType: 'lobby_ticket', refId: id,
      });
    }
    if (vip && who) await raiseVipAlert(ctx, trx, { outlet: o, ticketId: id, number, zoneCode: zone.code, businessCode: business.code, customer: who });
    return id;
  });

  const zs = (await zoneQueues(ctx.db, o.branchId)).find((z) => z.zoneCode === zone.code);
  const pos = zs?.tickets.findIndex((t) => t.id === id) ?? -1;
  const ticket = zs?.tickets[pos] ?? presentTicket((await q.getTicket(ctx.db, id))!);
  const per = zs ? zs.estimatedWaitMinutes / Math.max(1, zs.waiting) : DEFAULT_SERVICE_MINUTES;
  const { slaState: _s, ...plain } = ticket as Ticket & { slaState?: string };
  return {
    kind: 'ticket', ticket: plain, customer,
    ahead: Math.max(0, pos),
    estimatedWaitMinutes: Math.round(Math.max(0, pos) * per),
    vipRoomOffered: vip && (await repo.zoneByKind(ctx.db, o.branchId, 'vip')) !== null,
  };
}

// ---- counters ---------------------------------------------------------------------------------------

/**
 * Calls the next ticket for the counter in the queue rule's order; null when nobody waits for it.
 * The caller is the teller at the counter: when the counter shows someone else (a shift change, the
 * seeded or morning teller), the caller takes it over, audited; not while that teller still has a
 * ticket in hand (409 COUNTER_BUSY: finish, mark no-show or transfer it first).
 */
export async function callNext(ctx: AppContext, actor: Actor, p: Principal, counterId: number): Promise<CallNextResult> {
  const c = await requireCounter(ctx, p, 'lobby.counter.operate', counterId);
  if (c.status !== 'open') throw conflict('COUNTER_CLOSED', '窗口未开启，请先开启窗口', 'The counter is not open: open it first');
  const calledId = await ctx.db.transaction().execute(async (trx) => {
    const locked = (await repo.lockCounter(trx, counterId))!;
    if (locked.status !== 'open') throw conflict('COUNTER_CLOSED', '窗口未开启，请先开启窗口', 'The counter is not open: open it first');
    if (locked.currentTicketId !== null) {
      const cur = await q.getTicket(trx, locked.currentTicketId);
      if (cur && (cur.status === 'called' || cur.status === 'serving')) {
        throw conflict('COUNTER_BUSY', `请先办结、过号或转移 ${cur.number} 号`, `Finish, mark as no-show or transfer ticket ${cur.number} first`);
      }
    }
    if (locked.staffId !== p.staffId) {
      await repo.setCounterState(trx, counterId, { status: 'open', staffId: p.staffId });
      await audit(trx, actor, { action: 'lobby.counter.takeover', entityType: 'lobby_counter', entityId: counterId, branchId: locked.branchId, detail: { fromStaffId: locked.staffId, toStaffId: p.staffId } });
      await emit(ctx, trx, locked.branchId, 'counter.updated', { counter: (await repo.getCounter(trx, counterId))! });
    }
    const zone = (await repo.zoneById(trx, locked.zoneId))!;
    const stats = (await zoneStats(trx, locked.branchId, [zone])).get(zone.id)!;
    const candidates = (await q.waitingTickets(trx, locked.branchId, zone.id)).filter(
      (t) => (locked.businessCodes.length === 0 || locked.businessCodes.includes(t.businessCode)) && (t.counterId === null || t.counterId === counterId),
    );
    const order = ordered(candidates, stats, Date.now()).map((o) => o.item.id);
    const id = await q.claimNext(trx, counterId, p.staffId, order);
    if (id === null) return null;
    await repo.setCounterTicket(trx, counterId, id);
    const t = (await q.getTicket(trx, id))!;
    await emit(ctx, trx, locked.branchId, 'ticket.called', {
      call: { ticketId: id, number: t.number, counterNumber: c.number, zoneCode: zone.code, zoneNameZh: zone.nameZh, calledAt: t.calledAt!.toISOString(), recall: false },
    });
    await emitCounts(ctx, trx, locked.branchId);
    await emit(ctx, trx, locked.branchId, 'counter.updated', { counter: (await repo.getCounter(trx, counterId))! });
    return id;
  });
  const counter = (await repo.getCounter(ctx.db, counterId))!;
  return { ticket: calledId === null ? null : presentTicket((await q.getTicket(ctx.db, calledId))!), counter };
}

type MoveOptions = { businessDone?: string[]; note?: string };

/** recall, serve, no-show, complete: one conditional UPDATE; the counter is freed at the end. */
export async function moveTicket(ctx: AppContext, actor: Actor, p: Principal, id: number, action: Exclude<TicketAction, 'call' | 'transfer' | 'cancel'>, opts: MoveOptions = {}): Promise<Ticket> {
  const t = await requireTicket(ctx, p, 'lobby.counter.operate', id);
  const to = nextStatus(t.status, action);
  if (!to) throw ticketStateError(t.number, t.status);
  if (action === 'complete' && opts.businessDone && opts.businessDone.length > 0) {
    const known = new Set((await repo.listBusinessTypes(ctx.db)).map((b) => b.code));
    const unknown = opts.businessDone.filter((b) => !known.has(b));
    if (unknown.length > 0) throw badRequest('UNKNOWN_BUSINESS', `业务类型不存在：${unknown.join('、')}`, `No such business type: ${unknown.join(', ')}`);
  }
  await ctx.db.transaction().execute(async (trx) => {
    if (t.counterId !== null) await repo.lockCounter(trx, t.counterId);
    const moved = await q.moveTicket(trx, id, [t.status], {
      status: to,
      recall: action === 'recall',
      servingAt: action === 'serve' ? 'now' : undefined,
      finishedAt: action === 'complete' || action === 'no_show' ? 'now' : undefined,
      businessDone: action === 'complete' ? (opts.businessDone && opts.businessDone.length > 0 ? opts.businessDone : [t.businessCode]) : undefined,
      note: opts.note,
    });
    if (!moved) {
      const now = await q.getTicket(trx, id);
      throw ticketStateError(t.number, now?.status ?? t.status);
    }
    const after = (await q.getTicket(trx, id))!;
    if (action === 'recall') {
      await emit(ctx, trx, t.branchId, 'ticket.called', {
        call: { ticketId: id, number: t.number, counterNumber: t.counterNumber ?? '', zoneCode: t.zoneCode, zoneNameZh: (await repo.zoneById(trx, t.zoneId))!.nameZh, calledAt: after.calledAt!.toISOString(), recall: true },
      });
      return;
    }
    await emit(ctx, trx, t.branchId, 'ticket.updated', { ticketId: id, number: t.number, zoneCode: t.zoneCode, status: to, counterNumber: t.counterNumber });
    if ((action === 'complete' || action === 'no_show') && t.counterId !== null) {
      await releaseCounter(ctx, trx, t.counterId, id);
    }
    if (action === 'no_show') await audit(trx, actor, { action: 'lobby.ticket.no_show', entityType: 'lobby_ticket', entityId: id, branchId: t.branchId, customerId: t.customerId });
    if (action === 'complete' && t.customerId !== null) {
      await addCustomerEvent(trx, {
        customerId: t.customerId, kind: 'visit', title: `网点办理完成：${t.businessNameZh}（${t.number}，${t.counterNumber ?? ''}号窗口）`,
        detail: { titleEn: `Served at the outlet: ${t.businessNameEn} (${t.number})`, businessDone: after.businessDone, branchId: t.branchId }, staffId: p.staffId, refType: 'lobby_ticket', refId: id,
      });
    }
  });
  return presentTicket((await q.getTicket(ctx.db, id))!);
}

async function releaseCounter(ctx: AppContext, trx: DbOrTrx, counterId: number, ticketId: number): Promise<void> {
  const c = await repo.getCounter(trx, counterId);
  if (c && c.currentTicketId === ticketId) {
    await repo.setCounterTicket(trx, counterId, null);
    await emit(ctx, trx, c.branchId, 'counter.updated', { counter: (await repo.getCounter(trx, counterId))! });
  }
}

/** To another zone (and optionally one counter of it): a new waiting ticket that keeps the arrival time and number. */
export async function transferTicket(ctx: AppContext, actor: Actor, p: Principal, id: number, body: TransferTicketBody): Promise<TransferResult> {
  const t = await requireTicket(ctx, p, 'lobby.counter.operate', id);
  if (!nextStatus(t.status, 'transfer')) throw ticketStateError(t.number, t.status);
  const zone = await repo.zoneByCode(ctx.db, t.branchId, body.zoneCode);
  if (!zone || !zone.active || zone.kind === 'self_service') throw badRequest('UNKNOWN_ZONE', `本网点没有可转入的区域：${body.zoneCode}`, `The outlet has no zone ${body.zoneCode} to transfer to`);
  if (body.counterId !== undefined) {
    const target = await repo.getCounter(ctx.db, body.counterId);
    if (!target || target.branchId !== t.branchId || target.zoneCode !== zone.code) {
      throw badRequest('UNKNOWN_COUNTER', '目标窗口不属于该区域', 'The target counter is not in that zone');
    }
  }
  if (body.businessCode !== undefined && !(await repo.getBusinessType(ctx.db, body.businessCode))) {
    throw badRequest('UNKNOWN_BUSINESS', `业务类型不存在：${body.businessCode}`, `No such business type: ${body.businessCode}`);
  }
  const newId = await ctx.db.transaction().execute(async (trx) => {
    if (t.counterId !== null) await repo.lockCounter(trx, t.counterId);
    const moved = await q.moveTicket(trx, id, [t.status], { status: 'transferred', finishedAt: 'now', note: body.reason });
    if (!moved) throw ticketStateError(t.number, (await q.getTicket(trx, id))?.status ?? t.status);
    const newId = await q.insertTicket(trx, {
      day: t.day, branchId: t.branchId, number: t.number, zoneId: zone.id, businessCode: body.businessCode ?? t.businessCode, channel: t.channel,
      customerId: t.customerId, tierCode: t.tierCode, tierRank: t.tierRank, priority: t.priority, amount: t.amount, appointmentAt: t.appointmentAt?.toISOString() ?? null,
      arrivedAt: t.arrivedAt.toISOString(), transferredFromId: id, note: body.reason, slaMinutes: t.slaMinutes, createdBy: p.staffId, counterId: body.counterId ?? null,
    });
    await q.moveTicket(trx, id, ['transferred'], { transferredToId: newId });
    await copySlaAlerted(trx, id, newId);
    if (t.counterId !== null) await releaseCounter(ctx, trx, t.counterId, id);
    await audit(trx, actor, { action: 'lobby.ticket.transfer', entityType: 'lobby_ticket', entityId: id, branchId: t.branchId, customerId: t.customerId, detail: { to: newId, zone: zone.code, counterId: body.counterId ?? null, reason: body.reason } });
    await emit(ctx, trx, t.branchId, 'ticket.updated', { ticketId: id, number: t.number, zoneCode: t.zoneCode, status: 'transferred', counterNumber: t.counterNumber });
    await emit(ctx, trx, t.branchId, 'ticket.created', { ticketId: newId, number: t.number, zoneCode: zone.code, priority: t.priority });
    await emitCounts(ctx, trx, t.branchId);
    return newId;
  });
  const [from, to] = await Promise.all([q.getTicket(ctx.db, id), q.getTicket(ctx.db, newId)]);
  return { from: presentTicket(from!), to: presentTicket(to!) };
}

export async function cancelTicket(ctx: AppContext, actor: Actor, p: Principal, id: number, body: CancelTicketBody): Promise<Ticket> {
  const t = await requireTicket(ctx, p, 'lobby.checkin', id);
  if (!nextStatus(t.status, 'cancel')) throw ticketStateError(t.number, t.status);
  await ctx.db.transaction().execute(async (trx) => {
    if (t.counterId !== null) await repo.lockCounter(trx, t.counterId);
    const moved = await q.moveTicket(trx, id, [t.status], { status: 'cancelled', finishedAt: 'now', note: body?.reason ?? '' });
    if (!moved) throw ticketStateError(t.number, (await q.getTicket(trx, id))?.status ?? t.status);
    if (t.counterId !== null) await releaseCounter(ctx, trx, t.counterId, id);
    await audit(trx, actor, { action: 'lobby.ticket.cancel', entityType: 'lobby_ticket', entityId: id, branchId: t.branchId, customerId: t.customerId, reason: body?.reason ?? null });
    await emit(ctx, trx, t.branchId, 'ticket.updated', { ticketId: id, number: t.number, zoneCode: t.zoneCode, status: 'cancelled', counterNumber: t.counterNumber });
    await emitCounts(ctx, trx, t.branchId);
  });
  return presentTicket((await q.getTicket(ctx.db, id))!);
}

export async function counterConsole(ctx: AppContext, p: Principal, counterId: number) {
  const c = await requireCounter(ctx, p, 'lobby.queue.read', counterId);
  const zone = (await repo.zoneByCode(ctx.db, c.branchId, c.zoneCode))!;
  const stats = (await zoneStats(ctx.db, c.branchId, [zone])).get(zone.id)!;
  const waiting = (await q.waitingTickets(ctx.db, c.branchId, zone.id)).filter(
    (t) => (c.businessCodes.length === 0 || c.businessCodes.includes(t.businessCode)) && (t.counterId === null || t.counterId === counterId),
  );
  const next = ordered(waiting, stats, Date.now()).slice(0, 20).map((o) => presentTicket(o.item.row));
  const current = c.currentTicketId !== null ? await q.getTicket(ctx.db, c.currentTicketId) : null;
  return {
    counter: c,
    current: current && (current.status === 'called' || current.status === 'serving') ? presentTicket(current) : null,
    next,
    servedToday: await q.servedToday(ctx.db, counterId),
  };
}

export { COUNTER };
