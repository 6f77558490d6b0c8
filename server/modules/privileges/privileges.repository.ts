// All SQL of value-added services: catalogue, quotas, uses, the timeline events they write, reports.
import { sql, scopeSql, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';
import type {
  Privilege, PrivilegeQuota, PrivilegeReportGroup, PrivilegeReportRow, PrivilegeUse, PrivilegeUseStatus, UnusedPrivilegeCustomer,
} from '../../../contracts/privileges';

// ---- reference data ---------------------------------------------------------------------------

export async function insertPrivilegeReference(
  db: DbOrTrx,
  privileges: readonly { code: string; nameZh: string; nameEn: string; partner: string; unitCost: string }[],
  quotas: readonly { privilegeCode: string; tierCode: string; perYear: number }[],
): Promise<void> {
  if (privileges.length > 0) {
    await db
      .insertInto('privileges')
      .values(privileges.map((p) => ({ code: p.code, name_zh: p.nameZh, name_en: p.nameEn, partner: p.partner, unit_cost: p.unitCost })))
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
  if (quotas.length === 0) return;
  // Only tiers that exist get a quota; a quota head office set (even to 0) is left as it is.
  const rows = sql.join(quotas.map((q) => sql`(${q.privilegeCode}::text, ${q.tierCode}::text, ${q.perYear}::int)`));
  await sql`
    insert into privilege_quotas (privilege_code, tier_code, per_year)
    select v.privilege_code, v.tier_code, v.per_year
    from (values ${rows}) as v (privilege_code, tier_code, per_year)
    join tiers t on t.code = v.tier_code
    join privileges p on p.code = v.privilege_code
    on conflict (privilege_code, tier_code) do nothing`.execute(db);
}

// ---- catalogue --------------------------------------------------------------------------------

export type PrivilegeRow = Omit<Privilege, 'quotas'>;

const privilegeCols = ['code', 'name_zh as nameZh', 'name_en as nameEn', 'partner', 'unit_cost as unitCost', 'active'] as const;

export async function listPrivileges(db: DbOrTrx): Promise<PrivilegeRow[]> {
  return db.selectFrom('privileges').select(privilegeCols).orderBy('code').execute();
}

export async function privilegeByCode(db: DbOrTrx, code: string): Promise<PrivilegeRow | null> {
  return (await db.selectFrom('privileges').select(privilegeCols).where('code', '=', code).executeTakeFirst()) ?? null;
}

/** Every tier with the quota of each service (0 where none is set), ordered by tier rank. */
export async function listQuotas(db: DbOrTrx, privilegeCode?: string): Promise<(PrivilegeQuota & { privilegeCode: string })[]> {
  let qb = db
    .selectFrom('privilege_quotas as q')
    .innerJoin('tiers as t', 't.code', 'q.tier_code')
    .select(['q.privilege_code as privilegeCode', 'q.tier_code as tierCode', 't.name_zh as tierNameZh', 't.name_en as tierNameEn', 't.rank as tierRank', 'q.per_year as perYear'])
    .orderBy('t.rank');
  if (privilegeCode) qb = qb.where('q.privilege_code', '=', privilegeCode);
  return qb.execute();
}

export type TierRef = { code: string; nameZh: string; nameEn: string; rank: number };

export async function listTiers(db: DbOrTrx): Promise<TierRef[]> {
  return db.selectFrom('tiers').select(['code', 'name_zh as nameZh', 'name_en as nameEn', 'rank']).orderBy('rank').execute();
}

/** Creates the service or replaces its fields; tells which it was. */
export async function savePrivilege(
  trx: DbOrTrx,
  code: string,
  p: { nameZh: string; nameEn: string; partner: string; unitCost: string; active: boolean },
): Promise<{ created: boolean }> {
  const r = await trx
    .insertInto('privileges')
    .values({ code, name_zh: p.nameZh, name_en: p.nameEn, partner: p.partner, unit_cost: p.unitCost, active: p.active })
    .onConflict((oc) =>
      oc.column('code').doUpdateSet({ name_zh: p.nameZh, name_en: p.nameEn, partner: p.partner, unit_cost: p.unitCost, active: p.active, updated_at: sql<Date>`now()` }),
    )
    // xmax is 0 on a freshly inserted row version and set on an updated one.
    .returning(sql<boolean>`(xmax = 0)`.as('created'))
    .executeTakeFirstOrThrow();
  return { created: r.created };
}

/** Sets the quota of every given tier; the caller passes every tier, 0 where none applies. */
export async function setQuotas(trx: DbOrTrx, privilegeCode: string, quotas: readonly { tierCode: string; perYear: number }[]): Promise<void> {
  if (quotas.length === 0) return;
  await trx
    .insertInto('privilege_quotas')
    .values(quotas.map((q) => ({ privilege_code: privilegeCode, tier_code: q.tierCode, per_year: q.perYear })))
    .onConflict((oc) => oc.columns(['privilege_code', 'tier_code']).doUpdateSet({ per_year: (eb) => eb.ref('excluded.per_year') }))
    .execute();
}

export async function quotaOf(db: DbOrTrx, privilegeCode: string, tierCode: string): Promise<number> {
  const r = await db
    .selectFrom('privilege_quotas')
    .select('per_year')
    .where('privilege_code', '=', privilegeCode)
    .where('tier_code', '=', tierCode)
    .executeTakeFirst();
  return r?.per_year ?? 0;
}

// ---- customers as this module sees them ---------------------------------------------------------

export type CustomerRef = {
  id: number;
  customerNo: string;
  name: string;
  branchId: number;
  status: string;
  tierCode: string;
  overrideTierCode: string | null;
  overrideUntil: string | null;
};

/** A customer's own book is theirs as dedicated wealth RM or as the marketing RM who brought them. */
function customerScopeSql(scope: DataScope, alias = 'c') {
  if (scope.kind === 'own') {
    return sql<boolean>`(${sql.ref(`${alias}.rm_staff_id`)} = ${scope.staffId} or ${sql.ref(`${alias}.marketing_staff_id`)} = ${scope.staffId})`;
  }
  return scopeSql(scope, { branch: `${alias}.branch_id` });
}

function customerQuery(db: DbOrTrx, scope: DataScope, id: number) {
  return db
    .selectFrom('customers as c')
    .select([
      'c.id', 'c.customer_no as customerNo', 'c.name', 'c.branch_id as branchId', 'c.status', 'c.tier_code as tierCode',
      'c.override_tier_code as overrideTierCode', 'c.override_until as overrideUntil',
    ])
    .where('c.id', '=', id)
    .where(customerScopeSql(scope));
}

export async function customerInScope(db: DbOrTrx, scope: DataScope, id: number): Promise<CustomerRef | null> {
  return (await customerQuery(db, scope, id).executeTakeFirst()) ?? null;
}

/**
 * The customer row locked until the transaction ends: bookings of one customer queue here, so the
 * count that follows sees every booking committed before. NO KEY UPDATE still lets other modules
 * insert rows that reference the customer.
 */
export async function lockCustomerInScope(trx: DbOrTrx, scope: DataScope, id: number): Promise<CustomerRef | null> {
  return (await customerQuery(trx, scope, id).forNoKeyUpdate().executeTakeFirst()) ?? null;
}

export async function tierByCode(db: DbOrTrx, code: string): Promise<TierRef | null> {
  return (await db.selectFrom('tiers').select(['code', 'name_zh as nameZh', 'name_en as nameEn', 'rank']).where('code', '=', code).executeTakeFirst()) ?? null;
}

// ---- uses -------------------------------------------------------------------------------------

/** Booked and used visits of one service in one year (cancelled ones gave theirs back). */
export async function countTaken(db: DbOrTrx, customerId: number, privilegeCode: string, year: number): Promise<number> {
  const r = await db
    .selectFrom('privilege_uses')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('customer_id', '=', customerId)
    .where('privilege_code', '=', privilegeCode)
    .where('year', '=', year)
    .where('status', '<>', 'cancelled')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export type NewUse = {
  customerId: number;
  privilegeCode: string;
  status: 'booked' | 'used';
  serviceDate: string;
  tierCode: string;
  branchId: number;
  recordedBy: number;
  cost: string;
  note: string;
};

export async function insertUse(trx: DbOrTrx, u: NewUse): Promise<number> {
  const r = await trx
    .insertInto('privilege_uses')
    .values({
      customer_id: u.customerId, privilege_code: u.privilegeCode, year: Number(u.serviceDate.slice(0, 4)), status: u.status,
      service_date: u.serviceDate, tier_code: u.tierCode, branch_id: u.branchId, recorded_by: u.recordedBy, cost: u.cost, note: u.note,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

function usesQuery(db: DbOrTrx) {
  return db
    .selectFrom('privilege_uses as u')
    .innerJoin('privileges as p', 'p.code', 'u.privilege_code')
    .leftJoin('staff as s', 's.id', 'u.recorded_by')
    .select([
      'u.id', 'u.customer_id as customerId', 'u.privilege_code as privilegeCode', 'p.name_zh as privilegeNameZh', 'p.name_en as privilegeNameEn',
      'u.status', 'u.service_date as serviceDate', 'u.year', 'u.tier_code as tierCode', 'u.branch_id as branchId', 'u.recorded_by as recordedBy',
      's.name as recordedByName', 'u.cost', 'u.note', 'u.created_at as createdAt', 'u.cancelled_at as cancelledAt',
    ]);
}

type UseRow = Omit<PrivilegeUse, 'createdAt' | 'cancelledAt' | 'status'> & { status: string; createdAt: Date; cancelledAt: Date | null };

const toUse = (r: UseRow): PrivilegeUse => ({
  ...r,
  status: r.status as PrivilegeUseStatus,
  createdAt: new Date(r.createdAt).toISOString(),
  cancelledAt: r.cancelledAt ? new Date(r.cancelledAt).toISOString() : null,
});

export async function useById(db: DbOrTrx, customerId: number, useId: number): Promise<PrivilegeUse | null> {
  const r = await usesQuery(db).where('u.id', '=', useId).where('u.customer_id', '=', customerId).executeTakeFirst();
  return r ? toUse(r) : null;
}

/** The use row locked against a concurrent cancel or mark-used. */
export async function lockUse(trx: DbOrTrx, customerId: number, useId: number): Promise<{ id: number; status: PrivilegeUseStatus; serviceDate: string; privilegeCode: string } | null> {
  const r = await trx
    .selectFrom('privilege_uses')
    .select(['id', 'status', 'service_date as serviceDate', 'privilege_code as privilegeCode'])
    .where('id', '=', useId)
    .where('customer_id', '=', customerId)
    .forUpdate()
    .executeTakeFirst();
  return r ? { ...r, status: r.status as PrivilegeUseStatus } : null;
}

export async function markUsed(trx: DbOrTrx, useId: number, serviceDate: string, note: string | undefined): Promise<void> {
  await trx
    .updateTable('privilege_uses')
    .set({ status: 'used', service_date: serviceDate, ...(note !== undefined ? { note } : {}) })
    .where('id', '=', useId)
    .execute();
}

export async function cancelUse(trx: DbOrTrx, useId: number): Promise<void> {
  await trx.updateTable('privilege_uses').set({ status: 'cancelled', cancelled_at: sql<Date>`now()` }).where('id', '=', useId).execute();
}

export async function usesOfYear(db: DbOrTrx, customerId: number, year: number): Promise<PrivilegeUse[]> {
  const rows = await usesQuery(db).where('u.customer_id', '=', customerId).where('u.year', '=', year).orderBy('u.service_date').orderBy('u.id').execute();
  return rows.map(toUse);
}

// ---- reports ----------------------------------------------------------------------------------

/** Report scope: a use belongs to the branch it was recorded at; `own` means the caller's customers. */
function useScopeSql(scope: DataScope) {
  if (scope.kind === 'own') {
    return sql<boolean>`exists (select 1 from customers c where c.id = u.customer_id and (c.rm_staff_id = ${scope.staffId} or c.marketing_staff_id = ${scope.staffId}))`;
  }
  return scopeSql(scope, { branch: 'u.branch_id' });
}

const GROUPS: Record<PrivilegeReportGroup, { key: ReturnType<typeof sql>; zh: ReturnType<typeof sql>; en: ReturnType<typeof sql>; order: ReturnType<typeof sql> }> = {
  service: { key: sql`u.privilege_code`, zh: sql`p.name_zh`, en: sql`p.name_en`, order: sql`u.privilege_code` },
  branch: { key: sql`b.code`, zh: sql`b.name`, en: sql`b.name`, order: sql`b.code` },
  tier: { key: sql`u.tier_code`, zh: sql`coalesce(t.name_zh, u.tier_code)`, en: sql`coalesce(t.name_en, u.tier_code)`, order: sql`min(t.rank), u.tier_code` },
  month: { key: sql`to_char(u.service_date, 'YYYY-MM')`, zh: sql`to_char(u.service_date, 'YYYY-MM')`, en: sql`to_char(u.service_date, 'YYYY-MM')`, order: sql`1` },
};

const FIGURES = sql`
  (count(*) filter (where u.status <> 'cancelled'))::int as uses,
  (count(*) filter (where u.status = 'used'))::int as used,
  (count(*) filter (where u.status = 'booked'))::int as booked,
  (count(*) filter (where u.status = 'cancelled'))::int as cancelled,
  coalesce(sum(u.cost) filter (where u.status = 'used'), 0)::numeric(20,2)::text as "usedCost",
  coalesce(sum(u.cost) filter (where u.status = 'booked'), 0)::numeric(20,2)::text as "bookedCost",
  coalesce(sum(u.cost) filter (where u.status <> 'cancelled'), 0)::numeric(20,2)::text as "totalCost"`;

type Figures = Omit<PrivilegeReportRow, 'key' | 'labelZh' | 'labelEn'>;

export async function usageReport(
  db: DbOrTrx,
  scope: DataScope,
  q: { from: string; to: string; groupBy: PrivilegeReportGroup },
): Promise<{ rows: PrivilegeReportRow[]; total: Figures }> {
  const g = GROUPS[q.groupBy];
  const from = sql`
    from privilege_uses u
    join privileges p on p.code = u.privilege_code
    join branches b on b.id = u.branch_id
    left join tiers t on t.code = u.tier_code
    where u.service_date between ${q.from}::date and ${q.to}::date and ${useScopeSql(scope)}`;
  const rows = await sql<PrivilegeReportRow>`
    select ${g.key} as key, ${g.zh} as "labelZh", ${g.en} as "labelEn", ${FIGURES}
    ${from}
    group by ${g.key}, ${g.zh}, ${g.en}
    order by ${g.order}`.execute(db);
  const total = await sql<Figures>`select ${FIGURES} ${from}`.execute(db);
  return { rows: rows.rows, total: total.rows[0] };
}

/**
 * Active customers of gold tier or above (their current tier, a running override included) without a
 * single booked or used service in the year: a reason to call them.
 */
export type UnusedRow = Omit<UnusedPrivilegeCustomer, 'name'> & { fullName: string };

export async function unusedCustomers(
  db: DbOrTrx,
  scope: DataScope,
  q: { year: number; today: string; page: number; pageSize: number },
): Promise<{ items: UnusedRow[]; total: number }> {
  const base = sql`
    from (
      select c.id, c.customer_no, c.name, c.branch_id, c.rm_staff_id,
             case when c.override_tier_code is not null and (c.override_until is null or c.override_until >= ${q.today}::date)
                  then c.override_tier_code else c.tier_code end as tier
      from customers c
      where c.status = 'active' and ${customerScopeSql(scope)}
    ) cur
    join tiers t on t.code = cur.tier
    join branches b on b.id = cur.branch_id
    left join staff s on s.id = cur.rm_staff_id
    where t.rank >= (select g.rank from tiers g where g.code = 'gold')
      and not exists (select 1 from privilege_uses u where u.customer_id = cur.id and u.year = ${q.year} and u.status <> 'cancelled')`;
  const count = await sql<{ n: number }>`select count(*)::int as n ${base}`.execute(db);
  const total = count.rows[0]?.n ?? 0;
  if (total === 0) return { items: [], total };
  const r = await sql<UnusedRow>`
    select cur.id, cur.customer_no as "customerNo", cur.name as "fullName", cur.tier as "tierCode",
           t.name_zh as "tierNameZh", t.name_en as "tierNameEn", cur.branch_id as "branchId", b.code as "branchCode",
           b.name as "branchName", cur.rm_staff_id as "rmStaffId", s.name as "rmName",
           (select coalesce(sum(q.per_year), 0) from privilege_quotas q join privileges p on p.code = q.privilege_code and p.active
             where q.tier_code = cur.tier)::int as entitlements
    ${base}
    order by t.rank desc, cur.customer_no
    limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(db);
  return { items: r.rows, total };
}
