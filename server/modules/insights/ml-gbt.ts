// Gradient-boosted trees for a binary target (log loss), after scikit-learn's
// HistGradientBoostingClassifier: binned features, native categories and missing values, shrinkage,
// leaf and depth limits, early stopping on a stratified validation split.
import { applyBinner, fitBinner, MISSING_BIN, rng, type Binner } from './ml-binning';
import { sigmoid, specOf, type FeatureSpec, type Frame } from './ml-frame';
import { goesLeft, growScratch, growTree, leafOf, type Tree } from './ml-gbt-tree';

export type GbtParams = {
  learningRate: number; maxIter: number; maxLeafNodes: number; maxDepth: number | null; minSamplesLeaf: number; l2: number;
  /** 'auto': on when there are more than 10,000 rows (as scikit-learn). */
  earlyStopping: 'auto' | boolean; validationFraction: number; nIterNoChange: number; tol: number; seed: number;
};

export const GBT_DEFAULTS: GbtParams = {
  learningRate: 0.1, maxIter: 100, maxLeafNodes: 31, maxDepth: null, minSamplesLeaf: 20, l2: 0,
  earlyStopping: 'auto', validationFraction: 0.1, nIterNoChange: 10, tol: 1e-7, seed: 0,
};

export type GbtModel = { kind: 'gbt'; features: FeatureSpec[]; binner: Binner; baseline: number; trees: Tree[]; iterations: number };

function logLoss(y: Uint8Array, raw: Float64Array, rows: Uint32Array): number {
  let s = 0;
  for (let i = 0; i < rows.length; i++) {
    const z = raw[rows[i]];
    // log(1 + e^z) − y·z, computed without overflow
    s += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - (y[rows[i]] ? z : 0);
  }
  return s / Math.max(rows.length, 1);
}

/** A stratified split of row numbers into training and validation. */
function stratifiedHoldout(y: Uint8Array, fraction: number, seed: number): { train: Uint32Array; valid: Uint32Array } {
  const rand = rng(seed + 7);
  const counts = [0, 0];
  for (let i = 0; i < y.length; i++) if (y[i] === 0 || y[i] === 1) counts[y[i]]++;
  const k = [Math.round(counts[0] * fraction), Math.round(counts[1] * fraction)];
  const train = new Uint32Array(counts[0] + counts[1] - k[0] - k[1]);
  const valid = new Uint32Array(k[0] + k[1]);
  let t = 0, v = 0;
  for (const cls of [0, 1]) {
    const rows = new Uint32Array(counts[cls]);
    let n = 0;
    for (let i = 0; i < y.length; i++) if (y[i] === cls) rows[n++] = i;
    for (let i = rows.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); const r = rows[i]; rows[i] = rows[j]; rows[j] = r; }
    valid.set(rows.subarray(0, k[cls]), v); v += k[cls];
    train.set(rows.subarray(k[cls]), t); t += rows.length - k[cls];
  }
  // typed arrays sort numerically without a comparator
  return { train: train.sort(), valid: valid.sort() };
}

export function trainGbt(f: Frame, y: Uint8Array, params: Partial<GbtParams> = {}): GbtModel {
  const p = { ...GBT_DEFAULTS, ...params };
  const n = f.rows;
  const early = p.earlyStopping === 'auto' ? n > 10_000 : p.earlyStopping;
  const { train, valid } = early ? stratifiedHoldout(y, p.validationFraction, p.seed) : { train: Uint32Array.from({ length: n }, (_, i) => i), valid: new Uint32Array(0) };
  // thresholds come from the training rows only (all rows are binned with them)
  const binner = fitBinner(subset(f, train), p.seed);
  const bins = applyBinner(binner, f);
  const isCategorical = f.columns.map((c) => c.kind === 'categorical');
  const nBins = binner.thresholds.map((t) => (t ? t.length + 1 : MISSING_BIN));
  let pos = 0;
  for (let i = 0; i < train.length; i++) pos += y[train[i]];
  const prior = Math.min(Math.max(pos / Math.max(train.length, 1), 1e-12), 1 - 1e-12);
  const baseline = Math.log(prior / (1 - prior));
  const raw = new Float64Array(n).fill(baseline);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const trees: Tree[] = [];
  const scores: number[] = [];
  const idx = new Uint32Array(train.length);
  const scratch = growScratch();
  for (let it = 0; it < p.maxIter; it++) {
    for (let i = 0; i < train.length; i++) {
      const s = train[i];
      const q = sigmoid(raw[s]);
      grad[s] = q - y[s];
      hess[s] = q * (1 - q);
    }
    idx.set(train);
    const { tree, leaves } = growTree({ bins, isCategorical, nBins, grad, hess, idx, scratch }, {
      maxLeafNodes: p.maxLeafNodes, maxDepth: p.maxDepth ?? Infinity, minSamplesLeaf: p.minSamplesLeaf, l2: p.l2, learningRate: p.learningRate,
    });
    if (tree.left[0] < 0) break;
    trees.push(tree);
    for (const l of leaves) for (let q = l.start; q < l.end; q++) raw[idx[q]] += l.value;
    if (!early) continue;
    for (let i = 0; i < valid.length; i++) raw[valid[i]] += tree.value[leafOf(tree, bins, valid[i])];
    scores.push(-logLoss(y, raw, valid));
    if (scores.length > p.nIterNoChange) {
      const ref = scores[scores.length - p.nIterNoChange - 1];
      if (scores.slice(-p.nIterNoChange).every((s) => s <= ref + p.tol)) break;
    }
  }
  return { kind: 'gbt', features: specOf(f), binner, baseline, trees, iterations: trees.length };
}

function subset(f: Frame, rows: Uint32Array): Frame {
  if (rows.length === f.rows) return f;
  return {
    rows: rows.length,
    columns: f.columns.map((c) => {
      if (c.kind === 'categorical') return c;
      const v = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) v[i] = c.values[rows[i]];
      return { ...c, values: v };
    }),
  };
}

/** Log-odds of every row (the frame aligned to the model's features). */
export function gbtLogits(m: GbtModel, f: Frame): Float64Array {
  const bins = applyBinner(m.binner, f);
  const out = new Float64Array(f.rows).fill(m.baseline);
  for (const t of m.trees) for (let i = 0; i < f.rows; i++) out[i] += t.value[leafOf(t, bins, i)];
  return out;
}

/**
 * Saabas path attribution: each split on the way to the leaf credits its feature with the change
 * of the node value. Per row: base + Σ contributions = the row's log-odds exactly.
 */
export function gbtContributions(m: GbtModel, f: Frame): { base: number; values: Float64Array } {
  const bins = applyBinner(m.binner, f);
  const nf = m.features.length;
  const values = new Float64Array(f.rows * nf);
  let base = m.baseline;
  for (const t of m.trees) {
    base += t.value[0];
    for (let i = 0; i < f.rows; i++) {
      let n = 0;
      while (t.left[n] >= 0) {
        const next = goesLeft(t, n, bins[t.feature[n]][i]) ? t.left[n] : t.right[n];
        values[i * nf + t.feature[n]] += t.value[next] - t.value[n];
        n = next;
      }
    }
  }
  return { base, values };
}

/** Plain arrays for JSON storage in the model registry. */
export function gbtToJson(m: GbtModel): Record<string, unknown> {
  return {
    kind: 'gbt', features: m.features, binner: m.binner, baseline: m.baseline, iterations: m.iterations,
    trees: m.trees.map((t) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Array.from(v as ArrayLike<number>)]))),
  };
}

export function gbtFromJson(j: Record<string, unknown>): GbtModel {
  const trees = (j.trees as Record<string, number[]>[]).map((t) => ({
    feature: Int32Array.from(t.feature), bin: Uint8Array.from(t.bin), missingLeft: Uint8Array.from(t.missingLeft), categorical: Uint8Array.from(t.categorical),
    catBits: Uint32Array.from(t.catBits), left: Int32Array.from(t.left), right: Int32Array.from(t.right), value: Float64Array.from(t.value),
  }));
  return { kind: 'gbt', features: j.features as FeatureSpec[], binner: j.binner as Binner, baseline: Number(j.baseline), trees, iterations: Number(j.iterations) };
}
