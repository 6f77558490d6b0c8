import { describe, expect, it } from 'vitest';
import { countersNeeded, erlangB, erlangC, meanWait, serviceLevel } from './lobby.erlang';

/** A seeded uniform generator (mulberry32), so the simulation is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Discrete-event simulation of an M/M/c FIFO queue: share of arrivals that waited, and mean wait. */
function simulate(c: number, lambda: number, mu: number, customers: number, seed: number) {
  const u = rng(seed);
  const exp = (rate: number) => -Math.log(1 - u()) / rate;
  const free = new Array<number>(c).fill(0);
  let t = 0;
  let waited = 0;
  let totalWait = 0;
  const warmup = Math.floor(customers / 10);
  for (let i = 0; i < customers; i++) {
    t += exp(lambda);
    let k = 0;
    for (let j = 1; j < c; j++) if (free[j]! < free[k]!) k = j;
    const start = Math.max(t, free[k]!);
    free[k] = start + exp(mu);
    if (i >= warmup) {
      if (start > t) waited++;
      totalWait += start - t;
    }
  }
  const n = customers - warmup;
  return { pWait: waited / n, meanWait: totalWait / n };
}

describe('Erlang C', () => {
  it('matches the textbook value: c = 5, A = 4 Erlang → P(wait) = 0.554', () => {
    expect(erlangC(5, 4)).toBeCloseTo(0.554, 3);
  });

  it('matches other published values', () => {
    // Erlang B tables: B(5, 4) = 0.199, B(10, 5) = 0.0184
    expect(erlangB(5, 4)).toBeCloseTo(0.1991, 3);
    expect(erlangB(10, 5)).toBeCloseTo(0.0184, 3);
    // Call-centre example: 2 Erlang on 3 agents → P(wait) = 0.444
    expect(erlangC(3, 2)).toBeCloseTo(0.4444, 3);
    // A single server: P(wait) = utilisation
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 10);
  });

  it('is 1 for an unstable queue and 0 without load', () => {
    expect(erlangC(3, 3)).toBe(1);
    expect(erlangC(3, 5)).toBe(1);
    expect(erlangC(3, 0)).toBe(0);
    expect(serviceLevel(3, 4, 5, 5)).toBe(0);
  });

  it('stays finite for a large centre (no factorial overflow)', () => {
    const p = erlangC(400, 380);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
  });

  it('finds the fewest counters that meet the service level', () => {
    // 4 Erlang, 5-minute service, 80% within 5 minutes
    const need = countersNeeded(4, 5, 5, 0.8);
    expect(need.counters).toBeGreaterThan(4);
    expect(need.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(serviceLevel(need.counters - 1, 4, 5, 5)).toBeLessThan(0.8);
    expect(countersNeeded(0, 5, 5, 0.8).counters).toBe(0);
    expect(countersNeeded(0.1, 5, 5, 0.8).counters).toBe(1);
  });

  it('agrees with a discrete-event simulation of the same queue', () => {
    // c = 5 counters, 0.8 arrivals a minute, 5-minute mean service: A = 4 Erlang
    const sim = simulate(5, 0.8, 0.2, 200_000, 42);
    expect(Math.abs(sim.pWait - erlangC(5, 4))).toBeLessThan(0.02);
    expect(Math.abs(sim.meanWait - meanWait(5, 4, 5)) / meanWait(5, 4, 5)).toBeLessThan(0.08);
    const sim2 = simulate(3, 0.4, 0.2, 200_000, 7);
    expect(Math.abs(sim2.pWait - erlangC(3, 2))).toBeLessThan(0.02);
  });
});
