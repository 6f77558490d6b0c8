// Training the bank's own models: snapshots of past months with what happened in the three months
// after, both learners compared by cross-validation, the better one registered as the active version.
import { audit, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import * as features from './insights-features.repository';
import { FEATURE_NAMES, PROTECTED_ATTRIBUTES, TARGETS, toFrame, type Target } from './insights.features';
import * as repo from './insights.repository';
import { crossValidate, timeOrderedHoldout, type Evaluation } from './ml-validate';
import { modelToJson, train, type Learner } from './ml-model';

export type TrainOptions = {
  targets?: readonly Target[];
  learner?: Learner | 'auto';
  /** Snapshot months to learn from (each needs three later months of outcomes). */
  snapshots?: number;
  /** Sample every n-th customer (by id) to keep training quick on a large bank. */
  everyNth?: number;
  folds?: number;
  onProgress?: (done: number, total: number, label?: string) => void;
};

export type TrainedModel = { target: Target; modelId: number | null; learner: Learner | null; rows: number; positives: number; cvAuc: number | null; skipped?: string };

const addMonths = (ym: string, k: number): string => {
  const d = new Date(`${ym.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + k);
  return d.toISOString().slice(0, 10);
};

const MIN_POSITIVES = 10;

const roundMetrics = (e: Evaluation) => ({
  auc: r4(e.auc), alift: r4(e.alift), ap: r4(e.ap), top10: r4(e.top10), top50: r4(e.top50), rows: e.rows, positives: e.positives,
});
const r4 = (x: number): number | null => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : null);

export async function trainModels(ctx: AppContext, actor: Actor, trainedBy: number | null, jobRunId: number | null, o: TrainOptions = {}): Promise<TrainedModel[]> {
  const { last } = await features.balanceMonths(ctx.db);
  if (!last) return (o.targets ?? TARGETS).map((t) => ({ target: t, modelId: null, learner: null, rows: 0, positives: 0, cvAuc: null, skipped: 'no balances' }));
  const n = o.snapshots ?? 3;
  const months = Array.from({ length: n }, (_, i) => addMonths(last, -3 - (n - 1 - i)));
  if (FEATURE_NAMES.some((f) => (PROTECTED_ATTRIBUTES as readonly string[]).includes(f))) throw new Error('a protected attribute is listed as a feature');
  o.onProgress?.(0, 1, 'features');
  const rows = await features.featureRows(ctx.db, { months, labels: true, everyNth: o.everyNth });
  const frame = toFrame(rows);
  const lastSnapshot = months[months.length - 1];
  const holdoutShare = rows.findIndex((r) => r.snapshot === lastSnapshot) / Math.max(rows.length, 1);
  const targets = o.targets ?? TARGETS;
  const out: TrainedModel[] = [];
  for (const [k, target] of targets.entries()) {
    o.onProgress?.(k, targets.length, target);
    const y = Uint8Array.from(rows, (r) => (r.labels[target] ? 1 : 0));
    const positives = y.reduce((s, v) => s + v, 0);
    if (positives < MIN_POSITIVES || rows.length - positives < MIN_POSITIVES) {
      out.push({ target, modelId: null, learner: null, rows: rows.length, positives, cvAuc: null, skipped: 'too few outcomes' });
      continue;
    }
    const candidates: Learner[] = o.learner && o.learner !== 'auto' ? [o.learner] : ['logreg', 'gbt'];
    const evaluated = candidates.map((l) => ({ learner: l, cv: crossValidate(l, frame, y, o.folds ?? 3) }));
    const best = evaluated.reduce((a, b) => ((b.cv.auc || 0) > (a.cv.auc || 0) ? b : a));
    const holdout = holdoutShare > 0 && holdoutShare < 1 ? timeOrderedHoldout(best.learner, frame, y, holdoutShare) : null;
    const model = train(best.learner, frame, y);
    const metrics = {
      cv: roundMetrics(best.cv), holdout: holdout ? roundMetrics(holdout) : null, calibration: best.cv.calibration,
      compared: evaluated.map((e) => ({ learner: e.learner, auc: r4(e.cv.auc), alift: r4(e.cv.alift) })), folds: o.folds ?? 3,
    };
    const modelId = await ctx.db.transaction().execute(async (trx) => {
      const id = await repo.registerModel(trx, {
        target, learner: best.learner, windowFrom: months[0], windowTo: lastSnapshot, features: [...FEATURE_NAMES], metrics, model: modelToJson(model),
        trainingRows: rows.length, positiveRate: positives / rows.length, jobRunId, trainedBy, trainedByName: actor.actorName ?? actor.actorUsername ?? 'system',
      });
      await audit(trx, actor, { action: 'insights.model.train', entityType: 'insight_model', entityId: id, detail: { target, learner: best.learner, cv: metrics.cv, rows: rows.length } });
      return id;
    });
    out.push({ target, modelId, learner: best.learner, rows: rows.length, positives, cvAuc: r4(best.cv.auc) });
  }
  o.onProgress?.(targets.length, targets.length, 'done');
  return out;
}
