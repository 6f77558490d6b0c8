// All SQL of insights apart from features: the model registry, scores, scoring runs, campaign picks.
import { sql, scopeSql, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';
import type { Reason } from './insights.features';

export const TRAIN_JOB = 'insights-train';
export const SCORE_JOB = 'insights';

export type ModelRow = {
  id: number; target: string; version: number; learner: string; status: string; windowFrom: string; windowTo: string;
  features: string[]; metrics: Record<string, unknown>; trainingRows: number; positiveRate: number; trainedByName: string; trainedAt: Date; retiredAt: Date | null;
};

const modelColumns = [
  'id', 'target', 'version', 'learner', 'status', 'window_from as windowFrom', 'window_to as windowTo', 'features', 'metrics',
  'training_rows as trainingRows', 'positive_rate as positiveRate', 'trained_by_name as trainedByName', 'trained_at as trainedAt', 'retired_at as retiredAt',
] as const;

export async function listModels(db: DbOrTrx): Promise<ModelRow[]> {
  const rows = await db.selectFrom('insight_models').select(modelColumns).orderBy('target').orderBy('version', 'desc').execute();
  return rows.map(fixDates);
}

export async function findModel(db: DbOrTrx, id: number): Promise<ModelRow | null> {
  const r = await db.selectFrom('insight_models').select(modelColumns).where('id', '=', id).executeTakeFirst();
  return r ? fixDates(r) : null;
}

const fixDates = <T extends { windowFrom: unknown; windowTo: unknown }>(r: T): T => ({ ...r, windowFrom: String(r.windowFrom).slice(0, 10), windowTo: String(r.windowTo).slice(0, 10) });

/** Active models with their learners' JSON (for scoring). */
export async function activeModels(db: DbOrTrx): Promise<{ id: number; target: string; model: Record<string, unknown> }[]> {
  return db.selectFrom('insight_models').select(['id', 'target', 'model']).where('status', '=', 'active').orderBy('target').execute();
}

export async function storedModel(db: DbOrTrx, id: number): Promise<Record<string, unknown> | null> {
  const r = await db.selectFrom('insight_models').select('model').where('id', '=', id).executeTakeFirst();
  return r?.model ?? null;
}

export type NewModel = {
  target: string; learner: string; windowFrom: string; windowTo: string; features: string[]; metrics: Record<string, unknown>;
  model: Record<string, unknown>; trainingRows: number; positiveRate: number; jobRunId: number | null; trainedBy: number | null; trainedByName: string;
};

/** Retires the target's active model and registers the new one as active, as the next version. */
export async function registerModel(trx: DbOrTrx, m: NewModel): Promise<number> {
  await sql`select pg_advisory_xact_lock(hashtext('insight_models'), hashtext(${m.target}))`.execute(trx);
  await trx.updateTable('insight_models').set({ status: 'retired', retired_at: sql`now()` }).where('target', '=', m.target).where('status', '=', 'active').execute();
  const v = await trx.selectFrom('insight_models').select(sql<number>`coalesce(max(version), 0) + 1`.as('v')).where('target', '=', m.target).executeTakeFirstOrThrow();
  const r = await trx
    .insertInto('insight_models')
    .values({
      target: m.target, version: Number(v.v), learner: m.learner, window_from: m.windowFrom, window_to: m.windowTo, features: JSON.stringify(m.features),
      metrics: JSON.stringify(m.metrics), model: JSON.stringify(m.model), training_rows: m.trainingRows, positive_rate: m.positiveRate,
      job_run_id: m.jobRunId, trained_by: m.trainedBy, trained_by_name: m.trainedByName,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export type ScoreWrite = { customerId: number; score: number; reasons: Reason[] };

/** One batch of one model's scores, set-based (a single statement over arrays). */
export async function writeScores(trx: DbOrTrx, m: { modelId: number; target: string; runId: number; asOf: string }, rows: readonly ScoreWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into insight_scores (customer_id, target, model_id, run_id, score, reasons, as_of)
    select u.customer_id, ${m.target}, ${m.modelId}, ${m.runId}, u.score, u.reasons::jsonb, ${m.asOf}::date
    from unnest(${rows.map((r) => r.customerId)}::bigint[], ${rows.map((r) => r.score)}::float8[], ${rows.map((r) => JSON.stringify(r.reasons))}::text[])
      as u(customer_id, score, reasons)
    on conflict (customer_id, target) do update set model_id = excluded.model_id, run_id = excluded.run_id, score = excluded.score,
      reasons = excluded.reasons, as_of = excluded.as_of, scored_at = now()`.execute(trx);
}

/** Scores of a target's earlier models (or customers no longer scored) go once a run has finished. */
export async function dropStaleScores(db: DbOrTrx, target: string, modelId: number, runId: number): Promise<void> {
  await db.deleteFrom('insight_scores').where('target', '=', target).where((eb) => eb.or([eb('model_id', '<>', modelId), eb('run_id', '<>', runId)])).execute();
}

export async function saveScoreRun(db: DbOrTrx, r: { runId: number; modelId: number; asOf: string; scored: number; meanScore: number; histogram: number[]; psi: number | null }): Promise<void> {
  await db
    .insertInto('insight_score_runs')
    .values({ run_id: r.runId, model_id: r.modelId, as_of: r.asOf, scored: r.scored, mean_score: r.meanScore, histogram: JSON.stringify(r.histogram), psi: r.psi })
    .onConflict((oc) => oc.columns(['run_id', 'model_id']).doNothing())
    .execute();
}

/** The latest scoring run of a model before `runId` (its histogram is the drift reference). */
export async function previousScoreRun(db: DbOrTrx, modelTarget: string, runId: number): Promise<{ histogram: number[] } | null> {
  const r = await db
    .selectFrom('insight_score_runs as r')
    .innerJoin('insight_models as m', 'm.id', 'r.model_id')
    .select('r.histogram')
    .where('m.target', '=', modelTarget)
    .where('r.run_id', '<', runId)
    .orderBy('r.run_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ?? null;
}

export async function scoreRuns(db: DbOrTrx, modelId: number): Promise<{ runId: number; asOf: string; scored: number; meanScore: number; psi: number | null; histogram: number[]; createdAt: Date }[]> {
  const rows = await db
    .selectFrom('insight_score_runs')
    .select(['run_id as runId', 'as_of as asOf', 'scored', 'mean_score as meanScore', 'psi', 'histogram', 'created_at as createdAt'])
    .where('model_id', '=', modelId)
    .orderBy('run_id', 'desc')
    .limit(24)
    .execute();
  return rows.map((r) => ({ ...r, asOf: String(r.asOf).slice(0, 10) }));
}

export type CustomerScore = { target: string; modelId: number; version: number; score: number; reasons: Reason[]; asOf: string; scoredAt: Date; percentile: number | null };

/** A customer's scores, if the customer is in scope (null: not found or outside it). */
export async function customerScores(db: DbOrTrx, scope: DataScope, customerId: number): Promise<CustomerScore[] | null> {
  const c = await db.selectFrom('customers as c').select('c.id').where('c.id', '=', customerId).where(scopeSql(scope, { branch: 'c.branch_id', owner: 'c.rm_staff_id' })).executeTakeFirst();
  if (!c) return null;
  const r = await sql<{ target: string; model_id: string; version: number; score: number; reasons: Reason[]; as_of: string; scored_at: Date; percentile: number | null }>`
    select s.target, s.model_id, m.version, s.score, s.reasons, to_char(s.as_of, 'YYYY-MM-DD') as as_of, s.scored_at,
      (select (count(*) filter (where o.score < s.score))::float8 / nullif(count(*), 0) from insight_scores o where o.target = s.target) as percentile
    from insight_scores s join insight_models m on m.id = s.model_id
    where s.customer_id = ${customerId} order by s.score desc`.execute(db);
  return r.rows.map((x) => ({ target: x.target, modelId: Number(x.model_id), version: x.version, score: x.score, reasons: x.reasons, asOf: x.as_of, scoredAt: x.scored_at, percentile: x.percentile }));
}

export type ScoreListRow = {
  customerId: number; customerNo: string; name: string; tierCode: string; branchName: string; rmName: string | null; rmStaffId: number | null;
  target: string; score: number; reasons: Reason[]; consented: boolean;
};

const consent = sql<boolean>`(c.consent_phone or c.consent_sms or c.consent_email or c.consent_wechat)`;

export async function listScores(db: DbOrTrx, scope: DataScope, q: { target: string; minScore?: number; tierCode?: string; limit: number; offset: number; rmStaffId?: number }): Promise<{ rows: ScoreListRow[]; total: number }> {
  let base = db
    .selectFrom('insight_scores as s')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .where('s.target', '=', q.target)
    .where(scopeSql(scope, { branch: 'c.branch_id', owner: 'c.rm_staff_id' }));
  if (q.minScore !== undefined) base = base.where('s.score', '>=', q.minScore);
  if (q.tierCode) base = base.where('c.tier_code', '=', q.tierCode);
  if (q.rmStaffId !== undefined) base = base.where('c.rm_staff_id', '=', q.rmStaffId);
  const total = await base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .innerJoin('branches as b', 'b.id', 'c.branch_id')
    .leftJoin('staff as r', 'r.id', 'c.rm_staff_id')
    .select([
      's.customer_id as customerId', 'c.customer_no as customerNo', 'c.name', 'c.tier_code as tierCode', 'b.name as branchName', 'r.name as rmName',
      'c.rm_staff_id as rmStaffId', 's.target', 's.score', 's.reasons', consent.as('consented'),
    ])
    .orderBy('s.score', 'desc')
    .orderBy('s.customer_id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return { rows: rows.map((r) => ({ ...r, customerId: Number(r.customerId), rmStaffId: r.rmStaffId === null ? null : Number(r.rmStaffId) })), total: Number(total.n) };
}

export type CampaignPick = { customerId: number; rmStaffId: number | null; score: number; consented: boolean; reasons: Reason[] };

/** The campaign's customers within scope: the best `topPerRm` of each RM's book, or all at or above `minScore`. */
export async function campaignPicks(db: DbOrTrx, scope: DataScope, o: { target: string; topPerRm?: number; minScore?: number }): Promise<CampaignPick[]> {
  const r = await sql<{ customer_id: string; rm_staff_id: string | null; score: number; consented: boolean; reasons: Reason[] }>`
    select customer_id, rm_staff_id, score, consented, reasons from (
      select s.customer_id, c.rm_staff_id, s.score, s.reasons, ${consent} as consented,
        row_number() over (partition by c.rm_staff_id order by s.score desc, s.customer_id) as k
      from insight_scores s join customers c on c.id = s.customer_id
      where s.target = ${o.target} and c.status <> 'closed' and c.rm_staff_id is not null
        and ${scopeSql(scope, { branch: 'c.branch_id', owner: 'c.rm_staff_id' })}
        ${o.minScore !== undefined ? sql`and s.score >= ${o.minScore}` : sql``}
    ) x
    ${o.topPerRm !== undefined ? sql`where k <= ${o.topPerRm}` : sql``}
    order by score desc`.execute(db);
  return r.rows.map((x) => ({ customerId: Number(x.customer_id), rmStaffId: x.rm_staff_id === null ? null : Number(x.rm_staff_id), score: x.score, consented: x.consented, reasons: x.reasons }));
}

export async function latestRunId(db: DbOrTrx, target: string): Promise<number | null> {
  const r = await db.selectFrom('insight_scores').select(sql<string>`max(run_id)`.as('r')).where('target', '=', target).executeTakeFirst();
  return r?.r ? Number(r.r) : null;
}

/** The job run currently holding a job's lease. */
export async function runningRunId(db: DbOrTrx, job: string): Promise<number | null> {
  const r = await db.selectFrom('job_runs').select('id').where('job', '=', job).where('status', '=', 'running').orderBy('id', 'desc').executeTakeFirst();
  return r ? Number(r.id) : null;
}
