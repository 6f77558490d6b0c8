// The measures behind KPIs: each is one fixed, set-based SQL aggregation over facts the other modules
// record, grouped by (staff, branch) and returning a numerator and an optional denominator, so that a
// staff member's figure and a branch's figure come from the same rows (a ratio rolls up as sum/sum).
// A KPI row names a measure and its parameters; measures are code, KPIs are data.
import { type RawBuilder, sql } from 'kysely';

export type MeasureParams = { category?: string; by?: string; days?: number; side?: string };
export type MeasureUnit = 'amount' | 'count' | 'percent' | 'score' | 'ratio';
type Range = { from: string; to: string };

export type MeasureDef = {
  unit: MeasureUnit;
  /** Values are num/den × scale when the measure has a denominator. */
  scale: number;
  /** A branch-wide figure that every staff member of the branch shares (e.g. the lobby's service level). */
  shared: boolean;
  nameZh: string;
  nameEn: string;
  /** Rows (staff_id, branch_id, num, den) for the range; staff_id null for facts of no one in particular. */
  rows(r: Range, p: MeasureParams): RawBuilder<unknown>;
  /** The facts behind one staff member's figure (drill-down). */
  facts(r: Range, p: MeasureParams, staffId: number, branchId: number): RawBuilder<unknown>;
};

const day = (col: RawBuilder<unknown>) => sql`(${col} at time zone 'Asia/Shanghai')::date`;
// No balance rolled up at either end (a month before the customer's data): no growth rather than the whole AUM.
const growth = sql`case when e.end_aum is null and b.end_aum is null then 0 else coalesce(e.end_aum, c.aum) - coalesce(b.end_aum, 0) end`;
const cat = (col: string, p: MeasureParams) => (p.category ? sql`and ${sql.ref(col)} = ${p.category}` : sql``);
const overdue = (r: Range) =>
  sql`((t.status = 'open' and t.due_on < ${r.to}::date) or (t.status = 'done' and ${day(sql`t.done_at`)} > t.due_on))`;

const salesRows = (agg: RawBuilder<unknown>) => (r: Range, p: MeasureParams) => sql`
  select s.staff_id, s.branch_id, ${agg} as num, null::numeric as den from sales s
  where s.status = 'completed' and s.staff_id is not null and s.sold_on between ${r.from}::date and ${r.to}::date ${cat('s.category', p)}
  group by s.staff_id, s.branch_id`;
const salesFacts = (r: Range, p: MeasureParams, staffId: number) => sql`
  select s.sold_on::text as at, 'S' || s.id as ref, s.customer_id, s.amount::text as amount, s.category || ' · ' || pr.name_zh as detail
  from sales s join products pr on pr.id = s.product_id
  where s.status = 'completed' and s.staff_id = ${staffId} and s.sold_on between ${r.from}::date and ${r.to}::date ${cat('s.category', p)}
  order by s.sold_on desc, s.id desc`;

const complaintFilter = (r: Range, p: MeasureParams, upheld: boolean) => upheld
  ? sql`c.status in ('decided', 'review', 'closed') and c.root_cause is not null and c.root_cause <> 'customer_misunderstanding'
        and coalesce(c.decided_on, c.closed_on, c.accepted_on) between ${r.from}::date and ${r.to}::date ${cat('c.category', p)}`
  : sql`c.status <> 'withdrawn' and c.accepted_on between ${r.from}::date and ${r.to}::date ${cat('c.category', p)}`;
const complaintRows = (upheld: boolean) => (r: Range, p: MeasureParams) => sql`
  select u.staff_id, c.branch_id, count(*)::numeric as num, null::numeric as den
  from complaints c cross join lateral unnest(c.about_staff_ids) as u(staff_id)
  where ${complaintFilter(r, p, upheld)} group by u.staff_id, c.branch_id
  union all
  select null::bigint, c.branch_id, count(*)::numeric, null::numeric from complaints c
  where cardinality(c.about_staff_ids) = 0 and ${complaintFilter(r, p, upheld)} group by c.branch_id`;
const complaintFacts = (upheld: boolean) => (r: Range, p: MeasureParams, staffId: number) => sql`
  select c.accepted_on::text as at, 'C' || c.id as ref, c.customer_id, c.amount_in_dispute::text as amount, c.category || ' · ' || c.status as detail
  from complaints c where ${staffId}::bigint = any(c.about_staff_ids) and ${complaintFilter(r, p, upheld)}
  order by c.accepted_on desc, c.id desc`;

const countRows = (table: string, staffCol: string, dateExpr: RawBuilder<unknown>, where: RawBuilder<unknown> = sql`true`) => (r: Range) => sql`
  select t.${sql.ref(staffCol)} as staff_id, t.branch_id, count(*)::numeric as num, null::numeric as den from ${sql.table(table)} t
  where t.${sql.ref(staffCol)} is not null and ${dateExpr} between ${r.from}::date and ${r.to}::date and ${where}
  group by 1, 2`;

export const MEASURES: Record<string, MeasureDef> = {
  sales_amount: {
    unit: 'amount', scale: 1, shared: false, nameZh: '产品销售额', nameEn: 'Product sales amount',
    rows: salesRows(sql`sum(s.amount)`), facts: salesFacts,
  },
  sales_count: {
    unit: 'count', scale: 1, shared: false, nameZh: '产品销售笔数', nameEn: 'Product sales count',
    rows: salesRows(sql`count(*)::numeric`), facts: salesFacts,
  },
  aum_growth: {
    unit: 'amount', scale: 1, shared: false, nameZh: '管户资产增长', nameEn: 'AUM growth of the book',
    // The book's month-end AUM minus its AUM at the end of the month before the range (the latest figure
    // stands in for a month not rolled up yet).
    rows: (r) => sql`
      select c.rm_staff_id as staff_id, c.branch_id, sum(${growth}) as num, null::numeric as den
      from customers c
      left join monthly_balances e on e.customer_id = c.id and e.month = date_trunc('month', ${r.to}::date)::date
      left join monthly_balances b on b.customer_id = c.id and b.month = (date_trunc('month', ${r.from}::date) - interval '1 month')::date
      where c.rm_staff_id is not null and c.status <> 'closed' group by 1, 2`,
    facts: (r, _p, staffId) => sql`
      select ${r.to}::text as at, c.customer_no as ref, c.id as customer_id, (${growth})::text as amount,
             coalesce(b.end_aum, 0)::text || ' → ' || coalesce(e.end_aum, c.aum)::text as detail
      from customers c
      left join monthly_balances e on e.customer_id = c.id and e.month = date_trunc('month', ${r.to}::date)::date
      left join monthly_balances b on b.customer_id = c.id and b.month = (date_trunc('month', ${r.from}::date) - interval '1 month')::date
      where c.rm_staff_id = ${staffId} and c.status <> 'closed'
      order by abs(${growth}) desc`,
  },
  net_new_money: {
    unit: 'amount', scale: 1, shared: false, nameZh: '净新增资金', nameEn: 'Net new money',
    // AUM of customers who joined the book in the range minus that of customers who left it.
    rows: (r) => sql`
      select h.staff_id, c.branch_id,
             sum(case when h.assigned_on between ${r.from}::date and ${r.to}::date then c.aum else 0 end)
           - sum(case when h.ended_on between ${r.from}::date and ${r.to}::date then c.aum else 0 end) as num, null::numeric as den
      from customer_rm_history h join customers c on c.id = h.customer_id
      where h.staff_id is not null and (h.assigned_on between ${r.from}::date and ${r.to}::date or h.ended_on between ${r.from}::date and ${r.to}::date)
      group by 1, 2`,
    facts: (r, _p, staffId) => sql`
      select coalesce(case when h.assigned_on between ${r.from}::date and ${r.to}::date then h.assigned_on end, h.ended_on)::text as at, c.customer_no as ref,
             c.id as customer_id, (case when h.assigned_on between ${r.from}::date and ${r.to}::date then c.aum else -c.aum end)::text as amount, h.reason as detail
      from customer_rm_history h join customers c on c.id = h.customer_id
      where h.staff_id = ${staffId} and (h.assigned_on between ${r.from}::date and ${r.to}::date or h.ended_on between ${r.from}::date and ${r.to}::date)
      order by 1 desc`,
  },
  new_premium: {
    unit: 'count', scale: 1, shared: false, nameZh: '新增贵宾客户', nameEn: 'New premium customers',
    // A customer moving from the mass tier (or none) to a premium tier: credited to the RM of the book,
    // or with {by: 'marketing'} to the marketing RM who acquired the customer.
    rows: (r, p) => sql`
      select ${p.by === 'marketing' ? sql`c.marketing_staff_id` : sql`c.rm_staff_id`} as staff_id, c.branch_id, count(*)::numeric as num, null::numeric as den
      from tier_history th join customers c on c.id = th.customer_id join tiers t on t.code = th.to_code left join tiers f on f.code = th.from_code
      where th.changed_on between ${r.from}::date and ${r.to}::date and t.rank >= 1 and coalesce(f.rank, 0) < 1 group by 1, 2`,
    facts: (r, p, staffId) => sql`
      select th.changed_on::text as at, c.customer_no as ref, c.id as customer_id, th.basis_aum::text as amount, coalesce(th.from_code, '-') || ' → ' || th.to_code as detail
      from tier_history th join customers c on c.id = th.customer_id join tiers t on t.code = th.to_code left join tiers f on f.code = th.from_code
      where th.changed_on between ${r.from}::date and ${r.to}::date and t.rank >= 1 and coalesce(f.rank, 0) < 1
        and ${p.by === 'marketing' ? sql`c.marketing_staff_id` : sql`c.rm_staff_id`} = ${staffId}
      order by th.changed_on desc`,
  },
  cross_sell_ratio: {
    unit: 'ratio', scale: 1, shared: false, nameZh: '交叉销售率', nameEn: 'Cross-sell ratio',
    // Product categories held per customer of the book (a snapshot of the active holdings).
    rows: () => sql`
      select c.rm_staff_id as staff_id, c.branch_id, coalesce(sum(k.n), 0)::numeric as num, count(*)::numeric as den
      from customers c left join (select customer_id, count(distinct category) as n from holdings where status = 'active' group by customer_id) k on k.customer_id = c.id
      where c.rm_staff_id is not null and c.status = 'active' group by 1, 2`,
    facts: (_r, _p, staffId) => sql`
      select null::text as at, c.customer_no as ref, c.id as customer_id, null::text as amount,
             coalesce((select string_agg(distinct h.category, ', ') from holdings h where h.customer_id = c.id and h.status = 'active'), '-') as detail
      from customers c where c.rm_staff_id = ${staffId} and c.status = 'active' order by c.customer_no`,
  },
  contact_plan_completion: {
    unit: 'percent', scale: 100, shared: false, nameZh: '联系计划完成率', nameEn: 'Contact-plan completion rate',
    rows: (r) => sql`
      select t.staff_id, t.branch_id, count(*) filter (where t.status = 'done')::numeric as num, count(*)::numeric as den
      from engagement_tasks t where t.kind = 'contact_plan' and t.status <> 'cancelled' and t.staff_id is not null
        and t.due_on between ${r.from}::date and ${r.to}::date group by 1, 2`,
    facts: (r, _p, staffId) => sql`
      select t.due_on::text as at, 'T' || t.id as ref, t.customer_id, null::text as amount, t.status || ' · ' || t.title as detail
      from engagement_tasks t where t.kind = 'contact_plan' and t.status <> 'cancelled' and t.staff_id = ${staffId}
        and t.due_on between ${r.from}::date and ${r.to}::date order by t.due_on desc, t.id desc`,
  },
  overdue_tasks: {
    unit: 'count', scale: 1, shared: false, nameZh: '逾期任务', nameEn: 'Overdue tasks',
    // Tasks due in the range and not done by their date (still open after it, or done late).
    rows: (r) => sql`
      select t.staff_id, t.branch_id, count(*)::numeric as num, null::numeric as den from engagement_tasks t
      where t.staff_id is not null and t.due_on between ${r.from}::date and ${r.to}::date and ${overdue(r)} group by 1, 2`,
    facts: (r, _p, staffId) => sql`
      select t.due_on::text as at, 'T' || t.id as ref, t.customer_id, null::text as amount, t.status || ' · ' || t.title as detail
      from engagement_tasks t where t.staff_id = ${staffId} and t.due_on between ${r.from}::date and ${r.to}::date and ${overdue(r)}
      order by t.due_on desc, t.id desc`,
  },
  referrals_made: {
    unit: 'count', scale: 1, shared: false, nameZh: '转介客户数', nameEn: 'Referrals made',
    rows: countRows('growth_referrals', 'referred_by', day(sql`t.created_at`)),
    facts: (r, _p, staffId) => sql`
      select ${day(sql`g.created_at`)}::text as at, 'R' || g.id as ref, g.customer_id, g.estimated_assets::text as amount, g.status || ' · ' || g.note as detail
      from growth_referrals g where g.referred_by = ${staffId} and ${day(sql`g.created_at`)} between ${r.from}::date and ${r.to}::date order by g.id desc`,
  },
  referrals_converted: {
    unit: 'count', scale: 1, shared: false, nameZh: '转介成功数', nameEn: 'Referrals converted',
    rows: countRows('growth_referrals', 'referred_by', day(sql`t.converted_at`), sql`t.status = 'converted'`),
    facts: (r, _p, staffId) => sql`
      select ${day(sql`g.converted_at`)}::text as at, 'R' || g.id as ref, g.customer_id, g.estimated_assets::text as amount, g.note as detail
      from growth_referrals g where g.referred_by = ${staffId} and g.status = 'converted'
        and ${day(sql`g.converted_at`)} between ${r.from}::date and ${r.to}::date order by g.id desc`,
  },
  handovers_in_time: {
    unit: 'count', scale: 1, shared: false, nameZh: '按时接收的移交', nameEn: 'Handovers accepted in time',
    // Accepted within {days} (default 2) of being sent; credited to the sender ({side: 'to'}: the receiver).
    rows: (r, p) => sql`
      select ${p.side === 'to' ? sql`h.to_staff_id` : sql`h.from_staff_id`} as staff_id, h.branch_id, count(*)::numeric as num, null::numeric as den
      from handovers h where h.status = 'accepted' and h.decided_at - h.created_at <= make_interval(days => ${p.days ?? 2})
        and ${day(sql`h.decided_at`)} between ${r.from}::date and ${r.to}::date group by 1, 2`,
    facts: (r, p, staffId) => sql`
      select ${day(sql`h.decided_at`)}::text as at, 'H' || h.id as ref, h.customer_id, null::text as amount, h.note as detail
      from handovers h where h.status = 'accepted' and h.decided_at - h.created_at <= make_interval(days => ${p.days ?? 2})
        and ${day(sql`h.decided_at`)} between ${r.from}::date and ${r.to}::date and ${p.side === 'to' ? sql`h.to_staff_id` : sql`h.from_staff_id`} = ${staffId}
      order by h.id desc`,
  },
  satisfaction: {
    unit: 'score', scale: 1, shared: false, nameZh: '客户满意度', nameEn: 'Customer satisfaction',
    rows: (r) => sql`
      select s.rm_staff_id as staff_id, s.branch_id, sum(s.overall)::numeric as num, count(*)::numeric as den
      from survey_responses s where s.overall is not null and s.answered_on between ${r.from}::date and ${r.to}::date group by 1, 2`,
    facts: (r, _p, staffId) => sql`
      select s.answered_on::text as at, 'Q' || s.id as ref, s.customer_id, s.overall::text as amount, s.comment as detail
      from survey_responses s where s.overall is not null and s.rm_staff_id = ${staffId} and s.answered_on between ${r.from}::date and ${r.to}::date
      order by s.answered_on desc`,
  },
  complaints_count: {
    unit: 'count', scale: 1, shared: false, nameZh: '被投诉次数', nameEn: 'Complaints',
    rows: complaintRows(false), facts: complaintFacts(false),
  },
  complaints_upheld: {
    unit: 'count', scale: 1, shared: false, nameZh: '有责投诉', nameEn: 'Complaints upheld',
    rows: complaintRows(true), facts: complaintFacts(true),
  },
  complaints_on_time: {
    unit: 'percent', scale: 100, shared: false, nameZh: '投诉按时办结率', nameEn: 'Complaints handled on time',
    rows: (r) => sql`
      select c.handler_staff_id as staff_id, c.branch_id, count(*) filter (where c.closed_on <= c.due_on)::numeric as num, count(*)::numeric as den
      from complaints c where c.handler_staff_id is not null and c.closed_on between ${r.from}::date and ${r.to}::date group by 1, 2`,
    facts: (r, _p, staffId) => sql`
      select c.closed_on::text as at, 'C' || c.id as ref, c.customer_id, null::text as amount, c.category || ' · ' || c.due_on::text as detail
      from complaints c where c.handler_staff_id = ${staffId} and c.closed_on between ${r.from}::date and ${r.to}::date order by c.closed_on desc`,
  },
  lobby_service_level: {
    unit: 'percent', scale: 100, shared: true, nameZh: '服务水平达标率', nameEn: 'Service-level attainment',
    // Share of the outlet's called tickets whose wait stayed within their service level.
    rows: (r) => sql`
      select null::bigint as staff_id, t.branch_id, count(*) filter (where t.called_at - t.arrived_at <= make_interval(mins => t.sla_minutes))::numeric as num,
             count(*)::numeric as den
      from lobby_tickets t where t.called_at is not null and t.day between ${r.from}::date and ${r.to}::date group by t.branch_id`,
    facts: (r, _p, _staffId, branchId) => sql`
      select t.day::text as at, t.number as ref, t.customer_id, round(extract(epoch from t.called_at - t.arrived_at) / 60)::text as amount,
             t.business_code || ' · SLA ' || t.sla_minutes as detail
      from lobby_tickets t where t.branch_id = ${branchId} and t.called_at is not null and t.day between ${r.from}::date and ${r.to}::date
        and t.called_at - t.arrived_at > make_interval(mins => t.sla_minutes)
      order by t.day desc, t.id desc`,
  },
  premium_identified: {
    unit: 'count', scale: 1, shared: false, nameZh: '识别潜在贵宾', nameEn: 'Premium customers identified',
    rows: countRows('lobby_referrals', 'referred_by', sql`t.day`),
    facts: (r, _p, staffId) => sql`
      select l.day::text as at, 'L' || l.id as ref, l.customer_id, l.estimated_assets::text as amount, l.note as detail
      from lobby_referrals l where l.referred_by = ${staffId} and l.day between ${r.from}::date and ${r.to}::date order by l.id desc`,
  },
  self_service_guidance: {
    unit: 'count', scale: 1, shared: false, nameZh: '自助服务引导', nameEn: 'Self-service guidance',
    rows: countRows('lobby_guidance', 'staff_id', sql`t.day`),
    facts: (r, _p, staffId) => sql`
      select g.day::text as at, 'G' || g.id as ref, g.customer_id, null::text as amount, g.kind || coalesce(' · ' || g.business_code, '') as detail
      from lobby_guidance g where g.staff_id = ${staffId} and g.day between ${r.from}::date and ${r.to}::date order by g.id desc`,
  },
  tickets_served: {
    unit: 'count', scale: 1, shared: false, nameZh: '办理业务笔数', nameEn: 'Tickets served',
    rows: countRows('lobby_tickets', 'served_by', sql`t.day`, sql`t.status = 'done'`),
    facts: (r, _p, staffId) => sql`
      select t.day::text as at, t.number as ref, t.customer_id, t.amount::text as amount, t.business_code as detail
      from lobby_tickets t where t.served_by = ${staffId} and t.status = 'done' and t.day between ${r.from}::date and ${r.to}::date order by t.day desc, t.id desc`,
  },
  inspection_score: {
    unit: 'score', scale: 1, shared: false, nameZh: '检查得分', nameEn: 'Inspection score',
    rows: (r) => sql`
      select i.staff_id, i.branch_id, sum(i.score)::numeric as num, count(*)::numeric as den
      from inspections i where i.inspected_on between ${r.from}::date and ${r.to}::date group by 1, 2`,
    facts: (r, _p, staffId) => sql`
      select i.inspected_on::text as at, 'I' || i.id as ref, null::bigint as customer_id, i.score::text as amount, i.kind || ' · ' || i.findings as detail
      from inspections i where i.staff_id = ${staffId} and i.inspected_on between ${r.from}::date and ${r.to}::date order by i.inspected_on desc`,
  },
};
