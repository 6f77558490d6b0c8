import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../platform/testing';

let t: TestApp;
let admin: Client;
let ho: { id: number; code: string };
beforeAll(async () => {
  t = await startTestApp(inject('template'));
  admin = await t.login('admin');
  ho = (await admin.get('/api/branches')).json().find((b: { level: string }) => b.level === 'head_office');
});
afterAll(async () => t?.close());

const count = async (table: 'branches' | 'staff' | 'staff_grade_history' | 'certificates') =>
  Number((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('branch tree', () => {
  it('creates, renames, moves a sub-tree and closes a branch keeping its history', async () => {
    const a = await admin.post('/api/branches', { code: 'T-BR1', name: '测试一分行', level: 'branch', parentCode: ho.code });
    const b = await admin.post('/api/branches', { code: 'T-BR2', name: '测试二分行', level: 'branch', parentCode: ho.code });
    const sub = await admin.post('/api/branches', { code: 'T-SUB', name: '测试支行', level: 'sub_branch', parentCode: 'T-BR1' });
    const out = await admin.post('/api/branches', { code: 'T-OUT', name: '测试网点', level: 'outlet', parentCode: 'T-SUB', isWealthCentre: true });
    expect([a, b, sub, out].map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    expect((await admin.patch(`/api/branches/${sub.json().id}`, { name: '测试支行（新）' })).statusCode).toBe(200);
    expect((await admin.post(`/api/branches/${sub.json().id}/move`, { parentCode: 'T-BR2' })).statusCode).toBe(200);
    const tree = (await admin.get('/api/branches')).json() as { id: number; parentId: number; name: string; code: string; status: string }[];
    expect(tree.find((x) => x.code === 'T-SUB')).toMatchObject({ parentId: b.json().id, name: '测试支行（新）' });
    const paths = await t.handle.db.selectFrom('branches').select(['code', 'path']).where('code', 'in', ['T-BR2', 'T-SUB', 'T-OUT']).execute();
    const p = Object.fromEntries(paths.map((r) => [r.code, r.path]));
    expect(p['T-OUT'].startsWith(p['T-SUB'])).toBe(true);
    expect(p['T-SUB'].startsWith(p['T-BR2'])).toBe(true);
    // Cannot close a branch with open children; close from the leaf up.
    const refused = await admin.post(`/api/branches/${sub.json().id}/close`, { closedOn: '2026-12-31', reason: '网点撤并' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('BRANCH_NOT_EMPTY');
    expect((await admin.post(`/api/branches/${out.json().id}/close`, { closedOn: '2026-12-31', reason: '网点撤并' })).statusCode).toBe(200);
    const closed = (await admin.get('/api/branches')).json().find((x: { code: string }) => x.code === 'T-OUT');
    expect(closed).toMatchObject({ status: 'closed', closedOn: '2026-12-31' });
  });

  it('refuses a move under its own sub-tree, an upside-down level and a duplicate code, writing nothing', async () => {
    const before = await count('branches');
    const br1 = (await admin.get('/api/branches')).json().find((x: { code: string }) => x.code === 'T-BR2');
    const cyc = await admin.post(`/api/branches/${br1.id}/move`, { parentCode: 'T-SUB' });
    expect(cyc.statusCode).toBe(400);
    const bad = await admin.post('/api/branches', { code: 'T-X', name: '错层级', level: 'branch', parentCode: 'T-SUB' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.zh).toContain('上级');
    const dup = await admin.post('/api/branches', { code: 'T-BR1', name: '重复', level: 'branch', parentCode: ho.code });
    expect(dup.statusCode).toBe(409);
    const malformed = await admin.post('/api/branches', { code: '!', name: 'x', level: 'planet' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['code', 'name', 'level']));
    expect(await count('branches')).toBe(before);
  });

  it('two admins creating the same code at once: exactly one wins', async () => {
    const other = await t.login('admin');
    const body = { code: 'T-RACE', name: '并发分行', level: 'branch', parentCode: ho.code };
    const res = await Promise.all([admin.post('/api/branches', body), other.post('/api/branches', body)]);
    expect(res.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });
});

describe('staff', () => {
  it('creates a staff member with roles and an initial grade, and refuses bad input without writing', async () => {
    const before = await count('staff');
    const bad = await admin.post('/api/staff', { staffNo: 'S1', name: '', gender: 'X', branchCode: 'NOPE', sequence: 'rm', roles: [] });
    expect(bad.statusCode).toBe(400);
    const badMobile = await admin.post('/api/staff', { staffNo: 'T00001', name: '李测试', gender: 'M', branchCode: 'T-BR1', sequence: 'rm', roles: ['wealth_rm'], mobile: '12345' });
    expect(badMobile.statusCode).toBe(400);
    expect(badMobile.json().error.zh).toContain('手机号');
    const badStep = await admin.post('/api/staff', { staffNo: 'T00001', name: '李测试', gender: 'M', branchCode: 'T-BR1', sequence: 'rm', roles: ['wealth_rm'], gradeCode: 'assistant', gradeStep: 5 });
    expect(badStep.statusCode).toBe(400);
    expect(badStep.json().error.code).toBe('BAD_STEP');
    expect(await count('staff')).toBe(before);
    const ok = await admin.post('/api/staff', { staffNo: 'T00001', name: '李测试', gender: 'M', branchCode: 'T-BR1', sequence: 'rm', roles: ['wealth_rm'], mobile: '13912345678', gradeCode: 'trainee', gradeStep: 1, hiredOn: '2026-01-05' });
    expect(ok.statusCode).toBe(201);
    const dup = await admin.post('/api/staff', { staffNo: 'T00001', name: '重复', gender: 'M', branchCode: 'T-BR1', sequence: 'rm', roles: ['wealth_rm'] });
    expect(dup.statusCode).toBe(409);
    const detail = (await admin.get(`/api/staff/${ok.json().id}`)).json();
    expect(detail).toMatchObject({ staffNo: 'T00001', roles: ['wealth_rm'], gradeCode: 'trainee', gradeStep: 1, mobile: '13912345678' });
    expect(detail.gradeHistory).toHaveLength(1);
  });

  it('changes a grade with history, approver and reason; the step must exist', async () => {
    const id = (await admin.get('/api/staff?q=T00001')).json().items[0].id;
    const bad = await admin.post(`/api/staff/${id}/grade`, { gradeCode: 'senior', step: 8, effectiveOn: '2026-06-01', reason: '晋升' });
    expect(bad.statusCode).toBe(400);
    const ok = await admin.post(`/api/staff/${id}/grade`, { gradeCode: 'assistant', step: 2, effectiveOn: '2026-06-01', reason: '年度考核优秀晋升' });
    expect(ok.statusCode).toBe(200);
    const d = (await admin.get(`/api/staff/${id}`)).json();
    expect(d).toMatchObject({ gradeCode: 'assistant', gradeStep: 2 });
    expect(d.gradeHistory[0]).toMatchObject({ gradeCode: 'assistant', step: 2, reason: '年度考核优秀晋升', effectiveOn: '2026-06-01' });
    expect(d.gradeHistory[0].approvedByName).toBeTruthy();
    // A grade that takes effect later is recorded but the current grade stays until then.
    await admin.post(`/api/staff/${id}/grade`, { gradeCode: 'intermediate', step: 1, effectiveOn: '2099-01-01', reason: '预定晋升' });
    expect((await admin.get(`/api/staff/${id}`)).json()).toMatchObject({ gradeCode: 'assistant', gradeStep: 2 });
  });

  it('records certificates and lists those expiring within 60 days', async () => {
    const id = (await admin.get('/api/staff?q=T00001')).json().items[0].id;
    const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const later = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
    expect((await admin.post(`/api/staff/${id}/certificates`, { typeCode: 'fund', number: 'F-T-1', issuedOn: '2024-01-01', expiresOn: soon })).statusCode).toBe(201);
    expect((await admin.post(`/api/staff/${id}/certificates`, { typeCode: 'afp', number: 'A-T-1', issuedOn: '2024-01-01', expiresOn: later })).statusCode).toBe(201);
    const backwards = await admin.post(`/api/staff/${id}/certificates`, { typeCode: 'cfp', number: 'C-T-1', issuedOn: '2024-01-01', expiresOn: '2023-01-01' });
    expect(backwards.statusCode).toBe(400);
    const expiring = (await admin.get('/api/certificates/expiring?days=60')).json() as { number: string; expiresOn: string }[];
    expect(expiring.map((c) => c.number)).toContain('F-T-1');
    expect(expiring.map((c) => c.number)).not.toContain('A-T-1');
    const horizon = new Date(Date.now() + 61 * 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(expiring.every((c) => c.expiresOn >= yesterday && c.expiresOn <= horizon)).toBe(true);
  });

  it('records the five appointment conditions', async () => {
    const id = (await admin.get('/api/staff?q=T00001')).json().items[0].id;
    const res = await admin.post(`/api/staff/${id}/qualification`, { ethics: true, knowledge: true, experience: false, health: true, cleanRecord: true, notes: '需补充岗位经验', assessedOn: '2026-01-05' });
    expect(res.statusCode).toBe(200);
    expect((await admin.get(`/api/staff/${id}`)).json().qualification).toMatchObject({ experience: false, notes: '需补充岗位经验' });
  });

  it('filters the directory by branch sub-tree, role, grade and status', async () => {
    const all = (await admin.get('/api/staff?role=wealth_rm&pageSize=200')).json();
    expect(all.items.every((s: { roles: string[] }) => s.roles.includes('wealth_rm'))).toBe(true);
    const br = (await admin.get('/api/branches')).json().find((b: { level: string; code: string }) => b.level === 'branch' && !b.code.startsWith('T-'));
    const sub = (await admin.get(`/api/staff?branchId=${br.id}&includeSubtree=true&pageSize=200`)).json();
    const only = (await admin.get(`/api/staff?branchId=${br.id}&pageSize=200`)).json();
    expect(sub.total).toBeGreaterThan(only.total);
    const grade = (await admin.get('/api/staff?grade=assistant&pageSize=200')).json();
    expect(grade.items.every((s: { gradeCode: string }) => s.gradeCode === 'assistant')).toBe(true);
  });
});

describe('grade ladder', () => {
  it('is seeded with the 40 steps of the source and can be renamed; steps in use cannot vanish', async () => {
    const grades = (await admin.get('/api/grades')).json() as { id: number; code: string; nameZh: string; steps: number }[];
    expect(grades.map((g) => [g.nameZh, g.steps])).toEqual([['见习', 6], ['助理', 4], ['中级', 6], ['高级', 7], ['资深', 9], ['首席', 8]]);
    expect(grades.reduce((s, g) => s + g.steps, 0)).toBe(40);
    const assistant = grades.find((g) => g.code === 'assistant')!;
    expect((await admin.patch(`/api/grades/${assistant.id}`, { nameZh: '助理客户经理' })).statusCode).toBe(200);
    const shrink = await admin.patch(`/api/grades/${assistant.id}`, { steps: 1 });
    expect(shrink.statusCode).toBe(409);
    expect(shrink.json().error.code).toBe('STEPS_IN_USE');
  });
});
