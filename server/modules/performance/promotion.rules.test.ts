import { describe, expect, it } from 'vitest';
import { evaluatePromotion, nextStep, previousMonths, previousStep, wholeMonths, type LadderGrade, type PromotionFacts, type RuleInput } from './promotion.rules';

const ladder: LadderGrade[] = [
  { id: 1, code: 'trainee', nameZh: '见习', nameEn: 'Trainee', rank: 1, steps: 6 },
  { id: 2, code: 'assistant', nameZh: '助理', nameEn: 'Assistant', rank: 2, steps: 4 },
  { id: 3, code: 'intermediate', nameZh: '中级', nameEn: 'Intermediate', rank: 3, steps: 6 },
];
const rule: RuleInput = {
  minMonthsInGrade: 12, scoreMonths: 3, minAvgScore: '85', minAum: '5000000', requiredCertificates: ['banking', 'fund'], cleanMonths: 12,
  demoteBelowScore: '60', demoteMonths: 3,
};
const facts = (over: Partial<PromotionFacts> = {}): PromotionFacts => ({
  gradeLevelId: 2, step: 2, gradeSince: '2025-06-15', asOf: '2026-11-01',
  scores: [{ month: '2026-10', total: 90 }, { month: '2026-09', total: 84 }, { month: '2026-08', total: 87 }],
  aum: '5000000.00', certificatesHeld: ['banking', 'fund', 'afp'], upheldComplaints: 0, cleanRecord: true, ...over,
});
const failed = (v: ReturnType<typeof evaluatePromotion>) => v.checks.filter((c) => !c.ok).map((c) => c.code);

describe('ladder steps', () => {
  it('moves one step, across a grade at its top', () => {
    expect(nextStep(ladder, { gradeLevelId: 2, step: 2 })).toEqual({ gradeLevelId: 2, step: 3 });
    expect(nextStep(ladder, { gradeLevelId: 2, step: 4 })).toEqual({ gradeLevelId: 3, step: 1 });
    expect(nextStep(ladder, { gradeLevelId: 3, step: 6 })).toBeNull();
    expect(previousStep(ladder, { gradeLevelId: 2, step: 1 })).toEqual({ gradeLevelId: 1, step: 6 });
    expect(previousStep(ladder, { gradeLevelId: 1, step: 1 })).toBeNull();
  });
  it('counts whole months and lists the months before the review month', () => {
    expect(wholeMonths('2025-06-15', '2026-11-01')).toBe(16);
    expect(wholeMonths('2025-11-02', '2026-11-01')).toBe(11);
    expect(wholeMonths('2025-11-01', '2026-11-01')).toBe(12);
    expect(previousMonths('2026-02-01', 3)).toEqual(['2026-01', '2025-12', '2025-11']);
  });
});

describe('evaluatePromotion', () => {
  it('promotes when every criterion holds (average (90+84+87)/3 = 87 ≥ 85)', () => {
    const v = evaluatePromotion(ladder, rule, facts());
    expect(v).toMatchObject({ direction: 'promote', to: { gradeLevelId: 2, step: 3 }, avgScore: 87, monthsInGrade: 16 });
    expect(failed(v)).toEqual([]);
  });
  it('refuses on each criterion alone', () => {
    expect(failed(evaluatePromotion(ladder, rule, facts({ gradeSince: '2026-01-10' })))).toEqual(['months_in_grade']);
    expect(failed(evaluatePromotion(ladder, rule, facts({ scores: [{ month: '2026-10', total: 85 }, { month: '2026-09', total: 84 }, { month: '2026-08', total: 85 }] })))).toEqual(['avg_score']);
    expect(failed(evaluatePromotion(ladder, rule, facts({ scores: [{ month: '2026-10', total: 99 }, { month: '2026-09', total: null }, { month: '2026-08', total: 99 }] })))).toEqual(['avg_score']);
    expect(failed(evaluatePromotion(ladder, rule, facts({ aum: '4999999.99' })))).toEqual(['aum']);
    expect(failed(evaluatePromotion(ladder, rule, facts({ certificatesHeld: ['banking'] })))).toEqual(['certificates']);
    expect(failed(evaluatePromotion(ladder, rule, facts({ upheldComplaints: 1 })))).toEqual(['clean_record']);
    expect(failed(evaluatePromotion(ladder, rule, facts({ cleanRecord: false })))).toEqual(['clean_record']);
    expect(evaluatePromotion(ladder, rule, facts({ aum: '1.00' })).direction).toBeNull();
  });
  it('says the top of the ladder cannot go higher', () => {
    const v = evaluatePromotion(ladder, rule, facts({ gradeLevelId: 3, step: 6 }));
    expect(v.direction).toBeNull();
    expect(failed(v)).toEqual(['next_step']);
  });
  it('demotes after N months each below the line, one step down across grades', () => {
    const low = [{ month: '2026-10', total: 59.5 }, { month: '2026-09', total: 40 }, { month: '2026-08', total: 59 }];
    expect(evaluatePromotion(ladder, rule, facts({ step: 1, scores: low }))).toMatchObject({ direction: 'demote', to: { gradeLevelId: 1, step: 6 } });
    // one month at the line (60 is not below 60): no demotion
    const atLine = [{ month: '2026-10', total: 60 }, { month: '2026-09', total: 40 }, { month: '2026-08', total: 59 }];
    expect(evaluatePromotion(ladder, rule, facts({ scores: atLine })).direction).toBeNull();
    expect(evaluatePromotion(ladder, { ...rule, demoteBelowScore: null }, facts({ scores: low })).direction).toBeNull();
  });
});
