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

/** Each staff member's value of each KPI over the range, as a SELECT (only staff with facts, or in a branch with shared facts). */
function actualsSelect(kpis: KpiRef[], r: Range, staffIds?: number[]): RawBuilder<unknown> {
  const only = staffIds ? sql`and st.id = any(${staffIds}::bigint[])` : sql``;
  return sql`
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
    select kpi_id, staff_id, branch_id, ${VALUE('num', 'den', 'scale')} as value from own`;
}

/** Each staff member's value of each KPI over the range (only staff with facts, or in a branch with shared facts). */
export async function actuals(db: DbOrTrx, kpis: KpiRef[], r: Range, staffIds?: number[]): Promise<ActualRow[]> {
  if (kpis.length === 0) return [];
  const res = await sql<ActualRow>`
    select x.kpi_id as "kpiId", x.staff_id as "staffId", x.branch_id as "branchId", x.value::text as value
    from (${actualsSelect(kpis, r, staffIds)}) x`.execute(db);
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

/** KPIs whose target, on some active card of the month, is last year's figure plus a growth percentage. */
async function growthKpiIds(db: DbOrTrx, month: string): Promise<Set<number>> {
  const r = await sql<{ kpiId: number }>`
    select distinct i.kpi_id as "kpiId" from perf_scorecard_items i join perf_scorecards sc on sc.id = i.scorecard_id and sc.active and sc.effective_month <= ${month}::date
    where i.target_mode = 'last_year_growth'`.execute(db);
  return new Set(r.rows.map((x) => Number(x.kpiId)));
}

/**
 * The month's values of every subject (staff member on a scorecard, or branch on the branch card) and KPI in play,
 * as a SELECT of the columns `scoredValues` reads: actuals from one set-based aggregation of the facts, and
 * fixed, per-person or last-year-growth targets. `lastYear` is the same range a year back, for growth targets.
 */
function runValuesSelect(a: { month: string; from: string; to: string; kpis: KpiRef[]; lastYear: Range | null; growth: KpiRef[] }): RawBuilder<unknown> {
  const ly = a.lastYear && a.growth.length > 0
    ? sql`select x.kpi_id, x.staff_id, x.value from (${actualsSelect(a.growth, a.lastYear)}) x`
    : sql`select null::bigint as kpi_id, null::bigint as staff_id, null::numeric as value where false`;
  return sql`
    with f as materialized (${factsUnion(a.kpis, a)}),
    km(kpi_id, scale, shared) as (${kpiMeta(a.kpis)}),
    sv as (select f.kpi_id, f.staff_id, sum(f.num) as num, sum(f.den) as den from f where f.staff_id is not null group by 1, 2),
    bv as (select f.kpi_id, f.branch_id, sum(f.num) as num, sum(f.den) as den from f group by 1, 2),
    ly as (${ly}),
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
    select r.scorecard_id, sc.role_code, r.staff_id, r.branch_id, r.kpi_id, k.code as kpi_code, k.direction, r.item_id,
           coalesce(r.num, 0) as num, r.den, ${VALUE('r.num', 'r.den', 'r.scale')} as actual,
           round(case when r.item_id is null then null
                      when r.target_mode = 'fixed' then r.target_value
                      when r.target_mode = 'per_person' then pt.target
                      when r.target_mode = 'last_year_growth' then ly.value * (1 + r.target_value / 100) end, 4) as target,
           r.weight, i.rule, i.gate
    from r join perf_kpis k on k.id = r.kpi_id join perf_scorecards sc on sc.id = r.scorecard_id
    left join perf_scorecard_items i on i.id = r.item_id
    left join perf_targets pt on r.target_mode = 'per_person' and pt.staff_id = r.staff_id and pt.kpi_id = r.kpi_id and pt.month = ${a.month}::date
    left join ly on r.target_mode = 'last_year_growth' and ly.kpi_id = r.kpi_id and ly.staff_id = r.staff_id`;
}

/**
 * The scoring rules of perf-scoring.ts in SQL, over a source of values (columns scorecard_id, role_code, staff_id,
 * branch_id, kpi_id, kpi_code, direction, item_id, num, den, actual, target, weight, rule, gate), written as the
 * run's perf_values, then each subject's weighted total and its competition ranks (in the bank per role, in the
 * branch for staff) as perf_scores. One statement; returns the number of subjects scored. The pure functions
 * stay the specification: perf-sql-scoring.int.test.ts checks this statement against them on random months.
 */
async function scoreAndWrite(db: DbOrTrx, runId: number, source: RawBuilder<unknown>): Promise<number> {
  const res = await sql<{ n: number }>`
    with v as materialized (${source}),
    g as (
      select v.*,
             rank() over (partition by v.scorecard_id, v.kpi_id, v.item_id is null
                          order by case when v.direction = 'lower' then -v.actual else v.actual end desc) as rk,
             count(*) over (partition by v.scorecard_id, v.kpi_id, v.item_id is null) as n,
             -- a gate of a scored item holds on the subject's actual of the gate's KPI (none: 0)
             v.item_id is not null and v.rule is not null and v.gate is not null
               and case v.gate->>'op' when 'gte' then coalesce(ga.actual, 0) >= (v.gate->>'value')::numeric
                                      when 'gt' then coalesce(ga.actual, 0) > (v.gate->>'value')::numeric
                                      when 'lte' then coalesce(ga.actual, 0) <= (v.gate->>'value')::numeric
                                      when 'lt' then coalesce(ga.actual, 0) < (v.gate->>'value')::numeric else false end as gated
      from v left join v ga on v.gate is not null and ga.scorecard_id = v.scorecard_id and coalesce(ga.staff_id, 0) = coalesce(v.staff_id, 0)
                              and ga.branch_id = v.branch_id and ga.kpi_code = v.gate->>'kpi'
    ),
    s as (
      select g.*,
             case when g.item_id is null or g.rule is null then null
                  when g.gated then 0
                  else case g.rule->>'kind'
                    when 'linear' then round(least((g.rule->>'cap')::numeric, greatest(0::numeric,
                      case when g.target is null then 0
                           when g.direction = 'higher' then case when g.target > 0 then g.actual / g.target * 100 when g.actual > 0 then (g.rule->>'cap')::numeric
                                                                 when g.actual = 0 then 100 else 0 end
                           when g.actual <= 0 then (g.rule->>'cap')::numeric
                           when g.target <= 0 then 0
                           else g.target / g.actual * 100 end)), 4)
                    when 'thresholds' then coalesce((select max((st->>'score')::numeric) from jsonb_array_elements(g.rule->'steps') st
                                                     where case when g.direction = 'higher' then g.actual >= (st->>'at')::numeric else g.actual <= (st->>'at')::numeric end), 0)
                    when 'rank' then coalesce((select (b->>'score')::numeric from jsonb_array_elements(g.rule->'bands') b
                                               where g.rk * 100.0 / g.n <= (b->>'topPct')::numeric + 0.000000001
                                               order by (b->>'topPct')::numeric limit 1), (g.rule->>'otherwise')::numeric)
                    else 0 end
             end as score
      from g
    ),
    ins as (
      insert into perf_values (run_id, scorecard_id, staff_id, branch_id, kpi_id, item_id, num, den, actual, target, score, weight, weighted, gated)
      select ${runId}::bigint, s.scorecard_id, s.staff_id, s.branch_id, s.kpi_id, s.item_id, s.num, s.den, s.actual, s.target, s.score,
             s.weight, round(s.score * s.weight / 100, 4), s.gated
      from s
      returning scorecard_id, staff_id, branch_id, weighted
    ),
    t as (
      select ins.scorecard_id, ins.staff_id, ins.branch_id, round(coalesce(sum(ins.weighted), 0), 4) as total
      from ins group by ins.scorecard_id, ins.staff_id, ins.branch_id
    ),
    sc as (
      insert into perf_scores (run_id, scorecard_id, role_code, staff_id, branch_id, total, rank_branch, rank_bank)
      select ${runId}::bigint, t.scorecard_id, c.role_code, t.staff_id, t.branch_id, t.total,
             case when t.staff_id is not null then rank() over (partition by c.role_code, t.branch_id, t.staff_id is null order by t.total desc) end,
             rank() over (partition by c.role_code order by t.total desc)
      from t join (select distinct v.scorecard_id, v.role_code from v) c on c.scorecard_id = t.scorecard_id
      returning 1
    )
    select count(*)::int as n from sc`.execute(db);
  return Number(res.rows[0]?.n ?? 0);
}

/** Computes a run of the month over the range: values, scores and ranks, written in one statement; returns the subjects scored. */
export async function computeRun(db: DbOrTrx, runId: number, a: { month: string; from: string; to: string; lastYear: Range }): Promise<number> {
  const kpis = await kpisInPlay(db, a.month);
  if (kpis.length === 0) return 0;
  const growthIds = await growthKpiIds(db, a.month);
  const growth = kpis.filter((k) => growthIds.has(Number(k.id)));
  return scoreAndWrite(db, runId, runValuesSelect({ ...a, kpis, growth }));
}

export type ScoringSourceRow = {
  scorecardId: number; roleCode: string; staffId: number | null; branchId: number; kpiId: number; kpiCode: string; direction: 'higher' | 'lower';
  itemId: number | null; actual: string; target: string | null; weight: string; rule: Record<string, unknown> | null; gate: Record<string, unknown> | null;
};

/** Scores given values (not the month's facts) into a run: the same statement, for checking it against the pure rules. */
export function scoreRows(db: DbOrTrx, runId: number, rows: ScoringSourceRow[]): Promise<number> {
  const doc = JSON.stringify(rows);
  return scoreAndWrite(db, runId, sql`
    select x."scorecardId"::bigint as scorecard_id, x."roleCode" as role_code, x."staffId"::bigint as staff_id, x."branchId"::bigint as branch_id,
           x."kpiId"::bigint as kpi_id, x."kpiCode" as kpi_code, x.direction, x."itemId"::bigint as item_id, x.actual::numeric as num, null::numeric as den,
           x.actual::numeric as actual, x.target::numeric as target, x.weight::numeric as weight, x.rule, x.gate
    from jsonb_to_recordset(${doc}::jsonb) as x("scorecardId" bigint, "roleCode" text, "staffId" bigint, "branchId" bigint, "kpiId" bigint, "kpiCode" text,
         direction text, "itemId" bigint, actual text, target text, weight text, rule jsonb, gate jsonb)`);
}
