// SQL of referrals of possible premium customers.
import { sql, scopeSql, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';
import type { ReferralStatus } from '../../../contracts/growth';

export type NewReferral = {
  branchId: number;
  customerId: number | null;
  contactName: string | null;
  contactMobile: string | null;
  estimatedAssets: string | null;
  note: string;
  referredBy: number;
  referrerRole: string;
  rmStaffId: number | null;
  source: 'direct' | 'lobby';
  lobbyReferralId: number | null;
};

export async function insertReferral(db: DbOrTrx, r: NewReferral): Promise<number> {
  const row = await db
    .insertInto('growth_referrals')
    .values({
      branch_id: r.branchId, customer_id: r.customerId, contact_name: r.contactName, contact_mobile: r.contactMobile, estimated_assets: r.estimatedAssets,
      note: r.note, referred_by: r.referredBy, referrer_role: r.referrerRole, rm_staff_id: r.rmStaffId, source: r.source, lobby_referral_id: r.lobbyReferralId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export type ReferralRow = {
  id: number;
  branchId: number;
  branchName: string;
  branchPath: string;
  customerId: number | null;
  customerNo: string | null;
  fullName: string | null;
  contactMobileFull: string | null;
  estimatedAssets: string | null;
  note: string;
  referredByStaffId: number;
  referredByName: string;
  referrerRole: string;
  rmStaffId: number | null;
  rmName: string | null;
  status: ReferralStatus;
  outcomeNote: string;
  source: 'direct' | 'lobby';
  createdAt: Date;
  contactedAt: Date | null;
  convertedAt: Date | null;
  canWork: boolean;
};

/** Who may change a referral's status: the RM it went to, or a work scope wider than own that covers its outlet. */
function workable(work: DataScope | null) {
  if (!work) return sql<boolean>`false`;
  if (work.kind === 'own') return sql<boolean>`(r.rm_staff_id = ${work.staffId})`;
  return sql<boolean>`(${scopeSql(work, { branch: 'r.branch_id' })} or r.rm_staff_id in (select s.id from staff s where ${scopeSql(work, { branch: 's.branch_id' })}))`;
}

const referralSelect = (work: DataScope | null) => sql<ReferralRow>`
  select r.id, r.branch_id as "branchId", b.name as "branchName", b.path as "branchPath", r.customer_id as "customerId", c.customer_no as "customerNo",
         coalesce(c.name, r.contact_name) as "fullName", coalesce(r.contact_mobile, c.mobile) as "contactMobileFull", r.estimated_assets as "estimatedAssets",
         r.note, r.referred_by as "referredByStaffId", s.name as "referredByName", r.referrer_role as "referrerRole", r.rm_staff_id as "rmStaffId",
         rm.name as "rmName", r.status, r.outcome_note as "outcomeNote", r.source, r.created_at as "createdAt", r.contacted_at as "contactedAt",
         r.converted_at as "convertedAt", ${workable(work)} as "canWork"
    from growth_referrals r
    join branches b on b.id = r.branch_id
    join staff s on s.id = r.referred_by
    left join staff rm on rm.id = r.rm_staff_id
    left join customers c on c.id = r.customer_id`;

export type ReferralFilter = {
  /** Referrals to this RM, or (wider scopes) unassigned in scope. */
  inboxOf?: { staffId: number; work: DataScope };
  sentBy?: number;
  /** Everything the work scope covers: own = to me or by me. */
  all?: { staffId: number; work: DataScope };
  status?: ReferralStatus;
};

function filterSql(f: ReferralFilter) {
  const parts = [];
  if (f.inboxOf) {
    const { staffId, work } = f.inboxOf;
    parts.push(work.kind === 'own' ? sql`r.rm_staff_id = ${staffId}` : sql`(r.rm_staff_id = ${staffId} or (r.rm_staff_id is null and ${scopeSql(work, { branch: 'r.branch_id' })}))`);
  }
  if (f.sentBy !== undefined) parts.push(sql`r.referred_by = ${f.sentBy}`);
  if (f.all) {
    const { staffId, work } = f.all;
    parts.push(work.kind === 'own' ? sql`(r.rm_staff_id = ${staffId} or r.referred_by = ${staffId})` : sql`(${workable(work)} or r.referred_by = ${staffId})`);
  }
  if (f.status) parts.push(sql`r.status = ${f.status}`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

export async function listReferrals(db: DbOrTrx, work: DataScope | null, f: ReferralFilter, page: number, pageSize: number): Promise<{ items: ReferralRow[]; total: number }> {
  const where = filterSql(f);
  const [items, total] = await Promise.all([
    sql<ReferralRow>`${referralSelect(work)} where ${where}
      order by r.created_at desc, r.id desc
      limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from growth_referrals r where ${where}`.execute(db),
  ]);
  return { items: items.rows.map(numberIds), total: total.rows[0]?.n ?? 0 };
}

export async function getReferral(db: DbOrTrx, work: DataScope | null, id: number, lock = false): Promise<ReferralRow | null> {
  const res = await sql<ReferralRow>`${referralSelect(work)} where r.id = ${id} ${lock ? sql`for update of r` : sql``}`.execute(db);
  return res.rows[0] ? numberIds(res.rows[0]) : null;
}

function numberIds(r: ReferralRow): ReferralRow {
  return {
    ...r, id: Number(r.id), branchId: Number(r.branchId), customerId: r.customerId === null ? null : Number(r.customerId), referredByStaffId: Number(r.referredByStaffId),
    rmStaffId: r.rmStaffId === null ? null : Number(r.rmStaffId),
  };
}

export async function updateReferral(db: DbOrTrx, id: number, u: { status: ReferralStatus; outcomeNote: string | undefined; customerId: number | null; by: number }): Promise<void> {
  await sql`
    update growth_referrals set
      status = ${u.status},
      outcome_note = coalesce(${u.outcomeNote ?? null}, outcome_note),
      customer_id = coalesce(customer_id, ${u.customerId}::bigint),
      contacted_at = case when ${u.status} = 'contacted' then coalesce(contacted_at, now()) else contacted_at end,
      converted_at = case when ${u.status} = 'converted' then now() else converted_at end,
      closed_at = case when ${u.status} in ('converted', 'not_interested') then now() else null end,
      updated_at = now(), updated_by = ${u.by}
    where id = ${id}`.execute(db);
}
