// The tier ladder a new installation starts with; head office edits it afterwards (PUT /api/tiers).
import type { DbOrTrx } from '../../platform/db';
import { insertDefaultLadder } from './tiers.repository';

export type TierDefinition = { code: string; nameZh: string; nameEn: string; rank: number; minAum: string; color: string };

/** Thresholds in yuan of the basis AUM (by default the higher of the last month's and 3 months' daily average). */
export const DEFAULT_TIERS: readonly TierDefinition[] = [
  { code: 'mass', nameZh: '普通', nameEn: 'Mass', rank: 0, minAum: '0.00', color: '#8c8c8c' },
  { code: 'gold', nameZh: '金卡', nameEn: 'Gold', rank: 1, minAum: '50000.00', color: '#d4a017' },
  { code: 'platinum', nameZh: '白金', nameEn: 'Platinum', rank: 2, minAum: '500000.00', color: '#8a9bb0' },
  { code: 'diamond', nameZh: '钻石', nameEn: 'Diamond', rank: 3, minAum: '2000000.00', color: '#1677ff' },
  { code: 'private', nameZh: '私人银行', nameEn: 'Private banking', rank: 4, minAum: '6000000.00', color: '#722ed1' },
];

/**
 * Safe on every start: the default ladder goes in only while the tiers table is empty (a tier head
 * office removed never comes back), and the settings row only if it is missing.
 */
export async function seedTierReferenceData(db: DbOrTrx): Promise<void> {
  await insertDefaultLadder(db, DEFAULT_TIERS);
}
