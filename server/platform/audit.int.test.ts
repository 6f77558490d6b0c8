import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { sql } from './db';
import { startTestApp, type TestApp } from './testing';
import { verifyAuditChain } from './audit.repository';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(inject('template'));
});
afterAll(async () => t?.close());

const lastAudit = () => t.handle.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();

describe('audit trail', () => {
  it('records logins, failures and changes with who, where and what', async () => {
    await t.anonymous().post('/api/auth/login', { username: 'wrm', password: 'not-it' });
    const failed = await lastAudit();
    expect(failed).toMatchObject({ action: 'auth.login', outcome: 'failed', actor_username: 'wrm' });
    expect(failed.ip).toBeTruthy();
    const admin = await t.login('admin');
    expect(await lastAudit()).toMatchObject({ action: 'auth.login', outcome: 'ok', actor_username: 'admin' });
    const ho = (await admin.get('/api/branches')).json().find((b: { level: string }) => b.level === 'head_office');
    const res = await admin.post('/api/branches', { code: 'AUD01', name: '审计测试分行', level: 'branch', parentCode: ho.code });
    expect(res.statusCode).toBe(201);
    const row = await lastAudit();
    expect(row).toMatchObject({ action: 'branch.create', entity_type: 'branch', entity_id: String(res.json().id), actor_username: 'admin' });
    expect(row.request_id).toBeTruthy();
  });

  it("records a read of a colleague's full record, but not a masked view", async () => {
    const bhead = await t.login('bhead');
    const teller = (await bhead.get('/api/staff?role=cash_teller')).json().items[0];
    const full = await bhead.get(`/api/staff/${teller.id}`);
    expect(full.json().mobile).toMatch(/^1\d{10}$/);
    expect(await lastAudit()).toMatchObject({ action: 'staff.read', entity_id: String(teller.id), actor_username: 'bhead' });
    const wrm = await t.login('wrm');
    const masked = await wrm.get(`/api/staff/${teller.id}`);
    expect(masked.json().mobile).toContain('****');
    expect(await lastAudit()).toMatchObject({ action: 'auth.login', actor_username: 'wrm' });
  });

  it('refuses updates and deletes of audit rows', async () => {
    await expect(sql`update audit_log set action = 'x' where id = 1`.execute(t.handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where id = 1`.execute(t.handle.db)).rejects.toThrow(/append-only/);
  });

  it('lets auditors search and export, and audits the export', async () => {
    const auditor = await t.login('auditor');
    const page = (await auditor.get('/api/audit?action=branch.create&pageSize=5')).json();
    expect(page.total).toBeGreaterThanOrEqual(1);
    expect(page.items[0].action).toBe('branch.create');
    const file = await auditor.get('/api/audit/export?action=auth.login');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(await lastAudit()).toMatchObject({ action: 'audit.export', actor_username: 'auditor' });
    const admin = await t.login('admin');
    expect((await admin.get('/api/audit')).statusCode).toBe(403);
  });

  it('stays intact when many requests write audit rows at once', async () => {
    const admin = await t.login('admin');
    const ho = (await admin.get('/api/branches')).json().find((b: { level: string }) => b.level === 'head_office');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => admin.post('/api/branches', { code: `CC${String(i).padStart(2, '0')}`, name: `并发审计分行${i}`, level: 'branch', parentCode: ho.code })),
    );
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const res = await verifyAuditChain(t.handle.db);
    expect(res.firstBreak).toBeNull();
  });

  it('verifies the hash chain and finds the first altered or removed row', async () => {
    const ok = await verifyAuditChain(t.handle.db);
    expect(ok.firstBreak).toBeNull();
    expect(ok.rows).toBeGreaterThan(3);
    const ids = (await t.handle.db.selectFrom('audit_log').select('id').orderBy('chain_seq').execute()).map((r) => r.id);
    // Someone with superuser rights bypasses the guard and edits a row, then deletes another.
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(t.handle.db);
    await sql`update audit_log set reason = 'covered up' where id = ${ids[2]}`.execute(t.handle.db);
    const altered = await verifyAuditChain(t.handle.db);
    expect(altered.firstBreak).toEqual({ id: ids[2], problem: 'altered' });
    await sql`update audit_log set reason = null where id = ${ids[2]}`.execute(t.handle.db);
    expect((await verifyAuditChain(t.handle.db)).firstBreak).toBeNull();
    await sql`delete from audit_log where id = ${ids[1]}`.execute(t.handle.db);
    const removed = await verifyAuditChain(t.handle.db);
    expect(removed.firstBreak).toEqual({ id: ids[2], problem: 'missing-before' });
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(t.handle.db);
  });
});
