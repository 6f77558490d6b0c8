// What the lobby records besides tickets: guidance (off-counter migration), appointments, referrals
// of possible premium customers (credited to whoever spotted them), complaints taken on the spot and
// incidents (突发事件) with the actions taken.
import type {
  Appointment, AppointmentBody, CloseIncidentBody, ComplaintBody, GuidanceBody, GuidanceRecord, Incident, IncidentBody, LobbyComplaint, Referral,
  ReferralBody, ReferrerRole,
} from '../../../contracts/lobby';
import { maskMobile, maskName } from '../../../contracts/personal-data';
import { audit, type Actor } from '../../platform/audit';
import type { Principal } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { addCustomerEvent } from '../customers/timeline';
import { openFromLobby } from '../quality/complaints.service';
import { recordLobbyReferral } from '../engagement/growth-referrals.service';
import * as repo from './lobby.repository';
import * as q from './lobby-queue.repository';
import * as rec from './lobby-records.repository';
import { emit, requireOutlet, shanghaiDay, TICKET } from './lobby.common';

const INCIDENT = { zh: '突发事件', en: 'incident' };
const CUSTOMER = { zh: '客户', en: 'customer' };

/** Which of the source's columns a referral counts in: by the referrer's role. */
export function referrerRoleOf(roles: readonly string[]): ReferrerRole {
  if (roles.includes('lobby_manager') || roles.includes('lobby_assistant')) return 'lobby_manager';
  if (roles.includes('cash_teller')) return 'cash_teller';
  if (roles.includes('noncash_teller')) return 'noncash_teller';
  return 'other';
}

async function requireCustomerId(ctx: AppContext, id: number | undefined): Promise<repo.RecognisedRow | null> {
  if (id === undefined) return null;
  const c = await repo.findCustomer(ctx.db, 'id', id);
  if (!c) throw notFound(CUSTOMER);
  return c;
}

/** A ticket given with a record must belong to the same outlet; it also supplies the customer. */
async function ticketOfOutlet(ctx: AppContext, ticketId: number | undefined, branchId: number): Promise<q.TicketRow | null> {
  if (ticketId === undefined) return null;
  const t = await q.getTicket(ctx.db, ticketId);
  if (!t || t.branchId !== branchId) throw notFound(TICKET);
  return t;
}

export async function recordGuidance(ctx: AppContext, actor: Actor, p: Principal, body: GuidanceBody): Promise<GuidanceRecord> {
  const o = await requireOutlet(ctx.db, p, 'lobby.checkin', body.branchId);
  if (body.businessCode && !(await repo.getBusinessType(ctx.db, body.businessCode))) {
    throw badRequest('UNKNOWN_BUSINESS', `业务类型不存在：${body.businessCode}`, `No such business type: ${body.businessCode}`);
  }
  await requireCustomerId(ctx, body.customerId);
  return rec.insertGuidance(ctx.db, { branchId: o.branchId, kind: body.kind, businessCode: body.businessCode ?? null, customerId: body.customerId ?? null, staffId: p.staffId, note: body.note });
}

// ---- appointments --------------------------------------------------------------------------------

const presentAppointment = ({ customerFullName, ...a }: rec.AppointmentRecord): Appointment => ({ ...a, customerName: maskName(customerFullName) });

export async function bookAppointment(ctx: AppContext, actor: Actor, p: Principal, body: AppointmentBody): Promise<Appointment> {
  const o = await requireOutlet(ctx.db, p, 'lobby.checkin', body.branchId);
  if (!(await repo.getBusinessType(ctx.db, body.businessCode))) throw badRequest('UNKNOWN_BUSINESS', `业务类型不存在：${body.businessCode}`, `No such business type: ${body.businessCode}`);
  await requireCustomerId(ctx, body.customerId);
  if (Date.parse(body.at) < Date.now() - 5 * 60_000) throw badRequest('PAST_SLOT', '预约时间不能早于现在', 'The appointment cannot be in the past');
  return ctx.db.transaction().execute(async (trx) => {
    const a = await rec.insertAppointment(trx, { branchId: o.branchId, customerId: body.customerId, businessCode: body.businessCode, at: body.at, amount: body.amount ?? null, note: body.note, staffId: p.staffId });
    await audit(trx, actor, { action: 'lobby.appointment.book', entityType: 'lobby_appointment', entityId: a.id, branchId: o.branchId, customerId: body.customerId, detail: { at: body.at, businessCode: body.businessCode } });
    return presentAppointment(a);
  });
}

export async function listAppointments(ctx: AppContext, p: Principal, branchId: number, day: string | undefined): Promise<Appointment[]> {
  const o = await requireOutlet(ctx.db, p, 'lobby.queue.read', branchId);
  return (await rec.listAppointments(ctx.db, o.branchId, day ?? shanghaiDay())).map(presentAppointment);
}

// ---- referrals ------------------------------------------------------------------------------------

const presentReferral = ({ customerFullName, contactName, contactMobileFull, ...r }: rec.ReferralRecord): Referral => ({
  ...r,
  referrerRole: r.referrerRole as ReferrerRole,
  customerName: customerFullName ? maskName(customerFullName) : contactName ? maskName(contactName) : null,
  contactMobile: contactMobileFull ? maskMobile(contactMobileFull) : null,
});

export async function refer(ctx: AppContext, actor: Actor, p: Principal, body: ReferralBody): Promise<Referral> {
  const o = await requireOutlet(ctx.db, p, 'lobby.refer', body.branchId);
  const ticket = await ticketOfOutlet(ctx, body.ticketId, o.branchId);
  const customer = await requireCustomerId(ctx, body.customerId ?? ticket?.customerId ?? undefined);
  if (!customer && !body.contactName && !body.contactMobile) {
    throw badRequest('WHO_IS_IT', '请关联客户或填写联系人姓名/手机号', 'Link a customer or give a contact name or mobile');
  }
  if (body.rmStaffId !== undefined && !(await repo.staffInBranch(ctx.db, body.rmStaffId, o.branchId))) {
    throw badRequest('RM_NOT_IN_OUTLET', '所选客户经理不属于本网点', 'That RM does not work at this outlet');
  }
  const rmStaffId = body.rmStaffId ?? customer?.rmStaffId ?? null;
  const me = await repo.staffName(ctx.db, p.staffId);
  return ctx.db.transaction().execute(async (trx) => {
    const r = await rec.insertReferral(trx, {
      branchId: o.branchId, ticketId: ticket?.id ?? null, customerId: customer?.customerId ?? null, contactName: body.contactName ?? null,
      contactMobile: body.contactMobile ?? null, estimatedAssets: body.estimatedAssets ?? null, note: body.note, referredBy: p.staffId,
      referrerRole: referrerRoleOf(me?.roles ?? p.roles), rmStaffId,
    });
    // The RM works lobby referrals in the engagement module's one referral list (status, credit, task).
    await recordLobbyReferral(trx, {
      lobbyReferralId: r.id, branchId: o.branchId, customerId: customer?.customerId ?? null, contactName: body.contactName ?? null, contactMobile: body.contactMobile ?? null,
      estimatedAssets: body.estimatedAssets ?? null, note: body.note, referredBy: p.staffId, referrerName: p.name, referrerRole: r.referrerRole, rmStaffId,
    });
    const out = presentReferral(r);
    if (rmStaffId !== null) {
      await ctx.notifier.toStaff(trx, rmStaffId, {
        kind: 'lobby.referral', title: `潜在优质客户推荐：${out.customerName ?? '客户'}`, body: `${p.name} 推荐：${body.note}`,
        link: customer ? `/customers/${customer.customerId}` : null, data: { referralId: r.id },
      });
    }
    if (customer) {
      await addCustomerEvent(trx, {
        customerId: customer.customerId, kind: 'referral', title: `大堂/柜面推荐为潜在优质客户（${p.name}）`,
        detail: { titleEn: `Referred as a possible premium customer by ${p.name}`, note: body.note }, staffId: p.staffId, refType: 'lobby_referral', refId: r.id,
      });
    }
    await audit(trx, actor, { action: 'lobby.referral', entityType: 'lobby_referral', entityId: r.id, branchId: o.branchId, customerId: customer?.customerId ?? null, detail: { rmStaffId } });
    return out;
  });
}

export async function listReferrals(ctx: AppContext, p: Principal, branchId: number, day: string | undefined): Promise<Referral[]> {
  const o = await requireOutlet(ctx.db, p, 'lobby.queue.read', branchId);
  return (await rec.listReferrals(ctx.db, o.branchId, day ?? shanghaiDay())).map(presentReferral);
}

// ---- complaints ------------------------------------------------------------------------------------

const presentComplaint = ({ customerFullName, contactName, contactMobileFull, ...k }: rec.ComplaintRecord): LobbyComplaint => ({
  ...k,
  customerName: customerFullName ? maskName(customerFullName) : contactName ? maskName(contactName) : null,
  contactMobile: contactMobileFull ? maskMobile(contactMobileFull) : null,
});

export async function takeComplaint(ctx: AppContext, actor: Actor, p: Principal, body: ComplaintBody): Promise<LobbyComplaint> {
  const o = await requireOutlet(ctx.db, p, 'lobby.refer', body.branchId);
  const ticket = await ticketOfOutlet(ctx, body.ticketId, o.branchId);
  const customer = await requireCustomerId(ctx, body.customerId ?? ticket?.customerId ?? undefined);
  if (body.aboutStaffId !== undefined && !(await repo.staffInBranch(ctx.db, body.aboutStaffId, o.branchId))) {
    throw badRequest('STAFF_NOT_IN_OUTLET', '被投诉员工不属于本网点', 'That staff member does not work at this outlet');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const k = await rec.insertComplaint(trx, {
      branchId: o.branchId, ticketId: ticket?.id ?? null, customerId: customer?.customerId ?? null, contactName: body.contactName ?? null,
      contactMobile: body.contactMobile ?? null, aboutStaffId: body.aboutStaffId ?? null, category: body.category, description: body.description,
      actionTaken: body.actionTaken, resolvedOnSpot: body.resolvedOnSpot, receivedBy: p.staffId,
    });
    if (customer) {
      await addCustomerEvent(trx, {
        customerId: customer.customerId, kind: 'complaint', title: `网点现场投诉（${body.resolvedOnSpot ? '已现场处理' : '待处理'}）`,
        detail: { titleEn: `Complaint at the outlet (${body.resolvedOnSpot ? 'resolved on the spot' : 'open'})`, category: body.category }, staffId: p.staffId, refType: 'lobby_complaint', refId: k.id,
      });
    }
    await audit(trx, actor, { action: 'lobby.complaint', entityType: 'lobby_complaint', entityId: k.id, branchId: o.branchId, customerId: customer?.customerId ?? null, detail: { category: body.category } });
    // Every complaint taken in the lobby is also a formal complaint with the regulation's deadline.
    await openFromLobby(ctx, trx, actor, p, {
      lobbyComplaintId: k.id, outletId: o.branchId, customerId: customer?.customerId ?? null, contactName: body.contactName ?? null,
      contactMobile: body.contactMobile ?? null, aboutStaffId: body.aboutStaffId ?? null, lobbyCategory: body.category, description: body.description,
    });
    return presentComplaint(k);
  });
}

export async function listComplaints(ctx: AppContext, p: Principal, branchId: number, day: string | undefined): Promise<LobbyComplaint[]> {
  const o = await requireOutlet(ctx.db, p, 'lobby.queue.read', branchId);
  return (await rec.listComplaints(ctx.db, o.branchId, day ?? shanghaiDay())).map(presentComplaint);
}

// ---- incidents ------------------------------------------------------------------------------------

export async function recordIncident(ctx: AppContext, actor: Actor, p: Principal, body: IncidentBody): Promise<Incident> {
  const o = await requireOutlet(ctx.db, p, 'lobby.manage', body.branchId);
  if (body.deviceId !== undefined) {
    const d = await repo.getDevice(ctx.db, body.deviceId);
    if (!d || d.branchId !== o.branchId) throw badRequest('UNKNOWN_DEVICE', '设备不属于本网点', 'That device is not at this outlet');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const i = await rec.insertIncident(trx, { branchId: o.branchId, kind: body.kind, description: body.description, actionsTaken: body.actionsTaken, deviceId: body.deviceId ?? null, staffId: p.staffId });
    await audit(trx, actor, { action: 'lobby.incident.open', entityType: 'lobby_incident', entityId: i.id, branchId: o.branchId, detail: { kind: body.kind } });
    await emit(ctx, trx, o.branchId, 'incident', { incident: i });
    return i;
  });
}

export async function closeIncident(ctx: AppContext, actor: Actor, p: Principal, id: number, body: CloseIncidentBody): Promise<Incident> {
  const i = await rec.getIncident(ctx.db, id);
  if (!i) throw notFound(INCIDENT);
  await requireOutlet(ctx.db, p, 'lobby.manage', i.branchId).catch(() => {
    throw notFound(INCIDENT);
  });
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await rec.closeIncident(trx, id, body.actionsTaken, p.staffId))) throw conflict('INCIDENT_CLOSED', '该突发事件已处置完毕', 'This incident is already closed');
    const after = (await rec.getIncident(trx, id))!;
    await audit(trx, actor, { action: 'lobby.incident.close', entityType: 'lobby_incident', entityId: id, branchId: i.branchId });
    await emit(ctx, trx, i.branchId, 'incident', { incident: after });
    return after;
  });
}

export async function listIncidents(ctx: AppContext, p: Principal, branchId: number, day: string | undefined): Promise<Incident[]> {
  const o = await requireOutlet(ctx.db, p, 'lobby.queue.read', branchId);
  return rec.listIncidents(ctx.db, o.branchId, day ?? shanghaiDay());
}
