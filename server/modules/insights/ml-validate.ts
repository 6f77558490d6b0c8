// Validation schemes: stratified k-fold cross-validation and a time-ordered holdout (rows are
// taken to be in time order: train on the first share, test on the rest).
import { rng } from './ml-binning';
import { sigmoid, take, takeLabels, type Frame } from './ml-frame';
import { allMetrics, calibrationTable, type CalibrationBin, type Metrics } from './ml-metrics';
import { logits, train, type Learner, type TrainOptions } from './ml-model';

/** Fold number of every row: each class dealt round-robin after a seeded shuffle. */
export function stratifiedFolds(y: Uint8Array, k: number, seed = 0): Uint8Array {
  const rand = rng(seed + 11);
  const fold = new Uint8Array(y.length);
  for (const cls of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === cls) rows.push(i);
    for (let i = rows.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [rows[i], rows[j]] = [rows[j], rows[i]]; }
    rows.forEach((r, i) => { fold[r] = i % k; });
  }
  return fold;
}

export type Evaluation = Metrics & { calibration: CalibrationBin[]; trainMs: number };

function evaluate(learner: Learner, f: Frame, y: Uint8Array, trainRows: number[], testRows: number[], o: TrainOptions): { scores: Float64Array; yTest: Uint8Array; ms: number } {
  const t0 = performance.now();
  const m = train(learner, take(f, trainRows), takeLabels(y, trainRows), o);
  const ms = performance.now() - t0;
  return { scores: logits(m, take(f, testRows)), yTest: takeLabels(y, testRows), ms };
}

/** k-fold CV: each metric averaged over the folds (as cross_val_score); calibration on all out-of-fold scores. */
export function crossValidate(learner: Learner, f: Frame, y: Uint8Array, k = 5, o: TrainOptions = {}, seed = 0): Evaluation & { foldAuc: number[] } {
  const fold = stratifiedFolds(y, k, seed);
  const oof = new Float64Array(f.rows);
  const per: Metrics[] = [];
  let ms = 0;
  for (let q = 0; q < k; q++) {
    const tr: number[] = [];
    const te: number[] = [];
    for (let i = 0; i < f.rows; i++) (fold[i] === q ? te : tr).push(i);
    const r = evaluate(learner, f, y, tr, te, o);
    te.forEach((row, i) => { oof[row] = r.scores[i]; });
    per.push(allMetrics(r.yTest, r.scores));
    ms += r.ms;
  }
  const mean = (key: keyof Metrics) => per.reduce((s, m) => s + m[key], 0) / per.length;
  const pooled = allMetrics(y, oof);
  return {
    auc: mean('auc'), alift: mean('alift'), ap: mean('ap'), top10: mean('top10'), top50: mean('top50'), rows: pooled.rows, positives: pooled.positives,
    foldAuc: per.map((m) => m.auc), calibration: calibrationTable(y, oof.map(sigmoid)), trainMs: ms / k,
  };
}

/** Train on the first `share` of rows, test on the rest. */
export function timeOrderedHoldout(learner: Learner, f: Frame, y: Uint8Array, share = 0.8, o: TrainOptions = {}): Evaluation {
  const cut = Math.floor(f.rows * share);
  const tr = Array.from({ length: cut }, (_, i) => i);
  const te = Array.from({ length: f.rows - cut }, (_, i) => cut + i);
  const r = evaluate(learner, f, y, tr, te, o);
  return { ...allMetrics(r.yTest, r.scores), calibration: calibrationTable(r.yTest, r.scores.map(sigmoid)), trainMs: r.ms };
}
