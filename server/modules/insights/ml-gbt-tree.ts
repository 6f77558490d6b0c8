// One regression tree on gradient histograms, grown best-first (largest gain first) as
// scikit-learn's HistGradientBoostingClassifier and LightGBM do. Missing values go to whichever side
// gains more; categorical features split into two sets of categories (sorted by gradient ratio).
import { MISSING_BIN } from './ml-binning';

export type TreeParams = { maxLeafNodes: number; maxDepth: number; minSamplesLeaf: number; l2: number; learningRate: number };

/** A tree in flat arrays; node 0 is the root; left[i] < 0 marks a leaf. `value` is set on every node (Saabas attribution). */
export type Tree = {
  feature: Int32Array; bin: Uint8Array; missingLeft: Uint8Array; categorical: Uint8Array;
  /** 8 words (256 bits) per node: the categories (bins) that go left. */
  catBits: Uint32Array;
  left: Int32Array; right: Int32Array; value: Float64Array;
};

export type GrowInput = {
  bins: Uint8Array[]; isCategorical: boolean[]; nBins: number[];
  grad: Float64Array; hess: Float64Array;
  /** Training rows; reordered in place so that every leaf owns a contiguous range. */
  idx: Uint32Array;
  /** Reused between the trees of one training: spent histograms and the row-major bins. */
  scratch?: GrowScratch;
};

export type GrowScratch = { histograms: Float64Array[]; rows?: Uint8Array };

/** The bins row-major (one row's features side by side), built once per training. */
function rowBins(scratch: GrowScratch, bins: Uint8Array[]): Uint8Array {
  if (scratch.rows) return scratch.rows;
  const nf = bins.length, n = bins[0]?.length ?? 0;
  const out = new Uint8Array(n * nf);
  for (let f = 0; f < nf; f++) { const col = bins[f]; for (let s = 0; s < n; s++) out[s * nf + f] = col[s]; }
  scratch.rows = out;
  return out;
}

export function growScratch(): GrowScratch {
  return { histograms: [] };
}

type Split = { gain: number; feature: number; bin: number; missingLeft: boolean; cat: Uint32Array | null };
type Leaf = { node: number; start: number; end: number; depth: number; g: number; h: number; hist: Float64Array; split: Split | null };

const MIN_HESS = 1e-3;
const CAT_SMOOTH = 10;
const MIN_CAT_SUPPORT = 10;

export function goesLeft(t: Tree, node: number, bin: number): boolean {
  if (t.categorical[node]) return (t.catBits[node * 8 + (bin >>> 5)] & (1 << (bin & 31))) !== 0;
  if (bin === MISSING_BIN) return t.missingLeft[node] === 1;
  return bin <= t.bin[node];
}

export function growTree(inp: GrowInput, p: TreeParams): { tree: Tree; leaves: { start: number; end: number; value: number }[] } {
  const nf = inp.bins.length;
  const maxNodes = 2 * p.maxLeafNodes - 1;
  const t: Tree = {
    feature: new Int32Array(maxNodes).fill(-1), bin: new Uint8Array(maxNodes), missingLeft: new Uint8Array(maxNodes), categorical: new Uint8Array(maxNodes),
    catBits: new Uint32Array(maxNodes * 8), left: new Int32Array(maxNodes).fill(-1), right: new Int32Array(maxNodes).fill(-1), value: new Float64Array(maxNodes),
  };
  const { grad, hess, idx } = inp;
  const value = (g: number, h: number) => (-g / (h + p.l2)) * p.learningRate;

  const scratch = inp.scratch ?? growScratch();
  // Histograms are large (features x 256 bins x 3) and a tree needs dozens: recycle them instead of
  // leaving them to the garbage collector. One pass over the leaf's rows fills every feature's
  // histogram from the row-major bins (a row's bins share a cache line), as LightGBM does row-wise.
  const histogram = (start: number, end: number): Float64Array => {
    const hist = scratch.histograms.pop()?.fill(0) ?? new Float64Array(nf * 256 * 3);
    const rb = rowBins(scratch, inp.bins);
    for (let i = start; i < end; i++) {
      const s = idx[i];
      const g = grad[s], h = hess[s];
      const base = s * nf;
      for (let f = 0; f < nf; f++) {
        const b = f * 768 + rb[base + f] * 3;
        hist[b] += g;
        hist[b + 1] += h;
        hist[b + 2] += 1;
      }
    }
    return hist;
  };

  const score = (g: number, h: number) => (g * g) / (h + p.l2);

  const bestSplit = (leaf: Leaf): Split | null => {
    const n = leaf.end - leaf.start;
    if (n < 2 * p.minSamplesLeaf || leaf.depth >= p.maxDepth) return null;
    const parent = score(leaf.g, leaf.h);
    let best: Split | null = null;
    const ok = (cl: number, hl: number, cr: number, hr: number) => cl >= p.minSamplesLeaf && cr >= p.minSamplesLeaf && hl >= MIN_HESS && hr >= MIN_HESS;
    for (let f = 0; f < nf; f++) {
      const h = leaf.hist;
      const off = f * 768;
      const mg = h[off + MISSING_BIN * 3];
      const mh = h[off + MISSING_BIN * 3 + 1];
      const mc = h[off + MISSING_BIN * 3 + 2];
      if (!inp.isCategorical[f]) {
        let gl = 0, hl = 0, cl = 0;
        for (let b = 0; b < inp.nBins[f] - 1; b++) {
          gl += h[off + b * 3]; hl += h[off + b * 3 + 1]; cl += h[off + b * 3 + 2];
          // missing values to the right, then to the left
          for (let side = 0; side < (mc > 0 ? 2 : 1); side++) {
            const GL = side ? gl + mg : gl, HL = side ? hl + mh : hl, CL = side ? cl + mc : cl;
            const CR = n - CL;
            if (!ok(CL, HL, CR, leaf.h - HL)) continue;
            const gain = score(GL, HL) + score(leaf.g - GL, leaf.h - HL) - parent;
            if (gain > 1e-12 && (!best || gain > best.gain)) {
              best = { gain, feature: f, bin: b, missingLeft: mc > 0 ? side === 1 : CL >= CR, cat: null };
            }
          }
        }
      } else {
        const cats: number[] = [];
        for (let b = 0; b < 256; b++) if (h[off + b * 3 + 2] >= MIN_CAT_SUPPORT) cats.push(b);
        if (cats.length < 2) continue;
        cats.sort((a, b) => h[off + a * 3] / (h[off + a * 3 + 1] + CAT_SMOOTH) - h[off + b * 3] / (h[off + b * 3 + 1] + CAT_SMOOTH));
        let gl = 0, hl = 0, cl = 0;
        for (let k = 0; k < cats.length - 1; k++) {
          const b = cats[k];
          gl += h[off + b * 3]; hl += h[off + b * 3 + 1]; cl += h[off + b * 3 + 2];
          if (!ok(cl, hl, n - cl, leaf.h - hl)) continue;
          const gain = score(gl, hl) + score(leaf.g - gl, leaf.h - hl) - parent;
          if (gain > 1e-12 && (!best || gain > best.gain)) {
            const bits = new Uint32Array(8);
            for (let q = 0; q <= k; q++) bits[cats[q] >>> 5] |= 1 << (cats[q] & 31);
            best = { gain, feature: f, bin: 0, missingLeft: false, cat: bits };
          }
        }
      }
    }
    return best;
  };

  let G = 0, H = 0;
  for (let i = 0; i < idx.length; i++) { G += grad[idx[i]]; H += hess[idx[i]]; }
  t.value[0] = value(G, H);
  let nodes = 1;
  const root: Leaf = { node: 0, start: 0, end: idx.length, depth: 0, g: G, h: H, hist: histogram(0, idx.length), split: null };
  root.split = bestSplit(root);
  const open: Leaf[] = [root];
  const done: Leaf[] = [];
  let leafCount = 1;
  while (open.length > 0 && leafCount < p.maxLeafNodes) {
    let k = -1;
    for (let i = 0; i < open.length; i++) if (open[i].split && (k < 0 || open[i].split!.gain > open[k].split!.gain)) k = i;
    if (k < 0) break;
    const leaf = open.splice(k, 1)[0];
    const s = leaf.split!;
    const n = leaf.node;
    t.feature[n] = s.feature; t.bin[n] = s.bin; t.missingLeft[n] = s.missingLeft ? 1 : 0;
    if (s.cat) { t.categorical[n] = 1; t.catBits.set(s.cat, n * 8); }
    // partition the leaf's rows: left ones first
    const col = inp.bins[s.feature];
    let i = leaf.start, j = leaf.end - 1;
    while (i <= j) {
      if (goesLeft(t, n, col[idx[i]])) i++;
      else { const tmp = idx[i]; idx[i] = idx[j]; idx[j] = tmp; j--; }
    }
    const mid = i;
    let gl = 0, hl = 0;
    for (let q = leaf.start; q < mid; q++) { gl += grad[idx[q]]; hl += hess[idx[q]]; }
    const l = nodes++, r = nodes++;
    t.left[n] = l; t.right[n] = r;
    t.value[l] = value(gl, hl); t.value[r] = value(leaf.g - gl, leaf.h - hl);
    // histogram subtraction: build the smaller child, derive the larger from the parent
    const leftSmaller = mid - leaf.start <= leaf.end - mid;
    const small = leftSmaller ? histogram(leaf.start, mid) : histogram(mid, leaf.end);
    const large = leaf.hist;
    for (let q = 0; q < large.length; q++) large[q] -= small[q];
    const L: Leaf = { node: l, start: leaf.start, end: mid, depth: leaf.depth + 1, g: gl, h: hl, hist: leftSmaller ? small : large, split: null };
    const R: Leaf = { node: r, start: mid, end: leaf.end, depth: leaf.depth + 1, g: leaf.g - gl, h: leaf.h - hl, hist: leftSmaller ? large : small, split: null };
    leafCount++;
    for (const c of [L, R]) {
      c.split = leafCount < p.maxLeafNodes ? bestSplit(c) : null;
      open.push(c);
    }
  }
  done.push(...open);
  for (const d of done) scratch.histograms.push(d.hist);
  return { tree: trim(t, nodes), leaves: done.map((d) => ({ start: d.start, end: d.end, value: t.value[d.node] })) };
}

function trim(t: Tree, n: number): Tree {
  return {
    feature: t.feature.slice(0, n), bin: t.bin.slice(0, n), missingLeft: t.missingLeft.slice(0, n), categorical: t.categorical.slice(0, n),
    catBits: t.catBits.slice(0, n * 8), left: t.left.slice(0, n), right: t.right.slice(0, n), value: t.value.slice(0, n),
  };
}

/** The leaf a binned row reaches. */
export function leafOf(t: Tree, bins: Uint8Array[], row: number): number {
  let n = 0;
  while (t.left[n] >= 0) n = goesLeft(t, n, bins[t.feature[n]][row]) ? t.left[n] : t.right[n];
  return n;
}
