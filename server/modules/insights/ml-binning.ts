// Feature binning for the histogram learner: numbers into at most 255 quantile bins, categories
// into their own bins; bin 255 is always "missing", so missing values need no imputation.
import type { Frame } from './ml-frame';

export const MISSING_BIN = 255;
const MAX_BINS = 255;
const SAMPLE = 200_000;

/** Per feature: numeric thresholds (value ≤ t[i] goes to bin i), or null for a categorical one. */
export type Binner = { thresholds: (number[] | null)[] };

/** A small seeded generator, so that training is repeatable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function numericThresholds(values: Float64Array, rand: () => number): number[] {
  let n = 0;
  const xs = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) xs[n++] = values[i];
  if (n > SAMPLE) {
    for (let i = n - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); const v = xs[i]; xs[i] = xs[j]; xs[j] = v; }
    n = SAMPLE;
  }
  // a typed array sorts numerically in place, without a comparator call per pair
  const sorted = xs.subarray(0, n).sort();
  const uniq: number[] = [];
  for (let i = 0; i < sorted.length && uniq.length <= MAX_BINS; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) uniq.push(sorted[i]);
  if (uniq.length <= MAX_BINS) {
    const t: number[] = [];
    for (let i = 1; i < uniq.length; i++) t.push((uniq[i - 1] + uniq[i]) / 2);
    return t;
  }
  const t: number[] = [];
  for (let b = 1; b < MAX_BINS; b++) {
    const pos = (b / MAX_BINS) * (sorted.length - 1);
    const lo = Math.floor(pos);
    const v = sorted[lo] + (pos - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)]) - sorted[lo]);
    if (t.length === 0 || v > t[t.length - 1]) t.push(v);
  }
  return t;
}

export function fitBinner(f: Frame, seed = 0): Binner {
  const rand = rng(seed);
  return { thresholds: f.columns.map((c) => (c.kind === 'numeric' ? numericThresholds(c.values, rand) : null)) };
}

function binOf(t: number[], x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= t[mid]) hi = mid; else lo = mid + 1;
  }
  return lo;
}

/** The frame as bins, column-major. Category codes past 254 fall into the missing bin. */
export function applyBinner(b: Binner, f: Frame): Uint8Array[] {
  return f.columns.map((c, j) => {
    const out = new Uint8Array(f.rows);
    const t = b.thresholds[j];
    if (c.kind === 'numeric') {
      if (!t) throw new Error(`feature ${c.name} was categorical when the model was trained`);
      for (let i = 0; i < f.rows; i++) out[i] = Number.isNaN(c.values[i]) ? MISSING_BIN : binOf(t, c.values[i]);
    } else {
      for (let i = 0; i < f.rows; i++) { const k = c.codes[i]; out[i] = k < 0 || k >= MISSING_BIN ? MISSING_BIN : k; }
    }
    return out;
  });
}
