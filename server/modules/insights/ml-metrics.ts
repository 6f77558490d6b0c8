// Ranking and calibration metrics of a binary scorer. Scores may tie: ties are handled as
// scikit-learn does (AUC counts a tie as half; gains and AP step over a whole tie group at once).

/** Row indices by score, highest first (stable). */
function orderDesc(scores: ArrayLike<number>): Uint32Array {
  const idx = new Uint32Array(scores.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((a, b) => scores[b] - scores[a] || a - b);
}

function countPositives(y: ArrayLike<number>): number {
  let p = 0;
  for (let i = 0; i < y.length; i++) p += y[i] ? 1 : 0;
  return p;
}

/** ROC AUC: the chance that a random positive scores above a random negative (ties count half). */
export function rocAuc(y: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = orderDesc(scores);
  const pos = countPositives(y);
  const neg = y.length - pos;
  if (pos === 0 || neg === 0) return NaN;
  let area = 0;
  let negAbove = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    let p = 0;
    let n = 0;
    while (j < order.length && scores[order[j]] === scores[order[i]]) {
      if (y[order[j]]) p++; else n++;
      j++;
    }
    area += p * (negAbove + n / 2);
    negAbove += n;
    i = j;
  }
  return 1 - area / (pos * neg);
}

/**
 * The cumulative gains curve: after contacting the top x share of rows, the share of positives
 * found. Points at every tie-group boundary, starting at (0, 0) and ending at (1, 1).
 */
export function gainsCurve(y: ArrayLike<number>, scores: ArrayLike<number>): { x: number[]; y: number[] } {
  const order = orderDesc(scores);
  const pos = countPositives(y);
  const xs = [0];
  const ys = [0];
  let found = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && scores[order[j]] === scores[order[i]]) {
      if (y[order[j]]) found++;
      j++;
    }
    xs.push(j / order.length);
    ys.push(pos === 0 ? 0 : found / pos);
    i = j;
  }
  return { x: xs, y: ys };
}

/** ALIFT: the area under the cumulative gains curve (trapezoids); 1 ideal, 0.5 random. */
export function alift(y: ArrayLike<number>, scores: ArrayLike<number>): number {
  const g = gainsCurve(y, scores);
  let a = 0;
  for (let i = 1; i < g.x.length; i++) a += ((g.x[i] - g.x[i - 1]) * (g.y[i] + g.y[i - 1])) / 2;
  return a;
}

/** The share of all positives among the top `share` of rows by score (interpolated inside a tie group). */
export function capturedAt(y: ArrayLike<number>, scores: ArrayLike<number>, share: number): number {
  const g = gainsCurve(y, scores);
  for (let i = 1; i < g.x.length; i++) {
    if (g.x[i] >= share) {
      const t = (share - g.x[i - 1]) / (g.x[i] - g.x[i - 1]);
      return g.y[i - 1] + t * (g.y[i] - g.y[i - 1]);
    }
  }
  return 1;
}

/** Average precision as scikit-learn defines it: Σ (R_k − R_{k−1}) · P_k over score thresholds. */
export function averagePrecision(y: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = orderDesc(scores);
  const pos = countPositives(y);
  if (pos === 0) return NaN;
  let tp = 0;
  let ap = 0;
  let prevRecall = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && scores[order[j]] === scores[order[i]]) {
      if (y[order[j]]) tp++;
      j++;
    }
    const recall = tp / pos;
    ap += (recall - prevRecall) * (tp / j);
    prevRecall = recall;
    i = j;
  }
  return ap;
}

export type CalibrationBin = { from: number; to: number; count: number; meanPredicted: number; observedRate: number };

/** Predicted probability against the observed rate in `bins` equal-count groups of rows. */
export function calibrationTable(y: ArrayLike<number>, probs: ArrayLike<number>, bins = 10): CalibrationBin[] {
  const order = orderDesc(probs).reverse();
  const n = order.length;
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const lo = Math.floor((b * n) / bins);
    const hi = Math.floor(((b + 1) * n) / bins);
    if (hi <= lo) continue;
    let sp = 0;
    let sy = 0;
    for (let i = lo; i < hi; i++) { sp += probs[order[i]]; sy += y[order[i]] ? 1 : 0; }
    out.push({ from: probs[order[lo]], to: probs[order[hi - 1]], count: hi - lo, meanPredicted: sp / (hi - lo), observedRate: sy / (hi - lo) });
  }
  return out;
}

export type Metrics = { auc: number; alift: number; ap: number; top10: number; top50: number; rows: number; positives: number };

export function allMetrics(y: ArrayLike<number>, scores: ArrayLike<number>): Metrics {
  return {
    auc: rocAuc(y, scores), alift: alift(y, scores), ap: averagePrecision(y, scores),
    top10: capturedAt(y, scores, 0.1), top50: capturedAt(y, scores, 0.5), rows: y.length, positives: countPositives(y),
  };
}

/** Population stability index between two score samples, over the reference's deciles. */
export function psi(reference: ArrayLike<number>, current: ArrayLike<number>, bins = 10): number {
  if (reference.length === 0 || current.length === 0) return NaN;
  const sorted = Float64Array.from(reference).sort();
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) edges.push(sorted[Math.floor((b * sorted.length) / bins)]);
  const share = (xs: ArrayLike<number>): number[] => {
    const c = new Array<number>(bins).fill(0);
    for (let i = 0; i < xs.length; i++) {
      let k = 0;
      while (k < edges.length && xs[i] >= edges[k]) k++;
      c[k]++;
    }
    return c.map((v) => Math.max(v / xs.length, 1e-4));
  };
  const a = share(reference);
  const b = share(current);
  let s = 0;
  for (let i = 0; i < bins; i++) s += (b[i] - a[i]) * Math.log(b[i] / a[i]);
  return s;
}
