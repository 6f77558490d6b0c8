import { describe, expect, it } from 'vitest';
import { DAILY_SHAPE, dayFactor, poisson } from './lobby.seed';
import { createRng } from './random';

describe('demo lobby generator', () => {
  it('draws Poisson counts with the asked mean and variance', () => {
    const rng = createRng(11);
    const n = 50_000;
    const xs = Array.from({ length: n }, () => poisson(rng, 3.2));
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
    expect(mean).toBeCloseTo(3.2, 1);
    expect(variance).toBeCloseTo(3.2, 0);
    expect(poisson(rng, 0)).toBe(0);
  });

  it('has a mid-morning and a lunch peak, busier mid-month and month-end, quieter at weekends', () => {
    const peak = (DAILY_SHAPE as readonly number[]).indexOf(Math.max(...DAILY_SHAPE));
    expect(peak).toBe(3); // 10:30
    expect(DAILY_SHAPE[6]!).toBeGreaterThan(DAILY_SHAPE[8]!); // 12:00 busier than 13:00
    expect(dayFactor('2026-11-30')).toBeGreaterThan(dayFactor('2026-11-18')); // month-end Monday vs. a Wednesday
    expect(dayFactor('2026-11-12')).toBeGreaterThan(dayFactor('2026-11-18')); // mid-month
    expect(dayFactor('2026-11-22')).toBeLessThan(dayFactor('2026-11-18')); // Sunday
  });
});
