// A demo customer's file around the money: holdings (summing to the AUM), the RM book, risk
// assessments, needs, open questions, value-added service uses and the timeline. Pure.
import type { TierRule } from './customers-balances.seed';
import { addDays, addMonths, addYears, daysBetween, maxDate, minDate } from './customers-dates.seed';
import { luhnCheckDigit } from './customers-identity.seed';
import {
  CATEGORY_DIGITS, NEEDS, PRIVILEGE_PLAN, QUESTIONS, RISK_LABELS, SHELF, TIER_NAMES,
  type HoldingCategory, type NeedCategory, type NeedKind, type RiskLevel, type SeedPrivilege, type ShelfProduct,
} from './customers-text.seed';
import type { SeedCustomer, SeedHolding, SeedRiskAssessment } from './customers-types.seed';
import type { Rng } from './random';
import type { SeedStaff } from './org.seed';

export type CustomerContext = {
  today: string;
  rules: readonly TierRule[];
  cards: { debit19: () => string; debit16: () => string; credit: () => string };
  /** The services that exist, by code. */
  privileges: ReadonlyMap<string, SeedPrivilege>;
};

export type CustomerPlace = {
  /** Next account number of the customer's outlet for an account type (without check digit). */
  accountBody: (categoryDigits: string) => string;
  /** Every wealth RM the outlet has had (for earlier assignments). */
  wealthRms: readonly SeedStaff[];
  tellers: readonly SeedStaff[];
  /** Who approves assignments there: the wealth-centre head, else the branch head. */
  approver: string | null;
};

export type RecordInput = { tier: TierRule; rm: SeedStaff | null; marketing: SeedStaff | null; place: CustomerPlace };

const uniform = (rng: Rng, a: number, b: number) => a + (b - a) * rng.next();

/**
 * A Shanghai business-hours timestamp on that day: 10:00–17:59, or 08:01–08:59 today so that it is
 * not in the future. Onboarding takes the slot before (09:xx, or 08:00 today) so it comes first.
 */
export function stamp(rng: Rng, date: string, today: string): string {
  const hour = date >= today ? 8 : rng.int(10, 17);
  const mm = String(date >= today ? rng.int(1, 59) : rng.int(0, 59)).padStart(2, '0');
  const ss = String(rng.int(0, 59)).padStart(2, '0');
  return `${date}T${String(hour).padStart(2, '0')}:${mm}:${ss}+08:00`;
}

function between(rng: Rng, from: string, to: string): string {
  const span = daysBetween(from, to);
  return span <= 0 ? from : addDays(from, rng.int(0, span));
}

// ---------------------------------------------------------------------------------------------
// Holdings

type Termed = { openedOn: string; maturesOn: string | null };

/** Term products: maturities spread over the coming term, opened no earlier than onboarding. */
function termDates(rng: Rng, p: ShelfProduct, onboardedOn: string, today: string): Termed {
  if (p.termMonths === null) return { openedOn: between(rng, onboardedOn, today), maturesOn: null };
  const latest = addMonths(today, p.termMonths);
  const earliest = maxDate(addDays(today, 1), addMonths(onboardedOn, p.termMonths));
  const maturesOn = between(rng, earliest, latest);
  // Month ends clamp (31 Jan + 1 month = 28 Feb), so going back may land before onboarding.
  return { openedOn: maxDate(addMonths(maturesOn, -p.termMonths), onboardedOn), maturesOn };
}

/** Holding-period products: bought any time, redeemable on the next open day after today. */
function rollingDates(rng: Rng, p: ShelfProduct, onboardedOn: string, today: string): Termed {
  const openedOn = between(rng, onboardedOn, addDays(today, -1));
  const term = p.termMonths ?? 1;
  const [oy, om] = [Number(openedOn.slice(0, 4)), Number(openedOn.slice(5, 7))];
  const elapsed = (Number(today.slice(0, 4)) - oy) * 12 + Number(today.slice(5, 7)) - om;
  let periods = Math.max(1, Math.floor(elapsed / term));
  let maturesOn = addMonths(openedOn, term * periods);
  while (maturesOn <= today) maturesOn = addMonths(openedOn, term * ++periods);
  return { openedOn, maturesOn };
}

function splitCents(rng: Rng, total: number, parts: number): number[] {
  const w = Array.from({ length: parts }, () => 0.3 + rng.next());
  const sum = w.reduce((s, x) => s + x, 0);
  const out = w.map((x) => Math.floor((total * x) / sum));
  out[0] += total - out.reduce((s, x) => s + x, 0);
  return out;
}

const ROLLING = new Set(['WM-D30', 'WM-Q90']);

function assetHoldings(rng: Rng, ctx: CustomerContext, c: SeedCustomer, premium: boolean, place: CustomerPlace): SeedHolding[] {
  const total = c.aum;
  const mix: [HoldingCategory, number][] = [];
  if (premium) {
    if (rng.chance(0.8)) mix.push(['time_deposit', uniform(rng, 0.2, 0.5)]);
    if (rng.chance(0.75)) mix.push(['wealth', uniform(rng, 0.2, 0.5)]);
    if (rng.chance(0.45)) mix.push(['fund', uniform(rng, 0.05, 0.25)]);
    if (rng.chance(0.4)) mix.push(['insurance', uniform(rng, 0.05, 0.2)]);
    if (rng.chance(0.15)) mix.push(['precious_metal', uniform(rng, 0.01, 0.05)]);
  } else if (total > 500_000) {
    if (rng.chance(0.35)) mix.push(['time_deposit', uniform(rng, 0.3, 0.8)]);
    if (rng.chance(0.1)) mix.push(['wealth', uniform(rng, 0.2, 0.6)]);
    if (rng.chance(0.06)) mix.push(['fund', uniform(rng, 0.1, 0.4)]);
  }
  const demandWeight = premium ? uniform(rng, 0.08, 0.3) : 1;
  const weightSum = demandWeight + mix.reduce((s, [, x]) => s + x, 0);
  let demand = total;
  const out: SeedHolding[] = [];
  const account = (category: HoldingCategory) => {
    const body = place.accountBody(CATEGORY_DIGITS[category]);
    return body + luhnCheckDigit(body);
  };
  for (const [category, weight] of mix) {
    const amount = Math.floor((total * weight) / weightSum);
    const pieces = category === 'precious_metal' ? 1 : rng.int(1, category === 'insurance' ? 2 : 3);
    for (const part of splitCents(rng, amount, pieces)) {
      const fits = SHELF[category].filter((p) => p.minAmount * 100 <= part);
      if (fits.length === 0 || part <= 0) continue;
      // Large deposits go to certificates of deposit about half the time.
      const big = fits.filter((p) => p.minAmount >= 200_000);
      const p = big.length > 0 && rng.chance(0.5) ? rng.pick(big) : rng.pick(fits);
      const dates = ROLLING.has(p.code) ? rollingDates(rng, p, c.onboardedOn, ctx.today) : termDates(rng, p, c.onboardedOn, ctx.today);
      out.push({ category, productCode: p.code, productName: p.name, accountNo: account(category), cardNo: null, balance: part, ...dates });
      demand -= part;
    }
  }
  const card = rng.chance(0.8) ? ctx.cards.debit19() : ctx.cards.debit16();
  const d = SHELF.demand[0];
  out.unshift({ category: 'demand', productCode: d.code, productName: d.name, accountNo: account('demand'), cardNo: card, balance: demand, openedOn: c.onboardedOn, maturesOn: null });
  return out;
}

function liabilities(rng: Rng, ctx: CustomerContext, c: SeedCustomer, tier: TierRule, place: CustomerPlace): SeedHolding[] {
  const premium = tier.rank >= 1;
  const out: SeedHolding[] = [];
  const account = () => {
    const body = place.accountBody(CATEGORY_DIGITS.loan);
    return body + luhnCheckDigit(body);
  };
  const loan = (code: string, low: number, high: number) => {
    const p = SHELF.loan.find((x) => x.code === code) ?? SHELF.loan[0];
    const term = p.termMonths ?? 36;
    const principal = Math.round(uniform(rng, low, high)) * 100;
    const openedOn = between(rng, maxDate(c.onboardedOn, addDays(addMonths(ctx.today, -term), 30)), addDays(ctx.today, -30));
    const maturesOn = addMonths(openedOn, term);
    const left = 1 - daysBetween(openedOn, ctx.today) / daysBetween(openedOn, maturesOn);
    out.push({ category: 'loan', productCode: p.code, productName: p.name, accountNo: account(), cardNo: null, balance: Math.max(100, Math.round(principal * left)), openedOn, maturesOn });
  };
  if (rng.chance(premium ? 0.25 : 0.1)) loan('LN-MORT', 300_000, premium ? 3_000_000 : 1_500_000);
  if (rng.chance(0.06)) loan('LN-CONS', 20_000, 300_000);
  if ((c.occupation === '私营企业主' || c.occupation === '个体工商户') && rng.chance(0.35)) loan('LN-BIZ', 200_000, premium ? 5_000_000 : 800_000);
  if (rng.chance(0.05)) loan('LN-CAR', 50_000, 300_000);
  if (c.status === 'active' && rng.chance(premium ? 0.7 : 0.35)) {
    const code = tier.rank >= 3 ? rng.pick(['CC-PLAT', 'CC-DMD']) : tier.rank === 2 ? 'CC-PLAT' : tier.rank === 1 ? 'CC-GOLD' : rng.pick(['CC-STD', 'CC-STD', 'CC-GOLD']);
    const p = SHELF.credit_card.find((x) => x.code === code) ?? SHELF.credit_card[0];
    const owed = rng.chance(0.3) ? 0 : Math.round(uniform(rng, 100, premium ? 60_000 : 15_000) * 100);
    const body = place.accountBody(CATEGORY_DIGITS.credit_card);
    out.push({ category: 'credit_card', productCode: p.code, productName: p.name, accountNo: body + luhnCheckDigit(body), cardNo: ctx.cards.credit(), balance: owed, openedOn: between(rng, c.onboardedOn, ctx.today), maturesOn: null });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// People around the customer

function rmHistory(rng: Rng, ctx: CustomerContext, c: SeedCustomer, rm: SeedStaff, marketing: SeedStaff | null, place: CustomerPlace) {
  const firstPremium = c.tierHistory.find((h) => h.toCode !== ctx.rules[0].code)?.changedOn ?? c.tierSince;
  const start = maxDate(firstPremium, addDays(rm.hiredOn, 7));
  const others = place.wealthRms.filter((s) => s.staffNo !== rm.staffNo);
  const latest = addDays(ctx.today, -15);
  if (others.length > 0 && rng.chance(0.2)) {
    const prior = rng.pick(others);
    const priorStart = maxDate(firstPremium, addDays(prior.hiredOn, 7));
    const from = maxDate(addDays(priorStart, 30), start);
    if (from < latest) {
      const handover = between(rng, from, latest);
      c.rmHistory.push({ staffNo: prior.staffNo, assignedOn: priorStart, endedOn: handover, reason: '首次分配 Initial assignment', assignedByStaffNo: place.approver });
      c.rmHistory.push({
        staffNo: rm.staffNo, assignedOn: handover, endedOn: null, assignedByStaffNo: place.approver,
        reason: prior.status === 'departed' ? '原客户经理离职移交 Handover: previous RM left' : '客户经理调整 Reassignment',
      });
      return;
    }
  }
  c.rmHistory.push({
    staffNo: rm.staffNo, assignedOn: start > ctx.today ? ctx.today : start, endedOn: null, assignedByStaffNo: place.approver,
    reason: marketing ? '营销客户经理移交 Handover from marketing RM' : '首次分配 Initial assignment',
  });
}

function riskLevel(rng: Rng, age: number): RiskLevel {
  const weights: readonly number[] = age >= 65 ? [25, 40, 25, 8, 2] : age < 40 ? [5, 20, 35, 28, 12] : [10, 30, 35, 18, 7];
  return rng.weighted((['C1', 'C2', 'C3', 'C4', 'C5'] as const).map((l, k) => [l, weights[k]] as const));
}

function riskAssessments(rng: Rng, ctx: CustomerContext, c: SeedCustomer, premium: boolean, assessor: string | null): SeedRiskAssessment[] {
  const risky = c.holdings.some((h) => h.category === 'wealth' || h.category === 'fund');
  const p = risky ? 1 : c.status === 'dormant' ? 0 : premium ? 0.7 : 0.2;
  if (!rng.chance(p)) return [];
  const age = daysBetween(c.birthDate, ctx.today) / 365.25;
  let assessedOn: string;
  if (daysBetween(c.onboardedOn, ctx.today) < 365) {
    assessedOn = between(rng, c.onboardedOn, ctx.today);
  } else {
    // Most are current, some fall due within a month, about one in seven has lapsed.
    const bucket = rng.weighted([['valid', 77], ['due', 8], ['lapsed', 15]] as const);
    const ago = bucket === 'valid' ? rng.int(0, 330) : bucket === 'due' ? rng.int(331, 364) : rng.int(366, 760);
    assessedOn = maxDate(addDays(ctx.today, -ago), c.onboardedOn);
  }
  const latest: SeedRiskAssessment = { level: riskLevel(rng, age), assessedOn, validUntil: addYears(assessedOn, 1), assessedByStaffNo: assessor };
  const out = [latest];
  const room = daysBetween(c.onboardedOn, assessedOn);
  if (room > 400 && rng.chance(0.35)) {
    const earlier = addDays(assessedOn, -rng.int(365, Math.min(room, 1_100)));
    const shift = rng.pick([-1, 0, 0, 1]);
    const level = (['C1', 'C2', 'C3', 'C4', 'C5'] as const)[Math.min(4, Math.max(0, Number(latest.level[1]) - 1 + shift))];
    out.unshift({ level, assessedOn: earlier, validUntil: addYears(earlier, 1), assessedByStaffNo: assessor });
  }
  return out;
}

function needsAndQuestions(rng: Rng, ctx: CustomerContext, c: SeedCustomer, premium: boolean, recorder: string | null) {
  const count = premium ? rng.weighted([[0, 25], [1, 30], [2, 25], [3, 15], [4, 5]] as const) : rng.chance(0.04) ? 1 : 0;
  const used: string[] = [];
  const from = maxDate(c.onboardedOn, addDays(ctx.today, -365));
  for (let k = 0; k < count; k++) {
    const kind: NeedKind = rng.chance(0.6) ? 'explicit' : 'hidden';
    const category = rng.pick(['information', 'emotional', 'environment', 'convenience'] as const satisfies readonly NeedCategory[]);
    const description = rng.pick(NEEDS[kind][category]);
    if (used.includes(description)) continue;
    used.push(description);
    const recorded = between(rng, from, ctx.today);
    const met = rng.chance(kind === 'explicit' ? 0.45 : 0.25) && recorded < ctx.today;
    const metOn = met ? between(rng, addDays(recorded, 1), minDate(addDays(recorded, 60), ctx.today)) : null;
    c.needs.push({
      kind, category, description, recordedByStaffNo: recorder, recordedAt: stamp(rng, recorded, ctx.today), met,
      metAt: metOn ? stamp(rng, metOn, ctx.today) : null,
    });
  }
  if (!premium || !rng.chance(0.45)) return;
  const asked: number[] = [];
  const n = rng.int(1, 3);
  for (let k = 0; k < n; k++) {
    const q = rng.int(0, QUESTIONS.length - 1);
    if (asked.includes(q)) continue;
    asked.push(q);
    const created = between(rng, maxDate(c.onboardedOn, addDays(ctx.today, -180)), ctx.today);
    const answered = created < ctx.today && rng.chance(0.55);
    const askedOn = answered ? minDate(addDays(created, rng.int(1, 20)), ctx.today) : null;
    c.questions.push({
      question: QUESTIONS[q][0], createdByStaffNo: recorder, createdAt: stamp(rng, created, ctx.today),
      askedAt: askedOn ? stamp(rng, askedOn, ctx.today) : null, answer: askedOn ? rng.pick(QUESTIONS[q][1]) : null,
    });
  }
}

/**
 * This year's uses of the services the tier has: within the yearly quota where head office has set
 * one (cancellations do not count), else from the plan's lowest tier. Each leaves a timeline entry
 * like the privileges module's.
 */
function privilegeUses(rng: Rng, ctx: CustomerContext, c: SeedCustomer, tier: TierRule, recorder: string | null) {
  if (tier.rank < 1 || c.status !== 'active' || !rng.chance([0, 0.3, 0.5, 0.7, 0.85][Math.min(4, tier.rank)])) return;
  const yearStart = `${ctx.today.slice(0, 4)}-01-01`;
  // A use records the tier it was granted under: the current one, held since tierSince.
  const from = maxDate(yearStart, c.tierSince);
  for (const [code, minRank, notes] of PRIVILEGE_PLAN) {
    const p = ctx.privileges.get(code);
    if (!p) continue;
    const quota = p.perYear ? (p.perYear[tier.code] ?? 0) : tier.rank >= minRank ? Infinity : 0;
    if (quota <= 0 || !rng.chance(0.45)) continue;
    let counted = 0;
    const wanted = code === 'birthday_gift' ? 1 : rng.int(1, tier.rank >= 3 ? 3 : 2);
    for (let k = 0; k < wanted && counted < quota; k++) {
      const rolled = rng.weighted([['used', 75], ['cancelled', 8], ['booked', 17]] as const);
      let serviceDate: string;
      if (code === 'birthday_gift') {
        serviceDate = `${ctx.today.slice(0, 4)}${c.birthDate.slice(4)}`.replace(/-02-29$/, '-02-28');
        if (serviceDate < from) continue;
      } else {
        serviceDate = rolled === 'booked' ? addDays(ctx.today, rng.int(1, 21)) : between(rng, from, ctx.today);
      }
      const status = serviceDate > ctx.today ? 'booked' : rolled === 'booked' ? 'used' : rolled;
      if (status !== 'cancelled') counted++;
      const createdOn = minDate(maxDate(addDays(serviceDate, -rng.int(3, 12)), from), ctx.today);
      const note = rng.pick(notes);
      const createdAt = stamp(rng, createdOn, ctx.today);
      const cancelledAt = status === 'cancelled' ? stamp(rng, maxDate(createdOn, addDays(serviceDate, -rng.int(0, 2))), ctx.today) : null;
      c.privilegeUses.push({
        privilegeCode: code, year: Number(serviceDate.slice(0, 4)), status, serviceDate, tierCode: tier.code,
        recordedByStaffNo: recorder, note, createdAt, cancelledAt,
      });
      const [verb, verbEn, at] = status === 'booked' ? ['预约', 'Booked', createdAt] : status === 'used' ? ['使用', 'Used', stamp(rng, serviceDate, ctx.today)] : ['取消', 'Cancelled', cancelledAt ?? createdAt];
      c.events.push({
        at, kind: `privilege.${status}`, title: `${verb}增值服务：${p.nameZh}（${serviceDate}）`, staffNo: recorder, refType: 'privilege_use',
        detail: { titleEn: `${verbEn} ${p.nameEn} (${serviceDate})`, privilegeCode: code, nameZh: p.nameZh, nameEn: p.nameEn, serviceDate, status, tierCode: tier.code, note },
      });
    }
  }
}

const yuan = (cents: number) => (cents / 100).toFixed(2);

function timeline(rng: Rng, ctx: CustomerContext, c: SeedCustomer, names: Map<string, string>) {
  const opened = c.onboardedOn >= ctx.today ? `${c.onboardedOn}T08:00:00+08:00` : `${c.onboardedOn}T09:${String(rng.int(0, 59)).padStart(2, '0')}:00+08:00`;
  c.events.push({
    at: opened, kind: 'onboarding', title: '开户成为本行客户', staffNo: c.marketingStaffNo, refType: null,
    detail: { titleEn: 'Became a customer of the bank', branchCode: c.branchCode, marketingStaffNo: c.marketingStaffNo },
  });
  const tierName = (code: string | null) => (code === null ? ['—', '—'] : (TIER_NAMES[code] ?? [code, code]));
  for (const h of c.tierHistory) {
    const [to, toEn] = tierName(h.toCode);
    const [from, fromEn] = tierName(h.fromCode);
    const [title, titleEn] =
      h.reason === 'initial'
        ? [`客户等级评定：${to}`, `Tier assigned: ${toEn}`]
        : h.reason === 'upgrade'
          ? [`客户等级升级：${from} → ${to}`, `Upgrade: ${fromEn} → ${toEn}`]
          : [`客户等级降级：${from} → ${to}`, `Downgrade: ${fromEn} → ${toEn}`];
    c.events.push({
      at: stamp(rng, h.changedOn, ctx.today), kind: 'tier_change', title, staffNo: null, refType: 'tier_history',
      detail: { titleEn, from: h.fromCode, to: h.toCode, reason: h.reason, basisAum: h.basisAum === null ? null : yuan(h.basisAum), threshold: h.threshold === null ? null : yuan(h.threshold) },
    });
  }
  let previous: string | null = null;
  for (const a of c.rmHistory) {
    const name = names.get(a.staffNo) ?? a.staffNo;
    c.events.push({
      at: stamp(rng, a.assignedOn, ctx.today), kind: 'rm', staffNo: a.assignedByStaffNo, refType: null,
      title: previous ? `专属客户经理变更：${previous} → ${name}` : `指定专属客户经理：${name}`,
      detail: { titleEn: previous ? 'Dedicated RM changed' : 'Dedicated RM assigned', staffNo: a.staffNo, reason: a.reason },
    });
    previous = name;
  }
  for (const r of c.riskAssessments) {
    const [zh, en] = RISK_LABELS[r.level];
    c.events.push({
      at: stamp(rng, r.assessedOn, ctx.today), kind: 'risk', staffNo: r.assessedByStaffNo, refType: 'risk_assessment',
      title: `风险评估：${r.level} ${zh}（有效期至${r.validUntil}）`,
      detail: { titleEn: `Risk assessment: ${r.level} ${en} (valid until ${r.validUntil})`, level: r.level, assessedOn: r.assessedOn },
    });
  }
  c.events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** Fills the customer's records in place. */
export function buildRecords(rng: Rng, ctx: CustomerContext, c: SeedCustomer, x: RecordInput): void {
  const premium = x.tier.rank >= 1;
  c.holdings = [...assetHoldings(rng, ctx, c, premium, x.place), ...liabilities(rng, ctx, c, x.tier, x.place)];
  const names = new Map<string, string>();
  if (x.rm) {
    for (const s of [x.rm, ...x.place.wealthRms]) names.set(s.staffNo, s.name);
    rmHistory(rng, ctx, c, x.rm, x.marketing, x.place);
  }
  const assessor = x.rm?.staffNo ?? (x.place.tellers.length > 0 ? rng.pick(x.place.tellers).staffNo : null);
  c.riskAssessments = riskAssessments(rng, ctx, c, premium, assessor);
  const latest = c.riskAssessments.at(-1);
  c.riskLevel = latest?.level ?? null;
  c.riskAssessedOn = latest?.assessedOn ?? null;
  needsAndQuestions(rng, ctx, c, premium, x.rm?.staffNo ?? null);
  privilegeUses(rng, ctx, c, x.tier, x.rm?.staffNo ?? null);
  timeline(rng, ctx, c, names);
}
