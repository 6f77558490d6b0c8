import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../platform/testing';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp(inject('template'));
  admin = await t.login('admin');
});
afterAll(async () => t?.close());

const staffIdOf = async (c: Client, q: string) => (await c.get(`/api/staff?q=${q}`)).json().items[0].id as number;

describe('staff accounts', () => {
  it('opens an account with a one-time password that must be changed at first sign-in', async () => {
    const outlet = (await admin.get('/api/branches')).json().find((b: { level: string }) => b.level === 'outlet');
    const made = await admin.post('/api/staff', { staffNo: 'ACC0001', name: '开户员', gender: 'M', branchCode: outlet.code, sequence: 'counter', roles: ['noncash_teller'] });
    const id = made.json().id;
    expect((await admin.get(`/api/staff/${id}/account`)).json().account).toBeNull();
    const opened = await admin.post(`/api/staff/${id}/account`, { username: 'acc0001' });
    expect(opened.statusCode).toBe(201);
    const { temporaryPassword } = opened.json();
    const c = await t.login('acc0001', temporaryPassword);
    expect((await c.get('/api/me')).json().mustChangePassword).toBe(true);
    expect((await admin.post(`/api/staff/${id}/account`, { username: 'acc0001b' })).statusCode).toBe(409);
    const bad = await admin.post(`/api/staff/${id}/account`, { username: 'NO SPACES' });
    expect(bad.statusCode).toBe(400);
  });

  it('resets a password: old sessions end, the new one-time password works', async () => {
    const id = await staffIdOf(admin, 'ACC0001');
    const before = await t.login('acc0001', (await admin.post(`/api/staff/${id}/account/reset-password`, { reason: '员工遗忘密码' })).json().temporaryPassword);
    const reset = await admin.post(`/api/staff/${id}/account/reset-password`, { reason: '再次重置' });
    expect(reset.statusCode).toBe(200);
    expect((await before.get('/api/me')).statusCode).toBe(401);
    await t.login('acc0001', reset.json().temporaryPassword);
  });

  it('unlocks a locked account', async () => {
    for (let i = 0; i < 5; i++) await t.anonymous().post('/api/auth/login', { username: 'lassist', password: 'wrong' });
    expect((await t.anonymous().post('/api/auth/login', { username: 'lassist', password: 'Patron@2026' })).statusCode).toBe(423);
    const id = await staffIdOf(admin, (await t.handle.db.selectFrom('users').innerJoin('staff', 'staff.id', 'users.staff_id').select('staff.staff_no').where('username', '=', 'lassist').executeTakeFirstOrThrow()).staff_no);
    expect((await admin.get(`/api/staff/${id}/account`)).json().account.locked).toBe(true);
    expect((await admin.post(`/api/staff/${id}/account/unlock`)).statusCode).toBe(200);
    expect((await t.anonymous().post('/api/auth/login', { username: 'lassist', password: 'Patron@2026' })).statusCode).toBe(200);
  });

  it('a departure disables the account and ends its sessions at once', async () => {
    const id = await staffIdOf(admin, 'ACC0001');
    const password = (await admin.post(`/api/staff/${id}/account/reset-password`, { reason: '离职前' })).json().temporaryPassword;
    const c = await t.login('acc0001', password);
    expect((await admin.patch(`/api/staff/${id}`, { status: 'departed' })).statusCode).toBe(200);
    expect((await c.get('/api/me')).statusCode).toBe(401);
    const again = await t.anonymous().post('/api/auth/login', { username: 'acc0001', password });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('ACCOUNT_DISABLED');
    expect((await admin.get(`/api/staff/${id}/account`)).json().account.disabled).toBe(true);
  });

  it('is for head-office administrators only', async () => {
    const bhead = await t.login('bhead');
    const id = (await bhead.get('/api/staff?pageSize=1')).json().items[0].id;
    expect((await bhead.post(`/api/staff/${id}/account/reset-password`, { reason: '试图重置' })).statusCode).toBe(403);
    expect((await bhead.get(`/api/staff/${id}/account`)).statusCode).toBe(403);
  });
});
