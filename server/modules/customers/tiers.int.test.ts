import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../app';
import { loadConfig } from '../../platform/env';
import { sql } from '../../platform/db';
import { openTestDatabase, DEMO_PASSWORD_FOR_TESTS } from '../../platform/testing';
import type { DbHandle } from '../../platform/db';
import { tierRoutes } from './tiers.routes';
import { tierJobs } from './tiers.jobs';
import { seedTierReferenceData } from './tiers.reference';
import { evaluateTiers, settleTierEvaluations } from './tiers.service';
import { addDays, addMonths, evaluateCustomer, monthStart, shanghaiToday, type TierRule } from './tiering';
import type { TierBasis, TierRunSummary } from '../../../contracts/tiers';

// The app as startTestApp builds it, plus this module's routes and job for as long as app.ts does
// not register them yet (then the checks below make this a no-op).
type Client = { get(url: string): Promise<Res>; post(url: string, body?: unknown): Promise<Res>; put(url: string, body?: unknown): Promise<Res> };
type Res = Awaited<ReturnType<FastifyInstance['inject']>>;
let app: FastifyInstance;
let handle: DbHandle;
let dispose: () => Promise<void>;

async function login(username: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD_FOR_TESTS } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const raw = res.headers['set-cookie'];
  const cookie = ((Array.isArray(raw) ? raw[0] : raw) ?? '').split(';')[0];
  const req = (opts: InjectOptions) => app.inject({ ...opts, headers: { cookie } });
  return {
    get: (url) => req({ method: 'GET', url }),
    post: (url, body) => req({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }) }),
    put: (url, body) => req({ method: 'PUT', url, payload: body as InjectOptions['payload'] }),
  };
}

const today = shanghaiToday();
const M0 = monthStart(today);
const ym = (m: string) => m.slice(0, 7);
let ctx: FastifyInstance['ctx'];
let admin: Client, wrm: Client, wrm2: Client, bhead: Client, bhead2: Client;
let wrmStaff: number, wrm2Staff: number, bheadStaff: number, outlet: number, outlet2: number;

const staffOf = async (username: string) =>
  (await handle.db.selectFrom('users').innerJoin('staff', 'staff.id', 'users.staff_id').select(['staff.id', 'staff.branch_id']).where('username', '=', username).executeTakeFirstOrThrow());

let seq = 0;
type Make = { tier?: string; m1?: string; m3?: string; m6?: string; rm?: number | null; branch?: number; monthsBelow?: number; counted?: string | null; status?: string; override?: { code: string; until: string } };
async function customer(m: Make = {}): Promise<number> {
  seq++;
  const r = await handle.db
    .insertInto('customers')
    .values({
      customer_no: `TT${String(seq).padStart(6, '0')}`, name: `测试客户${seq}`, branch_id: m.branch ?? outlet, rm_staff_id: m.rm === undefined ? wrmStaff : m.rm,
      tier_code: m.tier ?? 'mass', aum_m1: m.m1 ?? '0', aum_m3: m.m3 ?? '0', aum_m6: m.m6 ?? '0', months_below: m.monthsBelow ?? 0,
      below_counted_for: m.counted ?? null, status: m.status ?? 'active',
      override_tier_code: m.override?.code ?? null, override_until: m.override?.until ?? null, override_reason: m.override ? '测试' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
const ROW = ['id', 'tier_code', 'months_below', 'below_counted_for', 'tier_since', 'override_tier_code', 'override_until'] as const;
const row = (id: number) => handle.db.selectFrom('customers').select(ROW).where('id', '=', id).executeTakeFirstOrThrow();
const rowsOf = async (ids: number[]) => new Map((await handle.db.selectFrom('customers').select(ROW).where('id', 'in', ids).execute()).map((r) => [r.id, r]));
const historyOf = (ids: number[], runId?: number) => {
  let q = handle.db.selectFrom('tier_history').select(['customer_id', 'from_code', 'to_code', 'reason', 'basis_aum', 'threshold', 'run_id', 'changed_by', 'note']).where('customer_id', 'in', ids).orderBy('id');
  if (runId !== undefined) q = q.where('run_id', '=', runId);
  return q.execute();
};
const count = async (table: 'tier_history' | 'audit_log' | 'tiers' | 'customer_events' | 'notifications') =>
  Number((await handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
/** "Evaluate now" as the page does it: 202 with the running run, then the run's record once it is done. */
async function evaluateViaApi(c: Client): Promise<TierRunSummary> {
  const res = await c.post('/api/tiers/evaluate');
  expect(res.statusCode).toBe(202);
  const started = res.json() as { id: number; status: string };
  expect(started.status).toBe('running');
  await settleTierEvaluations();
  const run = (await c.get(`/api/tiers/runs/${started.id}`)).json() as { status: string; detail: Record<string, unknown> };
  expect(run.status).toBe('done');
  expect(run.detail.runId).toBe(started.id);
  return run.detail as TierRunSummary;
}
const tierNotes = async (c: Client) => ((await c.get('/api/notifications?limit=200')).json().items as { kind: string; title: string; body: string }[]).filter((n) => n.kind === 'tier_change');

beforeAll(async () => {
  const db = await openTestDatabase(inject('template'));
  handle = db.handle;
  dispose = db.dispose;
  app = await buildApp(loadConfig({ databaseUrl: null, dataDir: '/nonexistent', isTest: true, runJobs: false, webDist: '/nonexistent' }), { handle, skipMigrate: true, logger: false });
  if (!app.routeTable.some((r) => r.url === '/api/tiers')) tierRoutes(app, app.ctx);
  if (!app.ctx.jobs.list().some((j) => j.name === 'tiers')) for (const j of tierJobs) app.ctx.jobs.register(j);
  await app.ready();
  ctx = app.ctx;
  await seedTierReferenceData(handle.db);
  [admin, wrm, wrm2, bhead, bhead2] = await Promise.all(['admin', 'wrm', 'wrm2', 'bhead', 'bhead2'].map(login));
  const [a, b, h] = await Promise.all([staffOf('wrm'), staffOf('wrm2'), staffOf('bhead')]);
  [wrmStaff, outlet, wrm2Staff, outlet2, bheadStaff] = [a.id, a.branch_id, b.id, b.branch_id, h.id];
  // Whatever customers the demo seed brings are settled for this month first, so the API run's
  // figures below are those of the crafted customers alone.
  await evaluateTiers(ctx, null);
});
afterAll(async () => {
  await app?.close();
  await dispose?.();
});

describe('the ladder', () => {
  it('lists the default ladder to any signed-in user, money as strings; refuses strangers', async () => {
    await seedTierReferenceData(handle.db); // a second start changes nothing
    const res = await wrm.get('/api/tiers');
    expect(res.statusCode).toBe(200);
    expect(res.json().map((t: { code: string; minAum: string; rank: number }) => [t.code, t.minAum, t.rank])).toEqual([
      ['mass', '0.00', 0], ['gold', '50000.00', 1], ['platinum', '500000.00', 2], ['diamond', '2000000.00', 3], ['private', '6000000.00', 4],
    ]);
    expect((await app.inject({ method: 'GET', url: '/api/tiers' })).statusCode).toBe(401);
    expect((await wrm.get('/api/tiers/settings')).json()).toMatchObject({ basis: 'max_m1_m3', downgradeGraceMonths: 3 });
  });
});

describe('the evaluation', () => {
  const ids: Record<string, number> = {};
  let runId = 0;

  it('applies the rules through the API and records each change with its basis and threshold', async () => {
    ids.A = await customer({ tier: 'mass', m1: '60000' });
    ids.B = await customer({ tier: 'mass', m1: '100', m3: '2500000' });
    ids.C = await customer({ tier: 'platinum', m1: '100000', m3: '100000' });
    ids.D = await customer({ tier: 'gold', m1: '10000', monthsBelow: 2, counted: addMonths(M0, -1) });
    ids.E = await customer({ tier: 'diamond', m1: '7000000' });
    ids.F = await customer({ tier: 'gold', m3: '60000' });
    ids.G = await customer({ tier: 'mass', m1: '9000000', status: 'closed' });
    ids.H = await customer({ tier: 'mass', m1: '80000', rm: wrm2Staff, branch: outlet2 });
    const wrmBefore = (await tierNotes(wrm)).length;

    expect((await wrm.post('/api/tiers/evaluate')).statusCode).toBe(403);
    const s = await evaluateViaApi(admin);
    runId = s.runId;
    expect(s).toMatchObject({ month: M0, asOf: today, basis: 'max_m1_m3', graceMonths: 3, upgraded: 4, downgraded: 1, overridesExpired: 0, monthsBelowCounted: 2, rmsNotified: 2, resumedFrom: null });
    expect(s.unchanged).toBe(s.evaluated - 5);

    const rows = Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([k, id]) => [k, await row(id)])));
    expect(rows.A).toMatchObject({ tier_code: 'gold', months_below: 0, tier_since: today });
    expect(rows.B).toMatchObject({ tier_code: 'diamond', months_below: 0 });
    expect(rows.C).toMatchObject({ tier_code: 'platinum', months_below: 1, below_counted_for: M0, tier_since: null });
    expect(rows.D).toMatchObject({ tier_code: 'mass', months_below: 0, below_counted_for: M0 });
    expect(rows.E).toMatchObject({ tier_code: 'private' });
    expect(rows.F).toMatchObject({ tier_code: 'gold', months_below: 0 });
    expect(rows.G).toMatchObject({ tier_code: 'mass', months_below: 0 });
    expect(rows.H).toMatchObject({ tier_code: 'gold' });

    const h = (await historyOf(Object.values(ids))).sort((x, y) => x.customer_id - y.customer_id);
    expect(h.map((x) => [x.customer_id, x.from_code, x.to_code, x.reason, x.basis_aum, x.threshold, x.run_id])).toEqual([
      [ids.A, 'mass', 'gold', 'upgrade', '60000.00', '50000.00', runId],
      [ids.B, 'mass', 'diamond', 'upgrade', '2500000.00', '2000000.00', runId],
      [ids.D, 'gold', 'mass', 'downgrade', '10000.00', '50000.00', runId],
      [ids.E, 'diamond', 'private', 'upgrade', '7000000.00', '6000000.00', runId],
      [ids.H, 'mass', 'gold', 'upgrade', '80000.00', '50000.00', runId],
    ]);
    const events = await handle.db.selectFrom('customer_events').select(['customer_id', 'title', 'ref_type']).where('kind', '=', 'tier_change').where('customer_id', 'in', Object.values(ids)).execute();
    expect(events).toHaveLength(5);
    expect(events.find((e) => e.customer_id === ids.B)?.title).toBe('升级 Upgrade：普通 → 钻石 (Mass → Diamond)');

    // One summary per RM, not one per customer.
    const mine = await tierNotes(wrm);
    expect(mine.length).toBe(wrmBefore + 1);
    expect(mine[0].title).toContain('升级 3 位，降级 1 位');
    expect(mine[0].body).toContain('TT000001');
    expect(mine[0].body).not.toContain('测试客户1：'); // names are masked
    expect((await tierNotes(wrm2))[0].title).toContain('升级 1 位，降级 0 位');

    const runs = await admin.get('/api/tiers/runs');
    expect(runs.statusCode).toBe(200);
    expect(runs.json()[0]).toMatchObject({ id: runId, status: 'done', detail: { month: M0, upgraded: 4, downgraded: 1 } });
    expect((await wrm.get('/api/tiers/runs')).statusCode).toBe(403);
    const audited = await handle.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'tiers.evaluate').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audited.entity_id).toBe(String(runId));
  });

  it('a second run in the same month changes nothing', async () => {
    const before = { history: await count('tier_history'), events: await count('customer_events'), notes: (await tierNotes(wrm)).length };
    const s = await evaluateViaApi(admin);
    expect(s).toMatchObject({ upgraded: 0, downgraded: 0, overridesExpired: 0, monthsBelowCounted: 0, rmsNotified: 0 });
    expect(s.unchanged).toBe(s.evaluated);
    expect(await row(ids.C)).toMatchObject({ tier_code: 'platinum', months_below: 1 });
    expect({ history: await count('tier_history'), events: await count('customer_events'), notes: (await tierNotes(wrm)).length }).toEqual(before);
  });

  it('downgrades after the grace months, one month counted once, and resets when the basis is back', async () => {
    ids.J = await customer({ tier: 'gold', m1: '10000' });
    const M1 = addMonths(M0, 1);
    const M2 = addMonths(M0, 2);
    await evaluateTiers(ctx, null, { month: ym(M1) });
    await evaluateTiers(ctx, null, { month: ym(M1) });
    expect(await row(ids.C)).toMatchObject({ tier_code: 'platinum', months_below: 2, below_counted_for: M1 });
    expect(await row(ids.J)).toMatchObject({ tier_code: 'gold', months_below: 1 });
    await handle.db.updateTable('customers').set({ aum_m1: '70000' }).where('id', '=', ids.J).execute();
    const s = await evaluateTiers(ctx, null, { month: ym(M2) });
    expect(await row(ids.C)).toMatchObject({ tier_code: 'gold', months_below: 0, tier_since: `${ym(M2)}-01` });
    expect(await row(ids.J)).toMatchObject({ tier_code: 'gold', months_below: 0 });
    expect(await historyOf([ids.C], s.runId)).toMatchObject([{ from_code: 'platinum', to_code: 'gold', reason: 'downgrade', basis_aum: '100000.00', threshold: '500000.00' }]);
    // At gold the basis (100,000) is enough: nothing more happens.
    await evaluateTiers(ctx, null, { month: ym(addMonths(M0, 3)) });
    expect(await row(ids.C)).toMatchObject({ tier_code: 'gold', months_below: 0 });
  });

  it('follows the configured basis', async () => {
    const K = await customer({ tier: 'mass', m1: '1000', m3: '1000', m6: '600000' });
    expect((await wrm.put('/api/tiers/settings', { basis: 'm6', downgradeGraceMonths: 3 })).statusCode).toBe(403);
    expect((await admin.put('/api/tiers/settings', { basis: 'm6', downgradeGraceMonths: 25 })).statusCode).toBe(400);
    expect((await admin.put('/api/tiers/settings', { basis: 'm7', downgradeGraceMonths: 3 })).statusCode).toBe(400);
    const put = await admin.put('/api/tiers/settings', { basis: 'm6', downgradeGraceMonths: 3 });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ basis: 'm6', downgradeGraceMonths: 3, updatedByName: expect.any(String) });
    const s = await evaluateTiers(ctx, null, { month: ym(addMonths(M0, 3)) });
    expect(s.basis).toBe('m6');
    expect(await row(K)).toMatchObject({ tier_code: 'platinum' });
    expect(await historyOf([K])).toMatchObject([{ reason: 'upgrade', basis_aum: '600000.00', threshold: '500000.00' }]);
    await admin.put('/api/tiers/settings', { basis: 'max_m1_m3', downgradeGraceMonths: 3 });
  });

  it('refuses to start while another evaluation holds the lease', async () => {
    await sql`insert into job_runs (job, instance, lease_until) values ('tiers', 'other-host:1', now() + interval '10 minutes')`.execute(handle.db);
    const busy = await admin.post('/api/tiers/evaluate');
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.code).toBe('EVALUATION_RUNNING');
    await sql`update job_runs set lease_until = now() - interval '1 minute' where instance = 'other-host:1'`.execute(handle.db);
  });

  it('resumes after a crash where it stopped, never counting a month twice, and still tells the RM', async () => {
    const M4 = addMonths(M0, 4);
    const mrm = await login('mrm');
    const L1 = await customer({ tier: 'mass', m1: '55000', rm: (await staffOf('mrm')).id });
    const L2 = await customer({ tier: 'gold', m1: '0' });
    const L3 = await customer({ tier: 'gold', m1: '0' });
    const { min } = (await handle.db.selectFrom('customers').select((eb) => eb.fn.min('id').as('min')).where('status', '<>', 'closed').executeTakeFirstOrThrow()) as { min: number };
    let calls = 0;
    const crash = evaluateTiers(ctx, null, {
      month: ym(M4), batchSize: L2 - Number(min) + 1,
      onProgress: () => {
        if (++calls === 2) throw new Error('power cut');
      },
    });
    await expect(crash).rejects.toThrow('power cut');
    const failed = await handle.db.selectFrom('job_runs').select(['id', 'status', 'detail']).where('job', '=', 'tiers').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ status: 'failed', detail: { month: M4, lastId: L2, error: 'power cut' } });
    expect(await row(L1)).toMatchObject({ tier_code: 'gold' });
    expect(await row(L2)).toMatchObject({ months_below: 1, below_counted_for: M4 });
    expect(await row(L3)).toMatchObject({ months_below: 0, below_counted_for: null });

    expect(await tierNotes(mrm)).toHaveLength(0);
    const s = await evaluateTiers(ctx, null, { month: ym(M4) });
    expect(s.resumedFrom).toBe(failed.id);
    expect(s.upgraded).toBeGreaterThanOrEqual(1); // L1, counted by the crashed part
    expect(await row(L2)).toMatchObject({ months_below: 1 });
    expect(await row(L3)).toMatchObject({ months_below: 1, below_counted_for: M4 });
    const notes = await tierNotes(mrm);
    expect(notes).toHaveLength(1);
    expect(notes[0].title).toContain('升级 1 位');
    expect(notes[0].body).toContain(`TT${String(seq - 2).padStart(6, '0')}`);
    // And the scheduled job: same month, nothing left to do.
    const job = await ctx.jobs.runNow('tiers');
    expect(job).toMatchObject({ ran: true, status: 'done', detail: { month: M0, resumedFrom: null } });
  });
});

describe('manual overrides', () => {
  it('scope, self-approval, validation; the override wins until it expires, then the computed tier returns', async () => {
    const O = await customer({ tier: 'gold', m1: '60000' });
    const own = await customer({ tier: 'gold', m1: '60000', rm: bheadStaff });
    const until = addDays(today, 30);
    const body = { tierCode: 'diamond', until, reason: '战略客户维护' };
    expect((await wrm.post(`/api/customers/${O}/tier-override`, body)).statusCode).toBe(403);
    expect((await bhead2.post(`/api/customers/${O}/tier-override`, body)).statusCode).toBe(404);
    const self = await bhead.post(`/api/customers/${own}/tier-override`, body);
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('SELF_APPROVAL');
    const histBefore = await count('tier_history');
    expect((await bhead.post(`/api/customers/${O}/tier-override`, { ...body, until: addDays(today, -1) })).statusCode).toBe(400);
    expect((await bhead.post(`/api/customers/${O}/tier-override`, { ...body, until: addDays(today, 400) })).statusCode).toBe(400);
    expect((await bhead.post(`/api/customers/${O}/tier-override`, { ...body, tierCode: 'nope' })).json().error.code).toBe('UNKNOWN_TIER');
    expect((await bhead.post(`/api/customers/${O}/tier-override`, { ...body, extra: 1 })).statusCode).toBe(400);
    expect(await count('tier_history')).toBe(histBefore);

    const notesBefore = (await tierNotes(wrm)).length;
    const ok = await bhead.post(`/api/customers/${O}/tier-override`, body);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ customerId: O, tierCode: 'diamond', monthsBelow: 0, override: { tierCode: 'diamond', until, reason: '战略客户维护' } });
    expect(ok.json().history[0]).toMatchObject({ fromCode: 'gold', toCode: 'diamond', reason: 'override', basisAum: '60000.00', changedByName: expect.any(String) });
    expect((await historyOf([O]))[0]).toMatchObject({ changed_by: bheadStaff, run_id: null });
    const audited = await handle.db.selectFrom('audit_log').select(['customer_id', 'reason']).where('action', '=', 'tier.override').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audited).toEqual({ customer_id: O, reason: '战略客户维护' });
    expect((await tierNotes(wrm)).length).toBe(notesBefore + 1);
    expect((await wrm.get(`/api/customers/${O}/tier`)).json()).toMatchObject({ tierCode: 'diamond', override: { tierCode: 'diamond' } });

    // Valid through its last day, whatever the figures say.
    await evaluateTiers(ctx, null, { asOf: until });
    expect(await row(O)).toMatchObject({ tier_code: 'diamond', override_tier_code: 'diamond', months_below: 0 });
    const s = await evaluateTiers(ctx, null, { asOf: addDays(until, 1) });
    expect(s.overridesExpired).toBeGreaterThanOrEqual(1);
    expect(await row(O)).toMatchObject({ tier_code: 'gold', override_tier_code: null, override_until: null });
    expect((await historyOf([O], s.runId))).toMatchObject([{ from_code: 'diamond', to_code: 'gold', reason: 'override_expired', basis_aum: '60000.00', threshold: '50000.00' }]);
  });

  it('clears an override at once, back to the computed tier', async () => {
    const P = await customer({ tier: 'mass', m1: '600000' });
    const none = await bhead.post(`/api/customers/${P}/tier-override/clear`);
    expect(none.json().error.code, none.body).toBe('NO_OVERRIDE');
    await bhead.post(`/api/customers/${P}/tier-override`, { tierCode: 'gold', until: addDays(today, 10), reason: '客户申请' });
    expect((await bhead.post(`/api/customers/${P}/tier-override/clear`, { reason: 'x'.repeat(501) })).statusCode).toBe(400);
    const res = await bhead.post(`/api/customers/${P}/tier-override/clear`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ tierCode: 'platinum', override: null });
    expect(res.json().history[0]).toMatchObject({ fromCode: 'gold', toCode: 'platinum', reason: 'override_expired', threshold: '500000.00' });
    expect(res.json().history[0].note).toContain('人工解除');
    const again = await admin.post(`/api/customers/${P}/tier-override/clear`, { reason: '再次解除' });
    expect(again.statusCode).toBe(409);
  });
});

describe('changing the ladder', () => {
  it('refuses a non-rising ladder or one not starting at 0, writing nothing', async () => {
    const before = (await admin.get('/api/tiers')).json();
    const audits = await count('audit_log');
    const ladder = before.map((t: { code: string; nameZh: string; nameEn: string; minAum: string; color: string }) => ({ code: t.code, nameZh: t.nameZh, nameEn: t.nameEn, minAum: t.minAum, color: t.color }));
    expect((await wrm.put('/api/tiers', { tiers: ladder })).statusCode).toBe(403);
    const flat = await admin.put('/api/tiers', { tiers: ladder.map((t: { minAum: string }, i: number) => (i === 2 ? { ...t, minAum: '50000' } : t)) });
    expect(flat.statusCode).toBe(400);
    expect(flat.json().error).toMatchObject({ code: 'BAD_LADDER', fields: [{ path: 'tiers.2.minAum' }] });
    expect(flat.json().error.zh).toContain('必须高于');
    const start = await admin.put('/api/tiers', { tiers: ladder.map((t: { minAum: string }, i: number) => (i === 0 ? { ...t, minAum: '100' } : t)) });
    expect(start.statusCode).toBe(400);
    expect((await admin.put('/api/tiers', { tiers: [{ ...ladder[0], minAum: '1.234' }] })).statusCode).toBe(400);
    expect((await admin.put('/api/tiers', { tiers: [] })).statusCode).toBe(400);
    expect((await admin.get('/api/tiers')).json()).toEqual(before);
    expect(await count('audit_log')).toBe(audits);
  });

  it('adds, renames and removes tiers; a tier customers still hold cannot go', async () => {
    const before = (await admin.get('/api/tiers')).json() as { code: string; nameZh: string; nameEn: string; minAum: string; color: string }[];
    const base = before.map(({ code, nameZh, nameEn, minAum, color }) => ({ code, nameZh, nameEn, minAum, color }));
    const withWealth = [base[0], { ...base[1], nameZh: '金卡贵宾' }, { code: 'wealth', nameZh: '财富', nameEn: 'Wealth', minAum: '200000' }, ...base.slice(2)];
    const added = await admin.put('/api/tiers', { tiers: withWealth });
    expect(added.statusCode).toBe(200);
    expect(added.json().map((t: { code: string; rank: number }) => `${t.rank}:${t.code}`)).toEqual(['0:mass', '1:gold', '2:wealth', '3:platinum', '4:diamond', '5:private']);
    expect(added.json()[1].nameZh).toBe('金卡贵宾');
    expect(added.json()[2]).toMatchObject({ minAum: '200000.00', color: '#8c8c8c' });

    const noPrivate = await admin.put('/api/tiers', { tiers: withWealth.filter((t) => t.code !== 'private') });
    expect(noPrivate.statusCode).toBe(409);
    expect(noPrivate.json().error.code).toBe('TIER_IN_USE');
    expect(noPrivate.json().error.zh).toContain('私人银行');
    expect(noPrivate.json().error.en).toContain('Private banking');

    const back = await admin.put('/api/tiers', { tiers: base });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toEqual(before);
    expect(await handle.db.selectFrom('audit_log').select('id').where('action', '=', 'tiers.update').execute()).toHaveLength(2);
  });
});

describe('the SQL evaluation and the pure rules agree', () => {
  it('on a random crowd of customers', async () => {
    const ladder = (await admin.get('/api/tiers')).json() as TierRule[];
    const M = addMonths(M0, 8);
    const asOf = addDays(M, 9);
    const codes = ladder.map((t) => t.code);
    let s = 12345;
    const rnd = (n: number) => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return s % n;
    };
    const amounts = ['0', '49999.99', '50000', '50000.01', '120000', '499999.99', '500000', '1999999', '2000000', '5999999.99', '6000000', '80000000', '-10'];
    const made: { id: number; m: Make }[] = [];
    for (let i = 0; i < 160; i++) {
      const m: Make = {
        tier: codes[rnd(codes.length)], m1: amounts[rnd(amounts.length)], m3: amounts[rnd(amounts.length)], m6: amounts[rnd(amounts.length)],
        monthsBelow: rnd(5), counted: [null, addMonths(M, -1), M, addMonths(M, -3)][rnd(4)], status: rnd(10) === 0 ? 'closed' : 'active',
        override: rnd(5) === 0 ? { code: codes[rnd(codes.length)], until: [addDays(asOf, -1), asOf, addDays(asOf, 40)][rnd(3)] } : undefined,
      };
      made.push({ id: await customer(m), m });
    }
    const seen = new Map<string, number>();
    const ids = made.map((x) => x.id);
    for (const [basis, grace] of [['m3', 2], ['max_m1_m3', 0], ['m6', 3]] as [TierBasis, number][]) {
      await admin.put('/api/tiers/settings', { basis, downgradeGraceMonths: grace });
      const states = await rowsOf(ids);
      const run = await evaluateTiers(ctx, null, { month: ym(M), asOf });
      const hist = new Map((await historyOf(ids, run.runId)).map((h) => [h.customer_id, h]));
      const afters = await rowsOf(ids);
      for (const { id, m } of made) {
        const before = states.get(id)!;
        const after = afters.get(id)!;
        if (m.status === 'closed') {
          expect(after.tier_code).toBe(before.tier_code);
          continue;
        }
        const o = evaluateCustomer(
          { tierCode: before.tier_code, monthsBelow: before.months_below, belowCountedFor: before.below_counted_for, overrideTierCode: before.override_tier_code, overrideUntil: before.override_until, aum: { m1: m.m1!, m3: m.m3!, m6: m.m6! } },
          { ladder, basis, graceMonths: grace, month: M, asOf },
        );
        expect({ id, tier: after.tier_code, mb: after.months_below, counted: after.below_counted_for, override: after.override_tier_code !== null })
          .toEqual({ id, tier: o.tierCode, mb: o.monthsBelow, counted: o.belowCountedFor, override: before.override_tier_code !== null && !o.clearOverride });
        const h = hist.get(id);
        const kind = h?.reason ?? (after.months_below > before.months_below ? 'counted' : 'same');
        seen.set(kind, (seen.get(kind) ?? 0) + 1);
        expect(h ? { reason: h.reason, from: h.from_code, to: h.to_code, basisAum: h.basis_aum, threshold: h.threshold } : null).toEqual(o.change);
      }
    }
    // The crowd is varied enough to exercise every path.
    for (const kind of ['upgrade', 'downgrade', 'override', 'override_expired', 'counted', 'same']) expect(seen.get(kind), kind).toBeGreaterThan(0);
    await admin.put('/api/tiers/settings', { basis: 'max_m1_m3', downgradeGraceMonths: 3 });
  });
});
