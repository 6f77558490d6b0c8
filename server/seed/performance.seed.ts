// Demo data of the performance part of the performance module.
import type { Trx } from '../platform/db';

export type PerformanceSeedCounts = Record<string, number>;

export async function seedPerformance(_trx: Trx, _opts: { seed: number; today: string }): Promise<PerformanceSeedCounts> {
  return {};
}
