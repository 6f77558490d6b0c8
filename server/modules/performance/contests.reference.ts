// Reference data of the contests part of the performance module (every installation, demo or not).
import type { DbOrTrx } from '../../platform/db';

export async function seedContestsReferenceData(_db: DbOrTrx): Promise<void> {}
