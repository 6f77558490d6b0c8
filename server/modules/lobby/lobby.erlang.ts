// Erlang C (M/M/c): how many counters a zone needs in a slot so that the service level is met.
// Pure maths, no I/O. Offered load A = arrival rate × mean service time (in Erlang).

/**
 * Erlang B blocking probability by the stable recursion B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)),
 * which never forms A^c or c! (they overflow long before a big branch's counter count).
 */
export function erlangB(c: number, a: number): number {
  if (c < 0 || !Number.isInteger(c)) throw new RangeError('c must be a whole number');
  if (a < 0) throw new RangeError('offered load must be >= 0');
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/**
 * Probability that an arrival has to wait (Erlang C). 1 when the queue is unstable (A ≥ c).
 * Textbook check: c = 5, A = 4 → 0.554.
 */
export function erlangC(c: number, a: number): number {
  if (a === 0) return 0;
  if (c <= a) return 1;
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/** Share of arrivals answered within `targetWait` (same unit as `meanService`): 1 − C·e^(−(c−A)·t/h). */
export function serviceLevel(c: number, a: number, targetWait: number, meanService: number): number {
  if (a === 0) return 1;
  if (c <= a) return 0;
  return 1 - erlangC(c, a) * Math.exp((-(c - a) * targetWait) / meanService);
}

/** Mean wait in queue (same unit as meanService): C·h / (c − A). Infinite when unstable. */
export function meanWait(c: number, a: number, meanService: number): number {
  if (a === 0) return 0;
  if (c <= a) return Number.POSITIVE_INFINITY;
  return (erlangC(c, a) * meanService) / (c - a);
}

export type StaffingNeed = { counters: number; serviceLevel: number; probabilityWait: number };

/**
 * The fewest counters (at least 1 when anyone comes, 0 when nobody does) whose service level
 * reaches `targetShare` for `targetWait`; capped at `maxCounters` (then the best it can do).
 */
export function countersNeeded(a: number, meanService: number, targetWait: number, targetShare: number, maxCounters = 50): StaffingNeed {
  if (a <= 0) return { counters: 0, serviceLevel: 1, probabilityWait: 0 };
  let c = Math.max(1, Math.floor(a) + 1);
  for (; c < maxCounters; c++) {
    if (serviceLevel(c, a, targetWait, meanService) >= targetShare) break;
  }
  return { counters: c, serviceLevel: serviceLevel(c, a, targetWait, meanService), probabilityWait: erlangC(c, a) };
}
