// Demo data of the products module.
import type { Trx } from '../platform/db';

export type ProductsSeedCounts = Record<string, number>;

export async function seedProducts(_trx: Trx, _opts: { seed: number; today: string }): Promise<ProductsSeedCounts> {
  return {};
}
