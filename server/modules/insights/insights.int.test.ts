// Insights end to end on the seeded bank: train, score everyone, read scores within scope, turn
// the top scores into tasks for consenting customers only, refuse bad input.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { systemActor } from '../../platform/audit';
import { startTestApp, type Client, type TestApp } from '../../platform/testing';
import { PROTECTED_ATTRIBUTES } from './insights.features';
import { settleInsightRuns } from './insights.service';
import { trainModels } from './insights-training.service';

let t: TestApp;
let admin: Client, wrm: Client, bhead: Client, mrm: Client;
let wrmStaff: number;

const staffOf = async (username: string) =>
  t.handle.db.selectFrom('users').innerJoin('staff', 'staff.id', 'users.staff_id').select(['staff.id', 'staff.branch_id']).where('username', '=', username).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  [admin, wrm, bhead, mrm] = await Promise.all(['admin', 'wrm', 'bhead', 'mrm'].map((u) => t.login(u)));
  wrmStaff = Number((await staffOf('wrm')).id);
  // a quick model for two targets: every third customer, logistic regression
  await trainModels(t.app.ctx, systemActor('test'), null, null, { targets: ['time_deposit', 'wealth'], learner: 'logreg', everyNth: 5 });
  const run = await t.app.ctx.jobs.runNow('insights');
  if (!run.ran || run.status !== 'done') throw new Error(`scoring failed: ${JSON.stringify(run)}`);
}, 900_000);
afterAll(async () => {
  await settleInsightRuns();
  await t?.close();
});

describe('training and the registry', () => {
  it('registers one active model per target with metrics, never on protected attributes', async () => {
    const res = await admin.get('/api/insights/models');
    expect(res.statusCode).toBe(200);
    const models = res.json() as { target: string; status: string; features: string[]; cv: { auc: number; alift: number; top10: number } | null; calibration: unknown[] }[];
    expect(models.map((m) => m.target).sort()).toEqual(['time_deposit', 'wealth']);
    for (const m of models) {
      expect(m.status).toBe('active');
      expect(m.features.length).toBeGreaterThan(10);
      for (const p of PROTECTED_ATTRIBUTES) expect(m.features).not.toContain(p);
      expect(m.cv!.auc).toBeGreaterThan(0.6);
      expect(m.cv!.alift).toBeGreaterThan(0.5);
      expect(m.calibration.length).toBeGreaterThan(0);
    }
  });

  it('scores every customer who is not closed, with reasons; a second run shows no drift', async () => {
    const open = await t.handle.db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '<>', 'closed').executeTakeFirstOrThrow();
    const scored = await t.handle.db.selectFrom('insight_scores').select((eb) => eb.fn.countAll<string>().as('n')).where('target', '=', 'wealth').executeTakeFirstOrThrow();
    expect(Number(scored.n)).toBe(Number(open.n));
    const again = await t.app.ctx.jobs.runNow('insights');
    expect(again.ran && again.status).toBe('done');
    const models = (await admin.get('/api/insights/models')).json() as { id: number; target: string }[];
    const detail = (await admin.get(`/api/insights/models/${models[0].id}`)).json() as { drift: { psi: number | null }[]; histogram: number[] };
    expect(detail.drift.length).toBe(2);
    expect(detail.drift[0].psi).toBeCloseTo(0, 6);
    expect(detail.histogram.reduce((a, b) => a + b, 0)).toBe(Number(open.n));
  });
});

describe('scores within scope', () => {
  it("an RM sees only their own book's scores; another RM's customer is 404", async () => {
    const list = await wrm.get('/api/insights/scores?target=wealth&pageSize=50');
    expect(list.statusCode).toBe(200);
    const body = list.json() as { items: { customerId: number; name: string; score: number }[]; total: number };
    expect(body.total).toBeGreaterThan(0);
    const ids = body.items.map((i) => i.customerId);
    const owners = await t.handle.db.selectFrom('customers').select('rm_staff_id').where('id', 'in', ids).execute();
    expect(owners.every((o) => Number(o.rm_staff_id) === wrmStaff)).toBe(true);
    expect(body.items[0].name).toContain('*');
    expect(body.items[0].score).toBeGreaterThanOrEqual(body.items[body.items.length - 1].score);

    const mine = await t.handle.db.selectFrom('customers').select('id').where('rm_staff_id', '=', wrmStaff).executeTakeFirstOrThrow();
    const own = await wrm.get(`/api/customers/${mine.id}/insights`);
    expect(own.statusCode).toBe(200);
    const scores = own.json() as { target: string; score: number; reasons: { zh: string; en: string }[] }[];
    expect(scores.map((s) => s.target).sort()).toEqual(['time_deposit', 'wealth']);
    expect(scores.some((s) => s.reasons.length > 0 && /[\u4e00-\u9fff]/.test(s.reasons[0].zh))).toBe(true);

    const other = await t.handle.db.selectFrom('customers').select('id').where('rm_staff_id', '<>', wrmStaff).executeTakeFirstOrThrow();
    expect((await wrm.get(`/api/customers/${other.id}/insights`)).statusCode).toBe(404);
    expect((await admin.get(`/api/customers/${other.id}/insights`)).statusCode).toBe(200);
  });

  it('the workbench filter keeps to the caller’s own book', async () => {
    const res = await admin.get('/api/insights/scores?target=wealth&ownBook=true');
    expect(res.statusCode).toBe(200);
    expect((res.json() as { total: number }).total).toBe(0);
  });

  it('only insights.manage trains and reads runs; only insights.campaign makes campaigns', async () => {
    expect((await wrm.post('/api/insights/train', { targets: ['wealth'] })).statusCode).toBe(403);
    expect((await bhead.get('/api/insights/runs')).statusCode).toBe(403);
    expect((await wrm.post('/api/insights/campaigns', { target: 'wealth', topPerRm: 3, dueOn: '2030-01-31' })).statusCode).toBe(403);
    expect((await t.anonymous().get('/api/insights/models')).statusCode).toBe(401);
  });
});

describe('campaigns from scores', () => {
  it('creates insights tasks for the top customers of each RM, only those who consented; audited; idempotent', async () => {
    const res = await bhead.post('/api/insights/campaigns', { target: 'wealth', topPerRm: 20, dueOn: '2030-01-31' });
    expect(res.statusCode).toBe(200);
    const r = res.json() as { selected: number; withoutConsent: number; created: number; reasonKey: string };
    expect(r.selected).toBeGreaterThan(0);
    expect(r.withoutConsent).toBeGreaterThan(0);
    expect(r.created).toBe(r.selected - r.withoutConsent);
    const tasks = await t.handle.db
      .selectFrom('engagement_tasks as k').innerJoin('customers as c', 'c.id', 'k.customer_id')
      .select(['c.consent_phone', 'c.consent_sms', 'c.consent_email', 'c.consent_wechat', 'k.staff_id', 'c.rm_staff_id', 'k.kind', 'c.branch_id'])
      .where('k.reason_key', '=', r.reasonKey).execute();
    expect(tasks).toHaveLength(r.created);
    for (const k of tasks) {
      expect(k.consent_phone || k.consent_sms || k.consent_email || k.consent_wechat).toBe(true);
      expect(k.kind).toBe('insights');
      expect(Number(k.staff_id)).toBe(Number(k.rm_staff_id));
    }
    const bheadBranch = Number((await staffOf('bhead')).branch_id);
    const paths = await t.handle.db.selectFrom('branches').select(['id', 'path']).execute();
    const root = paths.find((b) => Number(b.id) === bheadBranch)!.path;
    const inTree = new Set(paths.filter((b) => b.path.startsWith(root)).map((b) => Number(b.id)));
    expect(tasks.every((k) => inTree.has(Number(k.branch_id)))).toBe(true);
    const audited = await t.handle.db.selectFrom('audit_log').select('detail').where('action', '=', 'insights.campaign').execute();
    expect(audited).toHaveLength(1);
    const again = (await bhead.post('/api/insights/campaigns', { target: 'wealth', topPerRm: 20, dueOn: '2030-01-31' })).json() as { created: number };
    expect(again.created).toBe(0);
  });

  it('bad input is a bilingual 400 and writes nothing', async () => {
    const before = await t.handle.db.selectFrom('engagement_tasks').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    for (const body of [{ target: 'wealth', dueOn: '2030-01-31' }, { target: 'nope', topPerRm: 3, dueOn: '2030-01-31' }, { target: 'wealth', minScore: 2, dueOn: '2030-01-31' }, { target: 'wealth', topPerRm: 3, dueOn: 'soon' }]) {
      const res = await bhead.post('/api/insights/campaigns', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(res.json().error.en).toMatch(/[a-z]/i);
    }
    const noScores = await bhead.post('/api/insights/campaigns', { target: 'insurance', topPerRm: 3, dueOn: '2030-01-31' });
    expect(noScores.statusCode).toBe(400);
    expect(noScores.json().error.code).toBe('NO_SCORES');
    expect((await admin.post('/api/insights/train', { targets: ['gender'] })).statusCode).toBe(400);
    expect((await wrm.get('/api/insights/scores?target=wealth&minScore=3')).statusCode).toBe(400);
    const after = await t.handle.db.selectFrom('engagement_tasks').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('training from the web', () => {
  it('runs in the background with a run record; the new version replaces the old one', async () => {
    const res = await admin.post('/api/insights/train', { targets: ['wealth'], learner: 'logreg', sampleEvery: 10 });
    expect(res.statusCode).toBe(202);
    const run = res.json() as { id: number; status: string };
    expect(run.status).toBe('running');
    // A second start while the first runs is refused. Only a server shows it: the embedded database has
    // one connection, so there the second request (its session check first) waits until the run is over.
    if (t.handle.kind === 'postgres') expect((await admin.post('/api/insights/train', { targets: ['wealth'] })).statusCode).toBe(409);
    await settleInsightRuns();
    const done = (await admin.get(`/api/insights/runs/${run.id}`)).json() as { status: string; detail: { trained: { target: string; modelId: number }[] } };
    expect(done.status).toBe('done');
    const models = (await admin.get('/api/insights/models')).json() as { target: string; version: number; status: string }[];
    const wealth = models.filter((m) => m.target === 'wealth');
    expect(wealth.map((m) => [m.version, m.status])).toEqual([[2, 'active'], [1, 'retired']]);
    expect((await mrm.get(`/api/insights/runs/${run.id}`)).statusCode).toBe(403);
  }, 900_000);
});
