// Reference data of the products module that every installation needs (inserted when missing, never overwritten).
import type { DbOrTrx } from '../../platform/db';

export async function seedProductsReferenceData(_db: DbOrTrx): Promise<void> {}
