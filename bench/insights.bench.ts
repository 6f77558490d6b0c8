// Insights: the learners on real public data (UCI bank marketing, without `duration`) side by side
// with the scikit-learn figures of the data README and with scikit-learn run here, and scoring the
// whole bank (the cached bank of customer-data.ts) with the nightly job: time and memory peak.
//
//   PATRON_BANK_MARKETING_DIR   the folder with bank-additional-full.csv and bank-full.csv
//                               (default: ../shared/data/bank-marketing next to the repository)
//   BENCH_CUSTOMERS             customers for the scoring run (default 1,000,000)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseDataset } from '../server/modules/insights/ml-csv';
import { trainGbt } from '../server/modules/insights/ml-gbt';
import { crossValidate, timeOrderedHoldout } from '../server/modules/insights/ml-validate';
import { trainModels } from '../server/modules/insights/insights-training.service';
import { systemActor } from '../server/platform/audit';
import { seedNote, sizeTag, startLoadedApp } from './customer-data';
import { atLeast, below, fmtInt, fmtS, type Bench, type BenchContext, type BenchRow } from './report';

// ---- scikit-learn, run in the same bench when python3 has it -------------------------------------

const SCRIPT = `
import csv, json, sys, time
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.compose import make_column_transformer
from sklearn.preprocessing import OneHotEncoder, StandardScaler
rows = list(csv.reader(open(sys.argv[1]), delimiter=';'))
head, data = rows[0], rows[1:]
y = np.array([1 if r[head.index('y')] == 'yes' else 0 for r in data])
cols = [c for c in head if c not in ('y', 'duration')]
num, cat, X = [], [], []
for c in cols:
    j = head.index(c)
    v = [r[j] for r in data]
    try:
        X.append(np.array([float(x) for x in v])); num.append(True)
    except ValueError:
        levels = {l: i for i, l in enumerate(sorted(set(v)))}
        X.append(np.array([levels[x] for x in v], dtype=float)); num.append(False)
X = np.column_stack(X)
mask = np.array([not n for n in num])
cv = StratifiedKFold(5, shuffle=True, random_state=0)
hgb = HistGradientBoostingClassifier(categorical_features=mask, random_state=0)
hgb_auc = cross_val_score(hgb, X, y, cv=cv, scoring='roc_auc').mean()
lr = make_pipeline(make_column_transformer((OneHotEncoder(handle_unknown='ignore'), np.where(mask)[0]), (StandardScaler(), np.where(~mask)[0])), LogisticRegression(max_iter=2000))
lr_auc = cross_val_score(lr, X, y, cv=cv, scoring='roc_auc').mean()
fits = []
for _ in range(3):
    t = time.perf_counter(); HistGradientBoostingClassifier(categorical_features=mask, random_state=0).fit(X, y); fits.append(time.perf_counter() - t)
print(json.dumps({'hgbAuc': hgb_auc, 'lrAuc': lr_auc, 'hgbFitSeconds': min(fits), 'version': __import__('sklearn').__version__}))
`;

export type SklearnFigures = { hgbAuc: number; lrAuc: number; hgbFitSeconds: number; version: string };

/** The first python that imports scikit-learn (PATRON_PYTHON, python3 on the PATH, Debian's own). */
export function findPython(env: NodeJS.ProcessEnv): string | null {
  for (const py of [env.PATRON_PYTHON, 'python3', '/usr/bin/python3']) {
    if (!py) continue;
    const r = spawnSync(py, ['-c', 'import sklearn'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return null;
}

export function runSklearn(python: string, csvFile: string): SklearnFigures {
  const r = spawnSync(python, ['-c', SCRIPT, csvFile], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`scikit-learn run failed: ${r.stderr.slice(-500)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as SklearnFigures;
}

/** scikit-learn 1.2, 5-fold stratified CV without duration (the data README): AUC / ALIFT. */
const REFERENCE = {
  'bank-additional-full.csv': { lr: [0.792, 0.759], hgb: [0.804, 0.769], timeLr: [0.745, 0.669], timeHgb: [0.643, 0.599] },
  'bank-full.csv': { lr: [0.765, 0.734], hgb: [0.798, 0.763], timeLr: null, timeHgb: null },
} as const;

const f3 = (x: number) => x.toFixed(3);

function dataDir(ctx: BenchContext): string {
  return ctx.env.PATRON_BANK_MARKETING_DIR ?? path.resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'bank-marketing');
}

function externalCheck(ctx: BenchContext): BenchRow[] {
  const dir = dataDir(ctx);
  const rows: BenchRow[] = [];
  const python = findPython(ctx.env);
  for (const file of Object.keys(REFERENCE) as (keyof typeof REFERENCE)[]) {
    const csv = path.join(dir, file);
    if (!fs.existsSync(csv)) {
      rows.push({ name: `${file}: external check`, figure: 'skipped', baseline: '-', ratio: null, target: '-', verdict: 'info', note: `${file} not found (set PATRON_BANK_MARKETING_DIR)` });
      continue;
    }
    const ref = REFERENCE[file];
    const { frame, y } = parseDataset(fs.readFileSync(csv, 'utf8'), 'y', ['duration']);
    ctx.log(`${file}: 5-fold CV, gradient-boosted trees`);
    const gbt = crossValidate('gbt', frame, y, 5);
    ctx.log(`${file}: 5-fold CV, logistic regression`);
    const lr = crossValidate('logreg', frame, y, 5);
    const sk: SklearnFigures | null = python && file === 'bank-additional-full.csv' ? runSklearn(python, csv) : null;
    rows.push({
      name: `${file} GBT 5-fold CV AUC / ALIFT`, figure: `${f3(gbt.auc)} / ${f3(gbt.alift)}`, baseline: `sklearn HGB ${ref.hgb[0]} / ${ref.hgb[1]}`, ratio: gbt.auc / ref.hgb[0],
      target: file === 'bank-additional-full.csv' ? 'AUC ≥ 0.80' : '-', verdict: file === 'bank-additional-full.csv' ? atLeast(gbt.auc, 0.8) : 'info',
    });
    rows.push({
      name: `${file} LR 5-fold CV AUC / ALIFT`, figure: `${f3(lr.auc)} / ${f3(lr.alift)}`, baseline: `sklearn LR ${ref.lr[0]} / ${ref.lr[1]}${sk ? ` (here ${f3(sk.lrAuc)})` : ''}`,
      ratio: lr.auc / ref.lr[0], target: 'AUC within 0.01', verdict: Math.abs(lr.auc - (sk?.lrAuc ?? ref.lr[0])) <= 0.01 ? 'pass' : 'MISS',
    });
    if (ref.timeLr && ref.timeHgb) {
      const tg = timeOrderedHoldout('gbt', frame, y, 0.8);
      const tl = timeOrderedHoldout('logreg', frame, y, 0.8);
      rows.push({ name: `${file} GBT time-ordered 80/20 AUC / ALIFT`, figure: `${f3(tg.auc)} / ${f3(tg.alift)}`, baseline: `sklearn HGB ${ref.timeHgb[0]} / ${ref.timeHgb[1]}`, ratio: tg.auc / ref.timeHgb[0], target: '-', verdict: 'info' });
      rows.push({ name: `${file} LR time-ordered 80/20 AUC / ALIFT`, figure: `${f3(tl.auc)} / ${f3(tl.alift)}`, baseline: `sklearn LR ${ref.timeLr[0]} / ${ref.timeLr[1]}`, ratio: tl.auc / ref.timeLr[0], target: '-', verdict: 'info' });
    }
    if (file !== 'bank-additional-full.csv') continue;
    // training time on all 41,188 rows: best of three, as the python side
    const times: number[] = [];
    for (let i = 0; i < 3; i++) { const t0 = performance.now(); trainGbt(frame, y); times.push((performance.now() - t0) / 1000); }
    const mine = Math.min(...times);
    if (sk) {
      rows.push({ name: `${file} GBT training time (all rows)`, figure: fmtS(mine), baseline: `sklearn ${sk.version} HGB ${fmtS(sk.hgbFitSeconds)}`, ratio: mine / sk.hgbFitSeconds, target: '≤ sklearn', verdict: mine <= sk.hgbFitSeconds ? 'pass' : 'MISS' });
      rows.push({ name: `${file} GBT CV AUC vs sklearn HGB run here`, figure: f3(gbt.auc), baseline: `sklearn HGB ${f3(sk.hgbAuc)}`, ratio: gbt.auc / sk.hgbAuc, target: 'within 0.01', verdict: Math.abs(gbt.auc - sk.hgbAuc) <= 0.01 ? 'pass' : 'MISS' });
    } else {
      rows.push({ name: `${file} GBT training time (all rows)`, figure: fmtS(mine), baseline: 'not run', ratio: null, target: '≤ sklearn', verdict: 'info', note: 'the scikit-learn comparison did not run: no python3 with scikit-learn (install python3-sklearn)' });
    }
  }
  return rows;
}

async function scoring(ctx: BenchContext): Promise<BenchRow[]> {
  const la = await startLoadedApp(ctx, 'insights');
  try {
    const n = la.data.customers;
    const tag = sizeTag(ctx.kind, n);
    ctx.log('training the bank models on a sample of customers');
    const t0 = performance.now();
    await trainModels(la.app.ctx, systemActor('bench'), null, null, { everyNth: Math.max(1, Math.round(n / 20_000)), learner: 'logreg' });
    const trainSeconds = (performance.now() - t0) / 1000;
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 100);
    const t1 = performance.now();
    const res = await la.app.ctx.jobs.runNow('insights');
    const seconds = (performance.now() - t1) / 1000;
    clearInterval(timer);
    if (!res.ran || res.status !== 'done') throw new Error(`the insights job did not run: ${JSON.stringify(res)}`);
    const scored = Number(res.detail.scored);
    const models = (res.detail.models as unknown[]).length;
    return [
      { name: `train 5 bank models (sampled) ${tag}`, figure: fmtS(trainSeconds), baseline: '-', ratio: null, target: '-', verdict: 'info' },
      {
        name: `score all customers, ${models} models ${tag}`, figure: fmtS(seconds), baseline: `${fmtInt(scored / seconds)} customers/s`, ratio: null, target: '< 1 h', verdict: below(seconds, 3600),
        note: `${fmtInt(scored)} customers scored by ${models} models (${seedNote(la.data)})`,
      },
      { name: `memory peak while scoring ${tag}`, figure: `${fmtInt(peak / 2 ** 20)} MB RSS`, baseline: `${fmtInt(rss0 / 2 ** 20)} MB before`, ratio: peak / rss0, target: '< 2 GB', verdict: below(peak, 2 * 2 ** 30) },
    ];
  } finally {
    await la.close();
  }
}

export const bench: Bench = {
  name: 'insights',
  title: 'Insights: learners on the bank-marketing data vs scikit-learn; scoring every customer of the bank',
  async run(ctx) {
    return [...externalCheck(ctx), ...(await scoring(ctx))];
  },
};
