// Pure rules of referrals, the pipeline and segments: no I/O, unit-tested in growth.rules.test.ts.
import type { PipelineStage, ReferralStatus, SegmentFilters } from '../../../contracts/growth';

export type Problem = { path: string; zh: string; en: string };

// ---- referrals --------------------------------------------------------------------------------

/**
 * A referral moves forward only; "not interested" may be reopened as contacted (the customer
 * changed their mind), and a conversion is final because the referrer's credit hangs on it.
 */
const REFERRAL_MOVES: Record<ReferralStatus, readonly ReferralStatus[]> = {
  new: ['contacted', 'converted', 'not_interested'],
  contacted: ['converted', 'not_interested'],
  not_interested: ['contacted', 'converted'],
  converted: [],
};

export function canMoveReferral(from: ReferralStatus, to: ReferralStatus): boolean {
  return REFERRAL_MOVES[from].includes(to);
}

// ---- the pipeline -----------------------------------------------------------------------------

export const CLOSED_STAGES: readonly PipelineStage[] = ['won', 'lost'];
const STAGE_ORDER: readonly PipelineStage[] = ['lead', 'contacted', 'proposal', 'won', 'lost'];

export function isClosedStage(s: PipelineStage): boolean {
  return CLOSED_STAGES.includes(s);
}

/** Open stages may move anywhere (a lead can fall back); a closed opportunity stays closed. */
export function canMoveStage(from: PipelineStage, to: PipelineStage): boolean {
  if (from === to) return true;
  return !isClosedStage(from) && STAGE_ORDER.includes(to);
}

/** What an opportunity in a stage must carry: a proposal or a sale has an amount; an open one a next step date not in the past when set. */
export function opportunityProblems(o: { stage: PipelineStage; expectedAmount: string | null; nextStepOn: string | null }, today: string, changedDate: boolean): Problem[] {
  const out: Problem[] = [];
  if ((o.stage === 'proposal' || o.stage === 'won') && (o.expectedAmount === null || Number(o.expectedAmount) <= 0)) {
    out.push({ path: 'expectedAmount', zh: '方案建议和成交阶段需填写预计金额', en: 'A proposal or a won opportunity needs an expected amount' });
  }
  if (changedDate && o.nextStepOn !== null && !isClosedStage(o.stage) && o.nextStepOn < today) {
    out.push({ path: 'nextStepOn', zh: '下一步日期不能早于今天', en: 'The next step date cannot be in the past' });
  }
  return out;
}

export function isOverdue(o: { stage: PipelineStage; nextStepOn: string | null }, today: string): boolean {
  return !isClosedStage(o.stage) && o.nextStepOn !== null && o.nextStepOn < today;
}

// ---- segments ---------------------------------------------------------------------------------

/** A segment as the repository turns it into SQL: validated, with ages as birth-date bounds. */
export type SegmentSpec = {
  consentColumn: 'consent_phone' | 'consent_sms' | 'consent_email' | 'consent_wechat';
  tierCodes: string[];
  aumMin: string | null;
  aumMax: string | null;
  held: string[];
  notHeld: string[];
  riskLevels: string[];
  /** Born on or before this day (at least ageMin years old today). */
  bornOnOrBefore: string | null;
  /** Born after this day (at most ageMax years old today). */
  bornAfter: string | null;
  branchIds: number[];
  /** Last contact before this instant, or never. */
  lastContactBefore: string | null;
};

const cents = (yuan: string) => Math.round(Number(yuan) * 100);

function shiftYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  // 29 February minus a year is 28 February: a person born on 29 Feb turns a year older on 1 March.
  const last = new Date(Date.UTC(y - years, m, 0)).getUTCDate();
  return `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function segmentProblems(f: SegmentFilters): Problem[] {
  const out: Problem[] = [];
  if (f.aumMin && f.aumMax && cents(f.aumMin) > cents(f.aumMax)) out.push({ path: 'filters.aumMin', zh: 'AUM下限不能高于上限', en: 'The minimum AUM is above the maximum' });
  if (f.ageMin !== undefined && f.ageMax !== undefined && f.ageMin > f.ageMax) out.push({ path: 'filters.ageMin', zh: '最小年龄不能大于最大年龄', en: 'The minimum age is above the maximum' });
  const both = (f.heldCategories ?? []).filter((c) => (f.notHeldCategories ?? []).includes(c));
  if (both.length > 0) out.push({ path: 'filters.notHeldCategories', zh: '同一产品类别不能既要求持有又要求未持有', en: 'A category cannot be both held and not held' });
  return out;
}

/** `today` is the Asia/Shanghai business day; `now` the current instant (for last-contact days). */
export function segmentSpec(f: SegmentFilters, today: string, now: Date): SegmentSpec {
  return {
    consentColumn: `consent_${f.consentChannel}`,
    tierCodes: [...new Set(f.tierCodes ?? [])],
    aumMin: f.aumMin ?? null,
    aumMax: f.aumMax ?? null,
    held: [...new Set(f.heldCategories ?? [])],
    notHeld: [...new Set(f.notHeldCategories ?? [])],
    riskLevels: [...new Set(f.riskLevels ?? [])],
    bornOnOrBefore: f.ageMin !== undefined ? shiftYears(today, f.ageMin) : null,
    bornAfter: f.ageMax !== undefined ? shiftYears(today, f.ageMax + 1) : null,
    branchIds: [...new Set(f.branchIds ?? [])],
    lastContactBefore: f.noContactDays !== undefined ? new Date(now.getTime() - f.noContactDays * 86_400_000).toISOString() : null,
  };
}

// ---- prospects --------------------------------------------------------------------------------

/** Below the lowest premium tier, a customer within this share of its threshold is "near". */
export const NEAR_THRESHOLD_SHARE = 0.8;
/** A month's AUM growth of at least this share of the threshold is a large inflow. */
export const INFLOW_SHARE = 0.4;

/** Days after a care event in which an attendee's new holdings count as the event's sales. */
export const EVENT_SALES_DAYS = 30;

/** Cost per attendee in yuan with two decimals, computed on cents. */
export function costPerAttendee(cost: string, attended: number): string | null {
  if (attended <= 0) return null;
  const c = Math.round((cents(cost) / attended));
  return `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The business day in Asia/Shanghai, 'YYYY-MM-DD'. */
export function shanghaiDay(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Which column of the source's daily figures a referral counts in, by the referrer's roles. */
export function referrerRoleOf(roles: readonly string[]): string {
  if (roles.includes('lobby_manager') || roles.includes('lobby_assistant')) return 'lobby_manager';
  if (roles.includes('cash_teller')) return 'cash_teller';
  if (roles.includes('noncash_teller')) return 'noncash_teller';
  if (roles.includes('wealth_rm') || roles.includes('marketing_rm')) return 'rm';
  return 'other';
}
