// The day in the lobby: check-in and triage, the queue in the rule's order, and each counter's
// moves on a ticket. Every move is one transaction with a conditional UPDATE: no ticket is lost or
// served twice, and an illegal move is a 409.
import type {
  CallNextResult, CheckInBody, CheckInResult, CancelTicketBody, RecognisedCustomer, Ticket, TransferResult, TransferTicketBody,
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
import { COUNTER, emit, lobbyTransaction, presentTicket, requireOutlet, shanghaiDay, TICKET, ticketStateError } from './lobby.common';
import { lobbyCache } from './lobby.cache';
import { meanServiceMinutes, orderParams, publishCountsSoon, queueItem, zoneMeanMinutes, zoneQueues } from './lobby-counts.service';
import { orderQueue, slaFor } from './lobby.queue-order';
import { routeZone } from './lobby.routing';
import { nextStatus, type TicketAction } from './lobby.state';
import { raiseVipAlert } from './lobby-vip.service';
import { requireCounter } from './lobby.service';
import { copySlaAlerted } from './lobby-sla.service';

export async function queueView(ctx: AppContext, p: Principal, branchId: number) {
  const o = await requireOutlet(ctx.db, p, 'lobby.queue.read', branchId);
  const now = new Date();
  return { branchId: o.branchId, day: shanghaiDay(now), at: now.toISOString(), zones: await zoneQueues(ctx, o.branchId, now) };
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
  const cache = lobbyCache(ctx);
  const business = (await cache.businessTypes()).find((b) => b.code === body.businessCode);
  if (!business || !business.active) throw badRequest('UNKNOWN_BUSINESS', `业务类型不存在：${body.businessCode}`, `No such business type: ${body.businessCode}`);
  if (business.needsAmount && body.amount === undefined) {
    throw badRequest('AMOUNT_REQUIRED', '请填写办理金额（大额现金需到柜台办理）', 'Please give the amount (large cash is handled at a counter)', [{ path: 'amount', zh: '「金额」必须填写', en: '"Amount" is required' }]);
  }
  const appointment = body.appointmentId ? await rec.getAppointment(ctx.db, body.appointmentId) : null;
  if (body.appointmentId && (!appointment || appointment.branchId !== o.branchId)) throw notFound({ zh: '预约', en: 'appointment' });
  if (appointment && appointment.status !== 'booked') throw conflict('APPOINTMENT_USED', '该预约已签到或已取消', 'This appointment has already been checked in or cancelled');

  const who = appointment ? await repo.findCustomer(ctx.db, 'id', appointment.customerId) : body.identify ? await repo.findCustomer(ctx.db, body.identify.kind, body.identify.value) : null;
  if (body.identify && !who) throw notRecognised();
  const [settings, rules, levels, zones] = await Promise.all([cache.settings(), cache.routingRules(o.branchId), cache.serviceLevels(), cache.zones(o.branchId)]);
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

  // Zones come in code order: the first active zone of a kind takes its tickets.
  const zoneOf = (kind: string) => zones.find((z) => z.kind === kind && z.active) ?? null;
  const zone = zoneOf(zoneKind) ?? zoneOf(business.defaultZone);
  if (!zone || zone.kind === 'self_service') throw conflict('NO_ZONE', '本网点没有办理该业务的区域', 'This outlet has no zone for that business');
  const day = shanghaiDay();
  const { id } = await lobbyTransaction(ctx, async (trx) => {
    // The number row is locked from here to commit: only the ticket's own records follow.
    const t = await q.insertNumberedTicket(trx, vip ? zone.priorityPrefix : zone.prefix, {
      day, branchId: o.branchId, zoneId: zone.id, businessCode: business.code, channel: appointment ? 'appointment' : body.channel,
      customerId: who?.customerId ?? null, tierCode: who?.tierCode ?? null, tierRank, priority: vip, amount: body.amount ?? null,
      appointmentAt: appointment?.at ?? null, arrivedAt: null, transferredFromId: null, note: body.note, slaMinutes: slaFor(tierRank, levels), createdBy: p.staffId,
    });
    // Two check-ins of one appointment at once: the second finds it used, and its ticket is rolled back.
    if (appointment && !(await rec.markAppointmentCheckedIn(trx, appointment.id, t.id))) {
      throw conflict('APPOINTMENT_USED', '该预约已签到或已取消', 'This appointment has already been checked in or cancelled');
    }
    if (who) {
      await addCustomerEvent(trx, {
        customerId: who.customerId, kind: 'visit', title: `到店取号 ${t.number}（${business.nameZh}）`,
        detail: { titleEn: `Visited the outlet: ticket ${t.number} (${business.nameEn})`, branchId: o.branchId, ticketId: t.id }, staffId: p.staffId, refType: 'lobby_ticket', refId: t.id,
      });
    }
    if (vip && who) await raiseVipAlert(ctx, trx, { outlet: o, ticketId: t.id, number: t.number, zoneCode: zone.code, businessCode: business.code, customer: who });
    await emit(ctx, trx, o.branchId, 'ticket.created', { ticketId: t.id, number: t.number, zoneCode: zone.code, priority: vip });
    return t;
  });
  publishCountsSoon(ctx, o.branchId);

  // The place in the queue: the zone's waiting tickets in the rule's order (one light query).
  const [state, row, mean] = await Promise.all([q.zoneQueueState(ctx.db, zone.id), q.getTicket(ctx.db, id), zoneMeanMinutes(ctx, zone)]);
  const ordered = orderQueue(state.waiting.map(queueItem), orderParams(mean, state.openCounters, Date.now()));
  const mine = ordered.find((x) => x.item.id === id);
  return {
    kind: 'ticket', ticket: presentTicket(row!), customer,
    ahead: mine?.position ?? 0,
    estimatedWaitMinutes: mine?.estimatedWaitMinutes ?? 0,
    vipRoomOffered: vip && zoneOf('vip') !== null,
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
  const zone = (await lobbyCache(ctx).zones(c.branchId)).find((z) => z.code === c.zoneCode) ?? (await repo.zoneByCode(ctx.db, c.branchId, c.zoneCode))!;
  const mean = await zoneMeanMinutes(ctx, zone);
  const done = await lobbyTransaction(ctx, async (trx) => {
    const locked = (await repo.lockCounter(trx, counterId))!;
    if (locked.status !== 'open') throw conflict('COUNTER_CLOSED', '窗口未开启，请先开启窗口', 'The counter is not open: open it first');
    if (locked.currentStatus === 'called' || locked.currentStatus === 'serving') {
      throw conflict('COUNTER_BUSY', `请先办结、过号或转移 ${locked.currentNumber} 号`, `Finish, mark as no-show or transfer ticket ${locked.currentNumber} first`);
    }
    // The counter moved to another zone since it was read: its zone now is the one locked.
    const z = locked.zoneId === zone.id ? zone : (await repo.zoneById(trx, locked.zoneId))!;
    if (locked.staffId !== p.staffId) {
      await repo.setCounterState(trx, counterId, { status: 'open', staffId: p.staffId });
      await audit(trx, actor, { action: 'lobby.counter.takeover', entityType: 'lobby_counter', entityId: counterId, branchId: locked.branchId, detail: { fromStaffId: locked.staffId, toStaffId: p.staffId } });
    }
    const state = await q.zoneQueueState(trx, z.id);
    const candidates = state.waiting.filter(
      (t) => (locked.businessCodes.length === 0 || locked.businessCodes.includes(t.businessCode)) && (t.counterId === null || t.counterId === counterId),
    );
    // A counter moved to another zone meanwhile: that zone's mean comes from the business types' standard.
    const zoneMean = z === zone ? mean : meanServiceMinutes(z, new Map(), await repo.listBusinessTypes(trx));
    const order = orderQueue(candidates.map(queueItem), orderParams(zoneMean, state.openCounters, Date.now())).map((o) => o.item.id);
    const claimed = await q.claimNext(trx, counterId, p.staffId, order);
    const counter = (await repo.getCounter(trx, counterId))!;
    if (claimed) {
      await emit(ctx, trx, locked.branchId, 'ticket.called', {
        call: { ticketId: claimed.id, number: claimed.number, counterNumber: counter.number, zoneCode: z.code, zoneNameZh: z.nameZh, calledAt: claimed.calledAt.toISOString(), recall: false },
      });
    }
    if (claimed || locked.staffId !== p.staffId) await emit(ctx, trx, locked.branchId, 'counter.updated', { counter });
    return { id: claimed?.id ?? null, counter };
  });
  if (done.id === null) return { ticket: null, counter: done.counter };
  publishCountsSoon(ctx, c.branchId);
  return { ticket: presentTicket((await q.getTicket(ctx.db, done.id))!), counter: done.counter };
}

type MoveOptions = { businessDone?: string[]; note?: string };

/** recall, serve, no-show, complete: one conditional UPDATE; the counter is freed at the end. */
export async function moveTicket(ctx: AppContext, actor: Actor, p: Principal, id: number, action: Exclude<TicketAction, 'call' | 'transfer' | 'cancel'>, opts: MoveOptions = {}): Promise<Ticket> {
  const t = await requireTicket(ctx, p, 'lobby.counter.operate', id);
  const to = nextStatus(t.status, action);
  if (!to) throw ticketStateError(t.number, t.status);
  if (action === 'complete' && opts.businessDone && opts.businessDone.length > 0) {
    const known = new Set((await lobbyCache(ctx).businessTypes()).map((b) => b.code));
    const unknown = opts.businessDone.filter((b) => !known.has(b));
    if (unknown.length > 0) throw badRequest('UNKNOWN_BUSINESS', `业务类型不存在：${unknown.join('、')}`, `No such business type: ${unknown.join(', ')}`);
  }
  const zoneNameZh = action === 'recall' ? ((await lobbyCache(ctx).zones(t.branchId)).find((z) => z.id === t.zoneId)?.nameZh ?? (await repo.zoneById(ctx.db, t.zoneId))!.nameZh) : '';
  await lobbyTransaction(ctx, async (trx) => {
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
    if (action === 'recall') {
      await emit(ctx, trx, t.branchId, 'ticket.called', {
        call: { ticketId: id, number: t.number, counterNumber: t.counterNumber ?? '', zoneCode: t.zoneCode, zoneNameZh, calledAt: moved.calledAt!.toISOString(), recall: true },
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
        detail: { titleEn: `Served at the outlet: ${t.businessNameEn} (${t.number})`, businessDone: moved.businessDone, branchId: t.branchId }, staffId: p.staffId, refType: 'lobby_ticket', refId: id,
      });
    }
  });
  return presentTicket((await q.getTicket(ctx.db, id))!);
}

async function releaseCounter(ctx: AppContext, trx: DbOrTrx, counterId: number, ticketId: number): Promise<void> {
  if (await repo.releaseCounterTicket(trx, counterId, ticketId)) {
    const c = (await repo.getCounter(trx, counterId))!;
    await emit(ctx, trx, c.branchId, 'counter.updated', { counter: c });
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
  const newId = await lobbyTransaction(ctx, async (trx) => {
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
    return newId;
  });
  publishCountsSoon(ctx, t.branchId);
  const [from, to] = await Promise.all([q.getTicket(ctx.db, id), q.getTicket(ctx.db, newId)]);
  return { from: presentTicket(from!), to: presentTicket(to!) };
}

export async function cancelTicket(ctx: AppContext, actor: Actor, p: Principal, id: number, body: CancelTicketBody): Promise<Ticket> {
  const t = await requireTicket(ctx, p, 'lobby.checkin', id);
  if (!nextStatus(t.status, 'cancel')) throw ticketStateError(t.number, t.status);
  await lobbyTransaction(ctx, async (trx) => {
    if (t.counterId !== null) await repo.lockCounter(trx, t.counterId);
    const moved = await q.moveTicket(trx, id, [t.status], { status: 'cancelled', finishedAt: 'now', note: body?.reason ?? '' });
    if (!moved) throw ticketStateError(t.number, (await q.getTicket(trx, id))?.status ?? t.status);
    if (t.counterId !== null) await releaseCounter(ctx, trx, t.counterId, id);
    await audit(trx, actor, { action: 'lobby.ticket.cancel', entityType: 'lobby_ticket', entityId: id, branchId: t.branchId, customerId: t.customerId, reason: body?.reason ?? null });
    await emit(ctx, trx, t.branchId, 'ticket.updated', { ticketId: id, number: t.number, zoneCode: t.zoneCode, status: 'cancelled', counterNumber: t.counterNumber });
  });
  publishCountsSoon(ctx, t.branchId);
  return presentTicket((await q.getTicket(ctx.db, id))!);
}

export async function counterConsole(ctx: AppContext, p: Principal, counterId: number) {
  const c = await requireCounter(ctx, p, 'lobby.queue.read', counterId);
  const zone = (await repo.zoneByCode(ctx.db, c.branchId, c.zoneCode))!;
  const [state, waitingRows] = await Promise.all([q.zoneQueueState(ctx.db, zone.id), q.waitingTickets(ctx.db, c.branchId, zone.id)]);
  const waiting = waitingRows.filter(
    (t) => (c.businessCodes.length === 0 || c.businessCodes.includes(t.businessCode)) && (t.counterId === null || t.counterId === counterId),
  );
  const next = orderQueue(waiting.map(queueItem), orderParams(await zoneMeanMinutes(ctx, zone), state.openCounters, Date.now())).slice(0, 20).map((o) => presentTicket(o.item.row));
  const current = c.currentTicketId !== null ? await q.getTicket(ctx.db, c.currentTicketId) : null;
  return {
    counter: c,
    current: current && (current.status === 'called' || current.status === 'serving') ? presentTicket(current) : null,
    next,
    servedToday: await q.servedToday(ctx.db, counterId),
  };
}

export { COUNTER };
