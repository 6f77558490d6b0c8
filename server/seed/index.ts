// The demo-data generator: one deterministic bank per seed number, one module per domain.
import type { Db } from '../platform/db';
import { hashPassword } from '../platform/passwords';
import { shanghaiToday } from './dates';
import { DEFAULT_ORG_OPTIONS, generateOrg, type DemoAccount } from './org.seed';
import { seedReferenceData } from './reference-data';
import { insertOrgPlan, isDatabaseEmpty, type OrgCounts } from './seed.repository';

export { DEMO_ACCOUNTS, DEMO_BRANCH_CODES, DEFAULT_ORG_OPTIONS, HEAD_OFFICE_CODE, generateOrg } from './org.seed';
export type { DemoAccount, DemoAccountDefinition, OrgPlan } from './org.seed';
export { CERTIFICATE_TYPES, GRADE_LADDER, seedReferenceData } from './reference-data';
export { isDatabaseEmpty } from './seed.repository';

/** Every demo login uses it; it passes the password policy so a demo user may keep it. */
export const DEMO_PASSWORD = 'Patron@2026';

export type SeedOptions = {
  seed?: number;
  branches?: number;
  outletsPerBranch?: number;
  /** Head count to aim for; every outlet's core team (head, lobby, tellers, RMs) is the floor. */
  staff?: number;
  /** 'YYYY-MM-DD' in Asia/Shanghai; defaults to today (certificate expiries are relative to it). */
  today?: string;
  onProgress?: (done: number, total: number, label: string) => void;
};

export type SeedSummary = {
  seed: number;
  today: string;
  counts: OrgCounts;
  demoAccounts: DemoAccount[];
  demoPassword: string;
  milliseconds: number;
};

/**
 * Loads the demo bank into an empty database in one transaction: either all of it or nothing.
 * Refuses a database that already has branches, so it can never mix with a bank's real data.
 */
export async function seedDemo(db: Db, opts: SeedOptions = {}): Promise<SeedSummary> {
  const t0 = performance.now();
  const seed = opts.seed ?? DEFAULT_ORG_OPTIONS.seed;
  const today = opts.today ?? shanghaiToday();
  const plan = generateOrg({
    seed,
    today,
    branches: opts.branches ?? DEFAULT_ORG_OPTIONS.branches,
    outletsPerBranch: opts.outletsPerBranch ?? DEFAULT_ORG_OPTIONS.outletsPerBranch,
    staff: opts.staff ?? DEFAULT_ORG_OPTIONS.staff,
  });
  // argon2 is deliberately slow: one hash shared by every demo user keeps seeding to seconds.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const counts = await db.transaction().execute(async (trx) => {
    if (!(await isDatabaseEmpty(trx))) throw new Error('The database already has branches: demo data only goes into an empty database');
    await seedReferenceData(trx);
    return insertOrgPlan(trx, plan, passwordHash, opts.onProgress);
  });
  return { seed, today, counts, demoAccounts: plan.demoAccounts, demoPassword: DEMO_PASSWORD, milliseconds: Math.round(performance.now() - t0) };
}
