// The demo customers: the pure generator on a 20,000 sample, then a small bank through seedDemo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTACT_CHANNELS } from '../../contracts/customers';
import { bankCardProblem, birthDateFromResidentId, mobileProblem, residentIdProblem } from '../../contracts/personal-data';
import { openDatabase, sql, type DbHandle } from '../platform/db';
import { migrateToLatest } from '../platform/migrations';
import { createPermutation, luhnCheckDigit, NumberSet } from './customers-identity.seed';
import { addDays, addMonths, daysBetween } from './customers-dates.seed';
import { createCustomerGenerator, DEMO_TIER_RULES, generateCustomers, type SeedCustomer } from './customers.seed';
import { money } from './customers-seed.repository';
import { seedDemo } from './index';
import { generateOrg } from './org.seed';

const TODAY = '2026-11-28';
const plan = generateOrg({ seed: 42, today: TODAY });
const input = { seed: 42, today: TODAY, branches: plan.branches, staff: plan.staff };
const LIABILITIES = new Set(['loan', 'credit_card']);
const MONTHS = Array.from({ length: 12 }, (_, k) => addMonths('2026-11-01', k - 12));

const tierOf = (basis: number) => [...DEMO_TIER_RULES].reverse().find((t) => basis >= t.minAumCents)!;
const rank = new Map(DEMO_TIER_RULES.map((t) => [t.code, t.rank]));

function firstN(n: number, chunkSize?: number): SeedCustomer[] {
  return [...generateCustomers(input, n, chunkSize)].flat();
}

describe('identity numbers', () => {
  it('permutes a counter without repeats', () => {
    const perm = createPermutation(7, 10_000);
    const seen = new Set(Array.from({ length: 10_000 }, (_, i) => perm(i)));
    expect(seen.size).toBe(10_000);
    expect(Math.max(...seen)).toBe(9_999);
  });

  it('keeps a compact set of numbers', () => {
    const set = new NumberSet();
    for (let i = 0; i < 5_000; i++) expect(set.add(i * 1_000_003 + 2 ** 40)).toBe(true);
    expect(set.add(2 ** 40)).toBe(false);
    expect(set.size).toBe(5_000);
  });

  it('computes Luhn check digits', () => {
    expect(luhnCheckDigit('7992739871')).toBe('3');
    expect(bankCardProblem(`621799000000000001${luhnCheckDigit('621799000000000001')}`)).toBeNull();
  });

  it('formats cents as exact numeric text', () => {
    expect([money(0), money(5), money(123456789012345), money(-1050)]).toEqual(['0.00', '0.05', '1234567890123.45', '-10.50']);
  });
});

describe('the customer generator', () => {
  it('gives the same customers for the same seed, whatever the total or chunk size', () => {
    const a = firstN(300);
    expect(firstN(700, 128).slice(0, 300)).toEqual(a);
    const gen = createCustomerGenerator(input);
    expect(Array.from({ length: 50 }, () => gen.next())).toEqual(a.slice(0, 50));
    const other = [...generateCustomers({ ...input, seed: 43 }, 50)].flat();
    expect(other.map((c) => c.name)).not.toEqual(a.slice(0, 50).map((c) => c.name));
  });

  it('uses only the services the catalogue has, within their quotas', () => {
    const none = [...generateCustomers({ ...input, privileges: [] }, 2_000)].flat();
    expect(none.flatMap((c) => c.privilegeUses)).toEqual([]);
    // Golf only, twice a year for private banking, never for the others.
    const golf = { code: 'golf', nameZh: '高尔夫', nameEn: 'Golf', perYear: { gold: 0, platinum: 0, diamond: 0, private: 2 } };
    const customers = [...generateCustomers({ ...input, privileges: [golf] }, 10_000)].flat().filter((c) => c.privilegeUses.length > 0);
    expect(customers.length).toBeGreaterThan(2);
    for (const c of customers) {
      expect(c.tierCode).toBe('private');
      expect(new Set(c.privilegeUses.map((u) => u.privilegeCode))).toEqual(new Set(['golf']));
      expect(c.privilegeUses.filter((u) => u.status !== 'cancelled').length).toBeLessThanOrEqual(2);
      const events = c.events.filter((e) => e.kind.startsWith('privilege.'));
      expect(events.map((e) => e.kind).sort()).toEqual(c.privilegeUses.map((u) => `privilege.${u.status}`).sort());
      expect(events[0].title).toMatch(/^(预约|使用|取消)增值服务：高尔夫（\d{4}-\d{2}-\d{2}）$/);
    }
  });

  // One streaming pass over 20,000 customers; counters and checks, no customer kept.
  describe('on a sample of 20,000', () => {
    const stats = {
      n: 0, goldPlus: 0, diamondPlus: 0, premium: 0, temperament: 0, marketing: 0, riskMissingPremium: 0, riskLapsed: 0,
      maturingWithinWeek: 0, newThisMonth: 0, optedOut: 0, dormant: 0, familyNotes: 0, needsMet: 0,
    };
    const ids = new Set<string>();
    const mobiles = new Set<string>();
    const accounts = new Set<string>();
    const cards = new Set<string>();
    const booksByRm = new Map<string, number>();
    const needKinds = new Set<string>();
    const useStatuses = new Set<string>();
    const problems: string[] = [];
    const staff = new Map(plan.staff.map((s) => [s.staffNo, s]));
    const today = new Date(`${TODAY}T12:00:00+08:00`);

    beforeAll(() => {
      const fail = (c: SeedCustomer, what: string) => {
        if (problems.length < 20) problems.push(`${c.customerNo}: ${what}`);
      };
      for (const chunk of generateCustomers(input, 20_000)) {
        for (const c of chunk) {
          stats.n++;
          const tier = rank.get(c.tierCode)!;
          if (tier >= 1) stats.goldPlus++;
          if (tier >= 3) stats.diamondPlus++;
          // Identity.
          if (residentIdProblem(c.residentId, today)) fail(c, `resident ID ${c.residentId}`);
          if (birthDateFromResidentId(c.residentId) !== c.birthDate) fail(c, 'birth date differs from the resident ID');
          if (Number(c.residentId[16]) % 2 !== (c.gender === 'M' ? 1 : 0)) fail(c, 'gender digit');
          if (c.birthDate < '1945-01-01' || c.birthDate > '2004-12-31') fail(c, `born ${c.birthDate}`);
          if (mobileProblem(c.mobile)) fail(c, `mobile ${c.mobile}`);
          if (!/^[\u4e00-\u9fa5]{2,4}$/.test(c.name)) fail(c, `name ${c.name}`);
          ids.add(c.residentId);
          mobiles.add(c.mobile);
          // Money: the monthly rows, the rolled-up figures and the tier.
          if (c.monthly.length === 0) {
            stats.newThisMonth++;
            if (c.onboardedOn < '2026-11-01' || c.aumM1 !== 0 || c.aumM3 !== 0) fail(c, 'a new customer with history');
          } else {
            if (c.monthly.map((m) => m.month).join() !== MONTHS.join()) fail(c, 'months');
            const avg = c.monthly.map((m) => m.avgAum);
            if (c.aumM1 !== avg[11]) fail(c, 'm1');
            if (c.aumM3 !== Math.round((avg[9] + avg[10] + avg[11]) / 3)) fail(c, 'm3');
            if (c.aumM6 !== Math.round(avg.slice(6).reduce((s, v) => s + v, 0) / 6)) fail(c, 'm6');
            if (c.onboardedOn >= MONTHS[0]) fail(c, 'onboarded inside the balance window');
            if (c.monthly.some((m) => m.contribution < 0 || m.avgAum < 0 || m.endAum < 0)) fail(c, 'negative amounts');
          }
          if (c.tierCode !== tierOf(Math.max(c.aumM1, c.aumM3)).code) fail(c, `tier ${c.tierCode} for basis ${Math.max(c.aumM1, c.aumM3)}`);
          if (c.tierSince > TODAY || c.tierSince < c.onboardedOn) fail(c, `tier since ${c.tierSince}`);
          const assets = c.holdings.filter((h) => !LIABILITIES.has(h.category)).reduce((s, h) => s + h.balance, 0);
          if (assets !== c.aum) fail(c, `holdings ${assets} vs AUM ${c.aum}`);
          if (tier >= 1) {
            stats.premium++;
            if (c.daily.length !== 28 || c.daily[0].day !== '2026-11-01' || c.daily[27].aum !== c.aum) fail(c, 'daily balances');
            const last = c.tierHistory.at(-1);
            if (!c.tierHistory.some((h) => h.reason === 'initial') || last?.toCode !== c.tierCode || last.changedOn !== c.tierSince) fail(c, 'tier history');
            // Books: an active wealth RM of the customer's own outlet.
            const rm = c.rmStaffNo ? staff.get(c.rmStaffNo) : undefined;
            if (!rm || rm.branchCode !== c.branchCode || rm.status !== 'active' || !rm.roles.includes('wealth_rm')) fail(c, `RM ${c.rmStaffNo}`);
            else booksByRm.set(rm.staffNo, (booksByRm.get(rm.staffNo) ?? 0) + 1);
            const current = c.rmHistory.filter((r) => r.endedOn === null);
            if (current.length !== 1 || current[0].staffNo !== c.rmStaffNo) fail(c, 'RM history');
            if (c.temperament) stats.temperament++;
            if (!c.riskLevel) stats.riskMissingPremium++;
          } else {
            if (c.daily.length > 0 || c.rmStaffNo) fail(c, 'a mass customer with daily balances or an RM');
          }
          if (c.marketingStaffNo) {
            stats.marketing++;
            const m = staff.get(c.marketingStaffNo);
            if (!m || m.branchCode !== c.branchCode || !m.roles.includes('marketing_rm')) fail(c, 'marketing RM');
          }
          // Accounts and cards.
          const demand = c.holdings.filter((h) => h.category === 'demand');
          if (demand.length !== 1 || !demand[0].cardNo || ![16, 19].includes(demand[0].cardNo.length)) fail(c, 'debit card');
          for (const h of c.holdings) {
            if (accounts.has(h.accountNo)) fail(c, `account ${h.accountNo} twice`);
            accounts.add(h.accountNo);
            if (h.cardNo) {
              if (bankCardProblem(h.cardNo) || cards.has(h.cardNo)) fail(c, `card ${h.cardNo}`);
              cards.add(h.cardNo);
            }
            if (h.category === 'credit_card' && h.cardNo?.length !== 16) fail(c, 'credit card number');
            if (h.openedOn < c.onboardedOn || h.openedOn > TODAY) fail(c, `${h.productCode} opened ${h.openedOn}`);
            if (h.maturesOn && h.maturesOn <= TODAY) fail(c, `${h.productCode} matured ${h.maturesOn}`);
            if (h.maturesOn && h.category === 'time_deposit' && daysBetween(TODAY, h.maturesOn) <= 7) stats.maturingWithinWeek++;
          }
          // Risk, needs, services, timeline.
          const risk = c.riskAssessments.at(-1);
          if ((risk?.level ?? null) !== c.riskLevel || (risk?.assessedOn ?? null) !== c.riskAssessedOn) fail(c, 'risk level');
          if (risk && risk.validUntil < TODAY) stats.riskLapsed++;
          if (c.holdings.some((h) => h.category === 'wealth' || h.category === 'fund') && !risk) fail(c, 'investments without a risk assessment');
          for (const need of c.needs) {
            needKinds.add(`${need.kind}/${need.category}`);
            if (need.met) stats.needsMet++;
          }
          for (const u of c.privilegeUses) {
            useStatuses.add(u.status);
            if ((u.status === 'booked') !== (u.serviceDate > TODAY)) fail(c, `service ${u.status} on ${u.serviceDate}`);
            if ((rank.get(c.tierCode) ?? 0) < 1) fail(c, 'a mass customer using a service');
          }
          if (c.events[0]?.kind !== 'onboarding' || c.events.filter((e) => e.kind === 'risk').length !== c.riskAssessments.length) fail(c, 'events');
          if (!c.preferredChannel && (c.consentPhone || c.consentSms || c.consentWechat || c.consentEmail)) fail(c, 'no channel despite consent');
          if (!c.consentPhone && !c.consentSms && !c.consentWechat && !c.consentEmail) stats.optedOut++;
          if (c.status === 'dormant') stats.dormant++;
          if (c.familyNotes) stats.familyNotes++;
        }
      }
    });

    it('breaks none of the rules', () => {
      expect(problems).toEqual([]);
      expect(stats.n).toBe(20_000);
    });

    it('has 8–12% gold or above and about 1% diamond or above', () => {
      expect(stats.goldPlus / stats.n).toBeGreaterThanOrEqual(0.08);
      expect(stats.goldPlus / stats.n).toBeLessThanOrEqual(0.12);
      expect(stats.diamondPlus / stats.n).toBeGreaterThanOrEqual(0.006);
      expect(stats.diamondPlus / stats.n).toBeLessThanOrEqual(0.016);
    });

    it('never repeats a resident ID, mobile, account or card number', () => {
      expect(ids.size).toBe(stats.n);
      expect(mobiles.size).toBe(stats.n);
      expect(cards.size).toBeGreaterThan(stats.n);
    });

    it('gives every active wealth RM a book of premium customers', () => {
      const rms = plan.staff.filter((s) => s.status === 'active' && s.roles.includes('wealth_rm'));
      for (const rm of rms) expect(booksByRm.get(rm.staffNo) ?? 0, rm.staffNo).toBeGreaterThan(5);
      const wrm = plan.demoAccounts.find((d) => d.username === 'wrm')!;
      expect(booksByRm.get(wrm.staffNo)).toBeGreaterThanOrEqual(20);
    });

    it('has the variety the demo needs', () => {
      expect(stats.temperament / stats.premium).toBeGreaterThan(0.6);
      expect(stats.temperament / stats.premium).toBeLessThan(0.8);
      expect(stats.marketing / stats.n).toBeGreaterThan(0.1);
      expect(stats.marketing / stats.n).toBeLessThan(0.2);
      expect(stats.riskMissingPremium).toBeGreaterThan(0);
      expect(stats.riskLapsed).toBeGreaterThan(0);
      expect(stats.maturingWithinWeek).toBeGreaterThan(10);
      expect(stats.newThisMonth).toBeGreaterThan(0);
      expect(stats.optedOut).toBeGreaterThan(0);
      expect(stats.dormant).toBeGreaterThan(0);
      expect(stats.familyNotes).toBeGreaterThan(0);
      expect(stats.needsMet).toBeGreaterThan(0);
      expect(needKinds.size).toBe(8);
      expect(useStatuses).toEqual(new Set(['booked', 'used', 'cancelled']));
    });
  });
});

describe('seedDemo with customers', () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await openDatabase({ databaseUrl: null, dataDir: null });
    await migrateToLatest(h.db);
  });
  afterAll(async () => h?.close());

  it('loads a small bank whose books, tiers and balances agree', async () => {
    const progress: [number, number][] = [];
    const summary = await seedDemo(h.db, { seed: 5, today: TODAY, customers: 2_000, onProgress: (d, t) => progress.push([d, t]) });
    expect(summary.counts.customers).toBe(2_000);
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
    const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(h.db)).rows[0];
    const n = async (q: ReturnType<typeof sql<{ n: string }>>) => Number((await one(q)).n);

    expect(await n(sql`select count(*) as n from customers`)).toBe(2_000);
    expect(await n(sql`select count(*) as n from holdings`)).toBe(summary.counts.holdings);
    expect(await n(sql`select count(*) as n from monthly_balances`)).toBe(summary.counts.monthlyBalances);
    expect(await n(sql`select count(*) as n from customer_events`)).toBe(summary.counts.customerEvents);
    expect(await n(sql`select count(*) as n from tiers`)).toBeGreaterThanOrEqual(5);

    // Every active wealth RM has a book, the demo RM included.
    const idle = await sql<{ staff_no: string }>`
      select s.staff_no from staff s join staff_roles r on r.staff_id = s.id and r.role = 'wealth_rm'
      where s.status = 'active' and not exists (select 1 from customers c where c.rm_staff_id = s.id)`.execute(h.db);
    expect(idle.rows).toEqual([]);
    const wrm = summary.demoAccounts.find((d) => d.username === 'wrm')!;
    expect(await n(sql`select count(*) as n from customers c join staff s on s.id = c.rm_staff_id where s.staff_no = ${wrm.staffNo}`)).toBeGreaterThan(0);

    // The tier is the one the basis reaches; m1/m3 come from the monthly rows; AUM from the holdings.
    expect(await n(sql`
      select count(*) as n from customers c
      where c.tier_code <> (select t.code from tiers t where t.min_aum <= greatest(c.aum_m1, c.aum_m3) order by t.min_aum desc limit 1)`)).toBe(0);
    expect(await n(sql`
      select count(*) as n from customers c
      join lateral (
        select max(avg_aum) filter (where month = date '2026-10-01') as m1,
               round(avg(avg_aum) filter (where month >= date '2026-08-01'), 2) as m3,
               round(avg(avg_aum) filter (where month >= date '2026-05-01'), 2) as m6
        from monthly_balances m where m.customer_id = c.id
      ) b on true
      where c.onboarded_on < date '2025-11-01' and (c.aum_m1 <> b.m1 or c.aum_m3 <> b.m3 or c.aum_m6 <> b.m6)`)).toBe(0);
    expect(await n(sql`
      select count(*) as n from customers c
      where c.aum <> coalesce((select sum(balance) from holdings h where h.customer_id = c.id and h.category not in ('loan', 'credit_card')), 0)`)).toBe(0);
    expect(await n(sql`
      select count(*) as n from customers c where c.tier_code <> 'mass'
        and not exists (select 1 from tier_history t where t.customer_id = c.id and t.reason = 'initial')`)).toBe(0);

    // Foreign keys were not checked row by row during the load: nothing may dangle.
    for (const [table, column, parent] of [
      ['holdings', 'customer_id', 'customers'], ['monthly_balances', 'customer_id', 'customers'], ['daily_balances', 'customer_id', 'customers'],
      ['tier_history', 'customer_id', 'customers'], ['customer_rm_history', 'staff_id', 'staff'], ['customer_needs', 'recorded_by', 'staff'],
      ['risk_assessments', 'customer_id', 'customers'], ['customer_events', 'customer_id', 'customers'], ['customers', 'rm_staff_id', 'staff'],
      ['customers', 'branch_id', 'branches'], ['customers', 'tier_code', 'tiers'],
    ] as const) {
      const key = parent === 'tiers' ? 'code' : 'id';
      expect(await n(sql`select count(*) as n from ${sql.table(table)} x where x.${sql.ref(column)} is not null
        and not exists (select 1 from ${sql.table(parent)} p where p.${sql.ref(key)} = x.${sql.ref(column)})`), `${table}.${column}`).toBe(0);
    }
    expect((await one(sql<{ role: string }>`select current_setting('session_replication_role') as role`)).role).toBe('origin');
    const indexes = await sql<{ indexname: string }>`select indexname from pg_indexes where tablename = 'customers'`.execute(h.db);
    expect(indexes.rows.map((r) => r.indexname)).toEqual(expect.arrayContaining(['customers_name_trgm', 'customers_mobile_tail', 'customers_rm_book_idx']));

    // Service uses within the quotas the reference data sets, each with its timeline entry.
    expect(summary.counts.privilegeUses).toBeGreaterThan(0);
    expect(await n(sql`select count(*) as n from customer_events where kind like 'privilege.%'`)).toBe(summary.counts.privilegeUses);
    expect(await n(sql`
      select count(*) as n from (
        select u.customer_id, u.privilege_code, u.tier_code, count(*) as taken from privilege_uses u where u.status <> 'cancelled'
        group by 1, 2, 3) x
      join privilege_quotas q on q.privilege_code = x.privilege_code and q.tier_code = x.tier_code
      where x.taken > q.per_year`)).toBe(0);
    // Values the customers module's contract accepts.
    const channels = await sql<{ c: string }>`select distinct preferred_channel as c from customers where preferred_channel is not null`.execute(h.db);
    expect(channels.rows.map((r) => r.c).every((c) => (CONTACT_CHANNELS as readonly string[]).includes(c))).toBe(true);
    const sample = await one(sql<{ name: string; resident_id: string; address: string }>`select name, resident_id, address from customers order by id limit 1`);
    expect(residentIdProblem(sample.resident_id, new Date(`${TODAY}T12:00:00+08:00`))).toBeNull();
    expect(addDays(TODAY, 0)).toBe(TODAY);
  });
});
