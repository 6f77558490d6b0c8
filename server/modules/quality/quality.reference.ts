// Reference data of the quality module that every installation needs (inserted when missing, never overwritten).
import type { DbOrTrx } from '../../platform/db';

export async function seedQualityReferenceData(_db: DbOrTrx): Promise<void> {}
