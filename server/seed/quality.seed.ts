// Demo data of the quality module.
import type { Trx } from '../platform/db';

export type QualitySeedCounts = Record<string, number>;

export async function seedQuality(_trx: Trx, _opts: { seed: number; today: string }): Promise<QualitySeedCounts> {
  return {};
}
