// The merges of the customer-data import: the checked rows (customer_import_checked, see
// customer-import-staging.repository.ts) go in with one INSERT … ON CONFLICT per kind, in the same
// transaction as the checks.
import { sql, type DbOrTrx, type Trx } from '../../platform/db';
import type { RunContext } from './customer-import-staging.repository';

/** Imports merge one at a time: two concurrent merges of the same keys would otherwise deadlock. */
export async function lockMerges(trx: Trx, workMemMb: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(7401003)`.execute(trx);
  // The hash joins and aggregates over a whole file stay in memory instead of spilling to disk.
  await sql`select set_config('work_mem', ${`${workMemMb}MB`}, true)`.execute(trx);
  // The checks look expensive to the planner (many expressions, rough row estimates), and JIT
  // compilation then costs seconds more than it saves.
  await sql`select set_config('jit', 'off', true)`.execute(trx);
}

export type MergeCounts = { inserted: number; updated: number };

/** The lowest tier, for new customers; an empty ladder gets the basic tier first. */
export async function lowestTier(trx: DbOrTrx): Promise<string> {
  const r = await sql<{ code: string }>`select code from tiers order by rank limit 1`.execute(trx);
  if (r.rows[0]) return r.rows[0].code;
  await sql`insert into tiers (code, name_zh, name_en, rank, min_aum) values ('mass', '普通', 'Mass', 0, 0) on conflict do nothing`.execute(trx);
  const again = await sql<{ code: string }>`select code from tiers order by rank limit 1`.execute(trx);
  return again.rows[0].code;
}

function counts(row: { inserted: string | number; updated: string | number } | undefined): MergeCounts {
  return { inserted: Number(row?.inserted ?? 0), updated: Number(row?.updated ?? 0) };
}

const list = (prefix: string, columns: readonly string[]) => sql.join(columns.map((col) => sql.ref(`${prefix}.${col}`)));
const names = (columns: readonly string[]) => sql.join(columns.map((col) => sql.id(col)));
/** `(t.a, t.b) is distinct from (excluded.a, excluded.b)`: an update only when something changed. */
const changed = (table: string, columns: readonly string[]) => sql`(${list(table, columns)}) is distinct from (${list('excluded', columns)})`;
const setExcluded = (columns: readonly string[]) => sql.join(columns.map((col) => sql`${sql.id(col)} = excluded.${sql.id(col)}`));

/** The planner's count of customers (no scan): enough to tell a first load from a delta. */
export async function customerCountEstimate(trx: DbOrTrx): Promise<number> {
  const r = await sql<{ n: string | number }>`select reltuples::bigint as n from pg_class where oid = 'customers'::regclass`.execute(trx);
  return Math.max(0, Number(r.rows[0]?.n ?? 0));
}

/**
 * Valid rows of the file whose customer number is not in the bank yet: a first load's size. The
 * indexes are rebuilt only for that, never for a delta or a re-import of customers already there
 * (which would lock the customers table for the rebuild to change nothing).
 */
export async function newCustomerRows(trx: DbOrTrx): Promise<number> {
  const r = await sql<{ n: string | number }>`
    select count(*) as n from customer_import_checked k
    where k.ok and not exists (select 1 from customers cu where cu.customer_no = k.customer_no)`.execute(trx);
  return Number(r.rows[0]?.n ?? 0);
}

/** What suspendCustomerIndexes() took away, to be put back exactly. */
export type SuspendedIndexes = { constraints: { name: string; def: string }[]; indexes: string[] };

/**
 * Drops every index of customers but the primary key, and its foreign keys, inside the merge's
 * transaction: the table is locked (ACCESS EXCLUSIVE) until the merge commits or rolls back, and a
 * rollback (a failure, a kill) brings every index back as it was.
 */
export async function suspendCustomerIndexes(trx: Trx): Promise<SuspendedIndexes> {
  const cons = await sql<{ name: string; def: string; index_name: string | null }>`
    select c.conname as name, pg_get_constraintdef(c.oid) as def, i.relname as index_name
    from pg_constraint c left join pg_class i on i.oid = c.conindid
    where c.conrelid = 'customers'::regclass and c.contype in ('u', 'f')
    order by c.contype desc, c.conname`.execute(trx);
  const idx = await sql<{ name: string; def: string }>`
    select c.relname as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid = 'customers'::regclass and not i.indisprimary
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid)
    order by c.relname`.execute(trx);
  await sql`lock table customers in access exclusive mode`.execute(trx);
  for (const c of cons.rows) await sql`alter table customers drop constraint ${sql.id(c.name)}`.execute(trx);
  for (const i of idx.rows) await sql`drop index ${sql.id(i.name)}`.execute(trx);
  return { constraints: cons.rows.map((c) => ({ name: c.name, def: c.def })), indexes: idx.rows.map((i) => i.def) };
}

/** Builds the dropped indexes and constraints again, each in one pass over the table. */
export async function restoreCustomerIndexes(trx: Trx, s: SuspendedIndexes, memMb: number): Promise<void> {
  await sql`select set_config('maintenance_work_mem', ${`${memMb}MB`}, true)`.execute(trx);
  // Unique constraints first (their own index), then the other indexes, then the foreign keys
  // (each validated by one join instead of a trigger per row).
  const unique = s.constraints.filter((c) => c.def.startsWith('UNIQUE'));
  const foreign = s.constraints.filter((c) => !c.def.startsWith('UNIQUE'));
  for (const c of unique) await sql`alter table customers add constraint ${sql.id(c.name)} ${sql.raw(c.def)}`.execute(trx);
  for (const def of s.indexes) await sql.raw(def).execute(trx);
  for (const c of foreign) await sql`alter table customers add constraint ${sql.id(c.name)} ${sql.raw(c.def)}`.execute(trx);
}

const CUSTOMER_COLUMNS: [string, string[]][] = [
  ['residentId', ['resident_id']], ['mobile', ['mobile']], ['address', ['address']], ['occupation', ['occupation']], ['employer', ['employer']],
  ['rmStaffNo', ['rm_staff_id']], ['marketingStaffNo', ['marketing_staff_id']], ['status', ['status']], ['onboardedOn', ['onboarded_on']], ['riskLevel', ['risk_level']],
];

/**
 * Customers by customer_no: new ones get the lowest tier; existing ones change only in the columns
 * the file maps (plus the gender and birth date a resident ID implies) and only when a value
 * differs: only new and changed rows reach the upsert, so an unchanged row is not even locked.
 * When the file maps RMs, the RM history follows in the same statement: the open period of a
 * changed RM ends today and the new one starts.
 */
export async function mergeCustomers(trx: Trx, c: RunContext, tier: string, bulk = false): Promise<MergeCounts & { rmChanges: number }> {
  const p = (f: string) => c.present.has(f);
  const cols = ['name', 'branch_id', ...CUSTOMER_COLUMNS.filter(([f]) => p(f)).flatMap(([, cs]) => cs)];
  if (p('gender') || p('residentId')) cols.push('gender');
  if (p('birthDate') || p('residentId')) cols.push('birth_date');
  const rmHistory = p('rmStaffNo');
  const r = await sql<{ inserted: string; updated: string; rm_changes: string }>`
    with todo as (
      -- Only the columns written (the checked rows also carry every rule's outcome).
      select k.customer_no, ${list('k', cols)}, cu.id as old_id, cu.rm_staff_id as old_rm
      from customer_import_checked k left join customers cu on cu.customer_no = k.customer_no
      where k.ok and (cu.id is null or (${list('cu', cols)}) is distinct from (${list('k', cols)}))
    ),
    ${bulk ? sql`
    -- No unique index to conflict on while the indexes are being rebuilt: new and changed rows
    -- go separately (the merge lock and the table lock keep anyone else out).
    added as (
      insert into customers (customer_no, ${names(cols)}, tier_code, tier_since)
      select customer_no, ${names(cols)}, ${tier}::text, ${c.today}::date from todo where todo.old_id is null
      returning id, customer_no, rm_staff_id, true as inserted
    ),
    changed as (
      update customers cu set ${sql.join(cols.map((col) => sql`${sql.id(col)} = t.${sql.id(col)}`))}, updated_at = now()
      from todo t where t.old_id is not null and cu.id = t.old_id
      returning cu.id, cu.customer_no, cu.rm_staff_id, false as inserted
    ),
    merged as (select * from added union all select * from changed)` : sql`
    merged as (
      insert into customers (customer_no, ${names(cols)}, tier_code, tier_since)
      select customer_no, ${names(cols)}, ${tier}::text, ${c.today}::date from todo
      on conflict (customer_no) do update set ${setExcluded(cols)}, updated_at = now()
      where ${changed('customers', cols)}
      returning id, customer_no, rm_staff_id, xmax = 0 as inserted
    )`}
    ${rmHistory ? sql`,
    ended as (
      update customer_rm_history h set ended_on = ${c.today}::date
      from merged m join todo o on o.customer_no = m.customer_no
      where h.customer_id = m.id and h.ended_on is null and m.rm_staff_id is distinct from o.old_rm
      returning h.id
    ),
    started as (
      insert into customer_rm_history (customer_id, staff_id, assigned_on, reason)
      select m.id, m.rm_staff_id, ${c.today}::date, '导入 import'
      from merged m join todo o on o.customer_no = m.customer_no
      where m.rm_staff_id is not null and (m.inserted or m.rm_staff_id is distinct from o.old_rm)
      returning 1
    )` : sql``}
    select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated,
           ${rmHistory ? sql`(select count(*) from started) + (select count(*) from ended)` : sql`0`} as rm_changes
    from merged`.execute(trx);
  return { ...counts(r.rows[0]), rmChanges: Number(r.rows[0]?.rm_changes ?? 0) };
}

const HOLDING_COLUMNS: [string, string][] = [['productCode', 'product_code'], ['cardNo', 'card_no'], ['openedOn', 'opened_on'], ['maturesOn', 'matures_on'], ['status', 'status']];

/** Holdings by account number; a column the file does not map keeps its stored value. */
export async function mergeHoldings(trx: Trx, c: RunContext): Promise<MergeCounts> {
  const optional = HOLDING_COLUMNS.filter(([f]) => c.present.has(f)).map(([, col]) => col);
  const cols = ['customer_id', 'category', 'balance', 'product_name', ...optional];
  // A file without product names keeps the names already stored.
  const updatable = c.present.has('productName') ? cols : cols.filter((x) => x !== 'product_name');
  const r = await sql<{ inserted: string; updated: string }>`
    with todo as (
      select k.* from customer_import_checked k left join holdings h on h.account_no = k.account_no
      where k.ok and (h.id is null or (${list('h', updatable)}) is distinct from (${list('k', updatable)}))
    ),
    merged as (
      insert into holdings (account_no, ${names(cols)})
      select account_no, ${names(cols)} from todo
      on conflict (account_no) do update set ${setExcluded(updatable)}, updated_at = now()
      where ${changed('holdings', updatable)}
      returning xmax = 0 as inserted
    )
    select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated from merged`.execute(trx);
  return counts(r.rows[0]);
}

/**
 * Daily balances by (customer, day), then the roll-up of every (customer, month) the file touches:
 * the month's average over the days present and its last day's balance; then each touched
 * customer's current AUM (latest day) and the m1/m3/m6 averages of the months before `today`'s.
 */
export async function mergeBalances(trx: Trx, c: RunContext): Promise<MergeCounts & { months: number; customers: number }> {
  await sql`
    create temp table customer_import_touched on commit drop as
    select distinct customer_id, date_trunc('month', day)::date as month from customer_import_checked where ok`.execute(trx);
  const r = await sql<{ inserted: string; updated: string }>`
    with merged as (
      insert into daily_balances (customer_id, day, aum)
      select k.customer_id, k.day, k.aum
      from customer_import_checked k left join daily_balances d on d.customer_id = k.customer_id and d.day = k.day
      where k.ok and (d.customer_id is null or d.aum is distinct from k.aum)
      on conflict (customer_id, day) do update set aum = excluded.aum
      where daily_balances.aum is distinct from excluded.aum
      returning xmax = 0 as inserted
    )
    select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated from merged`.execute(trx);
  const months = await sql`
    insert into monthly_balances (customer_id, month, avg_aum, end_aum)
    select t.customer_id, t.month, round(avg(d.aum), 2), (array_agg(d.aum order by d.day desc))[1]
    from customer_import_touched t
    join daily_balances d on d.customer_id = t.customer_id and d.day >= t.month and d.day < (t.month + interval '1 month')::date
    group by t.customer_id, t.month
    on conflict (customer_id, month) do update set avg_aum = excluded.avg_aum, end_aum = excluded.end_aum
    where (monthly_balances.avg_aum, monthly_balances.end_aum) is distinct from (excluded.avg_aum, excluded.end_aum)`.execute(trx);
  const m1 = sql`(date_trunc('month', ${c.today}::date) - interval '1 month')::date`;
  const since = (n: number) => sql`(date_trunc('month', ${c.today}::date) - ${`${n} months`}::interval)::date`;
  const customers = await sql`
    update customers cu
    set aum = x.aum, aum_m1 = x.m1, aum_m3 = x.m3, aum_m6 = x.m6, updated_at = now()
    from (
      select t.customer_id,
             coalesce((select d.aum from daily_balances d where d.customer_id = t.customer_id order by d.day desc limit 1), 0) as aum,
             coalesce((select m.avg_aum from monthly_balances m where m.customer_id = t.customer_id and m.month = ${m1}), 0) as m1,
             coalesce((select round(avg(m.avg_aum), 2) from monthly_balances m where m.customer_id = t.customer_id and m.month between ${since(3)} and ${m1}), 0) as m3,
             coalesce((select round(avg(m.avg_aum), 2) from monthly_balances m where m.customer_id = t.customer_id and m.month between ${since(6)} and ${m1}), 0) as m6
      from (select distinct customer_id from customer_import_touched) t
    ) x
    where cu.id = x.customer_id and (cu.aum, cu.aum_m1, cu.aum_m3, cu.aum_m6) is distinct from (x.aum, x.m1, x.m3, x.m6)`.execute(trx);
  return { ...counts(r.rows[0]), months: Number(months.numAffectedRows ?? 0), customers: Number(customers.numAffectedRows ?? 0) };
}
