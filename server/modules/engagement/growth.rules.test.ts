import { describe, expect, it } from 'vitest';
import {
  addDays, canMoveReferral, canMoveStage, costPerAttendee, isOverdue, opportunityProblems, referrerRoleOf, segmentProblems, segmentSpec, shanghaiDay,
} from './growth.rules';

describe('referral status', () => {
  it('moves forward, lets "not interested" be reopened, and keeps a conversion final', () => {
    expect(canMoveReferral('new', 'contacted')).toBe(true);
    expect(canMoveReferral('new', 'converted')).toBe(true);
    expect(canMoveReferral('contacted', 'not_interested')).toBe(true);
    expect(canMoveReferral('not_interested', 'contacted')).toBe(true);
    expect(canMoveReferral('contacted', 'contacted')).toBe(false);
    expect(canMoveReferral('converted', 'contacted')).toBe(false);
    expect(canMoveReferral('converted', 'not_interested')).toBe(false);
  });

  it('credits the referrer by role', () => {
    expect(referrerRoleOf(['cash_teller'])).toBe('cash_teller');
    expect(referrerRoleOf(['lobby_assistant'])).toBe('lobby_manager');
    expect(referrerRoleOf(['marketing_rm'])).toBe('rm');
    expect(referrerRoleOf(['branch_head'])).toBe('other');
  });
});

describe('pipeline rules', () => {
  it('keeps a won or lost opportunity closed; open stages move freely', () => {
    expect(canMoveStage('lead', 'proposal')).toBe(true);
    expect(canMoveStage('proposal', 'contacted')).toBe(true);
    expect(canMoveStage('proposal', 'won')).toBe(true);
    expect(canMoveStage('won', 'lead')).toBe(false);
    expect(canMoveStage('lost', 'proposal')).toBe(false);
    expect(canMoveStage('won', 'won')).toBe(true);
  });

  it('needs an amount from the proposal on, and a next step date not in the past when set', () => {
    const today = '2026-11-29';
    expect(opportunityProblems({ stage: 'lead', expectedAmount: null, nextStepOn: null }, today, true)).toEqual([]);
    expect(opportunityProblems({ stage: 'proposal', expectedAmount: null, nextStepOn: null }, today, true).map((p) => p.path)).toEqual(['expectedAmount']);
    expect(opportunityProblems({ stage: 'won', expectedAmount: '0', nextStepOn: null }, today, true).map((p) => p.path)).toEqual(['expectedAmount']);
    expect(opportunityProblems({ stage: 'won', expectedAmount: '500000.00', nextStepOn: null }, today, true)).toEqual([]);
    expect(opportunityProblems({ stage: 'contacted', expectedAmount: null, nextStepOn: '2026-11-28' }, today, true).map((p) => p.path)).toEqual(['nextStepOn']);
    // An old date that was not changed in this edit is not held against the RM.
    expect(opportunityProblems({ stage: 'contacted', expectedAmount: null, nextStepOn: '2026-11-28' }, today, false)).toEqual([]);
  });

  it('is overdue when an open opportunity’s next step date has passed', () => {
    expect(isOverdue({ stage: 'contacted', nextStepOn: '2026-11-28' }, '2026-11-29')).toBe(true);
    expect(isOverdue({ stage: 'contacted', nextStepOn: '2026-11-29' }, '2026-11-29')).toBe(false);
    expect(isOverdue({ stage: 'won', nextStepOn: '2026-11-01' }, '2026-11-29')).toBe(false);
    expect(isOverdue({ stage: 'lead', nextStepOn: null }, '2026-11-29')).toBe(false);
  });
});

describe('segment filters', () => {
  const now = new Date('2026-11-29T04:00:00Z');

  it('turns the filters into a consent column, birth-date bounds and a last-contact instant', () => {
    const spec = segmentSpec({ consentChannel: 'sms', tierCodes: ['gold', 'gold', 'platinum'], ageMin: 30, ageMax: 59, noContactDays: 90, notHeldCategories: ['fund'] }, '2026-11-29', now);
    expect(spec.consentColumn).toBe('consent_sms');
    expect(spec.tierCodes).toEqual(['gold', 'platinum']);
    // 30 or older: born on or before 1996-11-29; 59 or younger: born after 1966-11-29.
    expect(spec.bornOnOrBefore).toBe('1996-11-29');
    expect(spec.bornAfter).toBe('1966-11-29');
    expect(spec.lastContactBefore).toBe('2026-08-31T04:00:00.000Z');
    expect(spec.notHeld).toEqual(['fund']);
    expect(spec.held).toEqual([]);
    expect(spec.aumMin).toBeNull();
  });

  it('takes 29 February back to 28 February in a common year', () => {
    expect(segmentSpec({ consentChannel: 'phone', ageMin: 1 }, '2028-02-29', now).bornOnOrBefore).toBe('2027-02-28');
  });

  it('leaves out what was not asked', () => {
    const spec = segmentSpec({ consentChannel: 'wechat' }, '2026-11-29', now);
    expect(spec).toMatchObject({ tierCodes: [], riskLevels: [], branchIds: [], bornOnOrBefore: null, bornAfter: null, lastContactBefore: null });
  });

  it('refuses crossed ranges and a category both held and not held', () => {
    expect(segmentProblems({ consentChannel: 'sms', aumMin: '500000', aumMax: '50000' }).map((p) => p.path)).toEqual(['filters.aumMin']);
    expect(segmentProblems({ consentChannel: 'sms', aumMin: '50000.50', aumMax: '50000.50' })).toEqual([]);
    expect(segmentProblems({ consentChannel: 'sms', ageMin: 60, ageMax: 30 }).map((p) => p.path)).toEqual(['filters.ageMin']);
    expect(segmentProblems({ consentChannel: 'sms', heldCategories: ['fund', 'wealth'], notHeldCategories: ['insurance', 'fund'] }).map((p) => p.path)).toEqual(['filters.notHeldCategories']);
  });
});

describe('care event figures and dates', () => {
  it('divides the cost among attendees in cents', () => {
    expect(costPerAttendee('10000.00', 0)).toBeNull();
    expect(costPerAttendee('10000.00', 3)).toBe('3333.33');
    expect(costPerAttendee('0.10', 4)).toBe('0.03');
    expect(costPerAttendee('8800', 8)).toBe('1100.00');
  });

  it('adds days across a month end and gives the Shanghai day', () => {
    expect(addDays('2026-11-29', 3)).toBe('2026-12-02');
    expect(shanghaiDay(new Date('2026-11-28T16:30:00Z'))).toBe('2026-11-29');
  });
});
