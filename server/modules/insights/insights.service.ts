// Use cases of insights: the registry and its monitoring, scores (scoped to the caller's book),
// training from the web in the background, the nightly re-scoring, campaigns from scores.
import os from 'node:os';
import { maskName } from '../../../contracts/personal-data';
import type {
  CustomerInsight, InsightCampaignBody, InsightCampaignResult, InsightModel, InsightModelDetail, InsightReason, InsightRun, InsightScoreRow, InsightScoresQuery, InsightTarget, TrainInsightsBody,
} from '../../../contracts/insights';
import { requireScope, type Principal } from '../../platform/access';
import { audit, systemActor, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { acquireLease, findRun, finishRun, recentRuns } from '../../platform/jobs.repository';
import { createTasks } from '../engagement/engagement-tasks.service';
import { describeReason, TARGET_LABELS, type Reason } from './insights.features';
import * as repo from './insights.repository';
import { realisedOutcomes, scoreAll, type ScoringSummary } from './insights-scoring.service';
import { modelFromJson } from './ml-model';
import { trainModels, type TrainOptions, type TrainedModel } from './insights-training.service';

const INSTANCE = `api:${os.hostname()}:${process.pid}`;
const CUSTOMER = { zh: '客户', en: 'customer' };

const words = (reasons: readonly Reason[]): InsightReason[] => reasons.map((r) => ({ ...r, ...describeReason(r.feature, r.value) }));
const iso = (d: Date | string | null): string | null => (d === null ? null : d instanceof Date ? d.toISOString() : String(d));

function modelView(m: repo.ModelRow): InsightModel {
  const metrics = m.metrics as { cv?: InsightModel['cv']; holdout?: InsightModel['holdout']; calibration?: InsightModel['calibration'] };
  return {
    id: Number(m.id), target: m.target as InsightTarget, version: m.version, learner: m.learner, status: m.status as InsightModel['status'],
    windowFrom: m.windowFrom, windowTo: m.windowTo, features: m.features, trainingRows: m.trainingRows, positiveRate: m.positiveRate,
    cv: metrics.cv ?? null, holdout: metrics.holdout ?? null, calibration: metrics.calibration ?? [],
    trainedByName: m.trainedByName, trainedAt: iso(m.trainedAt)!, retiredAt: iso(m.retiredAt),
  };
}

export const listModels = async (ctx: AppContext): Promise<InsightModel[]> => (await repo.listModels(ctx.db)).map(modelView);

export async function getModel(ctx: AppContext, id: number): Promise<InsightModelDetail> {
  const m = await repo.findModel(ctx.db, id);
  if (!m) throw notFound({ zh: '模型', en: 'model' });
  const runs = await repo.scoreRuns(ctx.db, id);
  const stored = await repo.storedModel(ctx.db, id);
  return {
    ...modelView(m),
    drift: runs.map((r) => ({ runId: Number(r.runId), asOf: r.asOf, scored: r.scored, meanScore: r.meanScore, psi: r.psi, createdAt: iso(r.createdAt)! })),
    histogram: runs[0]?.histogram ?? [],
    outcomes: stored ? await realisedOutcomes(ctx, m.target as InsightTarget, modelFromJson(stored), [...new Set(runs.map((r) => r.asOf))]) : [],
  };
}

export async function customerInsights(ctx: AppContext, p: Principal, customerId: number): Promise<CustomerInsight[]> {
  const rows = await repo.customerScores(ctx.db, requireScope(p, 'insights.read'), customerId);
  if (!rows) throw notFound(CUSTOMER);
  return rows.map((r) => ({
    target: r.target as InsightTarget, modelId: r.modelId, modelVersion: r.version, score: r.score, percentile: r.percentile,
    reasons: words(r.reasons), asOf: r.asOf, scoredAt: iso(r.scoredAt)!,
  }));
}

export async function listScores(ctx: AppContext, p: Principal, q: InsightScoresQuery): Promise<{ items: InsightScoreRow[]; total: number; page: number; pageSize: number }> {
  const { rows, total } = await repo.listScores(ctx.db, requireScope(p, 'insights.read'), {
    target: q.target, minScore: q.minScore, tierCode: q.tierCode, limit: q.pageSize, offset: (q.page - 1) * q.pageSize, rmStaffId: q.ownBook ? p.staffId : undefined,
  });
  return {
    items: rows.map((r) => ({
      customerId: r.customerId, customerNo: r.customerNo, name: maskName(r.name), tierCode: r.tierCode, branchName: r.branchName, rmName: r.rmName,
      target: r.target as InsightTarget, score: r.score, reasons: words(r.reasons), consented: r.consented,
    })),
    total, page: q.page, pageSize: q.pageSize,
  };
}

// ---- training and scoring runs ---------------------------------------------------------------

const background = new Map<number, Promise<unknown>>();

export async function settleInsightRuns(): Promise<void> {
  while (background.size > 0) await Promise.allSettled([...background.values()]);
}

/** Trains, then rescores everyone with the new models, under the training job's lease. */
export async function trainAndScore(ctx: AppContext, actor: Actor, staffId: number | null, runId: number, o: TrainOptions): Promise<{ trained: TrainedModel[]; scoring: ScoringSummary }> {
  const trained = await trainModels(ctx, actor, staffId, runId, o);
  const scoring = await scoreAll(ctx, runId, { onProgress: o.onProgress });
  return { trained, scoring };
}

/** "Train now" from the web: 409 if a training run holds the lease; the page follows GET /api/insights/runs/:id. */
export async function startTraining(ctx: AppContext, actor: Actor, p: Principal, body: TrainInsightsBody): Promise<InsightRun> {
  return beginRun(ctx, actor, p.staffId, { targets: body.targets, learner: body.learner, everyNth: body.sampleEvery });
}

/** After the demo bank is loaded, so that its RMs see scores on first start: every model, in the background. */
export async function trainDemoModels(ctx: AppContext): Promise<InsightRun> {
  return beginRun(ctx, systemActor('demo-seed'), null, {});
}

async function beginRun(ctx: AppContext, actor: Actor, staffId: number | null, o: TrainOptions): Promise<InsightRun> {
  // The lease keeps other instances out; this instance may renew its own lease, so it checks its own runs too.
  const runId = background.size > 0 ? null : await acquireLease(ctx.db, repo.TRAIN_JOB, INSTANCE, 120);
  if (runId === null) throw conflict('TRAINING_RUNNING', '模型训练正在进行，请稍后再试', 'A training run is already going on: try again later');
  const t0 = Date.now();
  const work = trainAndScore(ctx, actor, staffId, runId, o)
    .then((r) => finishRun(ctx.db, runId, 'done', { ...r, milliseconds: Date.now() - t0 }))
    .catch((e: unknown) => finishRun(ctx.db, runId, 'failed', { error: e instanceof Error ? e.message : String(e), milliseconds: Date.now() - t0 }))
    .catch(() => undefined)
    .finally(() => background.delete(runId));
  background.set(runId, work);
  return getRun(ctx, runId);
}

export async function getRun(ctx: AppContext, runId: number): Promise<InsightRun> {
  const r = (await findRun(ctx.db, repo.TRAIN_JOB, runId)) ?? (await findRun(ctx.db, repo.SCORE_JOB, runId));
  if (!r) throw notFound({ zh: '运行记录', en: 'run' });
  return { id: r.id, status: r.status, startedAt: String(r.startedAt), finishedAt: r.finishedAt === null ? null : String(r.finishedAt), detail: r.detail };
}

export async function listRuns(ctx: AppContext, limit: number): Promise<InsightRun[]> {
  const runs = [...(await recentRuns(ctx.db, repo.TRAIN_JOB, limit)), ...(await recentRuns(ctx.db, repo.SCORE_JOB, limit))].sort((a, b) => b.id - a.id).slice(0, limit);
  return runs.map((r) => ({ id: r.id, status: r.status, startedAt: String(r.startedAt), finishedAt: r.finishedAt === null ? null : String(r.finishedAt), detail: r.detail }));
}

/**
 * The nightly job (under its lease): rescore everyone; with no model yet (a new installation), train
 * first, so that a fresh bank gets its first scores on the first night (or `patron batch insights`).
 */
export async function nightlyScoring(ctx: AppContext, o: { onProgress?: (done: number, total: number, label?: string) => void } = {}): Promise<Record<string, unknown>> {
  const runId = await repo.runningRunId(ctx.db, repo.SCORE_JOB);
  if (runId === null) throw new Error('the insights job runs only under its lease');
  const trained = (await repo.activeModels(ctx.db)).length === 0 ? await trainModels(ctx, systemActor('insights'), null, runId, { onProgress: o.onProgress }) : [];
  const scoring = await scoreAll(ctx, runId, { onProgress: o.onProgress });
  return { trained, ...scoring };
}

// ---- campaigns -------------------------------------------------------------------------------

/**
 * Tasks for the RMs from the latest scores: the best N of each RM's book or everyone above a score,
 * within the caller's scope, only for customers who consented to marketing. Idempotent per scoring
 * run (the reason key carries the model and the run); audited.
 */
export async function createCampaign(ctx: AppContext, actor: Actor, p: Principal, body: InsightCampaignBody): Promise<InsightCampaignResult> {
  const scope = requireScope(p, 'insights.campaign');
  const runId = await repo.latestRunId(ctx.db, body.target);
  if (runId === null) throw badRequest('NO_SCORES', '该模型还没有评分，请先训练并评分', 'This model has no scores yet: train and score first', [{ path: 'target', zh: '该模型还没有评分', en: 'This model has no scores yet' }]);
  const reasonKey = `insights:${body.target}:${runId}`;
  const label = TARGET_LABELS[body.target];
  return ctx.db.transaction().execute(async (trx) => {
    const picks = await repo.campaignPicks(trx, scope, { target: body.target, topPerRm: body.topPerRm, minScore: body.minScore });
    const allowed = picks.filter((x) => x.consented);
    const ids = await createTasks(trx, allowed.map((x) => {
      const why = words(x.reasons).map((r) => r.zh).join('；');
      return {
        customerId: x.customerId, kind: 'insights' as const, reasonKey, staffId: x.rmStaffId,
        title: `模型推荐：${label.zh}（评分 ${(x.score * 100).toFixed(1)}）${why ? `｜${why}` : ''}`,
        titleEn: `Model pick: ${label.en} (score ${(x.score * 100).toFixed(1)})`,
        dueOn: body.dueOn, detail: { target: body.target, runId, score: x.score, reasons: x.reasons, note: body.note ?? null },
        sourceType: 'insights', sourceId: runId, createdBy: p.staffId,
      };
    }));
    const result = { selected: picks.length, withoutConsent: picks.length - allowed.length, created: ids.length, reasonKey };
    await audit(trx, actor, { action: 'insights.campaign', entityType: 'insight_campaign', detail: { ...body, ...result } });
    return result;
  });
}
