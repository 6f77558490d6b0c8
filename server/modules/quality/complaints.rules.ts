// The pure rules of complaint handling: the regulation's deadlines (《银行业保险业消费投诉处理管理办法》,
// 2020), extensions, recusal, the workflow's state machine and the reminder milestones. No I/O.
import type { ComplaintAction, ComplaintStatus, DeadlineState } from '../../../contracts/quality';

export type Problem = { code: string; zh: string; en: string };

/** Days from acceptance the decision must be told by: 15; complex 30; especially complex 30 more. */
export const DEADLINE_DAYS = [15, 30, 60] as const;

/** Rest days that move a deadline's last day (statutory holidays; make-up working days cancel weekends). */
export type RestCalendar = { holidays?: ReadonlySet<string>; workdays?: ReadonlySet<string> };

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function isRestDay(day: string, cal: RestCalendar = {}): boolean {
  if (cal.workdays?.has(day)) return false;
  if (cal.holidays?.has(day)) return true;
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
}

/**
 * The last day to tell the complainant the decision. Calendar days, the day of acceptance not
 * counted (the Civil Code's rule for periods, arts. 201 and 203): accepted on the 1st, 15 days end
 * on the 16th. A last day that falls on a rest day moves to the next working day.
 */
export function complaintDeadline(acceptedOn: string, extensionLevel: 0 | 1 | 2, cal: RestCalendar = {}): string {
  let due = addDays(acceptedOn, DEADLINE_DAYS[extensionLevel]);
  while (isRestDay(due, cal)) due = addDays(due, 1);
  return due;
}

/**
 * Whether an extension may be granted: one level at a time, while the deadline has not passed,
 * with a reason; the second extension (especially complex cases) needs senior approval.
 */
export function extensionProblem(input: {
  status: ComplaintStatus; currentLevel: number; requestedLevel: number; today: string; dueOn: string; reason: string; canApprove: boolean;
}): Problem | null {
  if (input.status === 'closed' || input.status === 'withdrawn' || input.status === 'decided') {
    return { code: 'EXTENSION_NOT_OPEN', zh: '投诉已作出处理决定或已结束，不能延期', en: 'The complaint is already decided or ended: it cannot be extended' };
  }
  if (input.requestedLevel !== input.currentLevel + 1 || input.requestedLevel > 2) {
    return input.currentLevel >= 2
      ? { code: 'EXTENSION_EXHAUSTED', zh: '已延期两次（最长60日），不能再延期', en: 'Already extended twice (60 days at most): no further extension' }
      : { code: 'EXTENSION_ORDER', zh: '延期须逐级申请：先延至30日，特别复杂的再延长30日', en: 'Extensions go one step at a time: first to 30 days, then 30 more for especially complex cases' };
  }
  if (input.today > input.dueOn) {
    return { code: 'EXTENSION_TOO_LATE', zh: '处理期限已过，不能再延期', en: 'The deadline has passed: it can no longer be extended' };
  }
  if (input.reason.trim().length < 4) {
    return { code: 'EXTENSION_REASON', zh: '请写明延期原因', en: 'Give the reason for the extension' };
  }
  if (input.requestedLevel === 2 && !input.canApprove) {
    return { code: 'EXTENSION_NEEDS_APPROVAL', zh: '特别复杂情形的再次延期须经上级（投诉管理权限）批准', en: 'A second extension for especially complex cases needs senior approval (complaint management)' };
  }
  return null;
}

/** Recusal: a staff member named in the complaint never handles it. */
export function recusalProblem(aboutStaffIds: readonly number[], handlerStaffId: number): Problem | null {
  if (!aboutStaffIds.includes(handlerStaffId)) return null;
  return {
    code: 'RECUSAL',
    zh: '回避原则：被投诉员工不能处理针对自己的投诉，请改派他人',
    en: 'Recusal: a staff member named in the complaint cannot handle it; assign someone else',
  };
}

const OPEN: readonly ComplaintStatus[] = ['accepted', 'assigned', 'investigating', 'proposed', 'decided', 'review'];

/** The state machine: what each action leads to from each status; null when not allowed. */
export function nextStatus(from: ComplaintStatus, action: ComplaintAction): ComplaintStatus | null {
  switch (action) {
    case 'assign':
      return from === 'accepted' || from === 'assigned' || from === 'investigating' || from === 'review' ? 'assigned' : null;
    case 'investigate':
      return from === 'assigned' ? 'investigating' : null;
    case 'propose':
      return from === 'investigating' || from === 'review' ? 'proposed' : null;
    case 'reject_proposal':
      return from === 'proposed' ? 'investigating' : null;
    case 'decide':
      return from === 'proposed' ? 'decided' : null;
    case 'dispute':
      return from === 'decided' ? 'review' : null;
    case 'close':
      return from === 'decided' ? 'closed' : null;
    case 'withdraw':
      return OPEN.includes(from) ? 'withdrawn' : null;
  }
}

export const isOpen = (s: ComplaintStatus) => OPEN.includes(s);

/** Where a complaint stands against its deadline, for the list's colours. */
export function deadlineState(input: { status: ComplaintStatus; acceptedOn: string; dueOn: string; decidedOn: string | null; today: string }): DeadlineState {
  if (input.status === 'withdrawn') return 'ended';
  if (input.decidedOn) return input.decidedOn <= input.dueOn ? 'met' : 'late';
  if (input.today > input.dueOn) return 'overdue';
  const share = elapsedShare(input.acceptedOn, input.dueOn, input.today);
  if (share >= 0.8) return 'warn80';
  if (share >= 0.5) return 'warn50';
  return 'ok';
}

export function elapsedShare(acceptedOn: string, dueOn: string, today: string): number {
  const total = daysBetween(acceptedOn, dueOn);
  return total <= 0 ? 1 : daysBetween(acceptedOn, today) / total;
}

/** The reminders a still-undecided complaint is due by today: 50%, 80% of its time, and overdue. */
export function milestonesDue(acceptedOn: string, dueOn: string, today: string): ('50' | '80' | 'overdue')[] {
  const out: ('50' | '80' | 'overdue')[] = [];
  const share = elapsedShare(acceptedOn, dueOn, today);
  if (share >= 0.5) out.push('50');
  if (share >= 0.8) out.push('80');
  if (today > dueOn) out.push('overdue');
  return out;
}

/** The day a milestone falls on: the first day at or past that share of the time. */
export function milestoneDay(acceptedOn: string, dueOn: string, share: number): string {
  return addDays(acceptedOn, Math.ceil(daysBetween(acceptedOn, dueOn) * share));
}
