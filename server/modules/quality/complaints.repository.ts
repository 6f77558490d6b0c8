// All SQL of complaints: intake, the workflow's updates and its append-only history, attachments,
// the lists a caller may see (scope in SQL), and the staff and customers as complaints see them.
import { sql, scopeSql, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';
import type { ComplaintFile, ComplaintHistoryEntry, ComplaintStatus } from '../../../contracts/quality';

/** What the caller may see: any of their complaint grants; `own` on handling means assigned to them. */
export type Visibility = DataScope[];

export function visibleSql(v: Visibility, alias = 'c') {
  if (v.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(
    v.map((s) => scopeSql(s, { branch: `${alias}.branch_id`, owner: `${alias}.handler_staff_id` })),
    sql` or `,
  )})`;
}

export type ComplaintRow = {
  id: number; branchId: number; branchName: string; branchPath: string; channel: string; complainantType: string; customerId: number | null;
  customerFullName: string | null; customerMobile: string | null; customerRmStaffId: number | null; contactName: string | null; contactMobile: string | null;
  category: string; businessLine: string; aboutStaffIds: number[]; amountInDispute: string | null; description: string; customerRequest: string;
  lobbyComplaintId: number | null; status: ComplaintStatus; acceptedOn: string; dueOn: string; extensionLevel: number; handlerStaffId: number | null;
  handlerName: string | null; decision: string | null; decidedOn: string | null; toldVia: string | null; reopenedCount: number; closedOn: string | null;
  callbackAt: Date | null; callbackSatisfaction: number | null; callbackNote: string | null; rootCause: string | null; rootCauseNote: string | null;
  correctiveAction: string | null; correctiveOwnerId: number | null; correctiveOwnerName: string | null; correctiveDueOn: string | null;
};

const SELECT = sql`
  select c.id, c.branch_id as "branchId", b.name as "branchName", b.path as "branchPath", c.channel, c.complainant_type as "complainantType",
         c.customer_id as "customerId", cu.name as "customerFullName", cu.mobile as "customerMobile", cu.rm_staff_id as "customerRmStaffId",
         c.contact_name as "contactName", c.contact_mobile as "contactMobile", c.category, c.business_line as "businessLine",
         c.about_staff_ids::int4[] as "aboutStaffIds", c.amount_in_dispute as "amountInDispute", c.description, c.customer_request as "customerRequest",
         c.lobby_complaint_id as "lobbyComplaintId", c.status, c.accepted_on as "acceptedOn", c.due_on as "dueOn", c.extension_level as "extensionLevel",
         c.handler_staff_id as "handlerStaffId", h.name as "handlerName", c.decision, c.decided_on as "decidedOn", c.told_via as "toldVia",
         c.reopened_count as "reopenedCount", c.closed_on as "closedOn", c.callback_at as "callbackAt", c.callback_satisfaction as "callbackSatisfaction",
         c.callback_note as "callbackNote", c.root_cause as "rootCause", c.root_cause_note as "rootCauseNote", c.corrective_action as "correctiveAction",
         c.corrective_owner_id as "correctiveOwnerId", o.name as "correctiveOwnerName", c.corrective_due_on as "correctiveDueOn"
  from complaints c
  join branches b on b.id = c.branch_id
  left join customers cu on cu.id = c.customer_id
  left join staff h on h.id = c.handler_staff_id
  left join staff o on o.id = c.corrective_owner_id`;

export async function getComplaint(db: DbOrTrx, id: number, v: Visibility, lock = false): Promise<ComplaintRow | null> {
  const r = await sql<ComplaintRow>`${SELECT} where c.id = ${id} and ${visibleSql(v)} ${lock ? sql`for update of c` : sql``}`.execute(db);
  return r.rows[0] ?? null;
}

export type ComplaintWrite = {
  branchId: number; channel: string; complainantType: string; customerId: number | null; contactName: string | null; contactMobile: string | null;
  category: string; businessLine: string; aboutStaffIds: number[]; amountInDispute: string | null; description: string; customerRequest: string;
  lobbyComplaintId: number | null; acceptedOn: string; dueOn: string; createdBy: number;
};

export async function insertComplaint(db: DbOrTrx, w: ComplaintWrite): Promise<number> {
  const r = await db
    .insertInto('complaints')
    .values({
      branch_id: w.branchId, channel: w.channel, complainant_type: w.complainantType, customer_id: w.customerId, contact_name: w.contactName,
      contact_mobile: w.contactMobile, category: w.category, business_line: w.businessLine, about_staff_ids: w.aboutStaffIds,
      amount_in_dispute: w.amountInDispute, description: w.description, customer_request: w.customerRequest, lobby_complaint_id: w.lobbyComplaintId,
      accepted_on: w.acceptedOn, due_on: w.dueOn, created_by: w.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export type ComplaintPatch = {
  status?: ComplaintStatus; handlerStaffId?: number | null; decision?: string | null; decidedOn?: string | null; toldVia?: string | null;
  decidedNow?: boolean; reopened?: boolean; closedOn?: string; withdrawn?: boolean; dueOn?: string; extensionLevel?: number;
  callbackSatisfaction?: number; callbackNote?: string; rootCause?: string; rootCauseNote?: string | null; correctiveAction?: string;
  correctiveOwnerId?: number; correctiveDueOn?: string;
};

export async function updateComplaint(db: DbOrTrx, id: number, p: ComplaintPatch): Promise<void> {
  await db
    .updateTable('complaints')
    .set({
      updated_at: sql<Date>`now()`,
      ...(p.status !== undefined ? { status: p.status } : {}),
      ...(p.handlerStaffId !== undefined ? { handler_staff_id: p.handlerStaffId } : {}),
      ...(p.decision !== undefined ? { decision: p.decision } : {}),
      ...(p.decidedOn !== undefined ? { decided_on: p.decidedOn } : {}),
      ...(p.decidedNow ? { decided_at: sql<Date>`now()` } : {}),
      ...(p.toldVia !== undefined ? { told_via: p.toldVia } : {}),
      ...(p.reopened ? { reopened_count: sql<number>`reopened_count + 1`, decided_on: null, decided_at: null } : {}),
      ...(p.closedOn !== undefined ? { closed_on: p.closedOn, closed_at: sql<Date>`now()` } : {}),
      ...(p.withdrawn ? { withdrawn_at: sql<Date>`now()` } : {}),
      ...(p.dueOn !== undefined ? { due_on: p.dueOn } : {}),
      ...(p.extensionLevel !== undefined ? { extension_level: p.extensionLevel } : {}),
      ...(p.callbackSatisfaction !== undefined ? { callback_satisfaction: p.callbackSatisfaction, callback_at: sql<Date>`now()`, callback_note: p.callbackNote ?? '' } : {}),
      ...(p.rootCause !== undefined ? { root_cause: p.rootCause, root_cause_note: p.rootCauseNote ?? null } : {}),
      ...(p.correctiveAction !== undefined ? { corrective_action: p.correctiveAction } : {}),
      ...(p.correctiveOwnerId !== undefined ? { corrective_owner_id: p.correctiveOwnerId } : {}),
      ...(p.correctiveDueOn !== undefined ? { corrective_due_on: p.correctiveDueOn } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export type HistoryWrite = { complaintId: number; staffId: number | null; action: string; fromStatus: string | null; toStatus: string | null; note: string; detail?: Record<string, unknown> };

export async function insertHistory(db: DbOrTrx, rows: readonly HistoryWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('complaint_history')
    .values(rows.map((h) => ({
      complaint_id: h.complaintId, staff_id: h.staffId, action: h.action, from_status: h.fromStatus, to_status: h.toStatus, note: h.note,
      detail: JSON.stringify(h.detail ?? {}),
    })))
    .execute();
}

export async function history(db: DbOrTrx, complaintId: number): Promise<ComplaintHistoryEntry[]> {
  const r = await sql<Omit<ComplaintHistoryEntry, 'at'> & { at: Date }>`
    select h.id, h.at, h.staff_id as "staffId", s.name as "staffName", h.action, h.from_status as "fromStatus", h.to_status as "toStatus", h.note, h.detail
    from complaint_history h left join staff s on s.id = h.staff_id where h.complaint_id = ${complaintId} order by h.id`.execute(db);
  return r.rows.map((h) => ({ ...h, at: new Date(h.at).toISOString() }));
}

// ---- lists --------------------------------------------------------------------------------------

export type ListFilter = { status?: string; branchId?: number; category?: string; channel?: string; handlerStaffId?: number; page: number; pageSize: number };

export async function listComplaints(db: DbOrTrx, v: Visibility, f: ListFilter): Promise<{ rows: ComplaintRow[]; total: number }> {
  const conds = [visibleSql(v)];
  if (f.status === 'open') conds.push(sql<boolean>`c.status not in ('closed', 'withdrawn')`);
  else if (f.status) conds.push(sql<boolean>`c.status = ${f.status}`);
  if (f.branchId) conds.push(sql<boolean>`c.branch_id = ${f.branchId}`);
  if (f.category) conds.push(sql<boolean>`c.category = ${f.category}`);
  if (f.channel) conds.push(sql<boolean>`c.channel = ${f.channel}`);
  if (f.handlerStaffId) conds.push(sql<boolean>`c.handler_staff_id = ${f.handlerStaffId}`);
  const where = sql.join(conds, sql` and `);
  const [rows, total] = await Promise.all([
    sql<ComplaintRow>`${SELECT} where ${where} order by (c.status in ('closed', 'withdrawn')), c.due_on, c.id desc
      limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from complaints c where ${where}`.execute(db),
  ]);
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

// ---- attachments ------------------------------------------------------------------------------

type FileRow = Omit<ComplaintFile, 'uploadedAt'> & { uploadedAt: Date };
const fileOut = (f: FileRow): ComplaintFile => ({ ...f, uploadedAt: new Date(f.uploadedAt).toISOString() });

export async function listAttachments(db: DbOrTrx, complaintId: number): Promise<ComplaintFile[]> {
  const r = await sql<FileRow>`
    select a.id, a.file_name as "fileName", a.content_type as "contentType", a.size_bytes as "sizeBytes", a.uploaded_at as "uploadedAt", s.name as "uploadedByName"
    from complaint_attachments a left join staff s on s.id = a.uploaded_by where a.complaint_id = ${complaintId} order by a.id`.execute(db);
  return r.rows.map(fileOut);
}

export async function insertAttachment(db: DbOrTrx, f: { complaintId: number; fileName: string; contentType: string; data: Buffer; staffId: number }): Promise<number> {
  const r = await db
    .insertInto('complaint_attachments')
    .values({ complaint_id: f.complaintId, file_name: f.fileName, content_type: f.contentType, size_bytes: f.data.length, data: f.data, uploaded_by: f.staffId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function attachmentData(db: DbOrTrx, complaintId: number, fileId: number): Promise<{ fileName: string; contentType: string; data: Buffer } | null> {
  const r = await db
    .selectFrom('complaint_attachments')
    .select(['file_name as fileName', 'content_type as contentType', 'data'])
    .where('complaint_id', '=', complaintId)
    .where('id', '=', fileId)
    .executeTakeFirst();
  return r ? { ...r, data: Buffer.from(r.data) } : null;
}

// ---- staff, branches and customers as complaints see them -----------------------------------

export async function branchInScope(db: DbOrTrx, scope: DataScope, branchId: number): Promise<{ id: number; name: string; path: string } | null> {
  const r = await sql<{ id: number; name: string; path: string }>`
    select b.id, b.name, b.path from branches b where b.id = ${branchId} and ${scopeSql(scope, { branch: 'b.id' })}`.execute(db);
  return r.rows[0] ?? null;
}

export async function staffNames(db: DbOrTrx, ids: readonly number[]): Promise<{ id: number; name: string; branchId: number; active: boolean }[]> {
  if (ids.length === 0) return [];
  const r = await sql<{ id: number; name: string; branchId: number; active: boolean }>`
    select s.id, s.name, s.branch_id as "branchId", s.status = 'active' as active from staff s where s.id = any(${[...ids]}::bigint[]) order by s.id`.execute(db);
  return r.rows;
}

/** Active staff of the branch who may handle complaints (by their roles' grants), with their open cases. */
export async function handlersAt(db: DbOrTrx, branchId: number): Promise<{ id: number; name: string; staffNo: string; roles: string[]; openCases: number }[]> {
  const r = await sql<{ id: number; name: string; staffNo: string; roles: string[]; openCases: number }>`
    select s.id, s.name, s.staff_no as "staffNo", array_agg(distinct sr.role order by sr.role) as roles,
           (select count(*)::int from complaints c where c.handler_staff_id = s.id and c.status not in ('closed', 'withdrawn')) as "openCases"
    from staff s
    join staff_roles sr on sr.staff_id = s.id
    join role_permissions rp on rp.role = sr.role and rp.permission = 'complaints.handle'
    where s.branch_id = ${branchId} and s.status = 'active'
    group by s.id order by s.name`.execute(db);
  return r.rows;
}

/** Whether a staff member holds the complaint-handling permission through any role. */
export async function mayHandle(db: DbOrTrx, staffId: number): Promise<boolean> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from staff_roles sr join role_permissions rp on rp.role = sr.role and rp.permission = 'complaints.handle'
    join staff s on s.id = sr.staff_id where sr.staff_id = ${staffId} and s.status = 'active'`.execute(db);
  return (r.rows[0]?.n ?? 0) > 0;
}

export async function staffWithRoleAt(db: DbOrTrx, branchIds: readonly number[], role: string): Promise<{ branchId: number; staffId: number }[]> {
  if (branchIds.length === 0) return [];
  const r = await sql<{ branchId: number; staffId: number }>`
    select s.branch_id as "branchId", s.id as "staffId" from staff s join staff_roles r on r.staff_id = s.id
    where s.branch_id = any(${[...branchIds]}::bigint[]) and r.role = ${role} and s.status = 'active' order by s.id`.execute(db);
  return r.rows;
}

/**
 * A customer the complaint may name: in the caller's customer scope, or a customer of the outlet
 * taking the complaint (a teller without customer access still links the outlet's own customers).
 */
export async function customerForIntake(db: DbOrTrx, customerId: number, readScope: DataScope | null, outletId: number): Promise<{ id: number; branchId: number } | null> {
  const inScope = readScope
    ? readScope.kind === 'own'
      ? sql<boolean>`(c.rm_staff_id = ${readScope.staffId} or c.marketing_staff_id = ${readScope.staffId})`
      : scopeSql(readScope, { branch: 'c.branch_id' })
    : sql<boolean>`false`;
  const r = await sql<{ id: number; branchId: number }>`
    select c.id, c.branch_id as "branchId" from customers c where c.id = ${customerId} and (${inScope} or c.branch_id = ${outletId})`.execute(db);
  return r.rows[0] ?? null;
}
