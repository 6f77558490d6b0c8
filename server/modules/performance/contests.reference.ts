// Reference data of the contests part of the performance module (every installation, demo or not):
// a promotion rule per grade of the RM ladder, stricter as the grade rises. Head office edits them
// afterwards (PUT /api/promotion/rules/:id); seeding never overwrites an edit.
import type { DbOrTrx } from '../../platform/db';
import { insertMissingRules } from './promotion.repository';

type Default = { gradeCode: string; months: number; avg: string; aum: string; certs: string[]; demote: string | null };
const DEFAULTS: Default[] = [
  { gradeCode: 'trainee', months: 6, avg: '75', aum: '0', certs: ['banking'], demote: null },
  { gradeCode: 'assistant', months: 12, avg: '80', aum: '10000000', certs: ['banking'], demote: '60' },
  { gradeCode: 'intermediate', months: 12, avg: '82', aum: '30000000', certs: ['banking', 'fund'], demote: '60' },
  { gradeCode: 'senior', months: 18, avg: '85', aum: '80000000', certs: ['banking', 'fund', 'insurance'], demote: '65' },
  { gradeCode: 'principal', months: 24, avg: '88', aum: '150000000', certs: ['banking', 'fund', 'insurance', 'afp'], demote: '65' },
  { gradeCode: 'chief', months: 24, avg: '90', aum: '300000000', certs: ['banking', 'fund', 'insurance', 'cfp'], demote: '70' },
];

export const DEFAULT_PROMOTION_RULES = DEFAULTS.map((d) => ({
  gradeCode: d.gradeCode, step: null, minMonthsInGrade: d.months, scoreMonths: 3, minAvgScore: d.avg, minAum: d.aum, requiredCertificates: d.certs,
  cleanMonths: 12, demoteBelowScore: d.demote, demoteMonths: 3, active: true,
}));

export async function seedContestsReferenceData(db: DbOrTrx): Promise<void> {
  await insertMissingRules(db, DEFAULT_PROMOTION_RULES);
}
