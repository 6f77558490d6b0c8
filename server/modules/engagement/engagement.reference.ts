// Reference data of the engagement module that every installation needs (inserted when missing, never overwritten).
import type { DbOrTrx } from '../../platform/db';
import { insertMissingRules } from './engagement-plans.repository';
import { insertMissingCapacity } from './engagement-handover.repository';
import { DEFAULT_PLAN_RULES } from './engagement.contact-plan';

/** Book-size limits per RM grade: a trainee serves fewer customers than a chief. */
export const DEFAULT_CAPACITY: Readonly<Record<string, number>> = { trainee: 150, assistant: 300, intermediate: 500, senior: 700, principal: 900, chief: 1000 };

export async function seedEngagementReferenceData(db: DbOrTrx): Promise<void> {
  await insertMissingRules(db, DEFAULT_PLAN_RULES);
  await insertMissingCapacity(db, DEFAULT_CAPACITY);
}
