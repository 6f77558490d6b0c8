// SQL of sales, a customer's allocation and cross-selling, the allocation reviews and the reports.
import { sql, scopeSql, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';
import type { RiskLevel } from '../../../contracts/customers';
import { ASSET_CLASSES, type AssetClass, type SalesReportQuery, type SalesReportRow } from '../../../contracts/products';
import { CATEGORY_ASSET_CLASS } from './products.rules';

/** Own book: the dedicated RM or the marketing RM who brought the customer (alias c). */
export function customerScopeSql(scope: DataScope) {
  if (scope.kind === 'own') return sql<boolean>`(c.rm_staff_id = ${scope.staffId} or c.marketing_staff_id = ${scope.staffId})`;
  return scopeSql(scope, { branch: 'c.branch_id' });
}

export type SaleCustomerRow = { id: number; branchId: number; tierCode: string; riskLevel: RiskLevel | null; riskAssessedOn: string | null; rmStaffId: number | null; marketingStaffId: number | null };

/** The tier that counts today (an unexpired override wins) and the risk assessment. */
export async function saleCustomer(db: DbOrTrx, id: number, today: string): Promise<SaleCustomerRow | null> {
  const r = await sql<SaleCustomerRow>`
    select c.id, c.branch_id as "branchId",
           case when c.override_tier_code is not null and (c.override_until is null or c.override_until >= ${today}::date) then c.override_tier_code else c.tier_code end as "tierCode",
           c.risk_level as "riskLevel", c.risk_assessed_on as "riskAssessedOn", c.rm_staff_id as "rmStaffId", c.marketing_staff_id as "marketingStaffId"
      from customers c where c.id = ${id}`.execute(db);
  return r.rows[0] ?? null;
}

export async function scopeCovers(db: DbOrTrx, scope: DataScope | null, customerId: number): Promise<boolean> {
  if (!scope) return false;
  const r = await sql<{ ok: boolean }>`select ${customerScopeSql(scope)} as ok from customers c where c.id = ${customerId}`.execute(db);
  return r.rows[0]?.ok === true;
}

// ---- sales ---------------------------------------------------------------------------------------

export type NewSale = {
  customerId: number; branchId: number; productId: number; category: string; amount: string; soldOn: string; staffId: number; channel: string;
  referralSource: string | null; holdingId: number | null; recordingRef: string | null; coolingOffUntil: Date | null; overrideAckRef: string | null;
  overrideBy: number | null; createdBy: number; createdAt: Date;
};

export async function insertSale(trx: DbOrTrx, s: NewSale): Promise<number> {
  const r = await trx
    .insertInto('sales')
    .values({
      customer_id: s.customerId, branch_id: s.branchId, product_id: s.productId, category: s.category, amount: s.amount, sold_on: s.soldOn,
      staff_id: s.staffId, channel: s.channel, referral_source: s.referralSource, holding_id: s.holdingId, recording_ref: s.recordingRef,
      cooling_off_until: s.coolingOffUntil, override_ack_ref: s.overrideAckRef, override_by: s.overrideBy, created_by: s.createdBy, created_at: s.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export type SaleRow = {
  id: number; customerId: number; productCode: string; productNameZh: string; productNameEn: string; category: string; amount: string; soldOn: string;
  staffId: number | null; staffName: string | null; channel: string; referralSource: string | null; recordingRef: string | null;
  coolingOffUntil: Date | null; status: string; refundStatus: string | null; overrideAckRef: string | null; holdingId: number | null; createdAt: Date;
};

const saleCols = sql`s.id, s.customer_id as "customerId", p.code as "productCode", p.name_zh as "productNameZh", p.name_en as "productNameEn", s.category,
  s.amount, s.sold_on as "soldOn", s.staff_id as "staffId", st.name as "staffName", s.channel, s.referral_source as "referralSource",
  s.recording_ref as "recordingRef", s.cooling_off_until as "coolingOffUntil", s.status, s.refund_status as "refundStatus",
  s.override_ack_ref as "overrideAckRef", s.holding_id as "holdingId", s.created_at as "createdAt"`;

export async function salesOf(db: DbOrTrx, customerId: number, limit: number): Promise<SaleRow[]> {
  const r = await sql<SaleRow>`
    select ${saleCols} from sales s join products p on p.id = s.product_id left join staff st on st.id = s.staff_id
     where s.customer_id = ${customerId} order by s.sold_on desc, s.id desc limit ${limit}`.execute(db);
  return r.rows;
}

export async function lockSale(trx: DbOrTrx, customerId: number, saleId: number): Promise<SaleRow | null> {
  const r = await sql<SaleRow>`
    select ${saleCols} from sales s join products p on p.id = s.product_id left join staff st on st.id = s.staff_id
     where s.customer_id = ${customerId} and s.id = ${saleId} for update of s`.execute(trx);
  return r.rows[0] ?? null;
}

export async function markCancelled(trx: DbOrTrx, saleId: number, by: number, reason: string): Promise<void> {
  await sql`update sales set status = 'cancelled', refund_status = 'full_refund', cancelled_at = now(), cancelled_by = ${by}, cancel_reason = ${reason}
             where id = ${saleId}`.execute(trx);
}

// ---- allocation and cross-selling ----------------------------------------------------------------

/** The asset class of holding h (products p left-joined): the product's own, else its category's. */
const assetClassSql = sql.raw(
  `coalesce(p.asset_class, case h.category ${Object.entries(CATEGORY_ASSET_CLASS)
    .filter(([, a]) => a)
    .map(([c, a]) => `when '${c}' then '${a}'`)
    .join(' ')} end)`,
);

export async function allocationAmounts(db: DbOrTrx, customerId: number): Promise<Record<AssetClass, string>> {
  const r = await sql<{ cls: AssetClass; amount: string }>`
    select ${assetClassSql} as cls, sum(h.balance) as amount
      from holdings h left join products p on p.code = h.product_code
     where h.customer_id = ${customerId} and h.status = 'active' and h.category not in ('loan', 'credit_card')
     group by 1`.execute(db);
  const out = Object.fromEntries(ASSET_CLASSES.map((a) => [a, '0'])) as Record<AssetClass, string>;
  for (const row of r.rows) if (row.cls) out[row.cls] = row.amount;
  return out;
}

export async function lastReviewOn(db: DbOrTrx, customerId: number): Promise<string | null> {
  const r = await sql<{ d: string | null }>`select max(reviewed_on) as d from allocation_reviews where customer_id = ${customerId}`.execute(db);
  return r.rows[0]?.d ?? null;
}

export async function insertReview(trx: DbOrTrx, r: { customerId: number; reviewedOn: string; staffId: number; drift: string; note: string }): Promise<number> {
  const row = await trx
    .insertInto('allocation_reviews')
    .values({ customer_id: r.customerId, reviewed_on: r.reviewedOn, staff_id: r.staffId, drift: r.drift, note: r.note })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function openNeeds(db: DbOrTrx, customerId: number): Promise<string[]> {
  const r = await sql<{ d: string }>`select description as d from customer_needs where customer_id = ${customerId} and not met`.execute(db);
  return r.rows.map((x) => x.d);
}

/** Distinct categories of active holdings per customer (0 for customers holding nothing). */
export async function crossSellByCustomer(db: DbOrTrx, customerIds: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>(customerIds.map((id) => [id, 0]));
  if (customerIds.length === 0) return out;
  const r = await sql<{ id: number; n: string }>`
    select h.customer_id as id, count(distinct h.category) as n from holdings h
     where h.customer_id = any(${sql.val([...customerIds])}::bigint[]) and h.status = 'active' group by h.customer_id`.execute(db);
  for (const row of r.rows) out.set(Number(row.id), Number(row.n));
  return out;
}

export async function crossSellReport(db: DbOrTrx, scope: DataScope, groupBy: 'rm' | 'branch'): Promise<{ key: string; label: string; customers: number; average: string }[]> {
  const key = groupBy === 'rm' ? sql`c.rm_staff_id` : sql`c.branch_id`;
  const label = groupBy === 'rm' ? sql`(select s.name from staff s where s.id = g.key)` : sql`(select b.name from branches b where b.id = g.key)`;
  const r = await sql<{ key: string; label: string | null; customers: string; average: string }>`
    with per as (
      select ${key} as key, (select count(distinct h.category) from holdings h where h.customer_id = c.id and h.status = 'active') as n
        from customers c where c.status = 'active' and c.rm_staff_id is not null and ${customerScopeSql(scope)}
    ), g as (select key, count(*) as customers, round(avg(n), 2) as average from per group by key)
    select g.key::text as key, ${label} as label, g.customers, g.average::text as average from g order by g.average desc, g.key limit 500`.execute(db);
  return r.rows.map((x) => ({ key: x.key, label: x.label ?? x.key, customers: Number(x.customers), average: x.average }));
}

// ---- allocation reviews due (set-based) ----------------------------------------------------------

export type DueReview = { customerId: number; staffId: number; drift: string; lastReviewOn: string | null };

/**
 * Customers with an RM and a portfolio whose drift from their risk level's model (C1's when they
 * have no assessment) exceeds the threshold, or whose last review is older than the period.
 * Shares are rounded to hundredths before the drift, as products.rules.ts does.
 */
export async function dueReviews(db: DbOrTrx, o: { today: string; threshold: string; periodMonths: number; staffId?: number; customerIds?: number[] }): Promise<DueReview[]> {
  const r = await sql<DueReview>`
    with amounts as (
      select h.customer_id,
             ${sql.join(ASSET_CLASSES.map((a) => sql`coalesce(sum(h.balance) filter (where ${assetClassSql} = ${a}), 0) as ${sql.ref(a)}`))},
             sum(h.balance) as total
        from holdings h
        join customers c on c.id = h.customer_id
        left join products p on p.code = h.product_code
       where h.status = 'active' and h.category not in ('loan', 'credit_card') and c.status = 'active' and c.rm_staff_id is not null
         ${o.staffId ? sql`and c.rm_staff_id = ${o.staffId}` : sql``}
         ${o.customerIds ? sql`and c.id = any(${sql.val(o.customerIds)}::bigint[])` : sql``}
       group by h.customer_id
      having sum(h.balance) > 0
    ), d as (
      select a.customer_id, c.rm_staff_id,
             round((${sql.join(
               ASSET_CLASSES.map((cls) => sql`abs(round(100 * a.${sql.ref(cls)} / a.total, 2) - m.${sql.ref(cls)})`),
               sql` + `,
             )}) / 2, 2) as drift,
             (select max(r.reviewed_on) from allocation_reviews r where r.customer_id = a.customer_id) as last_review
        from amounts a
        join customers c on c.id = a.customer_id
        join allocation_models m on m.risk_level = coalesce(c.risk_level, 'C1')
    )
    select customer_id as "customerId", rm_staff_id as "staffId", drift::text as drift, last_review as "lastReviewOn"
      from d
     where drift > ${o.threshold}::numeric or last_review is null
        or last_review <= (${o.today}::date - make_interval(months => ${o.periodMonths}))::date
     order by customer_id`.execute(db);
  return r.rows.map((x) => ({ ...x, customerId: Number(x.customerId), staffId: Number(x.staffId) }));
}

// ---- reports -------------------------------------------------------------------------------------

function salesScopeSql(scope: DataScope) {
  if (scope.kind === 'own') return sql<boolean>`s.staff_id = ${scope.staffId}`;
  return scopeSql(scope, { branch: 's.branch_id' });
}

export async function salesReport(db: DbOrTrx, scope: DataScope, q: Required<Pick<SalesReportQuery, 'groupBy'>> & { from: string; to: string }): Promise<SalesReportRow[]> {
  const group = {
    product: { key: sql`p.code`, zh: sql`min(p.name_zh)`, en: sql`min(p.name_en)` },
    category: { key: sql`s.category`, zh: sql`s.category`, en: sql`s.category` },
    rm: { key: sql`coalesce(s.staff_id::text, '')`, zh: sql`coalesce(min(st.name), '—')`, en: sql`coalesce(min(st.name), '—')` },
    branch: { key: sql`s.branch_id::text`, zh: sql`min(b.name)`, en: sql`min(b.name)` },
    month: { key: sql`to_char(s.sold_on, 'YYYY-MM')`, zh: sql`to_char(s.sold_on, 'YYYY-MM')`, en: sql`to_char(s.sold_on, 'YYYY-MM')` },
  }[q.groupBy];
  const r = await sql<{ key: string; labelZh: string; labelEn: string; sales: string; amount: string; cancelled: string }>`
    select ${group.key} as key, ${group.zh} as "labelZh", ${group.en} as "labelEn",
           count(*) filter (where s.status = 'completed') as sales,
           coalesce(sum(s.amount) filter (where s.status = 'completed'), 0)::text as amount,
           count(*) filter (where s.status = 'cancelled') as cancelled
      from sales s
      join products p on p.id = s.product_id
      join branches b on b.id = s.branch_id
      left join staff st on st.id = s.staff_id
     where s.sold_on between ${q.from}::date and ${q.to}::date and ${salesScopeSql(scope)}
     group by 1
     order by ${q.groupBy === 'month' ? sql`1` : sql`sum(s.amount) filter (where s.status = 'completed') desc nulls last, 1`}
     limit 1000`.execute(db);
  return r.rows.map((x) => ({ ...x, sales: Number(x.sales), cancelled: Number(x.cancelled) }));
}
