import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from './db';
import { startTestApp, type TestApp } from './testing';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(inject('template'));
});
afterAll(async () => t?.close());

describe('scheduled jobs', () => {
  it('sends each certificate expiry reminder once, to the holder and the branch leaders', async () => {
    const wrm = await t.login('wrm');
    const bhead = await t.login('bhead');
    const first = await t.app.ctx.jobs.runNow('certificate-reminders');
    expect(first).toMatchObject({ ran: true, status: 'done' });
    if (!first.ran) throw new Error('the job did not run');
    const detail = first.detail as { reminders: number; notifications: number };
    expect(detail.reminders).toBeGreaterThan(0);
    expect(detail.notifications).toBeGreaterThanOrEqual(detail.reminders);
    // The seed gives the demo wealth RM a fund certificate expiring in 30 days.
    const mine = (await wrm.get('/api/notifications')).json().items as { kind: string; link: string }[];
    expect(mine.some((n) => n.kind === 'certificate_expiry')).toBe(true);
    const heads = (await bhead.get('/api/notifications')).json().items as { kind: string }[];
    expect(heads.filter((n) => n.kind === 'certificate_expiry').length).toBeGreaterThanOrEqual(1);
    const second = await t.app.ctx.jobs.runNow('certificate-reminders');
    expect(second).toMatchObject({ ran: true, detail: { reminders: 0, notifications: 0 } });
  });

  it('lets one instance run a job at a time, and takes over a lease left by a dead instance', async () => {
    await sql`insert into job_runs (job, instance, lease_until) values ('purge-sessions', 'other-host:1', now() + interval '10 minutes')`.execute(t.handle.db);
    expect(await t.app.ctx.jobs.runNow('purge-sessions')).toEqual({ ran: false, reason: 'busy' });
    await sql`update job_runs set lease_until = now() - interval '1 minute' where instance = 'other-host:1'`.execute(t.handle.db);
    expect(await t.app.ctx.jobs.runNow('purge-sessions')).toMatchObject({ ran: true, status: 'done' });
    const dead = await t.handle.db.selectFrom('job_runs').select(['status']).where('instance', '=', 'other-host:1').executeTakeFirstOrThrow();
    expect(dead.status).toBe('failed');
  });

  it('two instances firing at once: exactly one runs', async () => {
    t.app.ctx.jobs.register({ name: 'test-slow', schedule: '0 0 1 1 *', run: () => new Promise((r) => setTimeout(() => r({ slept: true }), 400)) });
    const res = await Promise.all([t.app.ctx.jobs.runNow('test-slow'), t.app.ctx.jobs.runNow('test-slow')]);
    expect(res.filter((r) => r.ran)).toHaveLength(1);
    expect(res.filter((r) => !r.ran)).toEqual([{ ran: false, reason: 'busy' }]);
  });
  it('a failing job keeps the checkpoint it saved while working, beside the error', async () => {
    t.app.ctx.jobs.register({
      name: 'test-fails', schedule: '0 0 1 1 *',
      run: async () => {
        await sql`update job_runs set detail = detail || '{"lastId": 41}'::jsonb where job = 'test-fails' and status = 'running'`.execute(t.handle.db);
        throw new Error('disk full');
      },
    });
    const res = await t.app.ctx.jobs.runNow('test-fails');
    expect(res).toMatchObject({ ran: true, status: 'failed', detail: { error: 'disk full' } });
    const row = await t.handle.db.selectFrom('job_runs').select(['status', 'detail']).where('job', '=', 'test-fails').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', detail: { lastId: 41, error: 'disk full' } });
  });
});
