// Customer care events (关怀活动): salons, investment seminars, appreciation events. Invitations go
// to a consenting segment; RSVPs and the door check-in are recorded; closing the event gives each
// attendee's RM a follow-up task; cost per attendee and sales after the event are reported.
import type { CareEvent, CareEventBody, Invitation, SegmentFilters } from '../../../contracts/growth';
import { maskName } from '../../../contracts/personal-data';
import { requireScope, type Principal } from '../../platform/access';
import { audit, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { conflict, notFound } from '../../platform/errors';
import { addCustomerEvent } from '../customers/timeline';
import { createTasks } from './engagement-tasks.service';
import * as repo from './growth-events.repository';
import { checkedSegment } from './growth-campaigns.service';
import { addDays, costPerAttendee, EVENT_SALES_DAYS, shanghaiDay } from './growth.rules';

const EVENT = { zh: '客户活动', en: 'care event' };
const INVITATION = { zh: '邀请', en: 'invitation' };
const FOLLOW_UP_DAYS = 3;

function present(e: repo.EventRow): CareEvent {
  return {
    id: e.id, branchId: e.branchId, branchName: e.branchName, kind: e.kind, title: e.title, venue: e.venue, startsAt: e.startsAt.toISOString(),
    capacity: e.capacity, cost: e.cost, status: e.status, invited: e.invited, accepted: e.accepted, attended: e.attended,
    costPerAttendee: costPerAttendee(e.cost, e.attended), salesAfter: { customers: e.soldCustomers, amount: e.soldAmount },
  };
}

async function requireEvent(ctx: AppContext, p: Principal, id: number, db = ctx.db): Promise<repo.EventRow> {
  const e = await repo.getEvent(db, requireScope(p, 'events.manage'), id, EVENT_SALES_DAYS);
  if (!e) throw notFound(EVENT);
  return e;
}

export async function listEvents(ctx: AppContext, p: Principal): Promise<CareEvent[]> {
  return (await repo.listEvents(ctx.db, requireScope(p, 'events.manage'), EVENT_SALES_DAYS)).map(present);
}

export async function createEvent(ctx: AppContext, actor: Actor, p: Principal, body: CareEventBody): Promise<CareEvent> {
  const scope = requireScope(p, 'events.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertEvent(trx, {
      branchId: p.branchId, kind: body.kind, title: body.title, venue: body.venue ?? '', startsAt: body.startsAt, capacity: body.capacity ?? null, cost: body.cost ?? '0', createdBy: p.staffId,
    });
    await audit(trx, actor, { action: 'event.create', entityType: 'growth_event', entityId: id, branchId: p.branchId, detail: { kind: body.kind, title: body.title } });
    return present((await repo.getEvent(trx, scope, id, EVENT_SALES_DAYS))!);
  });
}

export async function inviteSegment(ctx: AppContext, actor: Actor, p: Principal, id: number, filters: SegmentFilters): Promise<{ count: number }> {
  const scope = requireScope(p, 'events.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const e = await requireEvent(ctx, p, id, trx);
    if (e.status !== 'planned') throw conflict('EVENT_CLOSED', '活动已结束或取消，不能再邀请', 'The event is over or cancelled: no more invitations');
    await repo.lockEvent(trx, id);
    const spec = await checkedSegment(trx, scope, filters);
    const count = await repo.invite(trx, id, spec, scope);
    await repo.setFilters(trx, id, filters);
    await audit(trx, actor, { action: 'event.invite', entityType: 'growth_event', entityId: id, branchId: e.branchId, detail: { invited: count, filters } });
    return { count };
  });
}

export async function listInvitations(ctx: AppContext, p: Principal, id: number): Promise<Invitation[]> {
  await requireEvent(ctx, p, id);
  return (await repo.invitations(ctx.db, id)).map(({ fullName, checkedInAt, ...r }) => ({ ...r, name: maskName(fullName), checkedInAt: checkedInAt ? checkedInAt.toISOString() : null }));
}

export async function recordRsvp(ctx: AppContext, actor: Actor, p: Principal, id: number, customerId: number, rsvp: 'yes' | 'no'): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const e = await requireEvent(ctx, p, id, trx);
    if (!(await repo.setRsvp(trx, id, customerId, rsvp))) throw notFound(INVITATION);
    await audit(trx, actor, { action: 'event.rsvp', entityType: 'growth_event', entityId: id, branchId: e.branchId, customerId, detail: { rsvp } });
  });
}

export async function checkInAttendee(ctx: AppContext, actor: Actor, p: Principal, id: number, customerId: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const e = await requireEvent(ctx, p, id, trx);
    if (e.status === 'cancelled') throw conflict('EVENT_CANCELLED', '活动已取消', 'The event was cancelled');
    const done = await repo.checkIn(trx, id, customerId, p.staffId);
    if (done === false) throw notFound(INVITATION);
    if (done === null) throw conflict('ALREADY_CHECKED_IN', '该客户已签到', 'The customer has already checked in');
    await addCustomerEvent(trx, {
      customerId, kind: 'care_event', title: `参加客户活动：${e.title}`, detail: { titleEn: `Attended the care event: ${e.title}`, kind: e.kind }, staffId: p.staffId, refType: 'growth_event', refId: id,
    });
    await audit(trx, actor, { action: 'event.checkin', entityType: 'growth_event', entityId: id, branchId: e.branchId, customerId });
  });
}

/** Closing the event gives every attendee's RM a follow-up task (once: reason `event:<id>`). */
export async function closeEvent(ctx: AppContext, actor: Actor, p: Principal, id: number): Promise<{ count: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const e = await requireEvent(ctx, p, id, trx);
    await repo.lockEvent(trx, id);
    if (!(await repo.closeEvent(trx, id))) throw conflict('EVENT_CLOSED', '活动已结束或取消', 'The event is already over or cancelled');
    const people = (await repo.attendees(trx, id)).filter((a): a is { customerId: number; staffId: number } => a.staffId !== null);
    const tasks = await createTasks(trx, people.map((a) => ({
      customerId: a.customerId, staffId: a.staffId, kind: 'follow_up' as const, reasonKey: `event:${id}`,
      title: `活动后回访：${e.title}`, titleEn: `Follow up after the event: ${e.title}`, dueOn: addDays(shanghaiDay(), FOLLOW_UP_DAYS),
      detail: { eventId: id }, sourceType: 'care_event', sourceId: id, createdBy: p.staffId,
    })));
    await audit(trx, actor, { action: 'event.close', entityType: 'growth_event', entityId: id, branchId: e.branchId, detail: { followUps: tasks.length } });
    return { count: tasks.length };
  });
}
