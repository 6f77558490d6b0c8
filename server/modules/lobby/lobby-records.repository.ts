// SQL of what the lobby records besides tickets: guidance, appointments, referrals, complaints,
// incidents and VIP arrivals.
import { sql } from 'kysely';
import type { Appointment, GuidanceRecord, Incident, LobbyComplaint, Referral, VipAlert, VipArrival } from '../../../contracts/lobby';
import type { DbOrTrx } from '../../platform/db';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

// ---- guidance -------------------------------------------------------------------------------------------

type GuidanceRow = Omit<GuidanceRecord, 'at'> & { at: Date };
const guidanceSelect = sql`
  select g.id, g.branch_id as "branchId", g.kind, g.business_code as "businessCode", g.customer_id as "customerId", s.name as "byStaffName", g.at, g.note
  from lobby_guidance g left join staff s on s.id = g.staff_id`;

export async function insertGuidance(
  db: DbOrTrx,
  g: { branchId: number; kind: string; businessCode: string | null; customerId: number | null; staffId: number | null; note: string },
): Promise<GuidanceRecord> {
  const r = await sql<{ id: number }>`
    insert into lobby_guidance (branch_id, day, kind, business_code, customer_id, staff_id, note)
    values (${g.branchId}, current_date, ${g.kind}, ${g.businessCode}, ${g.customerId}, ${g.staffId}, ${g.note}) returning id`.execute(db);
  const row = (await sql<GuidanceRow>`${guidanceSelect} where g.id = ${r.rows[0]!.id}`.execute(db)).rows[0]!;
  return { ...row, at: row.at.toISOString() };
}

// ---- appointments ----------------------------------------------------------------------------------------

type AppointmentRow = Omit<Appointment, 'at' | 'customerName'> & { at: Date; customerFullName: string };
const appointmentSelect = sql`
  select a.id, a.branch_id as "branchId", a.customer_id as "customerId", c.name as "customerFullName", a.business_code as "businessCode", a.at,
         a.amount::text as amount, a.status, a.ticket_id as "ticketId", a.note
  from lobby_appointments a join customers c on c.id = a.customer_id`;

export type AppointmentRecord = Omit<Appointment, 'customerName'> & { customerFullName: string };
const toAppointment = (r: AppointmentRow): AppointmentRecord => ({ ...r, at: r.at.toISOString() });

export async function insertAppointment(
  db: DbOrTrx,
  a: { branchId: number; customerId: number; businessCode: string; at: string; amount: string | null; note: string; staffId: number },
): Promise<AppointmentRecord> {
  const r = await sql<{ id: number }>`
    insert into lobby_appointments (branch_id, customer_id, business_code, at, amount, note, created_by)
    values (${a.branchId}, ${a.customerId}, ${a.businessCode}, ${a.at}::timestamptz, ${a.amount}, ${a.note}, ${a.staffId}) returning id`.execute(db);
  return (await getAppointment(db, r.rows[0]!.id))!;
}

export async function getAppointment(db: DbOrTrx, id: number): Promise<AppointmentRecord | null> {
  const r = await sql<AppointmentRow>`${appointmentSelect} where a.id = ${id}`.execute(db);
  return r.rows[0] ? toAppointment(r.rows[0]) : null;
}

export async function listAppointments(db: DbOrTrx, branchId: number, day: string): Promise<AppointmentRecord[]> {
  const r = await sql<AppointmentRow>`${appointmentSelect} where a.branch_id = ${branchId} and a.at::date = ${day}::date order by a.at`.execute(db);
  return r.rows.map(toAppointment);
}

export async function markAppointmentCheckedIn(db: DbOrTrx, id: number, ticketId: number): Promise<boolean> {
  const r = await sql`update lobby_appointments set status = 'checked_in', ticket_id = ${ticketId} where id = ${id} and status = 'booked'`.execute(db);
  return Number(r.numAffectedRows ?? 0) === 1;
}

// ---- referrals -------------------------------------------------------------------------------------------

type ReferralRow = Omit<Referral, 'at' | 'customerName' | 'contactMobile'> & { at: Date; customerFullName: string | null; contactName: string | null; contactMobileFull: string | null };
export type ReferralRecord = Omit<ReferralRow, 'at'> & { at: string };
const referralSelect = sql`
  select r.id, r.branch_id as "branchId", r.ticket_id as "ticketId", r.customer_id as "customerId", c.name as "customerFullName",
         r.contact_name as "contactName", r.contact_mobile as "contactMobileFull", r.estimated_assets::text as "estimatedAssets", r.note,
         r.referred_by as "referredByStaffId", s.name as "referredByName", r.referrer_role as "referrerRole", r.rm_staff_id as "rmStaffId",
         rm.name as "rmName", r.at
  from lobby_referrals r left join customers c on c.id = r.customer_id join staff s on s.id = r.referred_by left join staff rm on rm.id = r.rm_staff_id`;

export async function insertReferral(
  db: DbOrTrx,
  r: {
    branchId: number; ticketId: number | null; customerId: number | null; contactName: string | null; contactMobile: string | null; estimatedAssets: string | null;
    note: string; referredBy: number; referrerRole: string; rmStaffId: number | null;
  },
): Promise<ReferralRecord> {
  const res = await sql<{ id: number }>`
    insert into lobby_referrals (branch_id, day, ticket_id, customer_id, contact_name, contact_mobile, estimated_assets, note, referred_by, referrer_role, rm_staff_id)
    values (${r.branchId}, current_date, ${r.ticketId}, ${r.customerId}, ${r.contactName}, ${r.contactMobile}, ${r.estimatedAssets}, ${r.note},
            ${r.referredBy}, ${r.referrerRole}, ${r.rmStaffId})
    returning id`.execute(db);
  const row = (await sql<ReferralRow>`${referralSelect} where r.id = ${res.rows[0]!.id}`.execute(db)).rows[0]!;
  return { ...row, at: row.at.toISOString() };
}

export async function listReferrals(db: DbOrTrx, branchId: number, day: string): Promise<ReferralRecord[]> {
  const r = await sql<ReferralRow>`${referralSelect} where r.branch_id = ${branchId} and r.day = ${day}::date order by r.at desc`.execute(db);
  return r.rows.map((x) => ({ ...x, at: x.at.toISOString() }));
}

// ---- complaints ---------------------------------------------------------------------------------------

type ComplaintRow = Omit<LobbyComplaint, 'at' | 'customerName' | 'contactMobile'> & { at: Date; customerFullName: string | null; contactName: string | null; contactMobileFull: string | null };
export type ComplaintRecord = Omit<ComplaintRow, 'at'> & { at: string };
const complaintSelect = sql`
  select k.id, k.branch_id as "branchId", k.ticket_id as "ticketId", k.customer_id as "customerId", c.name as "customerFullName",
         k.contact_name as "contactName", k.contact_mobile as "contactMobileFull", k.about_staff_id as "aboutStaffId", a.name as "aboutStaffName",
         k.category, k.description, k.action_taken as "actionTaken", k.resolved_on_spot as "resolvedOnSpot", k.received_by as "receivedByStaffId",
         s.name as "receivedByName", k.at
  from lobby_complaints k left join customers c on c.id = k.customer_id left join staff a on a.id = k.about_staff_id join staff s on s.id = k.received_by`;

export async function insertComplaint(
  db: DbOrTrx,
  k: {
    branchId: number; ticketId: number | null; customerId: number | null; contactName: string | null; contactMobile: string | null; aboutStaffId: number | null;
    category: string; description: string; actionTaken: string; resolvedOnSpot: boolean; receivedBy: number;
  },
): Promise<ComplaintRecord> {
  const res = await sql<{ id: number }>`
    insert into lobby_complaints (branch_id, day, ticket_id, customer_id, contact_name, contact_mobile, about_staff_id, category, description,
                                  action_taken, resolved_on_spot, received_by)
    values (${k.branchId}, current_date, ${k.ticketId}, ${k.customerId}, ${k.contactName}, ${k.contactMobile}, ${k.aboutStaffId}, ${k.category},
            ${k.description}, ${k.actionTaken}, ${k.resolvedOnSpot}, ${k.receivedBy})
    returning id`.execute(db);
  const row = (await sql<ComplaintRow>`${complaintSelect} where k.id = ${res.rows[0]!.id}`.execute(db)).rows[0]!;
  return { ...row, at: row.at.toISOString() };
}

export async function listComplaints(db: DbOrTrx, branchId: number, day: string): Promise<ComplaintRecord[]> {
  const r = await sql<ComplaintRow>`${complaintSelect} where k.branch_id = ${branchId} and k.day = ${day}::date order by k.at desc`.execute(db);
  return r.rows.map((x) => ({ ...x, at: x.at.toISOString() }));
}

// ---- incidents -----------------------------------------------------------------------------------------

type IncidentRow = Omit<Incident, 'openedAt' | 'closedAt'> & { openedAt: Date; closedAt: Date | null };
const incidentSelect = sql`
  select i.id, i.branch_id as "branchId", i.kind, i.description, i.actions_taken as "actionsTaken", i.device_id as "deviceId",
         i.opened_at as "openedAt", o.name as "openedByName", i.closed_at as "closedAt", c.name as "closedByName"
  from lobby_incidents i left join staff o on o.id = i.opened_by left join staff c on c.id = i.closed_by`;
const toIncident = (r: IncidentRow): Incident => ({ ...r, openedAt: r.openedAt.toISOString(), closedAt: iso(r.closedAt) });

export async function insertIncident(
  db: DbOrTrx,
  i: { branchId: number; kind: string; description: string; actionsTaken: string; deviceId: number | null; staffId: number },
): Promise<Incident> {
  const r = await sql<{ id: number }>`
    insert into lobby_incidents (branch_id, day, kind, description, actions_taken, device_id, opened_by)
    values (${i.branchId}, current_date, ${i.kind}, ${i.description}, ${i.actionsTaken}, ${i.deviceId}, ${i.staffId}) returning id`.execute(db);
  return (await getIncident(db, r.rows[0]!.id))!;
}

export async function getIncident(db: DbOrTrx, id: number): Promise<Incident | null> {
  const r = await sql<IncidentRow>`${incidentSelect} where i.id = ${id}`.execute(db);
  return r.rows[0] ? toIncident(r.rows[0]) : null;
}

export async function closeIncident(db: DbOrTrx, id: number, actionsTaken: string, staffId: number): Promise<boolean> {
  const r = await sql`
    update lobby_incidents set actions_taken = ${actionsTaken}, closed_at = now(), closed_by = ${staffId}
    where id = ${id} and closed_at is null`.execute(db);
  return Number(r.numAffectedRows ?? 0) === 1;
}

/** The day's incidents, plus any still open from earlier days. */
export async function listIncidents(db: DbOrTrx, branchId: number, day: string): Promise<Incident[]> {
  const r = await sql<IncidentRow>`
    ${incidentSelect} where i.branch_id = ${branchId} and (i.day = ${day}::date or (i.closed_at is null and i.day < ${day}::date))
    order by i.opened_at desc`.execute(db);
  return r.rows.map(toIncident);
}

// ---- VIP arrivals ------------------------------------------------------------------------------------

type VipRow = { alert: VipAlert; receivedAt: Date | null; receivedByName: string | null; vipRoom: boolean; note: string; id: number; rmStaffId: number | null; customerFullName: string };
export type VipArrivalRecord = Omit<VipArrival, 'customerName'> & { customerFullName: string };
const vipSelect = sql`
  select v.id, v.alert, v.received_at as "receivedAt", r.name as "receivedByName", v.vip_room as "vipRoom", v.note, v.rm_staff_id as "rmStaffId",
         c.name as "customerFullName"
  from lobby_vip_arrivals v left join staff r on r.id = v.received_by join customers c on c.id = v.customer_id`;
const toVip = (r: VipRow): VipArrivalRecord => {
  const { customerName: _masked, ...alert } = r.alert;
  return { ...alert, arrivalId: r.id, customerFullName: r.customerFullName, receivedAt: iso(r.receivedAt), receivedByName: r.receivedByName, vipRoom: r.vipRoom, note: r.note };
};

export async function insertVipArrival(
  db: DbOrTrx,
  v: { branchId: number; ticketId: number; customerId: number; rmStaffId: number | null; alert: Omit<VipAlert, 'arrivalId'> },
): Promise<number> {
  const r = await sql<{ id: number }>`
    insert into lobby_vip_arrivals (branch_id, day, ticket_id, customer_id, rm_staff_id, alert)
    values (${v.branchId}, current_date, ${v.ticketId}, ${v.customerId}, ${v.rmStaffId}, ${JSON.stringify(v.alert)}::jsonb) returning id`.execute(db);
  return r.rows[0]!.id;
}

export async function getVipArrival(db: DbOrTrx, id: number): Promise<(VipArrivalRecord & { branchIdOf: number }) | null> {
  const r = await sql<VipRow & { branchIdOf: number }>`
    select x.*, v2.branch_id as "branchIdOf" from (${vipSelect} where v.id = ${id}) x join lobby_vip_arrivals v2 on v2.id = x.id`.execute(db);
  return r.rows[0] ? { ...toVip(r.rows[0]), branchIdOf: r.rows[0].branchIdOf } : null;
}

/** A day's VIP arrivals of an outlet; `rmStaffId` narrows them to one RM's book. */
export async function listVipArrivals(db: DbOrTrx, branchId: number, day: string, rmStaffId: number | null): Promise<VipArrivalRecord[]> {
  const r = await sql<VipRow>`
    ${vipSelect} where v.branch_id = ${branchId} and v.day = ${day}::date ${rmStaffId === null ? sql`` : sql`and v.rm_staff_id = ${rmStaffId}`}
    order by v.arrived_at desc`.execute(db);
  return r.rows.map(toVip);
}

export async function receiveVip(db: DbOrTrx, id: number, staffId: number, vipRoom: boolean, note: string): Promise<boolean> {
  const r = await sql`
    update lobby_vip_arrivals set received_at = now(), received_by = ${staffId}, vip_room = ${vipRoom}, note = ${note}
    where id = ${id} and received_at is null`.execute(db);
  return Number(r.numAffectedRows ?? 0) === 1;
}
