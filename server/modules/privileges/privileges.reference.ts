// The default catalogue of value-added services (贵宾增值服务) and their yearly quotas per tier.
// Head office edits both afterwards; seeding only fills in what is missing.
import type { DbOrTrx } from '../../platform/db';
import { insertPrivilegeReference } from './privileges.repository';

export type PrivilegeDefinition = { code: string; nameZh: string; nameEn: string; partner: string; unitCost: string };
export type QuotaDefinition = { privilegeCode: string; tierCode: string; perYear: number };

export const DEFAULT_PRIVILEGES: readonly PrivilegeDefinition[] = [
  { code: 'airport_lounge', nameZh: '机场贵宾厅', nameEn: 'Airport lounge', partner: '龙腾出行', unitCost: '200.00' },
  { code: 'airport_fasttrack', nameZh: '机场快速安检', nameEn: 'Airport fast track', partner: '空港易行', unitCost: '80.00' },
  { code: 'health_check', nameZh: '高端体检', nameEn: 'Premium health check', partner: '爱康国宾', unitCost: '2800.00' },
  { code: 'hospital_green', nameZh: '就医绿色通道', nameEn: 'Hospital appointment green channel', partner: '平安好医生', unitCost: '600.00' },
  { code: 'golf', nameZh: '高尔夫', nameEn: 'Golf', partner: '观澜湖高尔夫球会', unitCost: '1500.00' },
  { code: 'roadside', nameZh: '道路救援', nameEn: 'Roadside assistance', partner: '安联世合', unitCost: '300.00' },
  { code: 'birthday_gift', nameZh: '生日礼遇', nameEn: 'Birthday gift', partner: '京东企业购', unitCost: '200.00' },
];

// Visits per year: [gold, platinum, diamond, private]. Mass customers have none.
const TABLE: Record<string, readonly [number, number, number, number]> = {
  airport_lounge: [2, 6, 12, 24],
  airport_fasttrack: [2, 4, 8, 16],
  health_check: [0, 1, 1, 2],
  hospital_green: [0, 2, 4, 6],
  golf: [0, 0, 4, 8],
  roadside: [1, 2, 4, 6],
  birthday_gift: [1, 1, 1, 1],
};
const TIER_COLUMNS = ['gold', 'platinum', 'diamond', 'private'] as const;

export const DEFAULT_QUOTAS: readonly QuotaDefinition[] = Object.entries(TABLE).flatMap(([privilegeCode, row]) =>
  TIER_COLUMNS.map((tierCode, i) => ({ privilegeCode, tierCode, perYear: row[i] })),
);

/**
 * Inserts the services and quotas that are missing and leaves existing ones alone (head office may
 * have changed them). Quotas go in only for tiers that exist; run again after tiers are added.
 */
export async function seedPrivilegeReferenceData(db: DbOrTrx): Promise<void> {
  await insertPrivilegeReference(db, DEFAULT_PRIVILEGES, DEFAULT_QUOTAS);
}
