// A column-major table for the learners: numbers in Float64Array (NaN = missing), categories as
// Int32Array codes into a level list (-1 = missing). No per-row objects, so a million rows stay small.

export type NumericColumn = { name: string; kind: 'numeric'; values: Float64Array };
export type CategoricalColumn = { name: string; kind: 'categorical'; codes: Int32Array; levels: string[] };
export type Column = NumericColumn | CategoricalColumn;
export type Frame = { rows: number; columns: Column[] };

/** What a trained model needs to know about its inputs, in order. */
export type FeatureSpec = { name: string; kind: 'numeric' } | { name: string; kind: 'categorical'; levels: string[] };

export const specOf = (f: Frame): FeatureSpec[] =>
  f.columns.map((c) => (c.kind === 'numeric' ? { name: c.name, kind: 'numeric' } : { name: c.name, kind: 'categorical', levels: [...c.levels] }));

/** The rows `idx` of a frame, copied. */
export function take(f: Frame, idx: ArrayLike<number>): Frame {
  const n = idx.length;
  return {
    rows: n,
    columns: f.columns.map((c) => {
      if (c.kind === 'numeric') {
        const v = new Float64Array(n);
        for (let i = 0; i < n; i++) v[i] = c.values[idx[i]];
        return { ...c, values: v };
      }
      const k = new Int32Array(n);
      for (let i = 0; i < n; i++) k[i] = c.codes[idx[i]];
      return { ...c, codes: k };
    }),
  };
}

export function takeLabels(y: Uint8Array, idx: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = y[idx[i]];
  return out;
}

/** Re-codes a frame's categorical columns to a model's level lists (unknown levels become missing). */
export function alignTo(f: Frame, spec: FeatureSpec[]): Frame {
  const byName = new Map(f.columns.map((c) => [c.name, c]));
  return {
    rows: f.rows,
    columns: spec.map((s) => {
      const c = byName.get(s.name);
      if (!c) throw new Error(`missing feature ${s.name}`);
      if (s.kind === 'numeric') {
        if (c.kind !== 'numeric') throw new Error(`feature ${s.name} should be numeric`);
        return c;
      }
      if (c.kind !== 'categorical') throw new Error(`feature ${s.name} should be categorical`);
      const map = new Map(s.levels.map((l, i) => [l, i]));
      const remap = Int32Array.from(c.levels, (l) => map.get(l) ?? -1);
      const codes = new Int32Array(f.rows);
      for (let i = 0; i < f.rows; i++) codes[i] = c.codes[i] < 0 ? -1 : remap[c.codes[i]];
      return { name: s.name, kind: 'categorical', codes, levels: s.levels };
    }),
  };
}

/** Builds a categorical column from strings (null/'' = missing). */
export function categorical(name: string, values: readonly (string | null)[]): CategoricalColumn {
  const levels: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === '') { codes[i] = -1; continue; }
    let k = index.get(v);
    if (k === undefined) { k = levels.length; levels.push(v); index.set(v, k); }
    codes[i] = k;
  }
  return { name, kind: 'categorical', codes, levels };
}

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
