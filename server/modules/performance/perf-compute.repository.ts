// The set-based computation of KPI values: every measure of the KPIs in play is one aggregation
// grouped by (staff, branch); one statement unions them and rolls them up per staff member and per
// branch; the scored values are written with one INSERT … SELECT. Never a loop per staff member.
import type { RawBuilder } from 'kysely';
import { sql, type DbOrTrx } from '../../platform/db';
import { MEASURES, type MeasureParams } from './perf-measures.repository';

export type KpiRef = { id: number; code: string; measure: string; params: MeasureParams };
type Range = { from: string; to: string };

function factsUnion(kpis: KpiRef[], r: Range): RawBuilder<unknown> {
  const parts = kpis.map((k) => {
    const m = MEASURES[k.measure];
    if (!m) throw new Error(`unknown measure ${k.measure}`);
    return sql`select ${k.id}::bigint as kpi_id, x.staff_id::bigint as staff_id, x.branch_id::bigint as branch_id, x.num::numeric as num, x.den::numeric as den
      from (${m.rows(r, k.params)}) x`;
  });
  return sql.join(parts, sql` union all `);
}

function kpiMeta(kpis: KpiRef[]): RawBuilder<unknown> {
  const rows = kpis.map((k) => {
    const m = MEASURES[k.measure];
    return sql`(${k.id}::bigint, ${m?.scale ?? 1}::numeric, ${m?.shared ?? false}::boolean)`;
  });
  return sql`values ${sql.join(rows)}`;
}

const VALUE = (num: string, den: string, scale: string) =>
  sql.raw(`round(case when ${den} is null then coalesce(${num}, 0) when ${den} = 0 then 0 else ${num} / ${den} * ${scale} end, 4)`);

export type ActualRow = { kpiId: number; staffId: number; branchId: number; value: string };

/** Each staff member's value of each KPI over the range (only staff with facts, or in a branch with shared facts). */
export async function actuals(db: DbOrTrx, kpis: KpiRef[], r: Range, staffIds?: number[]): Promise<ActualRow[]> {
  if (kpis.length === 0) return [];
  const only = staffIds ? sql`and st.id = any(${staffIds}::bigint[])` : sql``;
  const res = await sql<ActualRow>`
    with f as materialized (${factsUnion(kpis, r)}),
    km(kpi_id, scale, shared) as (${kpiMeta(kpis)}),
    own as (
      select f.kpi_id, st.id as staff_id, st.branch_id, sum(f.num) as num, sum(f.den) as den, km.scale
      from f join km on km.kpi_id = f.kpi_id and not km.shared join staff st on st.id = f.staff_id
      where true ${only} group by f.kpi_id, st.id, st.branch_id, km.scale
      union all
      select f.kpi_id, st.id, st.branch_id, sum(f.num), sum(f.den), km.scale
      from f join km on km.kpi_id = f.kpi_id and km.shared join staff st on st.branch_id = f.branch_id and st.status = 'active'
      where true ${only} group by f.kpi_id, st.id, st.branch_id, km.scale
    )
    select kpi_id as "kpiId", staff_id as "staffId", branch_id as "branchId", (${VALUE('num', 'den', 'scale')})::text as value from own`.execute(db);
  return res.rows;
}

/** The scorecard each active staff member is scored on for the month: by role priority, then the grade's own card. */
const CARDS = (month: string) => sql`
  select distinct on (st.id) st.id as staff_id, st.branch_id, sc.id as scorecard_id
  from staff st
  join staff_roles sr on sr.staff_id = st.id
  join (values ('wealth_rm', 'wealth_rm', 1), ('marketing_rm', 'marketing_rm', 2), ('lobby_manager', 'lobby_manager', 3),
               ('lobby_assistant', 'lobby_manager', 4), ('cash_teller', 'teller', 5), ('noncash_teller', 'teller', 6)) rm(role, card_role, prio) on rm.role = sr.role
  join perf_scorecards sc on sc.role_code = rm.card_role and sc.active and sc.effective_month <= ${month}::date
  left join grade_levels g on g.id = st.grade_level_id
  where st.status = 'active' and (sc.grade_code is null or sc.grade_code = g.code)
  order by st.id, rm.prio, (sc.grade_code is null), sc.effective_month desc`;

const BRANCH_CARDS = (month: string) => sql`
  select b.id as branch_id, sc.id as scorecard_id from branches b
  cross join lateral (select c.id from perf_scorecards c where c.role_code = 'branch' and c.active and c.effective_month <= ${month}::date
                      order by c.effective_month desc limit 1) sc
  where b.level in ('sub_branch', 'outlet') and b.status = 'open'`;

/** KPIs that the month's active scorecards use as items or gates. */
export async function kpisInPlay(db: DbOrTrx, month: string): Promise<KpiRef[]> {
  const r = await sql<KpiRef>`
    select distinct k.id, k.code, k.measure, k.params from perf_kpis k
    where k.id in (select i.kpi_id from perf_scorecard_items i join perf_scorecards sc on sc.id = i.scorecard_id and sc.active and sc.effective_month <= ${month}::date)
       or k.code in (select i.gate->>'kpi' from perf_scorecard_items i join perf_scorecards sc on sc.id = i.scorecard_id and sc.active and sc.effective_month <= ${month}::date
                     where i.gate is not null)`.execute(db);
  return r.rows;
}

/**
 * The month's values of every subject (staff member on a scorecard, or branch on the branch card) and KPI in play:
 * actuals from one set-based aggregation of the facts, fixed or per-person targets, and the items' rules.
 */
export async function runValues(db: DbOrTrx, a: { month: string; from: string; to: string; kpis: KpiRef[] }): Promise<ValueForScoring[]> {
  if (a.kpis.length === 0) return [];
  const res = await sql<ValueForScoring>`
    with f as materialized (${factsUnion(a.kpis, a)}),
    km(kpi_id, scale, shared) as (${kpiMeta(a.kpis)}),
    sv as (select f.kpi_id, f.staff_id, sum(f.num) as num, sum(f.den) as den from f where f.staff_id is not null group by 1, 2),
    bv as (select f.kpi_id, f.branch_id, sum(f.num) as num, sum(f.den) as den from f group by 1, 2),
    cards as (${CARDS(a.month)}),
    bcards as (${BRANCH_CARDS(a.month)}),
    need as (
      select i.scorecard_id, i.kpi_id, i.id as item_id, i.weight, i.target_mode, i.target_value from perf_scorecard_items i
      union all
      select distinct i.scorecard_id, k.id, null::bigint, 0::numeric, 'fixed', null::numeric
      from perf_scorecard_items i join perf_kpis k on k.code = i.gate->>'kpi'
      where i.gate is not null and not exists (select 1 from perf_scorecard_items j where j.scorecard_id = i.scorecard_id and j.kpi_id = k.id)
    ),
    r as (
      select c.scorecard_id, c.staff_id, c.branch_id, n.kpi_id, n.item_id, n.weight, n.target_mode, n.target_value, km.scale,
             case when km.shared then bs.num else sv.num end as num, case when km.shared then bs.den else sv.den end as den
      from cards c join need n on n.scorecard_id = c.scorecard_id join km on km.kpi_id = n.kpi_id
      left join sv on sv.kpi_id = n.kpi_id and sv.staff_id = c.staff_id
      left join bv bs on km.shared and bs.kpi_id = n.kpi_id and bs.branch_id = c.branch_id
      union all
      select c.scorecard_id, null::bigint, c.branch_id, n.kpi_id, n.item_id, n.weight, n.target_mode, n.target_value, km.scale, bv.num, bv.den
      from bcards c join need n on n.scorecard_id = c.scorecard_id join km on km.kpi_id = n.kpi_id
      left join bv on bv.kpi_id = n.kpi_id and bv.branch_id = c.branch_id
    )
    select r.scorecard_id as "scorecardId", sc.role_code as "roleCode", r.staff_id as "staffId", r.branch_id as "branchId", r.kpi_id as "kpiId",
           k.code as "kpiCode", k.direction, r.item_id as "itemId", coalesce(r.num, 0)::text as num, r.den::text as den,
           (${VALUE('r.num', 'r.den', 'r.scale')})::text as actual,
           (case r.target_mode when 'fixed' then r.target_value when 'per_person' then pt.target end)::text as target, r.weight::text as weight,
           case when r.item_id is null then null else r.target_mode end as "targetMode", r.target_value::text as "targetValue", i.rule, i.gate
    from r join perf_kpis k on k.id = r.kpi_id join perf_scorecards sc on sc.id = r.scorecard_id
    left join perf_scorecard_items i on i.id = r.item_id
    left join perf_targets pt on r.target_mode = 'per_person' and pt.staff_id = r.staff_id and pt.kpi_id = r.kpi_id and pt.month = ${a.month}::date`.execute(db);
  return res.rows;
}

export type ValueForScoring = {
  scorecardId: number; roleCode: string; staffId: number | null; branchId: number; kpiId: number; kpiCode: string; direction: 'higher' | 'lower';
  itemId: number | null; num: string; den: string | null; actual: string; target: string | null; weight: string; targetMode: string | null; targetValue: string | null;
  rule: Record<string, unknown> | null; gate: Record<string, unknown> | null;
};

export type WrittenValue = {
  scorecardId: number; staffId: number | null; branchId: number; kpiId: number; itemId: number | null; num: string; den: string | null; actual: string;
  target: string | null; score: string | null; weight: string; weighted: string | null; gated: boolean;
};
export type ScoreRow = { scorecardId: number; roleCode: string; staffId: number | null; branchId: number; total: string; rankBranch: number | null; rankBank: number };

/** The run's values with their scores, and the subjects' totals and ranks: one INSERT … SELECT each. */
export async function writeRun(db: DbOrTrx, runId: number, values: WrittenValue[], scores: ScoreRow[]): Promise<void> {
  if (values.length > 0) {
    // One JSON document rather than a dozen parameter arrays: cheaper to send and to parse at this size.
    const doc = JSON.stringify(values.map((v) => [v.scorecardId, v.staffId, v.branchId, v.kpiId, v.itemId, v.num, v.den, v.actual, v.target, v.score, v.weight, v.weighted, v.gated]));
    await sql`
      insert into perf_values (run_id, scorecard_id, staff_id, branch_id, kpi_id, item_id, num, den, actual, target, score, weight, weighted, gated)
      select ${runId}::bigint, (x->>0)::bigint, (x->>1)::bigint, (x->>2)::bigint, (x->>3)::bigint, (x->>4)::bigint, (x->>5)::numeric, (x->>6)::numeric,
             (x->>7)::numeric, (x->>8)::numeric, (x->>9)::numeric, (x->>10)::numeric, (x->>11)::numeric, (x->>12)::boolean
      from jsonb_array_elements(${doc}::jsonb) as x`.execute(db);
  }
  if (scores.length > 0) {
    await sql`
      insert into perf_scores (run_id, scorecard_id, role_code, staff_id, branch_id, total, rank_branch, rank_bank)
      select ${runId}::bigint, x.scorecard_id, x.role_code, nullif(x.staff_id, 0), x.branch_id, x.total, x.rank_branch, x.rank_bank
      from unnest(${scores.map((s) => s.scorecardId)}::bigint[], ${scores.map((s) => s.roleCode)}::text[], ${scores.map((s) => s.staffId ?? 0)}::bigint[],
                  ${scores.map((s) => s.branchId)}::bigint[], ${scores.map((s) => s.total)}::numeric[], ${scores.map((s) => s.rankBranch)}::int[],
                  ${scores.map((s) => s.rankBank)}::int[]) as x(scorecard_id, role_code, staff_id, branch_id, total, rank_branch, rank_bank)`.execute(db);
  }
}
