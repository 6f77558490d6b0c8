// Any csv into a frame and a 0/1 target: the separator (; , tab) is detected from the header, a
// column is numeric when every non-empty value is a number, anything else is a category.
import { parse as parseCsv } from 'csv-parse/sync';
import { categorical, type Column, type Frame } from './ml-frame';

export type CsvDataset = { frame: Frame; y: Uint8Array; target: string; dropped: string[] };

const MISSING = new Set(['', 'na', 'nan', 'null', 'n/a']);
const POSITIVE = new Set(['yes', 'y', '1', 'true', 't', '是']);
const NEGATIVE = new Set(['no', 'n', '0', 'false', 'f', '否']);

export class CsvProblem extends Error {}

export function detectSeparator(header: string): string {
  const counts = [';', ',', '\t'].map((s) => [s, header.split(s).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

export function parseDataset(text: string, target: string, drop: readonly string[] = []): CsvDataset {
  const clean = text.replace(/^\uFEFF/, '');
  const header = clean.slice(0, clean.indexOf('\n') >= 0 ? clean.indexOf('\n') : clean.length);
  const rows = parseCsv(clean, { delimiter: detectSeparator(header), relax_quotes: true, skip_empty_lines: true, trim: true }) as string[][];
  if (rows.length < 2) throw new CsvProblem('the file has no data rows');
  const names = rows[0];
  const t = names.indexOf(target);
  if (t < 0) throw new CsvProblem(`no column "${target}" (columns: ${names.join(', ')})`);
  const unknownDrops = drop.filter((d) => !names.includes(d));
  if (unknownDrops.length > 0) throw new CsvProblem(`no column(s) to drop: ${unknownDrops.join(', ')}`);
  const data = rows.slice(1);
  const y = new Uint8Array(data.length);
  data.forEach((r, i) => {
    const v = (r[t] ?? '').toLowerCase();
    if (POSITIVE.has(v)) y[i] = 1;
    else if (!NEGATIVE.has(v)) throw new CsvProblem(`row ${i + 2}: target value "${r[t]}" is neither yes/no nor 1/0`);
  });
  const columns: Column[] = [];
  names.forEach((name, j) => {
    if (j === t || drop.includes(name)) return;
    const raw = data.map((r) => r[j] ?? '');
    const numeric = raw.every((v) => MISSING.has(v.toLowerCase()) || Number.isFinite(Number(v)));
    if (numeric) {
      columns.push({ name, kind: 'numeric', values: Float64Array.from(raw, (v) => (MISSING.has(v.toLowerCase()) ? NaN : Number(v))) });
    } else {
      columns.push(categorical(name, raw.map((v) => (MISSING.has(v.toLowerCase()) ? null : v))));
    }
  });
  return { frame: { rows: data.length, columns }, y, target, dropped: [...drop] };
}
