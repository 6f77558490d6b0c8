// Demo data of the contests part of the performance module.
import type { Trx } from '../platform/db';

export type ContestsSeedCounts = Record<string, number>;

export async function seedContests(_trx: Trx, _opts: { seed: number; today: string }): Promise<ContestsSeedCounts> {
  return {};
}
