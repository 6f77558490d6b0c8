// All SQL of the satisfaction report: the sums of every breakdown in one scan (grouping sets), the
// sums and correlations per indicator, representative comments, labels; and the improvement plans.
import { sql, scopeSql, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';

export type ReportFilter = { from: string; to: string; programmeId?: number; branchPath?: string; scope: DataScope };
export type Sums = { n: number; sum: number; sumSq: number; satisfied: number; npsN: number; promoters: number; passives: number; detractors: number };
export type GroupSums = Sums & { dim: 'all' | 'branch' | 'rm' | 'businessLine' | 'tier' | 'month'; key: string | null };
export type IndicatorSums = { code: string; n: number; sum: number; sumSq: number; correlation: number | null };

function where(f: ReportFilter) {
  return sql`r.answered_on between ${f.from}::date and ${f.to}::date
    and ${scopeSql(f.scope, { branch: 'r.branch_id', owner: 'r.rm_staff_id' })}
    ${f.programmeId ? sql`and r.programme_id = ${f.programmeId}` : sql``}
    ${f.branchPath ? sql`and r.branch_id in (select b.id from branches b where b.path like ${f.branchPath + '%'})` : sql``}`;
}

/** Every breakdown's sums from one pass over the answers. */
export async function groupSums(db: DbOrTrx, f: ReportFilter): Promise<GroupSums[]> {
  const r = await sql<GroupSums>`
    select case when grouping(r.branch_id) = 0 then 'branch' when grouping(r.rm_staff_id) = 0 then 'rm'
                when grouping(r.business_line) = 0 then 'businessLine' when grouping(r.tier_code) = 0 then 'tier'
                when grouping(to_char(r.answered_on, 'YYYY-MM')) = 0 then 'month' else 'all' end as dim,
           case when grouping(r.branch_id) = 0 then r.branch_id::text when grouping(r.rm_staff_id) = 0 then r.rm_staff_id::text
                when grouping(r.business_line) = 0 then r.business_line when grouping(r.tier_code) = 0 then r.tier_code
                when grouping(to_char(r.answered_on, 'YYYY-MM')) = 0 then to_char(r.answered_on, 'YYYY-MM') end as key,
           count(r.overall)::int as n, coalesce(sum(r.overall), 0)::float8 as sum, coalesce(sum(r.overall * r.overall), 0)::float8 as "sumSq",
           (count(*) filter (where r.overall >= 4))::int as satisfied, count(r.nps)::int as "npsN",
           (count(*) filter (where r.nps >= 9))::int as promoters, (count(*) filter (where r.nps between 7 and 8))::int as passives,
           (count(*) filter (where r.nps <= 6))::int as detractors
    from survey_responses r
    where ${where(f)}
    group by grouping sets ((), (r.branch_id), (r.rm_staff_id), (r.business_line), (r.tier_code), (to_char(r.answered_on, 'YYYY-MM')))`.execute(db);
  return r.rows;
}

export async function indicatorSums(db: DbOrTrx, f: ReportFilter): Promise<IndicatorSums[]> {
  const r = await sql<IndicatorSums>`
    select e.key as code, count(*)::int as n, sum(e.value::float8) as sum, sum(e.value::float8 * e.value::float8) as "sumSq",
           corr(e.value::float8, r.overall) as correlation
    from survey_responses r cross join lateral jsonb_each_text(r.scores) as e(key, value)
    where ${where(f)}
    group by e.key
    order by e.key`.execute(db);
  return r.rows;
}

/** The latest comments of answers that scored an indicator low (2 or less), a few per indicator. */
export async function lowScoreComments(db: DbOrTrx, f: ReportFilter, codes: readonly string[], perIndicator = 3): Promise<{ code: string; comment: string }[]> {
  if (codes.length === 0) return [];
  const r = await sql<{ code: string; comment: string }>`
    select k.code, x.comment
    from unnest(${sql.val([...codes])}::text[]) as k(code)
    cross join lateral (
      select r.comment from survey_responses r
      where ${where(f)} and r.comment <> '' and (r.scores ->> k.code)::float8 <= 2
      order by r.answered_on desc, r.id desc
      limit ${perIndicator}
    ) x`.execute(db);
  return r.rows;
}

export async function branchLabels(db: DbOrTrx, ids: readonly number[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('branches').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [String(r.id), r.name]));
}

export async function staffLabels(db: DbOrTrx, ids: readonly number[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('staff').select(['id', 'name', 'staff_no']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [String(r.id), `${r.name}（${r.staff_no}）`]));
}

export async function tierLabels(db: DbOrTrx): Promise<Map<string, { zh: string; en: string }>> {
  const rows = await db.selectFrom('tiers').select(['code', 'name_zh', 'name_en']).execute();
  return new Map(rows.map((r) => [r.code, { zh: r.name_zh, en: r.name_en }]));
}

/** Indicator names as the questionnaires (current versions) define them. */
export async function indicatorLabels(db: DbOrTrx): Promise<Map<string, { zh: string; en: string }>> {
  const r = await sql<{ code: string; zh: string; en: string }>`
    select distinct on (i ->> 'code') i ->> 'code' as code, i ->> 'zh' as zh, i ->> 'en' as en
    from survey_questionnaires q
    join survey_questionnaire_versions v on v.questionnaire_id = q.id and v.version = q.current_version
    cross join lateral jsonb_array_elements(v.definition -> 'indicators') as i
    order by i ->> 'code', q.id`.execute(db);
  return new Map(r.rows.map((x) => [x.code, { zh: x.zh, en: x.en }]));
}

// ---- improvement plans ------------------------------------------------------------------------------

export type PlanRow = { id: number; title: string; branchId: number; branchName: string; periodFrom: string; periodTo: string; summary: string; createdAt: Date };
export type ActionRow = {
  id: number; planId: number; indicator: string | null; measure: string; ownerStaffId: number; ownerName: string; dueOn: string; status: 'open' | 'done';
  overdue: boolean; doneAt: Date | null; doneNote: string;
};

export async function listPlans(db: DbOrTrx, scope: DataScope, id?: number): Promise<{ plans: PlanRow[]; actions: ActionRow[] }> {
  let qb = db.selectFrom('survey_improvement_plans as p').innerJoin('branches as b', 'b.id', 'p.branch_id')
    .select(['p.id', 'p.title', 'p.branch_id as branchId', 'b.name as branchName', sql<string>`to_char(p.period_from, 'YYYY-MM-DD')`.as('periodFrom'),
      sql<string>`to_char(p.period_to, 'YYYY-MM-DD')`.as('periodTo'), 'p.summary', 'p.created_at as createdAt'])
    .where(scopeSql(scope, { branch: 'p.branch_id' }));
  if (id !== undefined) qb = qb.where('p.id', '=', id);
  const plans = await qb.orderBy('p.id', 'desc').limit(200).execute();
  if (plans.length === 0) return { plans: [], actions: [] };
  const actions = await db.selectFrom('survey_improvement_actions as a').innerJoin('staff as s', 's.id', 'a.owner_staff_id')
    .select(['a.id', 'a.plan_id as planId', 'a.indicator', 'a.action as measure', 'a.owner_staff_id as ownerStaffId', 's.name as ownerName',
      sql<string>`to_char(a.due_on, 'YYYY-MM-DD')`.as('dueOn'), sql<'open' | 'done'>`a.status`.as('status'),
      sql<boolean>`a.status = 'open' and a.due_on < (now() at time zone 'Asia/Shanghai')::date`.as('overdue'), 'a.done_at as doneAt', 'a.done_note as doneNote'])
    .where('a.plan_id', 'in', plans.map((p) => p.id)).orderBy('a.due_on').orderBy('a.id').execute();
  return { plans, actions };
}

export async function insertPlan(trx: DbOrTrx, p: { title: string; branchId: number; periodFrom: string; periodTo: string; summary: string; createdBy: number }): Promise<number> {
  const r = await trx.insertInto('survey_improvement_plans').values({
    title: p.title, branch_id: p.branchId, period_from: p.periodFrom, period_to: p.periodTo, summary: p.summary, created_by: p.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function insertActions(trx: DbOrTrx, planId: number, actions: readonly { indicator: string | null; measure: string; ownerStaffId: number; dueOn: string }[]): Promise<void> {
  if (actions.length === 0) return;
  await trx.insertInto('survey_improvement_actions')
    .values(actions.map((a) => ({ plan_id: planId, indicator: a.indicator, action: a.measure, owner_staff_id: a.ownerStaffId, due_on: a.dueOn }))).execute();
}

/** Owners must be staff of the plan's branch or its sub-tree. */
export async function ownersInBranch(db: DbOrTrx, ids: readonly number[], branchPath: string): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('staff as s').innerJoin('branches as b', 'b.id', 's.branch_id').select('s.id')
    .where('s.id', 'in', [...ids]).where('b.path', 'like', `${branchPath}%`).where('s.status', '<>', 'departed').execute();
  return new Set(rows.map((r) => Number(r.id)));
}

export async function completeAction(trx: DbOrTrx, planId: number, actionId: number, note: string): Promise<boolean> {
  const r = await trx.updateTable('survey_improvement_actions').set({ status: 'done', done_at: sql<Date>`now()`, done_note: note })
    .where('id', '=', actionId).where('plan_id', '=', planId).where('status', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
