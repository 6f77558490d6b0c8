// Reference data of the products module that every installation needs (inserted when missing, never
// overwritten): the default suitability matrix (Cn may buy R1 … Rn), the cooling-off and review
// settings, and a model allocation per risk level.
import type { AllocationModel } from '../../../contracts/products';
import type { DbOrTrx } from '../../platform/db';
import { insertSettingsIfMissing, saveMatrix, saveModels } from './products-catalogue.repository';
import { defaultMatrix } from './products.rules';

/** Percent per asset class: cautious customers mostly in cash and fixed income, the bold in equity. */
export const DEFAULT_MODELS: readonly AllocationModel[] = [
  { riskLevel: 'C1', cash: '30.00', fixedIncome: '60.00', equity: '0.00', alternatives: '0.00', protection: '10.00' },
  { riskLevel: 'C2', cash: '20.00', fixedIncome: '55.00', equity: '10.00', alternatives: '5.00', protection: '10.00' },
  { riskLevel: 'C3', cash: '15.00', fixedIncome: '45.00', equity: '25.00', alternatives: '5.00', protection: '10.00' },
  { riskLevel: 'C4', cash: '10.00', fixedIncome: '35.00', equity: '40.00', alternatives: '5.00', protection: '10.00' },
  { riskLevel: 'C5', cash: '5.00', fixedIncome: '25.00', equity: '55.00', alternatives: '10.00', protection: '5.00' },
];

export async function seedProductsReferenceData(db: DbOrTrx): Promise<void> {
  await saveMatrix(db, defaultMatrix(), null, true);
  await insertSettingsIfMissing(db);
  await saveModels(db, DEFAULT_MODELS, null, true);
}
