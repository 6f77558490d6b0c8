import { describe, expect, it } from 'vitest';
import { rng } from './ml-binning';
import { categorical, type Frame } from './ml-frame';
import { rocAuc } from './ml-metrics';
import { contributions, logits, modelFromJson, modelToJson, train } from './ml-model';
import { trainLogreg } from './ml-logreg';
import { crossValidate, stratifiedFolds } from './ml-validate';

/** A known signal: logit = 2·x1 − x2² + 1.5·[c = b] − 1, x3 is noise, 10% of x1 missing (then it adds 1). */
function synthetic(n: number, seed: number): { f: Frame; y: Uint8Array; truth: Float64Array } {
  const r = rng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
  const x1 = new Float64Array(n), x2 = new Float64Array(n), x3 = new Float64Array(n);
  const cat: string[] = [];
  const y = new Uint8Array(n);
  const truth = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x1[i] = normal(); x2[i] = normal(); x3[i] = normal();
    cat.push(['a', 'b', 'c'][Math.floor(r() * 3)]);
    const missing = r() < 0.1;
    truth[i] = (missing ? 1 : 2 * x1[i]) - x2[i] * x2[i] + (cat[i] === 'b' ? 1.5 : 0) - 1;
    if (missing) x1[i] = NaN;
    y[i] = r() < 1 / (1 + Math.exp(-truth[i])) ? 1 : 0;
  }
  return { f: { rows: n, columns: [{ name: 'x1', kind: 'numeric', values: x1 }, { name: 'x2', kind: 'numeric', values: x2 }, { name: 'x3', kind: 'numeric', values: x3 }, categorical('c', cat)] }, y, truth };
}

describe('learners on synthetic data with a known signal', () => {
  const tr = synthetic(6000, 1);
  const te = synthetic(3000, 2);
  const bayes = rocAuc(te.y, te.truth);

  it('gradient-boosted trees come close to the true model (non-linear, categorical, missing)', () => {
    const m = train('gbt', tr.f, tr.y);
    const auc = rocAuc(te.y, logits(m, te.f));
    expect(bayes - auc).toBeLessThan(0.02);
    expect(auc).toBeGreaterThan(0.8);
  });

  it('logistic regression learns the linear part and misses the square', () => {
    const m = train('logreg', tr.f, tr.y);
    const auc = rocAuc(te.y, logits(m, te.f));
    expect(auc).toBeGreaterThan(0.7);
    expect(auc).toBeLessThan(bayes - 0.02);
    if (m.kind !== 'logreg') throw new Error('logreg');
    expect(m.coef[0][0]).toBeGreaterThan(1); // x1, standardised (sd ≈ 1)
    expect(Math.abs(m.coef[2][0])).toBeLessThan(0.15); // noise
  });

  it.each(['gbt', 'logreg'] as const)('%s: contributions sum to the logit minus the base value, and survive JSON', (kind) => {
    const m = modelFromJson(JSON.parse(JSON.stringify(modelToJson(train(kind, tr.f, tr.y)))) as Record<string, unknown>);
    const z = logits(m, te.f);
    const { base, values } = contributions(m, te.f);
    for (let i = 0; i < 200; i++) {
      let s = base;
      for (let j = 0; j < 4; j++) s += values[i * 4 + j];
      expect(s).toBeCloseTo(z[i], 9);
    }
    // the noise feature contributes least on average
    const mean = [0, 1, 2, 3].map((j) => { let a = 0; for (let i = 0; i < te.f.rows; i++) a += Math.abs(values[i * 4 + j]); return a / te.f.rows; });
    expect(mean[2]).toBeLessThan(Math.min(mean[0], mean[1], mean[3]));
  });

  it('stratified folds keep the positive rate in every fold', () => {
    const folds = stratifiedFolds(tr.y, 5);
    const rate = tr.y.reduce((a, v) => a + v, 0) / tr.y.length;
    for (let k = 0; k < 5; k++) {
      let n = 0, p = 0;
      for (let i = 0; i < tr.y.length; i++) if (folds[i] === k) { n++; p += tr.y[i]; }
      expect(Math.abs(p / n - rate)).toBeLessThan(0.01);
    }
    expect(crossValidate('logreg', tr.f, tr.y, 3).auc).toBeGreaterThan(0.7);
  });
});

describe('logistic regression against known solutions', () => {
  it('one binary feature, no penalty: the coefficients are the log odds', () => {
    // x = 0: 3 of 4 positive; x = 1: 1 of 4. Standardised x is ±1, so b − w = ln 3 and b + w = −ln 3.
    const f: Frame = { rows: 8, columns: [{ name: 'x', kind: 'numeric', values: Float64Array.from([0, 0, 0, 0, 1, 1, 1, 1]) }] };
    const m = trainLogreg(f, Uint8Array.from([1, 1, 1, 0, 1, 0, 0, 0]), { c: 1e9 });
    expect(m.intercept).toBeCloseTo(0, 6);
    expect(m.coef[0][0]).toBeCloseTo(-Math.log(3), 6);
  });
  it('with the L2 penalty the gradient of Σ log-loss + ‖w‖²/2C vanishes (intercept unpenalised)', () => {
    const { f, y } = synthetic(500, 3);
    const m = trainLogreg(f, y, { c: 0.5 });
    const z = logits(m, f);
    const { values } = contributions(m, f);
    let g0 = 0, g1 = 0;
    for (let i = 0; i < f.rows; i++) {
      const r = 1 / (1 + Math.exp(-z[i])) - y[i];
      g0 += r;
      g1 += r * (values[i * 4] / m.coef[0][0]); // the standardised x1
    }
    expect(Math.abs(g0)).toBeLessThan(1e-6);
    expect(Math.abs(g1 + m.coef[0][0] / 0.5)).toBeLessThan(1e-6);
  });
});
