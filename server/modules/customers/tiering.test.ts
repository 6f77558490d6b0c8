import { describe, expect, it } from 'vitest';
import {
  addDays, addMonths, basisAmount, compareMoney, evaluateCustomer, formatCents, ladderProblems, monthStart, normalizeMoney, qualifiedTier, toCents,
  type CustomerTierState, type Evaluation, type TierRule,
} from './tiering';

const LADDER: TierRule[] = [
  { code: 'mass', rank: 0, minAum: '0.00' },
  { code: 'gold', rank: 1, minAum: '50000.00' },
  { code: 'platinum', rank: 2, minAum: '500000.00' },
  { code: 'diamond', rank: 3, minAum: '2000000.00' },
  { code: 'private', rank: 4, minAum: '6000000.00' },
];
const EVAL: Evaluation = { ladder: LADDER, basis: 'max_m1_m3', graceMonths: 3, month: '2027-01-01', asOf: '2027-01-02' };

function customer(over: Partial<CustomerTierState> & { m1?: string; m3?: string; m6?: string } = {}): CustomerTierState {
  const { m1 = '0', m3 = '0', m6 = '0', ...rest } = over;
  return { tierCode: 'mass', monthsBelow: 0, belowCountedFor: null, overrideTierCode: null, overrideUntil: null, aum: { m1, m3, m6 }, ...rest };
}

/** Runs consecutive monthly evaluations, feeding each outcome into the next. */
function months(start: CustomerTierState, n: number, e: Evaluation = EVAL) {
  let s = start;
  const out = [];
  for (let i = 0; i < n; i++) {
    const month = addMonths(e.month, i);
    const o = evaluateCustomer(s, { ...e, month, asOf: month });
    out.push(o);
    s = { ...s, tierCode: o.tierCode, monthsBelow: o.monthsBelow, belowCountedFor: o.belowCountedFor, ...(o.clearOverride ? { overrideTierCode: null, overrideUntil: null } : {}) };
  }
  return out;
}

describe('money without floats', () => {
  it('parses, formats and compares amounts exactly', () => {
    expect(toCents('50000')).toBe(5_000_000n);
    expect(toCents('0.1')).toBe(10n);
    expect(toCents('-12.34')).toBe(-1234n);
    expect(formatCents(toCents('1234567.8'))).toBe('1234567.80');
    expect(normalizeMoney('6000000')).toBe('6000000.00');
    expect(compareMoney('49999.99', '50000')).toBe(-1);
    expect(compareMoney('50000.00', '50000')).toBe(0);
    // Doubles would call these equal.
    expect(compareMoney('9007199254740993.01', '9007199254740993.00')).toBe(1);
    expect(() => toCents('1e5')).toThrow();
  });

  it('does month and day arithmetic on ISO strings', () => {
    expect(monthStart('2026-12-31')).toBe('2026-12-01');
    expect(addMonths('2026-11-01', 2)).toBe('2027-01-01');
    expect(addMonths('2027-01-01', -1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('basis and qualifying tier', () => {
  it('takes the configured figure; the default is the higher of last month and the 3-month average', () => {
    const aum = { m1: '40000', m3: '60000.5', m6: '70000' };
    expect(basisAmount('max_m1_m3', aum)).toBe('60000.50');
    expect(basisAmount('max_m1_m3', { ...aum, m1: '90000' })).toBe('90000.00');
    expect(basisAmount('m1', aum)).toBe('40000.00');
    expect(basisAmount('m3', aum)).toBe('60000.50');
    expect(basisAmount('m6', aum)).toBe('70000.00');
  });

  it('finds the highest threshold met; thresholds are inclusive; negative figures fall to the lowest tier', () => {
    expect(qualifiedTier(LADDER, '49999.99').code).toBe('mass');
    expect(qualifiedTier(LADDER, '50000.00').code).toBe('gold');
    expect(qualifiedTier(LADDER, '1999999.99').code).toBe('platinum');
    expect(qualifiedTier(LADDER, '99000000').code).toBe('private');
    expect(qualifiedTier(LADDER, '-5').code).toBe('mass');
    expect(qualifiedTier([...LADDER].reverse(), '600000').code).toBe('platinum');
  });

  it('the basis choice decides the outcome', () => {
    const c = customer({ m1: '40000', m3: '60000', m6: '600000' });
    expect(evaluateCustomer(c, EVAL).tierCode).toBe('gold');
    expect(evaluateCustomer(c, { ...EVAL, basis: 'm1' }).tierCode).toBe('mass');
    expect(evaluateCustomer(c, { ...EVAL, basis: 'm6' }).tierCode).toBe('platinum');
  });
});

describe('evaluation of one customer', () => {
  it('upgrades at once when a higher threshold is met, recording basis and threshold', () => {
    const o = evaluateCustomer(customer({ m1: '50000' }), EVAL);
    expect(o).toMatchObject({ tierCode: 'gold', monthsBelow: 0, change: { reason: 'upgrade', from: 'mass', to: 'gold', basisAum: '50000.00', threshold: '50000.00' } });
  });

  it('jumps several tiers in one evaluation', () => {
    const o = evaluateCustomer(customer({ tierCode: 'gold', m3: '2500000' }), EVAL);
    expect(o.change).toEqual({ reason: 'upgrade', from: 'gold', to: 'diamond', basisAum: '2500000.00', threshold: '2000000.00' });
  });

  it('keeps a customer whose basis still meets the tier, and resets a running grace count', () => {
    expect(evaluateCustomer(customer({ tierCode: 'gold', m1: '50000' }), EVAL)).toMatchObject({ tierCode: 'gold', monthsBelow: 0, change: null });
    const back = evaluateCustomer(customer({ tierCode: 'gold', monthsBelow: 2, belowCountedFor: '2026-12-01', m1: '80000' }), EVAL);
    expect(back).toMatchObject({ tierCode: 'gold', monthsBelow: 0, change: null });
  });

  it('downgrades only after the grace months below the threshold, one tier at a time', () => {
    const start = customer({ tierCode: 'diamond', m1: '10000', m3: '10000' });
    const o = months(start, 7);
    expect(o.map((x) => x.tierCode)).toEqual(['diamond', 'diamond', 'platinum', 'platinum', 'platinum', 'gold', 'gold']);
    expect(o.map((x) => x.monthsBelow)).toEqual([1, 2, 0, 1, 2, 0, 1]);
    expect(o[2].change).toEqual({ reason: 'downgrade', from: 'diamond', to: 'platinum', basisAum: '10000.00', threshold: '2000000.00' });
    expect(o[5].change?.threshold).toBe('500000.00');
  });

  it('a month back above the threshold breaks the run of months below', () => {
    let s = customer({ tierCode: 'gold', m1: '1000' });
    const first = evaluateCustomer(s, { ...EVAL, month: '2027-01-01' });
    s = { ...s, monthsBelow: first.monthsBelow, belowCountedFor: first.belowCountedFor };
    const second = evaluateCustomer(s, { ...EVAL, month: '2027-02-01' });
    expect(second.monthsBelow).toBe(2);
    s = { ...s, monthsBelow: second.monthsBelow, belowCountedFor: second.belowCountedFor, aum: { m1: '60000', m3: '0', m6: '0' } };
    const up = evaluateCustomer(s, { ...EVAL, month: '2027-03-01' });
    expect(up).toMatchObject({ tierCode: 'gold', monthsBelow: 0 });
    s = { ...s, monthsBelow: 0, aum: { m1: '1000', m3: '0', m6: '0' } };
    expect(evaluateCustomer(s, { ...EVAL, month: '2027-04-01' })).toMatchObject({ tierCode: 'gold', monthsBelow: 1 });
  });

  it('counts a month once however often it is evaluated', () => {
    const c = customer({ tierCode: 'gold', monthsBelow: 1, belowCountedFor: '2027-01-01', m1: '100' });
    expect(evaluateCustomer(c, EVAL)).toMatchObject({ tierCode: 'gold', monthsBelow: 1, belowCountedFor: '2027-01-01', change: null });
    // Neither does an older month count again.
    expect(evaluateCustomer(c, { ...EVAL, month: '2026-12-01', asOf: '2026-12-15' }).monthsBelow).toBe(1);
    const at2 = customer({ tierCode: 'gold', monthsBelow: 2, belowCountedFor: '2027-01-01', m1: '100' });
    expect(evaluateCustomer(at2, EVAL).change).toBeNull();
    expect(evaluateCustomer(at2, { ...EVAL, month: '2027-02-01', asOf: '2027-02-01' }).change?.reason).toBe('downgrade');
  });

  it('grace 0 or 1 downgrades at the first month below', () => {
    const c = customer({ tierCode: 'platinum', m1: '60000' });
    expect(evaluateCustomer(c, { ...EVAL, graceMonths: 0 }).tierCode).toBe('gold');
    expect(evaluateCustomer(c, { ...EVAL, graceMonths: 1 }).tierCode).toBe('gold');
    expect(evaluateCustomer(c, { ...EVAL, graceMonths: 2 })).toMatchObject({ tierCode: 'platinum', monthsBelow: 1 });
  });

  it('the lowest tier never goes lower', () => {
    expect(evaluateCustomer(customer({ m1: '-100' }), { ...EVAL, graceMonths: 0 })).toMatchObject({ tierCode: 'mass', monthsBelow: 0, change: null });
  });

  it('a valid override wins over the figures, and the grace count stays at zero', () => {
    const c = customer({ tierCode: 'diamond', overrideTierCode: 'diamond', overrideUntil: '2027-03-31', monthsBelow: 0, m1: '100' });
    const o = months(c, 3);
    expect(o.map((x) => [x.tierCode, x.monthsBelow, x.change])).toEqual([['diamond', 0, null], ['diamond', 0, null], ['diamond', 0, null]]);
    const rich = customer({ tierCode: 'gold', overrideTierCode: 'gold', overrideUntil: '2027-01-31', m1: '9000000' });
    expect(evaluateCustomer(rich, EVAL)).toMatchObject({ tierCode: 'gold', change: null });
  });

  it('the override is valid through its until date, then the customer returns to the computed tier', () => {
    const c = customer({ tierCode: 'diamond', overrideTierCode: 'diamond', overrideUntil: '2027-01-31', m1: '600000' });
    expect(evaluateCustomer(c, { ...EVAL, asOf: '2027-01-31' }).change).toBeNull();
    const o = evaluateCustomer(c, { ...EVAL, month: '2027-02-01', asOf: '2027-02-01' });
    expect(o).toMatchObject({ tierCode: 'platinum', monthsBelow: 0, clearOverride: true, change: { reason: 'override_expired', from: 'diamond', to: 'platinum', basisAum: '600000.00', threshold: '500000.00' } });
    // Several tiers at once, no grace: the override is over.
    const poor = evaluateCustomer({ ...c, aum: { m1: '10', m3: '0', m6: '0' } }, { ...EVAL, month: '2027-02-01', asOf: '2027-02-01' });
    expect(poor.tierCode).toBe('mass');
  });

  it('an override whose tier differs from the stored tier puts the customer on it', () => {
    const o = evaluateCustomer(customer({ tierCode: 'gold', overrideTierCode: 'private', overrideUntil: '2027-06-30' }), EVAL);
    expect(o).toMatchObject({ tierCode: 'private', change: { reason: 'override', from: 'gold', to: 'private' } });
  });
});

describe('ladder validation', () => {
  const rung = (code: string, minAum: string) => ({ code, minAum });
  it('accepts a rising ladder starting at 0', () => {
    expect(ladderProblems(LADDER)).toEqual([]);
    expect(ladderProblems([rung('only', '0')])).toEqual([]);
  });
  it('refuses a first threshold above 0, equal or falling thresholds, duplicate codes and an empty ladder', () => {
    expect(ladderProblems([rung('a', '10'), rung('b', '20')]).map((p) => p.path)).toEqual(['tiers.0.minAum']);
    expect(ladderProblems([rung('a', '0'), rung('b', '500'), rung('c', '500.00'), rung('d', '100')]).map((p) => p.path)).toEqual(['tiers.2.minAum', 'tiers.3.minAum']);
    expect(ladderProblems([rung('a', '0'), rung('a', '5')]).map((p) => p.path)).toEqual(['tiers.1.code']);
    expect(ladderProblems([])).toHaveLength(1);
    const [p] = ladderProblems([rung('a', '0'), rung('b', '0')]);
    expect(p.zh).toContain('必须高于');
    expect(p.en).toContain('must be above');
  });
});
