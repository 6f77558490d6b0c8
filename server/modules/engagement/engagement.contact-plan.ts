// Contact-plan scheduling rules (no I/O): which period a tier rule's task belongs to, which
// birthdays and maturities fall in a rule's window, and the reason keys that make every task
// exist once per customer, reason and period.

export type PlanRuleRow = {
  code: string;
  kind: 'tier' | 'birthday' | 'maturity' | 'large_outflow' | 'tier_change' | 'risk_expiring';
  tierCode: string | null;
  intervalMonths: number | null;
  leadDays: number;
  threshold: string | null;
  dueDays: number;
  active: boolean;
  nameZh: string;
  nameEn: string;
};

export function shanghaiToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar months divide evenly into periods of 1, 2, 3, 4, 6 or 12 months. */
export function isValidInterval(months: number): boolean {
  return [1, 2, 3, 4, 6, 12].includes(months);
}

export type ContactPeriod = { key: string; start: string; end: string };

/**
 * The period of a tier rule that contains `today`: calendar-aligned (quarterly = Jan–Mar, …), so
 * every RM's customers of a tier share the same period and a rerun on any day of it finds the
 * same key.
 */
export function contactPeriod(today: string, intervalMonths: number): ContactPeriod {
  if (!isValidInterval(intervalMonths)) throw new RangeError(`interval ${intervalMonths} does not divide a year`);
  const [y, m] = today.split('-').map(Number);
  const index = Math.floor((m - 1) / intervalMonths);
  const startMonth = index * intervalMonths + 1;
  const endMonth = startMonth + intervalMonths - 1;
  const lastDay = new Date(Date.UTC(y, endMonth, 0)).getUTCDate();
  return { key: `${y}-${intervalMonths}m${index + 1}`, start: `${y}-${pad(startMonth)}-01`, end: `${y}-${pad(endMonth)}-${pad(lastDay)}` };
}

/** The due date of a period's task: `dueDays` after today, but never past the period's end. */
export function periodDueOn(today: string, period: ContactPeriod, dueDays: number): string {
  const due = addDays(today, dueDays);
  return due < period.end ? due : period.end;
}

export type BirthdayDay = { md: string; on: string; year: number };

/**
 * Birthdays to greet from today to `leadDays` ahead, as month-day → date. A 29 February birthday
 * is greeted on 28 February in a common year, so nobody is skipped for three years.
 */
export function birthdayWindow(today: string, leadDays: number): BirthdayDay[] {
  const out: BirthdayDay[] = [];
  for (let i = 0; i <= leadDays; i++) {
    const on = addDays(today, i);
    const y = Number(on.slice(0, 4));
    const md = on.slice(5);
    out.push({ md, on, year: y });
    if (md === '02-28' && !isLeap(y)) out.push({ md: '02-29', on, year: y });
  }
  return out;
}

/** Maturities retained: products maturing from today to `leadDays` ahead, inclusive. */
export function maturityWindow(today: string, leadDays: number): { from: string; to: string } {
  return { from: today, to: addDays(today, leadDays) };
}

/**
 * A risk assessment is valid for one year; the reminder covers assessments that lapse within
 * `leadDays` (or lapsed today), i.e. assessed between a year ago and a year ago + leadDays.
 */
export function riskExpiryWindow(today: string, leadDays: number): { assessedFrom: string; assessedTo: string } {
  const [y, m, d] = today.split('-').map(Number);
  const day = m === 2 && d === 29 ? 28 : d;
  const yearAgo = `${y - 1}-${pad(m)}-${pad(day)}`;
  return { assessedFrom: yearAgo, assessedTo: addDays(yearAgo, leadDays) };
}

/** Tier changes are acted on if they happened within the look-back (a missed run catches up). */
export function tierChangeSince(today: string, leadDays: number): string {
  return addDays(today, -Math.max(leadDays, 1));
}

/** Large outflows are flagged once a month per customer. */
export function monthKey(today: string): string {
  return today.slice(0, 7);
}

/** Whether an edit leaves a rule the job can run; null when fine. */
export function ruleProblem(r: Pick<PlanRuleRow, 'kind' | 'intervalMonths' | 'threshold'>): { zh: string; en: string } | null {
  if (r.kind === 'tier' && (r.intervalMonths === null || !isValidInterval(r.intervalMonths))) {
    return { zh: '联系周期须为 1、2、3、4、6 或 12 个月', en: 'The interval must be 1, 2, 3, 4, 6 or 12 months' };
  }
  if (r.kind !== 'tier' && r.intervalMonths !== null) return { zh: '只有按等级的规则有联系周期', en: 'Only tier rules have an interval' };
  if (r.kind === 'large_outflow' && (r.threshold === null || Number(r.threshold) <= 0)) {
    return { zh: '大额流出规则须设置大于 0 的金额阈值', en: 'A large-outflow rule needs a threshold above 0' };
  }
  return null;
}

/** The rules every installation starts with (head office edits them). */
export const DEFAULT_PLAN_RULES: readonly PlanRuleRow[] = [
  { code: 'tier_private', kind: 'tier', tierCode: 'private', intervalMonths: 1, leadDays: 0, threshold: null, dueDays: 14, active: true, nameZh: '私人银行客户每月联系', nameEn: 'Private banking: monthly contact' },
  { code: 'tier_diamond', kind: 'tier', tierCode: 'diamond', intervalMonths: 2, leadDays: 0, threshold: null, dueDays: 21, active: true, nameZh: '钻石客户每两月联系', nameEn: 'Diamond: contact every 2 months' },
  { code: 'tier_platinum', kind: 'tier', tierCode: 'platinum', intervalMonths: 3, leadDays: 0, threshold: null, dueDays: 30, active: true, nameZh: '白金客户每季度联系', nameEn: 'Platinum: quarterly contact' },
  { code: 'tier_gold', kind: 'tier', tierCode: 'gold', intervalMonths: 6, leadDays: 0, threshold: null, dueDays: 45, active: true, nameZh: '金卡客户每半年联系', nameEn: 'Gold: contact twice a year' },
  { code: 'birthday', kind: 'birthday', tierCode: null, intervalMonths: null, leadDays: 3, threshold: null, dueDays: 0, active: true, nameZh: '生日关怀', nameEn: 'Birthday greeting' },
  { code: 'maturity', kind: 'maturity', tierCode: null, intervalMonths: null, leadDays: 7, threshold: null, dueDays: 0, active: true, nameZh: '定期/理财到期挽留', nameEn: 'Maturity retention' },
  { code: 'large_outflow', kind: 'large_outflow', tierCode: null, intervalMonths: null, leadDays: 0, threshold: '500000.00', dueDays: 3, active: true, nameZh: '大额资金流出关注', nameEn: 'Large outflow follow-up' },
  { code: 'tier_change', kind: 'tier_change', tierCode: null, intervalMonths: null, leadDays: 7, threshold: null, dueDays: 7, active: true, nameZh: '等级变动沟通', nameEn: 'Tier change conversation' },
  { code: 'risk_expiring', kind: 'risk_expiring', tierCode: null, intervalMonths: null, leadDays: 30, threshold: null, dueDays: 14, active: true, nameZh: '风险评估即将到期', nameEn: 'Risk assessment expiring' },
];
