// Demo data of the insights module.
import type { Trx } from '../platform/db';

export type InsightsSeedCounts = Record<string, number>;

export async function seedInsights(_trx: Trx, _opts: { seed: number; today: string }): Promise<InsightsSeedCounts> {
  return {};
}
