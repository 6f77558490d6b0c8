// The demo-data generator: one deterministic bank per seed number, one module per domain.
import type { Db, Trx } from '../platform/db';
import { hashPassword } from '../platform/passwords';
import { shanghaiToday } from './dates';
import { CUSTOMER_CHUNK, DEFAULT_CUSTOMERS, DEMO_TIERS, generateCustomers } from './customers.seed';
import {
  analyzeCustomerTables, beginBulkLoad, CUSTOMER_TABLES, emptyCustomerCounts, endBulkLoad, ensureTiers, insertCustomerChunk, loadCustomerReference,
  restoreIndexes, suspendIndexes, type CustomerCounts,
} from './customers-seed.repository';
import { DEFAULT_ORG_OPTIONS, generateOrg, type DemoAccount, type OrgPlan } from './org.seed';
import { seedReferenceData } from './reference-data';
import { insertOrgPlan, isDatabaseEmpty, type OrgCounts, type Progress } from './seed.repository';
import { seedLobby } from './lobby.seed';
import { seedProducts } from './products.seed';
import { seedEngagement } from './engagement.seed';
import { seedGrowth } from './growth.seed';
import { seedQuality } from './quality.seed';
import { seedSurveys } from './surveys.seed';
import { seedInsights } from './insights.seed';
import { seedPerformance } from './performance.seed';
import { seedContests } from './contests.seed';

export { DEMO_ACCOUNTS, DEMO_BRANCH_CODES, DEFAULT_ORG_OPTIONS, HEAD_OFFICE_CODE, generateOrg } from './org.seed';
export type { DemoAccount, DemoAccountDefinition, OrgPlan } from './org.seed';
export { CERTIFICATE_TYPES, GRADE_LADDER, seedReferenceData } from './reference-data';
export { isDatabaseEmpty } from './seed.repository';
export { DEFAULT_CUSTOMERS, DEMO_TIERS, createCustomerGenerator, generateCustomers } from './customers.seed';
export type { CustomerSeedInput, SeedCustomer } from './customers.seed';
export type { CustomerCounts } from './customers-seed.repository';

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
  /** Customers to generate (default 20,000); streamed in chunks, so a million works too. */
  customers?: number;
  onProgress?: (done: number, total: number, label: string) => void;
};

export type SeedSummary = {
  seed: number;
  today: string;
  counts: OrgCounts & CustomerCounts;
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
  const customers = opts.customers ?? DEFAULT_CUSTOMERS;
  if (!Number.isInteger(customers) || customers < 0) throw new RangeError('customers must be a whole number, 0 or more');
  // argon2 is deliberately slow: one hash shared by every demo user keeps seeding to seconds.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const counts = await db.transaction().execute(async (trx) => {
    if (!(await isDatabaseEmpty(trx))) throw new Error('The database already has branches: demo data only goes into an empty database');
    await seedReferenceData(trx);
    // One progress bar over both phases: the org's own units, then one unit per customer.
    let orgTotal = 0;
    const org = await insertOrgPlan(trx, plan, passwordHash, (done, total, label) => {
      orgTotal = total;
      opts.onProgress?.(done, total + customers, label);
    });
    const progress: Progress = (done, _total, label) => opts.onProgress?.(orgTotal + done, orgTotal + customers, label);
    const core = { ...org, ...(await seedCustomers(trx, plan, { seed, today, customers }, progress)), ...(await seedLobby(trx, { seed, today })) };
    // Later modules build on the earlier ones' data: sales need products, insights learn from both.
    const modules = { seed, today };
    return {
      ...core,
      ...(await seedProducts(trx, modules)),
      ...(await seedEngagement(trx, modules)),
      ...(await seedGrowth(trx, modules)),
      ...(await seedQuality(trx, modules)),
      ...(await seedSurveys(trx, modules)),
      ...(await seedInsights(trx, modules)),
      // Scores measure what every module above recorded; contests and promotion read the scores.
      ...(await seedPerformance(trx, modules)),
      ...(await seedContests(trx, modules)),
    };
  });
  return { seed, today, counts, demoAccounts: plan.demoAccounts, demoPassword: DEMO_PASSWORD, milliseconds: Math.round(performance.now() - t0) };
}

/** Streams the customers in chunks: generate one, write it, let it go. */
async function seedCustomers(trx: Trx, plan: OrgPlan, opts: { seed: number; today: string; customers: number }, onProgress: Progress): Promise<CustomerCounts> {
  const counts = emptyCustomerCounts();
  if (opts.customers === 0) return counts;
  await ensureTiers(trx, DEMO_TIERS);
  const ref = await loadCustomerReference(trx);
  const input = {
    seed: opts.seed, today: opts.today, branches: plan.branches, staff: plan.staff,
    tiers: ref.tiers, basis: ref.basis, privileges: ref.privileges,
  };
  const indexes = await suspendIndexes(trx, CUSTOMER_TABLES);
  const bulk = await beginBulkLoad(trx, CUSTOMER_TABLES);
  for (const chunk of generateCustomers(input, opts.customers, CUSTOMER_CHUNK)) {
    const written = await insertCustomerChunk(trx, chunk, ref);
    for (const key of Object.keys(counts) as (keyof CustomerCounts)[]) counts[key] += written[key];
    onProgress(counts.customers, opts.customers, 'customers');
  }
  if (bulk) await endBulkLoad(trx);
  onProgress(opts.customers, opts.customers, 'indexes');
  await restoreIndexes(trx, indexes);
  await analyzeCustomerTables(trx);
  return counts;
}
