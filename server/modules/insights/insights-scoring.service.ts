// Scoring every customer with every active model: id-range batches (features in SQL, scores and
// reasons in typed arrays, one set-based upsert per model and batch), then the drift of each
// model's score distribution against the previous run. A rerun rescores everyone: idempotent.
import type { AppContext } from '../../platform/context';
import * as features from './insights-features.repository';
import { histogram20, psiOfCounts, toFrame, topReasons, type Target } from './insights.features';
import * as repo from './insights.repository';
import { sigmoid } from './ml-frame';
import { contributions, logits, modelFromJson, type Model } from './ml-model';
import { rocAuc } from './ml-metrics';

export const SCORE_BATCH = 10_000;

export type ScoringSummary = { runId: number; asOf: string | null; scored: number; models: { target: string; modelId: number; scored: number; meanScore: number; psi: number | null }[] };

export async function scoreAll(ctx: AppContext, runId: number, o: { batchSize?: number; onProgress?: (done: number, total: number, label?: string) => void } = {}): Promise<ScoringSummary> {
  const stored = await repo.activeModels(ctx.db);
  const { last } = await features.balanceMonths(ctx.db);
  if (stored.length === 0 || !last) return { runId, asOf: last, scored: 0, models: [] };
  const models = stored.map((s) => ({ id: Number(s.id), target: s.target as Target, model: modelFromJson(s.model) as Model, hist: new Array<number>(20).fill(0), sum: 0, n: 0 }));
  const { minId, maxId, total } = await features.customerIdRange(ctx.db);
  const batch = o.batchSize ?? SCORE_BATCH;
  let scored = 0;
  o.onProgress?.(0, total, 'scoring');
  for (let lo = minId; lo <= maxId; lo += batch) {
    const rows = await features.featureRows(ctx.db, { months: [last], lo, hi: lo + batch - 1 });
    if (rows.length === 0) continue;
    const frame = toFrame(rows);
    await ctx.db.transaction().execute(async (trx) => {
      for (const m of models) {
        const names = m.model.features.map((f) => f.name);
        const { base, values } = contributions(m.model, frame);
        const nf = names.length;
        const probs = new Float64Array(rows.length);
        const writes = rows.map((r, i) => {
          let z = base;
          for (let j = 0; j < nf; j++) z += values[i * nf + j];
          const p = sigmoid(z);
          probs[i] = p;
          m.sum += p;
          return { customerId: r.customerId, score: Math.round(p * 1e6) / 1e6, reasons: topReasons(names, values, i * nf, (j) => r.values[names[j]] ?? null) };
        });
        const h = histogram20(probs);
        for (let b = 0; b < 20; b++) m.hist[b] += h[b];
        m.n += rows.length;
        await repo.writeScores(trx, { modelId: m.id, target: m.target, runId, asOf: last }, writes);
      }
    });
    scored += rows.length;
    o.onProgress?.(scored, total, 'scoring');
  }
  const out: ScoringSummary['models'] = [];
  for (const m of models) {
    const prev = await repo.previousScoreRun(ctx.db, m.target, runId);
    const psi = prev ? psiOfCounts(prev.histogram, m.hist) : null;
    const meanScore = m.n ? m.sum / m.n : 0;
    await ctx.db.transaction().execute(async (trx) => {
      await repo.dropStaleScores(trx, m.target, m.id, runId);
      await repo.saveScoreRun(trx, { runId, modelId: m.id, asOf: last, scored: m.n, meanScore, histogram: m.hist, psi });
    });
    out.push({ target: m.target, modelId: m.id, scored: m.n, meanScore: Math.round(meanScore * 1e4) / 1e4, psi: psi === null ? null : Math.round(psi * 1e4) / 1e4 });
  }
  return { runId, asOf: last, scored, models: out };
}

const monthsAfter = (ym: string, k: number): string => {
  const d = new Date(`${ym.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + k);
  return d.toISOString().slice(0, 10);
};

/**
 * Realised outcomes vs predicted for scoring runs whose three months of outcomes are now known: the
 * model scores the customers as they stood at the run's month (features are history, so they are
 * the same as then) and is compared with what happened. A sample keeps a large bank quick.
 */
export async function realisedOutcomes(ctx: AppContext, target: Target, model: Model, asOfs: readonly string[]): Promise<{ asOf: string; rows: number; meanPredicted: number; realisedRate: number; auc: number | null }[]> {
  const { last } = await features.balanceMonths(ctx.db);
  if (!last) return [];
  const known = asOfs.filter((m) => monthsAfter(m, 3) <= last).slice(0, 3);
  const { total } = await features.customerIdRange(ctx.db);
  const out: { asOf: string; rows: number; meanPredicted: number; realisedRate: number; auc: number | null }[] = [];
  for (const asOf of known) {
    const rows = await features.featureRows(ctx.db, { months: [asOf], labels: true, everyNth: Math.max(1, Math.ceil(total / 50_000)) });
    if (rows.length === 0) continue;
    const z = logits(model, toFrame(rows));
    const y = Uint8Array.from(rows, (r) => (r.labels[target] ? 1 : 0));
    const auc = rocAuc(y, z);
    out.push({ asOf, rows: rows.length, meanPredicted: Array.from(z).reduce((s, v) => s + sigmoid(v), 0) / rows.length, realisedRate: y.reduce((s, v) => s + v, 0 as number) / rows.length, auc: Number.isFinite(auc) ? auc : null });
  }
  return out;
}
