import { describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/access';
import { allowedActions, canActAs } from './complaints.access';

const who = (staffId: number, permissions: Principal['permissions']) =>
  ({ staffId, branchId: 4, branchPath: '/1/4/', permissions }) as unknown as Principal;
const c = { branchId: 4, branchPath: '/1/4/', handlerStaffId: 20, aboutStaffIds: [30], status: 'investigating' as const, callbackAt: null };

describe('who may act on a complaint', () => {
  it('lets a handler with an own grant act only on the complaints assigned to them', () => {
    expect(canActAs(who(20, { 'complaints.handle': 'own' }), 'complaints.handle', c)).toBe(true);
    expect(canActAs(who(21, { 'complaints.handle': 'own' }), 'complaints.handle', c)).toBe(false);
  });
  it('lets a branch head act on their sub-tree, not on another branch', () => {
    expect(canActAs(who(1, { 'complaints.handle': 'subtree' }), 'complaints.handle', c)).toBe(true);
    expect(canActAs(who(1, { 'complaints.handle': 'subtree' }), 'complaints.handle', { ...c, branchPath: '/1/5/', branchId: 5 })).toBe(false);
  });
  it('never lets a staff member named in the complaint act on it (recusal)', () => {
    expect(canActAs(who(30, { 'complaints.handle': 'bank', 'complaints.manage': 'bank' }), 'complaints.manage', c)).toBe(false);
    expect(allowedActions(who(30, { 'complaints.handle': 'bank', 'complaints.manage': 'bank' }), c)).toEqual(['attach']);
  });
  it('offers the next steps of the state', () => {
    expect(allowedActions(who(20, { 'complaints.handle': 'own' }), c)).toEqual(['propose', 'withdraw', 'extend', 'attach']);
  });
});
