// The one door through which other modules change a customer's holdings: a purchase opens a
// holding of the product or tops up the active one; a cancellation takes the amount back out.
// Callers hold the customer's row lock (so two clerks selling to one customer queue) and pass trx.
import type { DbOrTrx } from '../../platform/db';
import * as repo from './holdings.repository';

export type Purchase = {
  customerId: number;
  category: string;
  productCode: string;
  productName: string;
  /** Yuan as a decimal string. */
  amount: string;
  openedOn: string;
  maturesOn: string | null;
};

/** Returns the holding's id and whether it was opened by this purchase. */
export async function applyPurchase(trx: DbOrTrx, p: Purchase): Promise<{ holdingId: number; opened: boolean }> {
  const existing = await repo.lockActiveHolding(trx, p.customerId, p.productCode);
  if (existing) {
    await repo.addToHolding(trx, existing.id, p.amount, p.maturesOn);
    return { holdingId: existing.id, opened: false };
  }
  return { holdingId: await repo.insertHolding(trx, p), opened: true };
}

export async function reversePurchase(trx: DbOrTrx, holdingId: number, amount: string): Promise<void> {
  await repo.subtractFromHolding(trx, holdingId, amount);
}

/** Every holding's category and status, for the cross-sell ratio. */
export function holdingCategories(db: DbOrTrx, customerId: number): Promise<{ category: string; status: string }[]> {
  return repo.holdingCategories(db, customerId);
}
