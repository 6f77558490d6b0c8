// L2-regularised logistic regression as scikit-learn's LogisticRegression(C) on standardised
// numbers and one-hot categories: minimises Σ log-loss + ‖w‖² / (2C), intercept not penalised,
// solved by Newton's method (IRLS) with step halving, which converges in a few exact steps.
import { sigmoid, specOf, type FeatureSpec, type Frame } from './ml-frame';

export type LogregParams = { c: number; maxIter: number; tol: number };
export const LOGREG_DEFAULTS: LogregParams = { c: 1, maxIter: 100, tol: 1e-10 };

export type LogregModel = {
  kind: 'logreg'; features: FeatureSpec[];
  /** Per feature: mean and standard deviation (numeric) used to standardise; a missing value counts as the mean. */
  means: number[]; stds: number[];
  /** Per feature: its coefficients (one for a number, one per level for a category). */
  coef: number[][]; intercept: number;
};

type Design = { x: Float64Array; d: number; slots: number[] };

/** Dense design matrix (rows × d). */
function design(f: Frame, means: number[], stds: number[]): Design {
  const slots: number[] = [];
  let d = 0;
  for (const c of f.columns) { slots.push(d); d += c.kind === 'numeric' ? 1 : c.levels.length; }
  const x = new Float64Array(f.rows * d);
  f.columns.forEach((c, j) => {
    const s = slots[j];
    if (c.kind === 'numeric') {
      for (let i = 0; i < f.rows; i++) { const v = c.values[i]; x[i * d + s] = Number.isNaN(v) ? 0 : (v - means[j]) / stds[j]; }
    } else {
      for (let i = 0; i < f.rows; i++) if (c.codes[i] >= 0) x[i * d + s + c.codes[i]] = 1;
    }
  });
  return { x, d, slots };
}

function standardisation(f: Frame): { means: number[]; stds: number[] } {
  const means: number[] = [];
  const stds: number[] = [];
  for (const c of f.columns) {
    if (c.kind !== 'numeric') { means.push(0); stds.push(1); continue; }
    let n = 0, s = 0, ss = 0;
    for (let i = 0; i < f.rows; i++) { const v = c.values[i]; if (!Number.isNaN(v)) { n++; s += v; ss += v * v; } }
    const m = n ? s / n : 0;
    const sd = n ? Math.sqrt(Math.max(ss / n - m * m, 0)) : 0;
    means.push(m);
    stds.push(sd > 1e-12 ? sd : 1);
  }
  return { means, stds };
}

/** Solves A x = b for a symmetric positive definite A (k × k, row-major) by Cholesky. */
export function choleskySolve(a: Float64Array, b: Float64Array, k: number): Float64Array {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * k + j];
      for (let q = 0; q < j; q++) s -= l[i * k + q] * l[j * k + q];
      l[i * k + j] = i === j ? Math.sqrt(Math.max(s, 1e-300)) : s / l[j * k + j];
    }
  }
  const z = new Float64Array(k);
  for (let i = 0; i < k; i++) { let s = b[i]; for (let q = 0; q < i; q++) s -= l[i * k + q] * z[q]; z[i] = s / l[i * k + i]; }
  const out = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) { let s = z[i]; for (let q = i + 1; q < k; q++) s -= l[q * k + i] * out[q]; out[i] = s / l[i * k + i]; }
  return out;
}

export function trainLogreg(f: Frame, y: Uint8Array, params: Partial<LogregParams> = {}): LogregModel {
  const p = { ...LOGREG_DEFAULTS, ...params };
  const { means, stds } = standardisation(f);
  const { x, d } = design(f, means, stds);
  const n = f.rows;
  const k = d + 1; // the last parameter is the intercept
  const w = new Float64Array(k);
  const lambda = 1 / p.c;
  const logits = (v: Float64Array) => {
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) { let s = v[d]; const o = i * d; for (let j = 0; j < d; j++) s += x[o + j] * v[j]; z[i] = s; }
    return z;
  };
  const objective = (v: Float64Array, z: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (z[i] > 0 ? z[i] + Math.log1p(Math.exp(-z[i])) : Math.log1p(Math.exp(z[i]))) - (y[i] ? z[i] : 0);
    for (let j = 0; j < d; j++) s += (lambda * v[j] * v[j]) / 2;
    return s;
  };
  let z = logits(w);
  let obj = objective(w, z);
  for (let it = 0; it < p.maxIter; it++) {
    const g = new Float64Array(k);
    const h = new Float64Array(k * k);
    const row = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const q = sigmoid(z[i]);
      const r = q - y[i];
      const wt = q * (1 - q);
      row.set(x.subarray(i * d, i * d + d));
      row[d] = 1;
      for (let a = 0; a < k; a++) {
        const ra = row[a];
        if (ra === 0) continue;
        g[a] += r * ra;
        const wa = wt * ra;
        for (let b = 0; b <= a; b++) h[a * k + b] += wa * row[b];
      }
    }
    for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) h[b * k + a] = h[a * k + b];
    for (let j = 0; j < d; j++) { g[j] += lambda * w[j]; h[j * k + j] += lambda; }
    h[d * k + d] += 1e-12;
    const step = choleskySolve(h, g, k);
    let t = 1;
    let next = w;
    let nz = z;
    let nobj = obj;
    for (let half = 0; half < 30; half++) {
      next = w.map((v, j) => v - t * step[j]);
      nz = logits(next);
      nobj = objective(next, nz);
      if (nobj <= obj + 1e-12) break;
      t /= 2;
    }
    const change = Math.abs(obj - nobj) / Math.max(1, Math.abs(obj));
    w.set(next);
    z = nz;
    obj = nobj;
    if (change < p.tol) break;
  }
  const coef: number[][] = [];
  let o = 0;
  for (const c of f.columns) {
    const m = c.kind === 'numeric' ? 1 : c.levels.length;
    coef.push(Array.from(w.subarray(o, o + m)));
    o += m;
  }
  return { kind: 'logreg', features: specOf(f), means, stds, coef, intercept: w[d] };
}

/** Per row and feature: coefficient × standardised value (or the level's coefficient); base = intercept. */
export function logregContributions(m: LogregModel, f: Frame): { base: number; values: Float64Array } {
  const nf = m.features.length;
  const values = new Float64Array(f.rows * nf);
  f.columns.forEach((c, j) => {
    if (c.kind === 'numeric') {
      const w = m.coef[j][0];
      for (let i = 0; i < f.rows; i++) { const v = c.values[i]; values[i * nf + j] = Number.isNaN(v) ? 0 : (w * (v - m.means[j])) / m.stds[j]; }
    } else {
      for (let i = 0; i < f.rows; i++) values[i * nf + j] = c.codes[i] >= 0 ? (m.coef[j][c.codes[i]] ?? 0) : 0;
    }
  });
  return { base: m.intercept, values };
}

export function logregLogits(m: LogregModel, f: Frame): Float64Array {
  const { base, values } = logregContributions(m, f);
  const nf = m.features.length;
  const out = new Float64Array(f.rows).fill(base);
  for (let i = 0; i < f.rows; i++) for (let j = 0; j < nf; j++) out[i] += values[i * nf + j];
  return out;
}
