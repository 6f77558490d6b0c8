// Reference data of the engagement module that every installation needs (inserted when missing, never overwritten).
import type { DbOrTrx } from '../../platform/db';

export async function seedEngagementReferenceData(_db: DbOrTrx): Promise<void> {}
