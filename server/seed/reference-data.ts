// Reference data every installation needs, demo or not: the RM grade ladder from the seed
// (零售客户经理制度), the certificate types RMs hold, and the default role permissions.
import { DEFAULT_ROLE_PERMISSIONS, ROLE_CODES, type RolePermissionRow } from '../../contracts/roles';
import type { DbOrTrx } from '../platform/db';
import { seedTierReferenceData } from '../modules/customers/tiers.reference';
import { seedCustomerReferenceData } from '../modules/customers/customers.reference';
import { seedPrivilegeReferenceData } from '../modules/privileges/privileges.reference';
import { seedLobbyReferenceData } from '../modules/lobby/lobby.reference';
import { seedProductsReferenceData } from '../modules/products/products.reference';
import { seedEngagementReferenceData } from '../modules/engagement/engagement.reference';
import { seedQualityReferenceData } from '../modules/quality/quality.reference';
import { seedInsightsReferenceData } from '../modules/insights/insights.reference';
import { seedPerformanceReferenceData } from '../modules/performance/performance.reference';
import { seedContestsReferenceData } from '../modules/performance/contests.reference';
import { insertReferenceData } from './seed.repository';

export type GradeDefinition = { code: string; nameZh: string; nameEn: string; rank: number; steps: number };

/** 40 steps in all: 6 + 4 + 6 + 7 + 9 + 8. */
export const GRADE_LADDER: readonly GradeDefinition[] = [
  { code: 'trainee', nameZh: '见习', nameEn: 'Trainee', rank: 1, steps: 6 },
  { code: 'assistant', nameZh: '助理', nameEn: 'Assistant', rank: 2, steps: 4 },
  { code: 'intermediate', nameZh: '中级', nameEn: 'Intermediate', rank: 3, steps: 6 },
  { code: 'senior', nameZh: '高级', nameEn: 'Senior', rank: 4, steps: 7 },
  { code: 'principal', nameZh: '资深', nameEn: 'Principal', rank: 5, steps: 9 },
  { code: 'chief', nameZh: '首席', nameEn: 'Chief', rank: 6, steps: 8 },
];

export type CertificateTypeDefinition = {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Years a certificate stays valid before it must be renewed; null when it does not lapse. */
  validYears: number | null;
};

export const CERTIFICATE_TYPES: readonly CertificateTypeDefinition[] = [
  { code: 'banking', nameZh: '银行从业资格', nameEn: 'Banking practitioner qualification', validYears: null },
  { code: 'fund', nameZh: '基金从业资格', nameEn: 'Fund practitioner qualification', validYears: 3 },
  { code: 'insurance', nameZh: '保险代理人资格', nameEn: 'Insurance agent qualification', validYears: 3 },
  { code: 'securities', nameZh: '证券从业资格', nameEn: 'Securities practitioner qualification', validYears: 3 },
  { code: 'precious_metals', nameZh: '贵金属从业资格', nameEn: 'Precious-metals practitioner qualification', validYears: 2 },
  { code: 'afp', nameZh: '金融理财师（AFP）', nameEn: 'Associate Financial Planner (AFP)', validYears: 2 },
  { code: 'cfp', nameZh: '国际金融理财师（CFP）', nameEn: 'Certified Financial Planner (CFP)', validYears: 2 },
];

export function defaultRolePermissionRows(): RolePermissionRow[] {
  return ROLE_CODES.flatMap((role) =>
    Object.entries(DEFAULT_ROLE_PERMISSIONS[role]).map(([permission, scope]) => ({
      role,
      permission: permission as RolePermissionRow['permission'],
      scope: scope as RolePermissionRow['scope'],
    })),
  );
}

/**
 * Inserts what is missing and leaves what exists alone (head office may have edited grade names
 * or permissions since), so it is safe on every start.
 */
export async function seedReferenceData(db: DbOrTrx): Promise<void> {
  await insertReferenceData(db, {
    grades: GRADE_LADDER,
    certificateTypes: CERTIFICATE_TYPES,
    rolePermissions: defaultRolePermissionRows(),
  });
  // Each module's own reference data; tiers first, the service quotas refer to them.
  await seedTierReferenceData(db);
  await seedCustomerReferenceData(db);
  await seedPrivilegeReferenceData(db);
  await seedLobbyReferenceData(db);
  await seedProductsReferenceData(db);
  await seedEngagementReferenceData(db);
  await seedQualityReferenceData(db);
  await seedInsightsReferenceData(db);
  await seedPerformanceReferenceData(db);
  await seedContestsReferenceData(db);
}
