// The feature and label SQL of the bank's own models: one row per customer and snapshot month, from
// customers, monthly balances, holdings and tier history as they stood at that month's end.
import { sql, type DbOrTrx } from '../../platform/db';
import { FEATURE_NAMES, TARGETS, type FeatureRow, type Target } from './insights.features';

/** The latest month with balances (the scoring snapshot) and the earliest. */
export async function balanceMonths(db: DbOrTrx): Promise<{ first: string | null; last: string | null }> {
  const r = await sql<{ first: string | null; last: string | null }>`
    select to_char(min(month), 'YYYY-MM-DD') as first, to_char(max(month), 'YYYY-MM-DD') as last from monthly_balances`.execute(db);
  return r.rows[0] ?? { first: null, last: null };
}

export async function customerIdRange(db: DbOrTrx): Promise<{ minId: number; maxId: number; total: number }> {
  const r = await sql<{ lo: string | null; hi: string | null; n: string }>`select min(id) as lo, max(id) as hi, count(*) as n from customers where status <> 'closed'`.execute(db);
  const x = r.rows[0];
  return { minId: Number(x?.lo ?? 1), maxId: Number(x?.hi ?? 0), total: Number(x?.n ?? 0) };
}

type Opts = { months: readonly string[]; lo?: number; hi?: number; labels?: boolean; everyNth?: number };

const featureSelect = sql`
  case when c.birth_date is null then null else extract(year from age(s.m, c.birth_date))::float8 end as age,
  nullif(c.occupation, '') as occupation,
  t0.code as tier,
  c.risk_level as risk_level,
  case when c.onboarded_on is null then null else ((s.m - c.onboarded_on) / 30.44)::float8 end as tenure_months,
  ln(1 + greatest(b0.avg_aum, 0))::float8 as log_aum,
  (b0.avg_aum / nullif(b3.avg_aum, 0) - 1)::float8 as aum_trend_3m,
  (b0.avg_aum / nullif(b6.avg_aum, 0) - 1)::float8 as aum_trend_6m,
  ((b0.end_aum - b0.avg_aum) / nullif(b0.avg_aum, 0))::float8 as month_end_inflow,
  ((b0.end_aum - b3.end_aum) / nullif(b3.end_aum, 0))::float8 as inflow_3m,
  ((nt.min_aum - b0.avg_aum) / nullif(nt.min_aum, 0))::float8 as gap_to_next_tier,
  ln(1 + greatest((select sum(x.contribution) from monthly_balances x
     where x.customer_id = c.id and x.month between (s.m - interval '2 months')::date and s.m), 0))::float8 as contribution_3m,
  h.products::float8 as products, h.has_time_deposit::float8 as has_time_deposit, h.has_wealth::float8 as has_wealth,
  h.has_insurance::float8 as has_insurance, h.has_fund::float8 as has_fund`;

const labelSelect = sql`,
  exists (select 1 from tier_history u where u.customer_id = c.id and u.reason = 'upgrade'
    and u.changed_on >= (s.m + interval '1 month')::date and u.changed_on < (s.m + interval '4 months')::date) as premium,
  (l3.end_aum is not null and b0.end_aum > 0 and l3.end_aum < 0.5 * b0.end_aum) as attrition,
  exists (select 1 from holdings q where q.customer_id = c.id and q.category = 'time_deposit'
    and q.opened_on >= (s.m + interval '1 month')::date and q.opened_on < (s.m + interval '4 months')::date) as time_deposit,
  exists (select 1 from holdings q where q.customer_id = c.id and q.category = 'wealth'
    and q.opened_on >= (s.m + interval '1 month')::date and q.opened_on < (s.m + interval '4 months')::date) as wealth,
  exists (select 1 from holdings q where q.customer_id = c.id and q.category = 'insurance'
    and q.opened_on >= (s.m + interval '1 month')::date and q.opened_on < (s.m + interval '4 months')::date) as insurance`;

export type LabelledRow = FeatureRow & { snapshot: string; labels: Record<Target, boolean> };

/**
 * Feature rows (and with `labels`, what happened in the three months after) for customers in an id
 * range at the given snapshot months ('YYYY-MM-01'); `everyNth` samples customers for training.
 */
export async function featureRows(db: DbOrTrx, o: Opts): Promise<LabelledRow[]> {
  const r = await sql<Record<string, unknown>>`
    with s as (select unnest(${o.months as string[]}::date[]) as m)
    select c.id as customer_id, to_char(s.m, 'YYYY-MM-DD') as snapshot, ${featureSelect} ${o.labels ? labelSelect : sql``}
    from s
    cross join customers c
    left join monthly_balances b0 on b0.customer_id = c.id and b0.month = s.m
    left join monthly_balances b3 on b3.customer_id = c.id and b3.month = (s.m - interval '3 months')::date
    left join monthly_balances b6 on b6.customer_id = c.id and b6.month = (s.m - interval '6 months')::date
    ${o.labels ? sql`left join monthly_balances l3 on l3.customer_id = c.id and l3.month = (s.m + interval '3 months')::date` : sql``}
    left join lateral (
      select th.to_code from tier_history th where th.customer_id = c.id and th.changed_on < (s.m + interval '1 month')::date
      order by th.changed_on desc, th.id desc limit 1) tt on true
    join tiers t0 on t0.code = coalesce(tt.to_code, c.tier_code)
    left join lateral (select n.min_aum from tiers n where n.rank > t0.rank order by n.rank limit 1) nt on true
    left join lateral (
      select count(*) filter (where q.category <> 'demand') as products,
        coalesce(bool_or(q.category = 'time_deposit'), false)::int as has_time_deposit,
        coalesce(bool_or(q.category = 'wealth'), false)::int as has_wealth,
        coalesce(bool_or(q.category = 'insurance'), false)::int as has_insurance,
        coalesce(bool_or(q.category = 'fund'), false)::int as has_fund
      from holdings q where q.customer_id = c.id and (q.opened_on is null or q.opened_on < (s.m + interval '1 month')::date)) h on true
    where c.status <> 'closed'
      ${o.labels ? sql`and b0.customer_id is not null` : sql``}
      ${o.lo !== undefined ? sql`and c.id between ${o.lo} and ${o.hi ?? o.lo}` : sql``}
      ${o.everyNth && o.everyNth > 1 ? sql`and c.id % ${o.everyNth} = 0` : sql``}
    order by s.m, c.id`.execute(db);
  return r.rows.map((x) => ({
    customerId: Number(x.customer_id),
    snapshot: String(x.snapshot),
    values: Object.fromEntries(FEATURE_NAMES.map((n) => [n, x[n] === null || x[n] === undefined ? null : (x[n] as number | string)])),
    labels: Object.fromEntries(TARGETS.map((t) => [t, x[t] === true])) as Record<Target, boolean>,
  }));
}
