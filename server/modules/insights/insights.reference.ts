// Reference data of the insights module that every installation needs (inserted when missing, never overwritten).
import type { DbOrTrx } from '../../platform/db';

export async function seedInsightsReferenceData(_db: DbOrTrx): Promise<void> {}
