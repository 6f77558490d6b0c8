import { describe, expect, it } from 'vitest';
import { mobileProblem } from '../../contracts/personal-data';
import { canBeParent } from '../modules/org/org.rules';
import { daysBetween } from './dates';
import { DEMO_ACCOUNTS, DEMO_BRANCH_CODES, generateOrg } from './org.seed';
import { createRng } from './random';
import { CERTIFICATE_TYPES, GRADE_LADDER, defaultRolePermissionRows } from './reference-data';

const TODAY = '2026-11-28';
const plan = generateOrg({ seed: 42, today: TODAY });

describe('seeded random numbers', () => {
  it('repeat for the same seed and differ for another', () => {
    const a = createRng(1);
    const b = createRng(1);
    const c = createRng(2);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('reference data', () => {
  it('is the seed’s grade ladder: six grades, 40 steps', () => {
    expect(GRADE_LADDER.map((g) => [g.code, g.nameZh, g.rank, g.steps])).toEqual([
      ['trainee', '见习', 1, 6], ['assistant', '助理', 2, 4], ['intermediate', '中级', 3, 6],
      ['senior', '高级', 4, 7], ['principal', '资深', 5, 9], ['chief', '首席', 6, 8],
    ]);
    expect(GRADE_LADDER.reduce((s, g) => s + g.steps, 0)).toBe(40);
    expect(CERTIFICATE_TYPES.map((c) => c.code)).toEqual(expect.arrayContaining(['fund', 'insurance', 'afp', 'cfp', 'precious_metals', 'securities', 'banking']));
    expect(defaultRolePermissionRows()).toContainEqual({ role: 'hq_admin', permission: 'org.import', scope: 'bank' });
  });
});

describe('the demo bank generator', () => {
  it('gives the same bank for the same seed and another bank for another seed', () => {
    expect(generateOrg({ seed: 42, today: TODAY })).toEqual(plan);
    const other = generateOrg({ seed: 43, today: TODAY });
    expect(other.staff.map((s) => s.name)).not.toEqual(plan.staff.map((s) => s.name));
    // The branch codes do not depend on the seed: fixtures and end-to-end tests rely on them.
    expect(other.branches.map((b) => b.code)).toEqual(plan.branches.map((b) => b.code));
  });

  it('builds head office, three branches and twelve outlets in a valid tree', () => {
    const byLevel = (l: string) => plan.branches.filter((b) => b.level === l);
    expect(byLevel('head_office').map((b) => b.code)).toEqual(['HO']);
    expect(byLevel('branch').map((b) => b.name)).toEqual(['北京分行', '上海分行', '广州分行']);
    expect(byLevel('sub_branch').length + byLevel('outlet').length).toBe(12);
    expect(byLevel('outlet').length).toBeGreaterThan(0);
    const codes = new Map(plan.branches.map((b) => [b.code, b]));
    for (const b of plan.branches) {
      if (!b.parentCode) continue;
      expect(canBeParent(codes.get(b.parentCode)!.level, b.level)).toBe(true);
    }
    expect(DEMO_BRANCH_CODES.units).toEqual(plan.branches.filter((b) => b.level === 'sub_branch' || b.level === 'outlet').map((b) => b.code));
    expect(codes.get(DEMO_BRANCH_CODES.demoOutlet)!.isWealthCentre).toBe(true);
  });

  it('staffs every outlet with a head, lobby, tellers and RMs, and RMs with grades', () => {
    expect(plan.staff).toHaveLength(300);
    const units = plan.branches.filter((b) => b.level === 'sub_branch' || b.level === 'outlet');
    for (const u of units) {
      const here = plan.staff.filter((s) => s.branchCode === u.code && s.status === 'active');
      const count = (role: string) => here.filter((s) => s.roles.includes(role as never)).length;
      expect(count('branch_head'), u.code).toBe(1);
      expect(count('wealth_centre_head'), u.code).toBe(u.isWealthCentre ? 1 : 0);
      expect(count('lobby_manager')).toBeGreaterThanOrEqual(1);
      expect(count('lobby_manager')).toBeLessThanOrEqual(2);
      expect(count('security_guard')).toBeGreaterThanOrEqual(1);
      expect(count('cash_teller')).toBeGreaterThanOrEqual(2);
      expect(count('noncash_teller')).toBeGreaterThanOrEqual(2);
      expect(count('wealth_rm')).toBeGreaterThanOrEqual(3);
      expect(count('wealth_rm')).toBeLessThanOrEqual(8);
      expect(count('marketing_rm')).toBeGreaterThanOrEqual(1);
      expect(count('marketing_rm')).toBeLessThanOrEqual(3);
    }
    const ho = plan.staff.filter((s) => s.branchCode === 'HO');
    expect(ho.some((s) => s.roles.includes('hq_admin'))).toBe(true);
    expect(ho.some((s) => s.roles.includes('auditor'))).toBe(true);
    for (const s of plan.staff) {
      expect(mobileProblem(s.mobile), s.mobile).toBeNull();
      expect(s.email).toMatch(/^[a-z]+\.[a-z]+\d*@/);
      expect(s.name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
      expect(s.hiredOn < TODAY).toBe(true);
      const isRm = s.roles.includes('wealth_rm') || s.roles.includes('marketing_rm');
      expect(s.sequence === 'rm').toBe(isRm);
      expect(s.gradeCode !== null).toBe(isRm);
      if (s.gradeCode) expect(s.gradeStep).toBeLessThanOrEqual(GRADE_LADDER.find((g) => g.code === s.gradeCode)!.steps);
    }
    expect(new Set(plan.staff.map((s) => s.staffNo)).size).toBe(300);
    expect(new Set(plan.staff.map((s) => s.mobile)).size).toBe(300);
    const statuses = new Set(plan.staff.map((s) => s.status));
    expect(statuses).toEqual(new Set(['active', 'on_leave', 'departed']));
    expect(plan.staff.filter((s) => s.status === 'active').length).toBeGreaterThan(250);
  });

  it('keeps grade history consistent with the current grade', () => {
    const rms = plan.staff.filter((s) => s.gradeCode);
    for (const s of rms) {
      const h = plan.gradeHistory.filter((g) => g.staffNo === s.staffNo);
      expect(h.length).toBeGreaterThanOrEqual(1);
      expect(h.length).toBeLessThanOrEqual(4);
      const last = h[h.length - 1];
      expect([last.gradeCode, last.step]).toEqual([s.gradeCode, s.gradeStep]);
      expect(h[0].effectiveOn >= s.hiredOn).toBe(true);
      expect(last.effectiveOn <= TODAY).toBe(true);
      expect(h.every((g) => g.approvedByStaffNo !== null)).toBe(true);
    }
    expect(plan.qualifications.length).toBeGreaterThan(rms.length * 0.7);
  });

  it('has certificates expiring within 60 days and a few lapsed ones', () => {
    const days = plan.certificates.filter((c) => c.expiresOn).map((c) => daysBetween(TODAY, c.expiresOn!));
    expect(days.filter((d) => d >= 0 && d <= 60).length).toBeGreaterThan(5);
    expect(days.filter((d) => d < 0).length).toBeGreaterThan(2);
    expect(plan.certificates.every((c) => !c.expiresOn || c.expiresOn > c.issuedOn)).toBe(true);
    const numbers = plan.certificates.map((c) => `${c.typeCode}/${c.number}`);
    expect(new Set(numbers).size).toBe(numbers.length);
    const wrm = plan.demoAccounts.find((d) => d.username === 'wrm')!;
    expect(plan.certificates.some((c) => c.staffNo === wrm.staffNo && c.expiresOn === '2026-12-28')).toBe(true);
  });

  it('gives every staff member a user and each demo account a staff row of its role', () => {
    expect(plan.users).toHaveLength(plan.staff.length);
    expect(new Set(plan.users.map((u) => u.username)).size).toBe(plan.users.length);
    expect(plan.demoAccounts.map((d) => d.username)).toEqual(DEMO_ACCOUNTS.map((d) => d.username));
    const staff = new Map(plan.staff.map((s) => [s.staffNo, s]));
    for (const d of plan.demoAccounts) {
      const s = staff.get(d.staffNo)!;
      expect(s.roles).toContain(d.role);
      expect(s.status).toBe('active');
      const u = plan.users.find((x) => x.staffNo === d.staffNo)!;
      expect(u).toMatchObject({ username: d.username, mustChangePassword: false });
    }
    const demo = (name: string) => plan.demoAccounts.find((d) => d.username === name)!;
    expect(demo('bhead').branchCode).toBe(demo('wrm').branchCode);
    expect(demo('bhead2').branchCode).not.toBe(demo('bhead').branchCode);
    const other = plan.users.find((u) => !plan.demoAccounts.some((d) => d.staffNo === u.staffNo))!;
    expect(other).toMatchObject({ username: other.staffNo.toLowerCase(), mustChangePassword: true });
  });

  it('scales to other sizes', () => {
    const big = generateOrg({ seed: 1, today: TODAY, branches: 14, outletsPerBranch: 6, staff: 2000 });
    expect(big.branches).toHaveLength(1 + 14 + 14 * 6);
    expect(big.staff).toHaveLength(2000);
    expect(new Set(big.branches.map((b) => b.code)).size).toBe(big.branches.length);
    const tiny = generateOrg({ seed: 1, today: TODAY, branches: 1, outletsPerBranch: 2, staff: 10 });
    expect(tiny.demoAccounts.find((d) => d.username === 'bhead2')!.branchCode).toBe('BJ02');
  });
});
