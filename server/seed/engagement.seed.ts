// Demo data of the engagement module.
import type { Trx } from '../platform/db';

export type EngagementSeedCounts = Record<string, number>;

export async function seedEngagement(_trx: Trx, _opts: { seed: number; today: string }): Promise<EngagementSeedCounts> {
  return {};
}
