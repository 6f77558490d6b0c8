// SQL of the RM workbench: every list starts from the RM's own customers or tasks (indexed by RM).
import { sql, scopeSql, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';
import { taskCols, type TaskRow } from './engagement.repository';

export async function taskCounts(db: DbOrTrx, staffId: number, today: string) {
  const r = await sql<{ overdue: number; dueToday: number; open: number }>`
    select count(*) filter (where due_on < ${today}::date)::int as overdue, count(*) filter (where due_on = ${today}::date)::int as "dueToday", count(*)::int as open
      from engagement_tasks where staff_id = ${staffId} and status = 'open'`.execute(db);
  return r.rows[0];
}

/** Overdue and due-soon open tasks first; `kind` narrows to one kind (allocation reviews). */
export async function openTasks(db: DbOrTrx, staffId: number, today: string, until: string, limit: number, kind: string | null): Promise<TaskRow[]> {
  const r = await sql<TaskRow>`
    select ${taskCols(today)} from engagement_tasks t join customers c on c.id = t.customer_id left join staff s on s.id = t.staff_id
     where t.staff_id = ${staffId} and t.status = 'open' and t.due_on <= ${until}::date ${kind ? sql`and t.kind = ${kind}` : sql``}
     order by t.due_on, t.id limit ${limit}`.execute(db);
  return r.rows;
}

/** The book's holdings maturing in the window: chosen from the covering indexes alone, then the few shown are read in full. */
export async function maturities(db: DbOrTrx, staffId: number, from: string, to: string, limit: number) {
  const r = await sql<{ customerId: number; customerNo: string; name: string; tierCode: string; productName: string; category: string; maturesOn: string; balance: string }>`
    with top as (
      select h.id from customers c join holdings h on h.customer_id = c.id and h.status = 'active'
       where c.rm_staff_id = ${staffId} and h.matures_on between ${from}::date and ${to}::date
       order by h.matures_on, c.id limit ${limit})
    select c.id as "customerId", c.customer_no as "customerNo", c.name, c.tier_code as "tierCode", h.product_name as "productName", h.category,
           h.matures_on as "maturesOn", h.balance
      from top join holdings h on h.id = top.id join customers c on c.id = h.customer_id
     order by h.matures_on, c.id`.execute(db);
  return r.rows;
}

export async function birthdays(db: DbOrTrx, staffId: number, days: readonly { md: string; on: string }[], limit: number) {
  const r = await sql<{ customerId: number; customerNo: string; name: string; tierCode: string; birthday: string }>`
    with top as (
      select c.id, w."on" from customers c join jsonb_to_recordset(${JSON.stringify(days)}::jsonb) as w(md text, "on" date) on to_char(c.birth_date, 'MM-DD') = w.md
       where c.rm_staff_id = ${staffId} and c.status <> 'closed'
       order by w."on", c.id limit ${limit})
    select c.id as "customerId", c.customer_no as "customerNo", c.name, c.tier_code as "tierCode", top."on"::text as birthday
      from top join customers c on c.id = top.id
     order by top."on", c.id`.execute(db);
  return r.rows;
}

/** The book in one pass over the RM's customers (a covering index): tiers, AUM, last month-end AUM, cross-sell. */
export async function book(db: DbOrTrx, staffId: number, lastMonth: string) {
  const r = await sql<{
    tiers: { tierCode: string; nameZh: string; nameEn: string; customers: number; aum: string }[] | null;
    customers: number; aum: string; aumLastMonth: string; aumChange: string; crossSell: string;
  }>`
    with mine as materialized (select id, tier_code, aum from customers where rm_staff_id = ${staffId}),
    per_tier as (select tier_code, count(*)::int as customers, coalesce(sum(aum), 0) as aum from mine group by tier_code),
    held as (select count(*) as n from (select distinct h.customer_id, h.category from mine join holdings h on h.customer_id = mine.id and h.status = 'active') x)
    select x.tiers, x.customers, x.aum::text, x.last::text as "aumLastMonth", (x.aum - x.last)::text as "aumChange", x.xsell::text as "crossSell"
    from (
      select (select json_agg(json_build_object('tierCode', t.code, 'nameZh', t.name_zh, 'nameEn', t.name_en, 'customers', p.customers, 'aum', p.aum::text) order by t.rank desc)
                from per_tier p join tiers t on t.code = p.tier_code) as tiers,
             (select count(*) from mine)::int as customers,
             (select coalesce(sum(aum), 0) from mine) as aum,
             (select coalesce(sum(mb.end_aum), 0) from mine join monthly_balances mb on mb.customer_id = mine.id and mb.month = ${lastMonth}::date) as last,
             (select case when (select count(*) from mine) = 0 then 0 else round(held.n::numeric / (select count(*) from mine), 2) end from held) as xsell
    ) x`.execute(db);
  const row = r.rows[0]!;
  return { ...row, tiers: row.tiers ?? [] };
}

export async function teamOverdue(db: DbOrTrx, scope: DataScope, today: string): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from engagement_tasks t where t.status = 'open' and t.due_on < ${today}::date and ${scopeSql(scope, { branch: 't.branch_id', owner: 't.staff_id' })}`.execute(db);
  return r.rows[0].n;
}
