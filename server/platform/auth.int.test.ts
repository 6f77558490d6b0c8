import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type TestApp } from './testing';
import { createUser } from '../modules/org/org-auth.service';
import { systemActor } from './audit';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(inject('template'));
});
afterAll(async () => t?.close());

const login = (username: string, password: string) => t.anonymous().post('/api/auth/login', { username, password });

describe('sign-in', () => {
  it('sets an HttpOnly SameSite=Lax session cookie and answers /api/me', async () => {
    const res = await login('wrm', 'Patron@2026');
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/patron_sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await t.anonymous().request({ method: 'GET', url: '/api/me', headers: { cookie: cookie.split(';')[0] } });
    expect(me.statusCode).toBe(200);
    expect(me.json().roles).toContain('wealth_rm');
    expect(me.json().permissions['admin.roles']).toBeUndefined();
  });

  it('refuses a wrong password with a bilingual message and counts down to the lockout', async () => {
    const res = await login('lassist', 'wrong-password');
    expect(res.statusCode).toBe(401);
    const err = res.json().error;
    expect(err.code).toBe('INVALID_CREDENTIALS');
    expect(err.zh).toContain('再错4次');
    expect(err.en).toContain('4 more');
  });

  it('locks the account for 15 minutes after five failures in a row, even for the right password', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await login('guard', `bad-${i}`)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 423]);
    const right = await login('guard', 'Patron@2026');
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(right.json().error.zh).toMatch(/1[45]分钟/);
    const row = await t.handle.db.selectFrom('users').select(['locked_until']).where('username', '=', 'guard').executeTakeFirstOrThrow();
    const minutes = (row.locked_until!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    // When the lock has run out the right password works again.
    await t.handle.db.updateTable('users').set({ locked_until: new Date(Date.now() - 1000) }).where('username', '=', 'guard').execute();
    expect((await login('guard', 'Patron@2026')).statusCode).toBe(200);
  });

  it('a success in between resets the run of failures', async () => {
    for (let i = 0; i < 4; i++) await login('cteller', 'bad');
    expect((await login('cteller', 'Patron@2026')).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login('cteller', 'bad')).statusCode).toBe(401);
  });

  it('answers an unknown user like a wrong password', async () => {
    const res = await login('nobody-here', 'whatever');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('rejects a malformed login body with 400 and field messages', async () => {
    const res = await t.anonymous().post('/api/auth/login', { username: '' });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['username', 'password']));
    expect(err.zh).toMatch(/用户名|密码/);
  });
});

describe('sessions', () => {
  it('ends at logout, and logout everywhere ends every session of the user', async () => {
    const a = await t.login('nteller');
    const b = await t.login('nteller');
    expect((await a.get('/api/me')).statusCode).toBe(200);
    const out = await a.post('/api/auth/logout-all');
    expect(out.statusCode).toBe(200);
    expect(out.json().sessions).toBe(2);
    expect((await a.get('/api/me')).statusCode).toBe(401);
    expect((await b.get('/api/me')).statusCode).toBe(401);
    const c = await t.login('nteller');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });

  it('expires after the absolute lifetime', async () => {
    const c = await t.login('lobby');
    await t.handle.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', (await c.get('/api/me')).json().userId).execute();
    t.app.ctx.sessions.forgetUser();
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });

  it('expires after the idle timeout', async () => {
    const idle = await startTestApp(inject('template'), { sessionIdleMinutes: 0.02 });
    try {
      const c = await idle.login('wchead');
      expect((await c.get('/api/me')).statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 1600));
      expect((await c.get('/api/me')).statusCode).toBe(401);
    } finally {
      await idle.close();
    }
  });

  it('refuses a state change from another site', async () => {
    const c = await t.login('admin');
    const res = await c.request({ method: 'POST', url: '/api/auth/logout', headers: { origin: 'http://evil.example', host: 'localhost:80' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('BAD_ORIGIN');
    expect((await c.get('/api/me')).statusCode).toBe(200);
  });
});

describe('first sign-in', () => {
  it('forces a password change, enforces the policy, then lets the user in', async () => {
    const admin = await t.login('admin');
    const outlet = (await admin.get('/api/branches')).json().find((b: { level: string }) => b.level === 'outlet');
    const made = await admin.post('/api/staff', { staffNo: 'NEW0001', name: '测试员', gender: 'F', branchCode: outlet.code, sequence: 'counter', roles: ['cash_teller'] });
    expect(made.statusCode).toBe(201);
    const staffNo = 'NEW0001';
    await createUser({ db: t.handle.db }, systemActor('test'), { username: 'newbie', staffNo, password: 'Initial#Pass1', mustChangePassword: true });
    const c = await t.login('newbie', 'Initial#Pass1');
    expect((await c.get('/api/me')).json().mustChangePassword).toBe(true);
    const blocked = await c.get('/api/branches');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await c.post('/api/auth/password', { currentPassword: 'Initial#Pass1', newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');
    const same = await c.post('/api/auth/password', { currentPassword: 'Initial#Pass1', newPassword: 'Initial#Pass1' });
    expect(same.statusCode).toBe(400);
    const wrong = await c.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'Better#Pass22' });
    expect(wrong.json().error.code).toBe('WRONG_CURRENT_PASSWORD');
    expect((await c.post('/api/auth/password', { currentPassword: 'Initial#Pass1', newPassword: 'Better#Pass22' })).statusCode).toBe(200);
    expect((await c.get('/api/branches')).statusCode).toBe(200);
    expect((await login('newbie', 'Initial#Pass1')).statusCode).toBe(401);
    expect((await login('newbie', 'Better#Pass22')).statusCode).toBe(200);
  });
});
