// SQL of handovers, bulk reassignment of a book and the book-size limits per grade.
import { sql, scopeSql, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';

export type HandoverRow = {
  id: number; customerId: number; customerNo: string; customerName: string; tierCode: string; branchId: number; fromStaffId: number; fromName: string;
  toStaffId: number; toName: string; status: string; note: string; returnReason: string | null; createdAt: Date; decidedAt: Date | null; pendingDays: number;
};

const handoverCols = sql`h.id, h.customer_id as "customerId", c.customer_no as "customerNo", c.name as "customerName", c.tier_code as "tierCode",
  h.branch_id as "branchId", h.from_staff_id as "fromStaffId", fs.name as "fromName", h.to_staff_id as "toStaffId", ts.name as "toName", h.status,
  h.note, h.return_reason as "returnReason", h.created_at as "createdAt", h.decided_at as "decidedAt",
  (case when h.status = 'pending' then extract(day from now() - h.created_at) else 0 end)::int as "pendingDays"`;
const handoverFrom = sql`handovers h join customers c on c.id = h.customer_id join staff fs on fs.id = h.from_staff_id join staff ts on ts.id = h.to_staff_id`;

export type HandoverFilter = { direction: 'incoming' | 'outgoing' | 'team'; scope: DataScope; status?: string; olderThanDays?: number };

export async function listHandovers(db: DbOrTrx, f: HandoverFilter, limit: number): Promise<HandoverRow[]> {
  const who =
    f.direction === 'team'
      ? scopeSql(f.scope, { branch: 'h.branch_id', owner: 'h.to_staff_id' })
      : f.scope.kind === 'own' || f.direction === 'outgoing'
        ? sql`${sql.ref(f.direction === 'incoming' ? 'h.to_staff_id' : 'h.from_staff_id')} = ${f.scope.kind === 'own' ? f.scope.staffId : -1}`
        : scopeSql(f.scope, { branch: 'h.branch_id' });
  const r = await sql<HandoverRow>`
    select ${handoverCols} from ${handoverFrom}
     where ${who} ${f.status ? sql`and h.status = ${f.status}` : sql``}
       ${f.olderThanDays !== undefined ? sql`and h.status = 'pending' and h.created_at < now() - make_interval(days => ${f.olderThanDays})` : sql``}
     order by (h.status = 'pending') desc, h.created_at desc limit ${limit}`.execute(db);
  return r.rows;
}

export async function handoverById(db: DbOrTrx, id: number, lock = false): Promise<HandoverRow | null> {
  const r = await sql<HandoverRow>`select ${handoverCols} from ${handoverFrom} where h.id = ${id} ${lock ? sql`for update of h` : sql``}`.execute(db);
  return r.rows[0] ?? null;
}

export async function insertHandover(trx: DbOrTrx, h: { customerId: number; branchId: number; fromStaffId: number; toStaffId: number; note: string }): Promise<number | null> {
  const r = await sql<{ id: number }>`
    insert into handovers (customer_id, branch_id, from_staff_id, to_staff_id, note)
    values (${h.customerId}, ${h.branchId}, ${h.fromStaffId}, ${h.toStaffId}, ${h.note})
    on conflict (customer_id) where status = 'pending' do nothing returning id`.execute(trx);
  return r.rows[0] ? Number(r.rows[0].id) : null;
}

export async function decideHandover(trx: DbOrTrx, id: number, status: 'accepted' | 'returned', by: number, reason: string | null): Promise<void> {
  await sql`update handovers set status = ${status}, decided_at = now(), decided_by = ${by}, return_reason = ${reason} where id = ${id}`.execute(trx);
}

/**
 * The dedicated RM changes for a set of customers at once: their RM history rows close today and new
 * ones open, and their open tasks move with them. Returns how many customers and tasks moved.
 */
export async function moveCustomers(
  trx: DbOrTrx,
  a: { customerIds: readonly number[]; toStaffId: number; today: string; reason: string; by: number; onlyFromStaffId?: number },
): Promise<{ customers: number; tasks: number }> {
  if (a.customerIds.length === 0) return { customers: 0, tasks: 0 };
  const ids = sql`(select unnest(${sql.val(a.customerIds)}::bigint[]))`;
  await sql`update customer_rm_history set ended_on = ${a.today}::date where customer_id in ${ids} and ended_on is null`.execute(trx);
  await sql`insert into customer_rm_history (customer_id, staff_id, assigned_on, reason, assigned_by)
            select id, ${a.toStaffId}, ${a.today}::date, ${a.reason}, ${a.by} from unnest(${sql.val(a.customerIds)}::bigint[]) as u(id)`.execute(trx);
  const c = await sql`update customers set rm_staff_id = ${a.toStaffId}, updated_at = now() where id in ${ids}`.execute(trx);
  const t = await sql`update engagement_tasks set staff_id = ${a.toStaffId}, updated_at = now()
                       where customer_id in ${ids} and status = 'open'`.execute(trx);
  return { customers: Number(c.numAffectedRows ?? 0), tasks: Number(t.numAffectedRows ?? 0) };
}

/** Active wealth RMs of a branch with their book size and their grade's limit. */
export async function wealthRmsOf(db: DbOrTrx, where: { branchId?: number; staffIds?: readonly number[] }) {
  const r = await sql<{ staffId: number; staffNo: string; name: string; branchName: string; branchId: number; branchPath: string; gradeCode: string | null; bookSize: number; maxCustomers: number | null }>`
    select s.id as "staffId", s.staff_no as "staffNo", s.name, b.name as "branchName", b.id as "branchId", b.path as "branchPath", g.code as "gradeCode",
           (select count(*) from customers c where c.rm_staff_id = s.id)::int as "bookSize", cap.max_customers as "maxCustomers"
      from staff s join branches b on b.id = s.branch_id
      left join grade_levels g on g.id = s.grade_level_id left join rm_capacity cap on cap.grade_code = g.code
     where s.status = 'active' and exists (select 1 from staff_roles r where r.staff_id = s.id and r.role = 'wealth_rm')
       and ${where.branchId !== undefined ? sql`s.branch_id = ${where.branchId}` : sql`s.id in (select unnest(${sql.val(where.staffIds ?? [])}::bigint[]))`}
     order by s.staff_no`.execute(db);
  return r.rows;
}

/** The departing RM's customers, in a stable order, locked for the move. */
export async function bookOf(trx: DbOrTrx, staffId: number, lock: boolean): Promise<number[]> {
  const r = await sql<{ id: string }>`select id from customers where rm_staff_id = ${staffId} order by id ${lock ? sql`for update` : sql``}`.execute(trx);
  return r.rows.map((x) => Number(x.id));
}

export async function openTaskCount(db: DbOrTrx, staffId: number): Promise<number> {
  const r = await sql<{ n: string }>`select count(*) as n from engagement_tasks where staff_id = ${staffId} and status = 'open'`.execute(db);
  return Number(r.rows[0].n);
}

export async function staffBranch(db: DbOrTrx, staffId: number): Promise<{ id: number; name: string; branchId: number; branchPath: string } | null> {
  const r = await sql<{ id: number; name: string; branchId: number; branchPath: string }>`
    select s.id, s.name, s.branch_id as "branchId", b.path as "branchPath" from staff s join branches b on b.id = s.branch_id where s.id = ${staffId}`.execute(db);
  return r.rows[0] ?? null;
}

/** Premium customers (any tier above the lowest) in scope with no dedicated RM. */
export async function unassignedPremium(db: DbOrTrx, scope: DataScope, limit: number) {
  const where = sql`c.rm_staff_id is null and c.status <> 'closed' and c.tier_code in (select code from tiers where rank > (select min(rank) from tiers))
                    and ${scopeSql(scope.kind === 'own' ? { kind: 'bank' } : scope, { branch: 'c.branch_id' })} ${scope.kind === 'own' ? sql`and false` : sql``}`;
  const [items, total] = await Promise.all([
    sql<{ customerId: number; customerNo: string; name: string; tierCode: string; rmName: null }>`
      select c.id as "customerId", c.customer_no as "customerNo", c.name, c.tier_code as "tierCode", null as "rmName" from customers c where ${where} order by c.id limit ${limit}`.execute(db),
    sql<{ n: string }>`select count(*) as n from customers c where ${where}`.execute(db),
  ]);
  return { items: items.rows, total: Number(total.rows[0].n) };
}

/** Customers the marketing RM may hand over: in their own book, with no open handover. */
export async function handoverCandidates(db: DbOrTrx, staffId: number, q: string | null, limit: number) {
  const r = await sql<{ customerId: number; customerNo: string; name: string; tierCode: string; rmName: string | null }>`
    select c.id as "customerId", c.customer_no as "customerNo", c.name, c.tier_code as "tierCode", rm.name as "rmName"
      from customers c left join staff rm on rm.id = c.rm_staff_id
     where (c.marketing_staff_id = ${staffId} or c.rm_staff_id = ${staffId}) and c.status <> 'closed'
       and not exists (select 1 from handovers h where h.customer_id = c.id and h.status = 'pending')
       ${q ? sql`and (c.customer_no like ${q + '%'} or c.name like ${'%' + q + '%'})` : sql``}
     order by c.tier_code <> 'mass' desc, c.aum desc, c.id limit ${limit}`.execute(db);
  return r.rows;
}

// ---- capacity ---------------------------------------------------------------------------------

export async function listCapacity(db: DbOrTrx) {
  const r = await sql<{ gradeCode: string; nameZh: string; nameEn: string; maxCustomers: number | null }>`
    select g.code as "gradeCode", g.name_zh as "nameZh", g.name_en as "nameEn", cap.max_customers as "maxCustomers"
      from grade_levels g left join rm_capacity cap on cap.grade_code = g.code order by g.rank`.execute(db);
  return r.rows;
}

export async function upsertCapacity(trx: DbOrTrx, limits: readonly { gradeCode: string; maxCustomers: number }[], by: number | null): Promise<void> {
  await sql`
    insert into rm_capacity (grade_code, max_customers, updated_by)
    select l.grade_code, l.max_customers, ${by} from jsonb_to_recordset(${JSON.stringify(limits.map((l) => ({ grade_code: l.gradeCode, max_customers: l.maxCustomers })))}::jsonb)
         as l(grade_code text, max_customers int)
    on conflict (grade_code) do update set max_customers = excluded.max_customers, updated_by = excluded.updated_by, updated_at = now()`.execute(trx);
}

export async function insertMissingCapacity(db: DbOrTrx, limits: Readonly<Record<string, number>>): Promise<void> {
  await sql`
    insert into rm_capacity (grade_code, max_customers)
    select g.code, (${JSON.stringify(limits)}::jsonb ->> g.code)::int from grade_levels g where ${JSON.stringify(limits)}::jsonb ? g.code
    on conflict (grade_code) do nothing`.execute(db);
}

export async function knownGrades(db: DbOrTrx): Promise<Set<string>> {
  return new Set((await db.selectFrom('grade_levels').select('code').execute()).map((g) => g.code));
}
