import { describe, expect, it } from 'vitest';
import {
  addDays, complaintDeadline, deadlineState, elapsedShare, extensionProblem, isRestDay, milestoneDay, milestonesDue, nextStatus, recusalProblem,
} from './complaints.rules';

describe('deadline calendar', () => {
  it('counts calendar days from the day after acceptance', () => {
    // 2026-03-02 is a Monday: 15 days later is Tuesday 2026-03-17.
    expect(complaintDeadline('2026-03-02', 0)).toBe('2026-03-17');
    expect(complaintDeadline('2026-03-02', 1)).toBe('2026-04-01');
    // 60 days from 2026-03-02 is Friday 2026-05-01; the holiday list moves it past the May Day break.
    expect(complaintDeadline('2026-03-02', 2)).toBe('2026-05-01');
    expect(complaintDeadline('2026-03-02', 2, { holidays: new Set(['2026-05-01', '2026-05-04', '2026-05-05']) })).toBe('2026-05-06');
  });

  it('moves a last day on a weekend to the next working day, unless it is a make-up working day', () => {
    // Accepted Friday 2026-01-02: 15 days end on Saturday 2026-01-17, moved to Monday 2026-01-19.
    expect(complaintDeadline('2026-01-02', 0)).toBe('2026-01-19');
    expect(complaintDeadline('2026-01-02', 0, { workdays: new Set(['2026-01-17']) })).toBe('2026-01-17');
    expect(isRestDay('2026-01-18')).toBe(true);
    expect(isRestDay('2026-01-19')).toBe(false);
  });

  it('crosses month and year ends', () => {
    expect(addDays('2026-12-25', 15)).toBe('2027-01-09');
    expect(complaintDeadline('2028-02-14', 0)).toBe('2028-02-29');
  });
});

describe('extensions', () => {
  const base = { status: 'investigating' as const, currentLevel: 0, requestedLevel: 1, today: '2026-03-10', dueOn: '2026-03-17', reason: '涉及多部门核查，情况复杂', canApprove: false };

  it('allows the first extension to 30 days with a reason', () => {
    expect(extensionProblem(base)).toBeNull();
  });
  it('needs a reason', () => {
    expect(extensionProblem({ ...base, reason: ' ' })?.code).toBe('EXTENSION_REASON');
  });
  it('goes one step at a time and at most twice', () => {
    expect(extensionProblem({ ...base, requestedLevel: 2 })?.code).toBe('EXTENSION_ORDER');
    expect(extensionProblem({ ...base, currentLevel: 2, requestedLevel: 2 })?.code).toBe('EXTENSION_EXHAUSTED');
  });
  it('needs senior approval for the second', () => {
    expect(extensionProblem({ ...base, currentLevel: 1, requestedLevel: 2 })?.code).toBe('EXTENSION_NEEDS_APPROVAL');
    expect(extensionProblem({ ...base, currentLevel: 1, requestedLevel: 2, canApprove: true })).toBeNull();
  });
  it('is refused once the deadline has passed or the decision is made', () => {
    expect(extensionProblem({ ...base, today: '2026-03-18' })?.code).toBe('EXTENSION_TOO_LATE');
    expect(extensionProblem({ ...base, status: 'decided' })?.code).toBe('EXTENSION_NOT_OPEN');
  });
});

describe('recusal', () => {
  it('refuses a handler named in the complaint', () => {
    expect(recusalProblem([7, 9], 9)?.code).toBe('RECUSAL');
    expect(recusalProblem([7, 9], 8)).toBeNull();
    expect(recusalProblem([], 8)).toBeNull();
  });
});

describe('workflow', () => {
  it('follows accepted → assigned → investigating → proposed → decided → closed', () => {
    expect(nextStatus('accepted', 'assign')).toBe('assigned');
    expect(nextStatus('assigned', 'investigate')).toBe('investigating');
    expect(nextStatus('investigating', 'propose')).toBe('proposed');
    expect(nextStatus('proposed', 'decide')).toBe('decided');
    expect(nextStatus('decided', 'close')).toBe('closed');
  });
  it('sends a disputed decision to review, and review back to a proposal', () => {
    expect(nextStatus('decided', 'dispute')).toBe('review');
    expect(nextStatus('review', 'propose')).toBe('proposed');
  });
  it('refuses steps out of order and anything after the end', () => {
    expect(nextStatus('accepted', 'decide')).toBeNull();
    expect(nextStatus('closed', 'withdraw')).toBeNull();
    expect(nextStatus('withdrawn', 'assign')).toBeNull();
    expect(nextStatus('investigating', 'withdraw')).toBe('withdrawn');
  });
});

describe('reminders and deadline state', () => {
  it('falls due at 50%, 80% and after the deadline', () => {
    expect(milestonesDue('2026-03-02', '2026-03-17', '2026-03-08')).toEqual([]);
    expect(milestonesDue('2026-03-02', '2026-03-17', '2026-03-10')).toEqual(['50']);
    expect(milestonesDue('2026-03-02', '2026-03-17', '2026-03-14')).toEqual(['50', '80']);
    expect(milestonesDue('2026-03-02', '2026-03-17', '2026-03-18')).toEqual(['50', '80', 'overdue']);
    expect(milestoneDay('2026-03-02', '2026-03-17', 0.5)).toBe('2026-03-10');
    expect(milestoneDay('2026-03-02', '2026-03-17', 0.8)).toBe('2026-03-14');
    expect(elapsedShare('2026-03-02', '2026-03-17', '2026-03-17')).toBe(1);
  });
  it('colours a complaint by where it stands', () => {
    const c = { status: 'investigating' as const, acceptedOn: '2026-03-02', dueOn: '2026-03-17', decidedOn: null };
    expect(deadlineState({ ...c, today: '2026-03-03' })).toBe('ok');
    expect(deadlineState({ ...c, today: '2026-03-10' })).toBe('warn50');
    expect(deadlineState({ ...c, today: '2026-03-15' })).toBe('warn80');
    expect(deadlineState({ ...c, today: '2026-03-18' })).toBe('overdue');
    expect(deadlineState({ ...c, status: 'decided', decidedOn: '2026-03-17', today: '2026-03-20' })).toBe('met');
    expect(deadlineState({ ...c, status: 'decided', decidedOn: '2026-03-18', today: '2026-03-20' })).toBe('late');
    expect(deadlineState({ ...c, status: 'withdrawn', today: '2026-03-20' })).toBe('ended');
  });
});
