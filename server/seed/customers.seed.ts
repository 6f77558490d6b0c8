// The demo bank's customers (优质客户档案 and the mass behind it). Pure and streaming: customer i
// depends only on the seed, i and the customers before it (round-robin books, unique numbers), so
// the first N customers are the same whatever the total, and a million never sit in memory at once.
// Rows are keyed by business keys (branch codes, staff numbers); the repository resolves ids.
import { addDays, addYears, daysBetween, maxDate, monthsOf } from './customers-dates.seed';
import { cardSeries, createPermutation, mix32, mobileFactory, NumberSet, regionCodeFor, ReseedableRng, uniqueResidentId } from './customers-identity.seed';
import { basisOf, dailyPath, drawLevel, evaluations, moneyPath, tierFor, type MonthRow, type TierBasis, type TierRule } from './customers-balances.seed';
import { buildRecords, type CustomerContext } from './customers-records.seed';
import {
  CONTACT_TIMES, DEMO_PRIVILEGES, DEMO_TIERS, FAMILY_NOTES, randomAddress, randomWork, TEMPERAMENTS, type ContactChannel, type SeedPrivilege,
} from './customers-text.seed';
import { randomName, type Gender } from './names';
import { cityAt, type City } from './places';
import { deriveSeed, type Rng } from './random';
import type { SeedBranch, SeedStaff } from './org.seed';
import type { SeedCustomer, SeedTierChange } from './customers-types.seed';

export type * from './customers-types.seed';
export type { TierBasis, TierRule } from './customers-balances.seed';
export { DEMO_PRIVILEGES, DEMO_TIERS, type SeedPrivilege, type SeedTier } from './customers-text.seed';

export const DEMO_TIER_RULES: readonly TierRule[] = DEMO_TIERS.map((t) => ({ code: t.code, rank: t.rank, minAumCents: t.minAum * 100 }));

export const DEFAULT_CUSTOMERS = 20_000;
export const CUSTOMER_CHUNK = 5_000;

export type CustomerSeedInput = {
  seed: number;
  /** 'YYYY-MM-DD' in Asia/Shanghai. */
  today: string;
  branches: readonly SeedBranch[];
  staff: readonly SeedStaff[];
  /** Tier rules in force; the demo tiers when omitted. */
  tiers?: readonly TierRule[];
  /** What decides the tier (tier_settings.basis); max(m1, m3) when omitted. */
  basis?: TierBasis;
  /** The value-added services that exist, with their quotas; the demo catalogue when omitted. */
  privileges?: readonly SeedPrivilege[];
};

type Unit = {
  code: string;
  number: string;
  city: City;
  cityIndex: number;
  districtIndex: number;
  area: string;
  weight: number;
  wealthRms: SeedStaff[];
  allWealthRms: SeedStaff[];
  marketingRms: SeedStaff[];
  tellers: SeedStaff[];
  approver: string | null;
  roundRobin: number;
  accountSerial: number;
};

function buildUnits(branches: readonly SeedBranch[], staff: readonly SeedStaff[]): Unit[] {
  const byCode = new Map(branches.map((b) => [b.code, b]));
  const branchLevel = branches.filter((b) => b.level === 'branch');
  const cityIndexOf = new Map(branchLevel.map((b, i) => [b.code, i]));
  const units = branches.filter((b) => b.level === 'sub_branch' || b.level === 'outlet');
  const out: Unit[] = [];
  units.forEach((b, i) => {
    let top: SeedBranch | undefined = b;
    while (top && top.level !== 'branch') top = top.parentCode ? byCode.get(top.parentCode) : undefined;
    const cityIndex = top ? (cityIndexOf.get(top.code) ?? 0) : 0;
    const city = cityAt(cityIndex);
    const found = city.districts.findIndex((d) => b.address.includes(`${d}区`));
    const here = staff.filter((s) => s.branchCode === b.code);
    const active = here.filter((s) => s.status === 'active');
    const has = (s: SeedStaff, role: string) => s.roles.some((r) => r === role);
    const byNo = (a: SeedStaff, c: SeedStaff) => (a.staffNo < c.staffNo ? -1 : 1);
    const head = active.find((s) => has(s, 'wealth_centre_head')) ?? active.find((s) => has(s, 'branch_head'));
    out.push({
      code: b.code,
      number: String(i + 1).padStart(4, '0'),
      city,
      cityIndex,
      districtIndex: Math.max(0, found),
      area: city.areas.find((a) => b.name.includes(a)) ?? city.areas[i % city.areas.length],
      weight: Math.max(1, active.length),
      wealthRms: active.filter((s) => has(s, 'wealth_rm')).sort(byNo),
      allWealthRms: here.filter((s) => has(s, 'wealth_rm')).sort(byNo),
      marketingRms: here.filter((s) => has(s, 'marketing_rm')).sort(byNo),
      tellers: active.filter((s) => has(s, 'noncash_teller')).sort(byNo),
      approver: head?.staffNo ?? null,
      roundRobin: 0,
      accountSerial: 0,
    });
  });
  return out;
}

function pickWeighted<T extends { weight: number }>(rng: Rng, items: readonly T[], cumulative: readonly number[]): T {
  const r = rng.next() * cumulative[cumulative.length - 1];
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > r) hi = mid;
    else lo = mid + 1;
  }
  return items[lo];
}

function birthDateFor(rng: Rng, affluent: boolean, today: string): string {
  const latest = Math.min(2004, Number(today.slice(0, 4)) - 20);
  for (;;) {
    const year = Math.round((affluent ? 1971 : 1984) + (affluent ? 11 : 14) * gaussian(rng));
    if (year < 1945 || year > latest) continue;
    return addDays(`${year}-01-01`, rng.int(0, 364));
  }
}

function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** A date in [from, to] (both 'YYYY-MM-DD'); `bias` > 1 leans towards `to`. */
export function dateBetween(rng: Rng, from: string, to: string, bias = 1): string {
  const span = daysBetween(from, to);
  if (span <= 0) return from;
  return addDays(from, Math.round(span * rng.next() ** (1 / bias)));
}

export type CustomerGenerator = { next(): SeedCustomer; readonly generated: number };

export function createCustomerGenerator(input: CustomerSeedInput): CustomerGenerator {
  const rules = [...(input.tiers ?? DEMO_TIER_RULES)].sort((a, b) => a.rank - b.rank);
  if (!rules.some((r) => r.minAumCents === 0)) throw new Error('The tier rules need a tier with a threshold of 0');
  const basis = input.basis ?? 'max_m1_m3';
  const units = buildUnits(input.branches, input.staff);
  if (units.length === 0) throw new Error('Customers need at least one outlet');
  const cumulative: number[] = [];
  units.reduce((s, u) => (cumulative.push(s + u.weight), s + u.weight), 0);
  const base = deriveSeed(input.seed, 'customers');
  const today = input.today;
  const firstOfMonth = `${today.slice(0, 8)}01`;
  const monthStarts = monthsOf(firstOfMonth, 12);
  const windowStart = monthStarts[0];
  const ids = new NumberSet();
  const mobile = mobileFactory(mix32(base ^ 0x51ed27));
  const cards = {
    debit19: cardSeries(mix32(base ^ 0xd19), '621799', 19),
    debit16: cardSeries(mix32(base ^ 0xd16), '622609', 16),
    credit: cardSeries(mix32(base ^ 0xcc1), '625966', 16),
  };
  const ctx: CustomerContext = { today, rules, cards, privileges: new Map((input.privileges ?? DEMO_PRIVILEGES).map((p) => [p.code, p])) };
  // Customer numbers are scattered over a 9-digit space, as a core banking system's would be.
  const customerPerm = createPermutation(mix32(base ^ 0xc05), 900_000_000);
  const rng = new ReseedableRng();
  let index = 0;

  const next = (): SeedCustomer => {
    const i = index++;
    rng.reseed(mix32(base ^ mix32(i + 1)));
    const unit = pickWeighted(rng, units, cumulative);
    const { level, segment } = drawLevel(rng);
    const affluent = segment === 'affluent';
    const gender: Gender = rng.chance(0.51) ? 'F' : 'M';
    const name = randomName(rng, gender).name;
    const birthDate = birthDateFor(rng, affluent, today);
    const birthYear = Number(birthDate.slice(0, 4));
    const region = regionCodeFor(rng, unit.cityIndex, unit.districtIndex, birthYear);
    const residentId = uniqueResidentId(rng, region, birthDate, gender, ids);
    const age = daysBetween(birthDate, today) / 365.25;
    const band = age >= 60 && rng.chance(0.8) ? 'retired' : age < 28 ? 'young' : age < 45 ? 'mid' : 'senior';
    const work = randomWork(rng, band, affluent, unit.city, unit.area);

    // Joined this month (no history yet), or long enough ago for a year of balances.
    const isNew = rng.chance(0.01);
    const marketing = unit.marketingRms.length > 0 && rng.chance(isNew ? 0.6 : 0.14) ? rng.pick(unit.marketingRms) : null;
    const marketingStaff = marketing && (isNew ? marketing.status === 'active' : marketing.hiredOn < addDays(windowStart, -30)) ? marketing : null;
    const adult = addYears(birthDate, 18);
    const onboardedOn = isNew
      ? dateBetween(rng, firstOfMonth, today)
      : dateBetween(rng, maxDate(maxDate(adult, '1996-01-01'), marketingStaff ? addDays(marketingStaff.hiredOn, 7) : '1996-01-01'), addDays(windowStart, -1), 1.6);

    const path = isNew
      ? { months: [], current: Math.round(level * 100), m1: 0, m3: 0, m6: 0 }
      : moneyPath(rng, level, segment, monthStarts, affluent);
    const tier = tierFor(rules, basisOf(basis, path.m1, path.m3, path.m6));
    const premium = tier.rank >= 1;
    const history = tierHistory(rng, rules, basis, path.months, tier, onboardedOn, monthStarts, firstOfMonth);
    const tierSince = history.length > 0 ? history[history.length - 1].changedOn : onboardedOn;

    const rm = premium && unit.wealthRms.length > 0 ? unit.wealthRms[unit.roundRobin++ % unit.wealthRms.length] : null;
    const temperament = (premium ? rng.chance(0.7) : rng.chance(0.03)) ? rng.pick(TEMPERAMENTS) : null;

    const optedOut = rng.chance(0.04);
    const consentPhone = !optedOut && rng.chance(0.94);
    const consentSms = !optedOut && rng.chance(0.86);
    const consentWechat = !optedOut && rng.chance(premium ? 0.75 : 0.45);
    const consentEmail = !optedOut && rng.chance(premium ? 0.4 : 0.12);
    const channels: [ContactChannel, number][] = [];
    if (consentPhone) channels.push(['phone', 40]);
    if (consentWechat) channels.push(['wechat', 35]);
    if (consentSms) channels.push(['sms', 12]);
    if (consentEmail) channels.push(['email', 5]);
    if (!optedOut) channels.push(['visit', 4]);

    const customer: SeedCustomer = {
      customerNo: `C${100_000_000 + customerPerm(i)}`,
      name,
      gender,
      birthDate,
      residentId,
      mobile: mobile(rng, i),
      address: randomAddress(rng, unit.city, rng.chance(0.6) ? unit.districtIndex : rng.int(0, unit.city.districts.length - 1)),
      occupation: work.occupation,
      employer: work.employer,
      branchCode: unit.code,
      rmStaffNo: rm?.staffNo ?? null,
      marketingStaffNo: marketingStaff?.staffNo ?? null,
      status: segment === 'dormant' && rng.chance(0.5) ? 'dormant' : 'active',
      onboardedOn,
      tierCode: tier.code,
      tierSince,
      riskLevel: null,
      riskAssessedOn: null,
      temperament,
      consentPhone,
      consentSms,
      consentEmail,
      consentWechat,
      preferredChannel: channels.length > 0 ? rng.weighted(channels) : null,
      preferredContactTime: optedOut ? '' : rng.pick(CONTACT_TIMES),
      familyNotes: (premium ? rng.chance(0.45) : rng.chance(0.05)) ? rng.pick(FAMILY_NOTES) : '',
      aum: path.current,
      aumM1: path.m1,
      aumM3: path.m3,
      aumM6: path.m6,
      monthly: path.months,
      daily: premium ? dailyPath(rng, firstOfMonth, Number(today.slice(8, 10)), path.months.at(-1)?.endAum ?? path.current, path.current) : [],
      tierHistory: history,
      holdings: [],
      rmHistory: [],
      needs: [],
      questions: [],
      riskAssessments: [],
      privilegeUses: [],
      events: [],
    };
    buildRecords(rng, ctx, customer, {
      tier,
      rm,
      marketing: marketingStaff,
      place: { accountBody: (digits) => accountBody(unit, digits), wealthRms: unit.allWealthRms, tellers: unit.tellers, approver: unit.approver },
    });
    return customer;
  };
  return {
    next,
    get generated() {
      return index;
    },
  };
}

/**
 * An 18-digit account number without its check digit: '3', the outlet's number, the account type
 * and the outlet's serial. Unique without looking anything up.
 */
function accountBody(unit: Unit, categoryDigits: string): string {
  unit.accountSerial++;
  return `3${unit.number}${categoryDigits}${String(unit.accountSerial).padStart(10, '0')}`;
}

/**
 * What the tier history says: the tier the customer first had and, when the monthly evaluations of
 * the year changed it, the latest change. Written for everyone who is or was premium.
 */
function tierHistory(
  rng: Rng,
  rules: readonly TierRule[],
  basis: TierBasis,
  months: readonly MonthRow[],
  current: TierRule,
  onboardedOn: string,
  monthStarts: readonly string[],
  firstOfMonth: string,
): SeedTierChange[] {
  if (months.length === 0) return current.rank > 0 ? [{ fromCode: null, toCode: current.code, changedOn: onboardedOn, reason: 'initial', basisAum: null, threshold: current.minAumCents }] : [];
  const evals = evaluations(rules, months, basis);
  let j = evals.length - 1;
  while (j > 0 && evals[j - 1].tier.code === current.code) j--;
  const effective = (k: number) => (k + 1 < monthStarts.length ? monthStarts[k + 1] : firstOfMonth);
  if (j === 0) {
    if (current.rank === 0) return [];
    const since = dateBetween(rng, addDays(onboardedOn, 20), effective(evals[0].monthIndex));
    return [{ fromCode: null, toCode: current.code, changedOn: since, reason: 'initial', basisAum: null, threshold: current.minAumCents }];
  }
  const prev = evals[j - 1].tier;
  const change = evals[j];
  const changedOn = effective(change.monthIndex);
  const up = current.rank > prev.rank;
  const rows: SeedTierChange[] = [];
  const firstOn = dateBetween(rng, addDays(onboardedOn, 20), addDays(changedOn, -31));
  rows.push({ fromCode: null, toCode: prev.code, changedOn: prev.rank === 0 ? onboardedOn : firstOn, reason: 'initial', basisAum: null, threshold: prev.minAumCents });
  rows.push({
    fromCode: prev.code,
    toCode: current.code,
    changedOn,
    reason: up ? 'upgrade' : 'downgrade',
    basisAum: change.basis,
    threshold: up ? current.minAumCents : prev.minAumCents,
  });
  return rows;
}

/** `count` customers in arrays of `chunkSize`, generated lazily. */
export function* generateCustomers(input: CustomerSeedInput, count: number, chunkSize = CUSTOMER_CHUNK): Generator<SeedCustomer[]> {
  const gen = createCustomerGenerator(input);
  while (gen.generated < count) {
    const n = Math.min(chunkSize, count - gen.generated);
    const chunk: SeedCustomer[] = [];
    for (let k = 0; k < n; k++) chunk.push(gen.next());
    yield chunk;
  }
}
