import { describe, expect, it } from 'vitest';
import {
  assessmentValidity, averageRatio, coolingOffUntil, crossSellRatio, decideSale, defaultMatrix, drift, inCoolingOff, reviewDue, sharesOf,
  suggestCategories, toCents, weightsProblem, type SaleProduct,
} from './products.rules';

const TODAY = '2026-11-29';
const matrix = defaultMatrix();
const fund: SaleProduct = {
  nameZh: '价值精选混合', nameEn: 'Value select', category: 'fund', riskRating: 'R3', minAmount: '1000.00', status: 'on_sale',
  saleStart: null, saleEnd: null, tierCodes: [],
};
const c3 = { riskLevel: 'C3' as const, riskAssessedOn: '2026-03-01', tierCode: 'gold' };

describe('suitability matrix', () => {
  it('lets Cn buy R1 to Rn by default and nothing above', () => {
    expect(matrix).toHaveLength(25);
    const allowed = (l: string) => matrix.filter((m) => m.riskLevel === l && m.allowed).map((m) => m.riskRating);
    expect(allowed('C1')).toEqual(['R1']);
    expect(allowed('C2')).toEqual(['R1', 'R2']);
    expect(allowed('C3')).toEqual(['R1', 'R2', 'R3']);
    expect(allowed('C5')).toEqual(['R1', 'R2', 'R3', 'R4', 'R5']);
  });

  it('sells an R3 fund to a C3 customer and refuses an R4 one with an overridable reason', () => {
    expect(decideSale(fund, c3, toCents('5000'), matrix, TODAY)).toEqual({ ok: true });
    const d = decideSale({ ...fund, riskRating: 'R4' }, c3, toCents('5000'), matrix, TODAY);
    expect(d).toMatchObject({ ok: false, reason: 'risk_mismatch', overridable: true });
    if (!d.ok) expect(d.zh).toContain('R4');
  });

  it('follows a matrix head office edited', () => {
    const edited = matrix.map((m) => (m.riskLevel === 'C3' && m.riskRating === 'R3' ? { ...m, allowed: false } : m));
    expect(decideSale(fund, c3, toCents('5000'), edited, TODAY)).toMatchObject({ ok: false, reason: 'risk_mismatch' });
  });

  it('never allows overriding a missing or expired assessment', () => {
    expect(decideSale(fund, { ...c3, riskAssessedOn: '2025-11-28' }, toCents('5000'), matrix, TODAY)).toMatchObject({ reason: 'assessment_expired', overridable: false });
    expect(decideSale(fund, { ...c3, riskLevel: null, riskAssessedOn: null }, toCents('5000'), matrix, TODAY)).toMatchObject({ reason: 'no_assessment', overridable: false });
  });

  it('refuses a product off sale, outside its window, below the minimum or not offered to the tier', () => {
    expect(decideSale({ ...fund, status: 'suspended' }, c3, toCents('5000'), matrix, TODAY)).toMatchObject({ reason: 'not_on_sale' });
    expect(decideSale({ ...fund, saleEnd: '2026-11-28' }, c3, toCents('5000'), matrix, TODAY)).toMatchObject({ reason: 'outside_window' });
    expect(decideSale({ ...fund, saleStart: '2026-11-30' }, c3, toCents('5000'), matrix, TODAY)).toMatchObject({ reason: 'outside_window' });
    expect(decideSale(fund, c3, toCents('999.99'), matrix, TODAY)).toMatchObject({ reason: 'below_minimum', overridable: false });
    expect(decideSale({ ...fund, tierCodes: ['private'] }, c3, toCents('5000'), matrix, TODAY)).toMatchObject({ reason: 'tier_not_offered' });
  });

  it('sells a deposit without an assessment', () => {
    const td: SaleProduct = { ...fund, category: 'time_deposit', riskRating: 'R1', minAmount: '50' };
    expect(decideSale(td, { riskLevel: null, riskAssessedOn: null, tierCode: 'mass' }, toCents('50'), matrix, TODAY)).toEqual({ ok: true });
  });
});

describe('assessment validity', () => {
  it('is valid for one year to the day and expired the day after', () => {
    expect(assessmentValidity('2025-11-29', TODAY)).toEqual({ state: 'valid', validUntil: '2026-11-29' });
    expect(assessmentValidity('2025-11-28', TODAY)).toEqual({ state: 'expired', validUntil: '2026-11-28' });
    expect(assessmentValidity(null, TODAY).state).toBe('missing');
    expect(assessmentValidity('2024-02-29', '2025-02-28').state).toBe('valid');
  });
});

describe('cooling-off', () => {
  const at = new Date('2026-11-29T02:00:00Z');
  it('starts for wealth products only and lasts the set hours', () => {
    const until = coolingOffUntil('wealth', at, 24)!;
    expect(until.toISOString()).toBe('2026-11-30T02:00:00.000Z');
    expect(coolingOffUntil('fund', at, 24)).toBeNull();
    expect(coolingOffUntil('wealth', at, 0)).toBeNull();
    expect(inCoolingOff(until, new Date('2026-11-30T01:59:59Z'))).toBe(true);
    expect(inCoolingOff(until, new Date('2026-11-30T02:00:01Z'))).toBe(false);
    expect(inCoolingOff(null, at)).toBe(false);
  });
});

describe('drift', () => {
  const model = { cash: '20.00', fixed_income: '50.00', equity: '20.00', alternatives: '5.00', protection: '5.00' };
  it('is half the sum of the absolute differences', () => {
    expect(drift(model, model)).toBe('0.00');
    const actual = { cash: '60.00', fixed_income: '40.00', equity: '0.00', alternatives: '0.00', protection: '0.00' };
    // |40| + |10| + |20| + |5| + |5| = 80 → 40
    expect(drift(actual, model)).toBe('40.00');
    expect(drift({ cash: '0.00', fixed_income: '0.00', equity: '0.00', alternatives: '0.00', protection: '0.00' }, model)).toBe('0.00');
  });
  it('computes shares from amounts without floats', () => {
    expect(sharesOf({ cash: '1.00', fixed_income: '2.00', equity: '0', alternatives: '0', protection: '0' })).toEqual({
      cash: '33.33', fixed_income: '66.67', equity: '0.00', alternatives: '0.00', protection: '0.00',
    });
    expect(weightsProblem(model)).toBeNull();
    expect(weightsProblem({ ...model, cash: '21.00' })).toBe('101.00');
  });
  it('makes a review due above the threshold or after the period', () => {
    expect(reviewDue('15.01', '15.00', '2026-11-01', 6, TODAY)).toBe(true);
    expect(reviewDue('15.00', '15.00', '2026-11-01', 6, TODAY)).toBe(false);
    expect(reviewDue('0.00', '15.00', '2026-05-29', 6, TODAY)).toBe(true);
    expect(reviewDue('0.00', '15.00', null, 6, TODAY)).toBe(true);
  });
});

describe('cross-sell ratio', () => {
  it('counts distinct categories of active holdings', () => {
    expect(crossSellRatio([{ category: 'demand', status: 'active' }, { category: 'demand', status: 'active' }, { category: 'fund', status: 'active' }, { category: 'loan', status: 'closed' }])).toBe(2);
    expect(crossSellRatio([])).toBe(0);
    expect(averageRatio([2, 3, 3])).toBe('2.67');
    expect(averageRatio([])).toBe('0.00');
  });
  it('suggests categories not held that the customer may buy, needs first', () => {
    const s = suggestCategories(new Set(['demand']), [
      { code: 'FD-MIX', nameZh: '混合', nameEn: 'Mix', category: 'fund', riskRating: 'R3', allowed: true },
      { code: 'IN-EDU', nameZh: '教育金', nameEn: 'Edu', category: 'insurance', riskRating: 'R2', allowed: true },
      { code: 'FD-QDII', nameZh: 'QDII', nameEn: 'QDII', category: 'fund', riskRating: 'R5', allowed: false },
      { code: 'DD001', nameZh: '活期', nameEn: 'Demand', category: 'demand', riskRating: 'R1', allowed: true },
    ], ['孩子明年出国，需要教育金规划']);
    expect(s.map((x) => x.category)).toEqual(['insurance', 'fund']);
    expect(s[0].matchesNeed).toBe(true);
    expect(s[1].products.map((p) => p.code)).toEqual(['FD-MIX']);
  });
});
