import { describe, expect, it } from 'vitest';
import { allMetrics, alift, averagePrecision, calibrationTable, capturedAt, psi, rocAuc } from './ml-metrics';

const y = [1, 0, 1, 0];
const s = [0.9, 0.8, 0.4, 0.1];

describe('ranking metrics on hand-computed cases', () => {
  it('AUC counts ordered positive–negative pairs, ties as half', () => {
    expect(rocAuc(y, s)).toBeCloseTo(3 / 4, 12);
    expect(rocAuc([1, 0], [0.5, 0.5])).toBeCloseTo(0.5, 12);
    expect(rocAuc([1, 1, 0, 0], [4, 3, 2, 1])).toBe(1);
    expect(rocAuc([1, 1], [1, 2])).toBeNaN();
  });
  it('ALIFT is the area under the cumulative gains curve', () => {
    // gains at 25/50/75/100%: 0.5, 0.5, 1, 1 → trapezoids 0.0625 + 0.125 + 0.1875 + 0.25
    expect(alift(y, s)).toBeCloseTo(0.625, 12);
    // a perfect ranking with half positives: 0.0625 + 0.1875 + 0.25 + 0.25
    expect(alift([1, 1, 0, 0], [4, 3, 2, 1])).toBeCloseTo(0.75, 12);
    // all scores tied: the diagonal
    expect(alift([1, 0, 1, 0], [1, 1, 1, 1])).toBeCloseTo(0.5, 12);
  });
  it('average precision as scikit-learn: Σ ΔR · P', () => {
    expect(averagePrecision(y, s)).toBeCloseTo(0.5 * 1 + 0.5 * (2 / 3), 12);
    expect(averagePrecision([0, 1], [0.9, 0.1])).toBeCloseTo(0.5, 12);
  });
  it('share of positives captured in the top of the list', () => {
    expect(capturedAt(y, s, 0.25)).toBeCloseTo(0.5, 12);
    expect(capturedAt(y, s, 0.5)).toBeCloseTo(0.5, 12);
    expect(capturedAt(y, s, 0.1)).toBeCloseTo(0.2, 12);
    const m = allMetrics(y, s);
    expect(m).toMatchObject({ rows: 4, positives: 2 });
    expect(m.top50).toBeCloseTo(0.5, 12);
  });
  it('calibration table in equal-count groups', () => {
    const t = calibrationTable([0, 0, 1, 1], [0.1, 0.2, 0.7, 0.9], 2);
    expect(t).toHaveLength(2);
    expect(t[0]).toMatchObject({ count: 2, observedRate: 0 });
    expect(t[0].meanPredicted).toBeCloseTo(0.15, 12);
    expect(t[1]).toMatchObject({ count: 2, observedRate: 1 });
    expect(t[1].meanPredicted).toBeCloseTo(0.8, 12);
  });
  it('PSI is zero for the same distribution and grows with a shift', () => {
    const a = Array.from({ length: 1000 }, (_, i) => i / 1000);
    expect(psi(a, a)).toBeCloseTo(0, 12);
    expect(psi(a, a.map((v) => v * 0.5))).toBeGreaterThan(0.25);
  });
});
