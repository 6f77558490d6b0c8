// `patron insights train`: any csv, both learners, stratified k-fold CV and a time-ordered holdout,
// printed as one metrics table. No database: the pipeline is general, not tied to the bank's tables.
import fs from 'node:fs';
import { CsvProblem, parseDataset } from './ml-csv';
import type { Learner } from './ml-model';
import { crossValidate, timeOrderedHoldout, type Evaluation } from './ml-validate';

export type TrainCliOptions = { file: string; target: string; drop?: string[]; timeOrder?: boolean; model?: string; folds?: string };

const LEARNER_NAMES: Record<Learner, string> = { gbt: 'gradient-boosted trees', logreg: 'logistic regression' };

export function metricsTable(rows: { learner: Learner; scheme: string; e: Evaluation }[]): string {
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—');
  const lines = [['model', 'validation', 'AUC', 'ALIFT', 'AP', 'top 10%', 'top 50%', 'train s'].map((h, i) => (i < 2 ? h.padEnd(i ? 18 : 24) : h.padStart(8))).join(' ')];
  for (const r of rows) {
    lines.push([LEARNER_NAMES[r.learner].padEnd(24), r.scheme.padEnd(18), ...[r.e.auc, r.e.alift, r.e.ap, r.e.top10, r.e.top50].map((x) => f(x).padStart(8)), (r.e.trainMs / 1000).toFixed(2).padStart(8)].join(' '));
  }
  return lines.join('\n');
}

/** Returns the exit code. */
export function runTrainCli(o: TrainCliOptions, print: (s: string) => void = console.log): number {
  const model = o.model ?? 'both';
  if (!['gbt', 'logreg', 'both'].includes(model)) { print('--model must be gbt, logreg or both'); return 2; }
  const folds = Number(o.folds ?? 5);
  if (!Number.isInteger(folds) || folds < 2 || folds > 20) { print('--folds must be a whole number from 2 to 20'); return 2; }
  let data;
  try {
    data = parseDataset(fs.readFileSync(o.file, 'utf8'), o.target, o.drop ?? []);
  } catch (e) {
    const code = String((e as NodeJS.ErrnoException).code ?? '');
    if (e instanceof CsvProblem || code === 'ENOENT' || code.startsWith('CSV_')) { print(`Cannot use ${o.file}: ${(e as Error).message}`); return 2; }
    throw e;
  }
  const { frame, y } = data;
  const positives = y.reduce((s, v) => s + v, 0);
  const kinds = frame.columns.map((c) => `${c.name}${c.kind === 'categorical' ? ` (${c.levels.length} levels)` : ''}`);
  print(`${frame.rows} rows, ${positives} positive (${((100 * positives) / frame.rows).toFixed(2)}%), ${frame.columns.length} inputs: ${kinds.join(', ')}`);
  if (positives < folds || frame.rows - positives < folds) { print('Too few rows of each class for cross-validation.'); return 2; }
  const learners: Learner[] = model === 'both' ? ['gbt', 'logreg'] : [model as Learner];
  const rows: { learner: Learner; scheme: string; e: Evaluation }[] = [];
  for (const l of learners) {
    rows.push({ learner: l, scheme: `${folds}-fold CV`, e: crossValidate(l, frame, y, folds) });
    if (o.timeOrder) rows.push({ learner: l, scheme: 'time-ordered 80/20', e: timeOrderedHoldout(l, frame, y, 0.8) });
  }
  print(metricsTable(rows));
  return 0;
}
