// What a benchmark returns and how the runner prints it. A missed target is reported, never thrown.

export type Verdict = 'pass' | 'MISS' | 'info' | 'INVALID';

export type BenchRow = {
  /** What was measured, e.g. "GET /api/me req/s [pglite]". */
  name: string;
  /** The measured figure, already formatted with its unit. */
  figure: string;
  /** What the figure is compared with (another measurement, or the target itself). */
  baseline: string;
  /** figure / baseline when both are numbers; null when it would mean nothing. */
  ratio: number | null;
  target: string;
  verdict: Verdict;
  /** Why a row is INVALID or anything a reader should know, printed under the table. */
  note?: string;
};

export type DatabaseKind = 'pglite' | 'postgres';

export type BenchContext = {
  /** Null: the embedded PGlite database in a fresh data folder. */
  databaseUrl: string | null;
  kind: DatabaseKind;
  /** A scratch folder for this run, deleted afterwards. */
  tmpDir: string;
  /** The runner's environment, for child processes (only bench/run.ts reads process.env). */
  env: NodeJS.ProcessEnv;
  log(message: string): void;
};

export type Bench = {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
};

export const atLeast = (value: number, target: number): Verdict => (value >= target ? 'pass' : 'MISS');
export const below = (value: number, target: number): Verdict => (value < target ? 'pass' : 'MISS');

export const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
export const fmtMs = (n: number): string => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
export const fmtS = (n: number): string => `${n.toFixed(2)} s`;

const HEAD = ['figure', 'value', 'baseline', 'ratio', 'target', 'verdict'] as const;

function cells(row: BenchRow): string[] {
  return [row.name, row.figure, row.baseline, row.ratio === null ? '-' : row.ratio.toFixed(2), row.target, row.verdict];
}

/** A plain-text table; numbers right-aligned. */
export function renderTable(rows: BenchRow[]): string {
  const body = rows.map(cells);
  const all = [[...HEAD], ...body];
  const widths = HEAD.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const right = new Set([1, 2, 3]);
  const line = (r: string[]) =>
    r.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  const notes = rows.filter((r) => r.note).map((r) => `  note: ${r.name}: ${r.note}`);
  return [line(all[0]), rule, ...body.map(line), ...notes].join('\n');
}
