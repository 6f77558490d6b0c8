// Reference data of the performance part of the performance module (every installation, demo or not).
import type { DbOrTrx } from '../../platform/db';

export async function seedPerformanceReferenceData(_db: DbOrTrx): Promise<void> {}
