// Surveys end to end: sample plans and draws (opted-out customers never sampled), one-time links
// (reuse and expiry refused, the first answer kept), the 30-day fatigue rule, staff entry and bad input.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../../platform/db';
import { startTestApp, type Client, type TestApp } from '../../platform/testing';

let t: TestApp;
const c: Record<string, Client> = {};
const programmes: Record<string, number> = {};

async function staffBranch(username: string): Promise<number> {
  const r = await t.handle.db.selectFrom('users as u').innerJoin('staff as s', 's.id', 'u.staff_id').select('s.branch_id').where('u.username', '=', username).executeTakeFirstOrThrow();
  return Number(r.branch_id);
}
const responses = async (invitationId: number) =>
  Number((await t.handle.db.selectFrom('survey_responses').select((eb) => eb.fn.countAll<string>().as('n')).where('invitation_id', '=', invitationId).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  for (const u of ['admin', 'bhead', 'lobby', 'wrm']) c[u] = await t.login(u);
  for (const p of (await c.admin.get('/api/surveys/programmes')).json()) programmes[p.code] = p.id;
});
afterAll(async () => t?.close());

describe('sampling', () => {
  it("computes each branch's sample by Cochran, clamped to 100–200, split by tier", async () => {
    const plan = (await c.admin.get(`/api/surveys/programmes/${programmes.branch_yearly}/sample`)).json();
    expect(plan.groups.length).toBeGreaterThan(3);
    for (const g of plan.groups) {
      expect(g.sample).toBe(Math.min(g.population, Math.max(100, Math.min(200, Math.ceil(384.1599 / (1 + 383.1599 / g.population))))));
      expect(g.strata.reduce((s: number, x: { sample: number }) => s + x.sample, 0)).toBe(g.sample);
    }
    expect((await c.admin.get(`/api/surveys/programmes/${programmes.competitor_biennial}/sample`)).statusCode).toBe(400);
  });

  it('draws the planned number per branch, never an opted-out customer, and a wave only once', async () => {
    const branch = await staffBranch('bhead');
    const optedOut = await t.handle.db.updateTable('customers')
      .set({ consent_sms: false, consent_email: false, consent_wechat: false, consent_phone: false })
      .where('branch_id', '=', branch).where(sql<boolean>`id % 3 = 0`).returning('id').execute();
    expect(optedOut.length).toBeGreaterThan(50);
    const plan = (await c.admin.get(`/api/surveys/programmes/${programmes.branch_yearly}/sample`)).json();
    const res = await c.admin.post(`/api/surveys/programmes/${programmes.branch_yearly}/draw`, { wave: '2031' });
    expect(res.statusCode).toBe(200);
    expect(res.json().invited).toBe(plan.sample);
    const invited = await t.handle.db.selectFrom('survey_invitations').select(['customer_id', 'branch_id', 'tier_code']).where('programme_id', '=', programmes.branch_yearly).where('wave', '=', '2031').execute();
    const ids = new Set(invited.map((i) => Number(i.customer_id)));
    expect(optedOut.filter((o) => ids.has(Number(o.id)))).toEqual([]);
    const mine = plan.groups.find((g: { branchId: number }) => g.branchId === branch);
    expect(invited.filter((i) => Number(i.branch_id) === branch).length).toBe(mine.sample);
    for (const s of mine.strata) expect(invited.filter((i) => Number(i.branch_id) === branch && i.tier_code === s.tierCode).length).toBe(s.sample);
    const again = (await c.admin.post(`/api/surveys/programmes/${programmes.branch_yearly}/draw`, { wave: '2031' })).json();
    expect(again).toEqual({ wave: '2031', invited: 0, total: plan.sample });
  });
});

async function linkFor(client: Client): Promise<{ id: number; token: string }> {
  const list = (await client.get('/api/surveys/invitations?invitationStatus=drawn&pageSize=5')).json();
  expect(list.items.length).toBeGreaterThan(0);
  expect(list.items[0].customerName).toContain('*');
  const id = list.items[0].id;
  const res = await client.post(`/api/surveys/invitations/${id}/link`);
  expect(res.statusCode).toBe(200);
  expect(res.json().qrSvg).toMatch(/^<svg/);
  return { id, token: res.json().path.split('/').pop() };
}

const answers = (overall: number) => ({
  answers: [
    { question: 'env_comfort', value: 4 }, { question: 'eff_wait', value: 3 }, { question: 'eff_process', value: 3 }, { question: 'att_courtesy', value: 5 },
    { question: 'pro_advice', value: 4 }, { question: 'prod_fit', value: 4 }, { question: 'overall', value: overall }, { question: 'recommend', value: 9 },
    { question: 'suggestion', value: '窗口可以再多开一个' },
  ],
  locale: 'zh-CN',
});

describe('the public survey link', () => {
  it('shows the questionnaire without any personal data, takes one answer, repeats its receipt to a retry and refuses a different one', async () => {
    const { id, token } = await linkFor(c.admin);
    const inv = await t.handle.db.selectFrom('survey_invitations as i').innerJoin('customers as cu', 'cu.id', 'i.customer_id').select(['cu.name', 'cu.customer_no', 'cu.mobile']).where('i.id', '=', id).executeTakeFirstOrThrow();
    const anon = t.anonymous();
    const page = await anon.get(`/api/public/surveys/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(inv.name);
    expect(page.body).not.toContain(inv.customer_no);
    if (inv.mobile) expect(page.body).not.toContain(inv.mobile);
    const first = await anon.post(`/api/public/surveys/${token}`, answers(4));
    expect(first.statusCode).toBe(200);
    const retry = await anon.post(`/api/public/surveys/${token}`, answers(4));
    expect(retry.statusCode).toBe(200);
    expect(retry.json().receipt).toBe(first.json().receipt);
    const different = await anon.post(`/api/public/surveys/${token}`, answers(1));
    expect(different.statusCode).toBe(409);
    expect(different.json().error.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(await responses(id)).toBe(1);
    const kept = await t.handle.db.selectFrom('survey_responses').select(['overall', 'nps', 'channel']).where('invitation_id', '=', id).executeTakeFirstOrThrow();
    expect(kept).toEqual({ overall: 4, nps: 9, channel: 'link' });
    const used = await anon.get(`/api/public/surveys/${token}`);
    expect(used.statusCode).toBe(410);
    expect(used.json().error.code).toBe('SURVEY_LINK_USED');
    expect((await c.admin.post(`/api/surveys/invitations/${id}/link`)).statusCode).toBe(409);
  });

  it('refuses an expired link and an unknown one with a bilingual message, writing nothing', async () => {
    const { id, token } = await linkFor(c.admin);
    await t.handle.db.updateTable('survey_invitations').set({ expires_at: sql<Date>`now() - interval '1 minute'` }).where('id', '=', id).execute();
    const anon = t.anonymous();
    const page = await anon.get(`/api/public/surveys/${token}`);
    expect(page.statusCode).toBe(410);
    expect(page.json().error.code).toBe('SURVEY_LINK_EXPIRED');
    expect((await anon.post(`/api/public/surveys/${token}`, answers(5))).statusCode).toBe(410);
    expect(await responses(id)).toBe(0);
    const unknown = await anon.get(`/api/public/surveys/${'x'.repeat(43)}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.en).toMatch(/not valid/);
  });

  it('refuses incomplete or malformed answers with a 400 and keeps the link open', async () => {
    const { id, token } = await linkFor(c.admin);
    const anon = t.anonymous();
    const missing = await anon.post(`/api/public/surveys/${token}`, { answers: [{ question: 'overall', value: 5 }] });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.length).toBeGreaterThan(3);
    const outOfRange = await anon.post(`/api/public/surveys/${token}`, { ...answers(4), answers: answers(4).answers.map((a) => (a.question === 'overall' ? { ...a, value: 7 } : a)) });
    expect(outOfRange.statusCode).toBe(400);
    expect((await anon.post(`/api/public/surveys/${token}`, { answers: 'all good' })).statusCode).toBe(400);
    expect(await responses(id)).toBe(0);
    expect((await anon.post(`/api/public/surveys/${token}`, answers(5))).statusCode).toBe(200);
  });

  it('lets a lobby manager see only the invitations of their own outlet', async () => {
    const branch = await staffBranch('lobby');
    const list = (await c.lobby.get('/api/surveys/invitations?pageSize=200')).json();
    expect(list.total).toBeGreaterThan(0);
    const names = await t.handle.db.selectFrom('branches').select('name').where('id', '=', branch).executeTakeFirstOrThrow();
    expect(new Set(list.items.map((i: { branchName: string }) => i.branchName))).toEqual(new Set([names.name]));
    const other = await t.handle.db.selectFrom('survey_invitations').select('id').where('branch_id', '<>', branch).where('status', '=', 'drawn').executeTakeFirstOrThrow();
    expect((await c.lobby.post(`/api/surveys/invitations/${other.id}/link`)).statusCode).toBe(404);
    expect((await c.wrm.get('/api/surveys/invitations')).statusCode).toBe(403);
  });
});

describe('post-service surveys', () => {
  it('invite a sampled share after a meeting, never the same customer twice in 30 days, and a rerun adds nothing', async () => {
    const q = (await c.admin.get('/api/surveys/programmes')).json().find((p: { code: string }) => p.code === 'post_service');
    const { id: _id, invitations: _i, responses: _r, ...body } = q;
    expect((await c.admin.put('/api/surveys/programmes', { ...body, share: 1 })).statusCode).toBe(200);
    const cs = await t.handle.db.selectFrom('customers').select('id').where('status', '=', 'active').where('consent_sms', '=', true)
      .where('id', 'not in', t.handle.db.selectFrom('survey_invitations').select('customer_id')).orderBy('id', 'desc').limit(3).execute();
    const [a, b, recent] = cs.map((x) => Number(x.id));
    // `recent` was asked ten days ago by another programme.
    await t.handle.db.insertInto('survey_invitations').values({
      programme_id: programmes.bank_yearly, wave: '2030', questionnaire_id: q.questionnaireId, version: 1, customer_id: recent,
      branch_id: (await t.handle.db.selectFrom('customers').select('branch_id').where('id', '=', recent).executeTakeFirstOrThrow()).branch_id, channel: 'sms',
      created_at: sql<Date>`now() - interval '10 days'`,
    }).execute();
    const meeting = (customerId: number, minutesAgo: number) => ({ customer_id: customerId, kind: 'meeting', title: '客户经理面谈', at: sql<Date>`now() - make_interval(mins => ${minutesAgo})` });
    await t.handle.db.insertInto('customer_events').values([meeting(a, 90), meeting(a, 30), meeting(b, 20), meeting(recent, 10)]).execute();
    const run = await t.app.ctx.jobs.runNow('survey-post-service');
    expect(run.ran && run.status).toBe('done');
    const invited = await t.handle.db.selectFrom('survey_invitations').select(['customer_id', 'source_type']).where('programme_id', '=', q.id).execute();
    const count = (id: number) => invited.filter((i) => Number(i.customer_id) === id).length;
    expect([count(a), count(b), count(recent)]).toEqual([1, 1, 0]);
    await t.app.ctx.jobs.runNow('survey-post-service');
    expect((await t.handle.db.selectFrom('survey_invitations').select('id').where('programme_id', '=', q.id).execute()).length).toBe(invited.length);
  });
});

describe('staff entry of mail and phone answers', () => {
  it("tags a competitor's customer with the competitor, and refuses it without one", async () => {
    const branch = await staffBranch('lobby');
    const entry = { programmeId: programmes.competitor_biennial, branchId: branch, answerChannel: 'mail', answeredOn: '2026-01-15', answers: answers(3).answers };
    const none = await c.lobby.post('/api/surveys/entries', entry);
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('COMPETITOR_REQUIRED');
    const ok = await c.lobby.post('/api/surveys/entries', { ...entry, competitor: '某商业银行' });
    expect(ok.statusCode).toBe(201);
    const row = await t.handle.db.selectFrom('survey_responses').select(['competitor', 'channel', 'overall']).where('id', '=', ok.json().responseId).executeTakeFirstOrThrow();
    expect(row).toEqual({ competitor: '某商业银行', channel: 'mail', overall: 3 });
  });

  it("refuses an entry for a branch outside the clerk's scope, and a future date", async () => {
    const other = await staffBranch('bhead2');
    const entry = { programmeId: programmes.branch_yearly, branchId: other, answerChannel: 'phone', answeredOn: '2026-01-15', answers: answers(3).answers };
    expect((await c.lobby.post('/api/surveys/entries', entry)).statusCode).toBe(404);
    const future = await c.admin.post('/api/surveys/entries', { ...entry, answeredOn: '2099-01-01' });
    expect(future.statusCode).toBe(400);
    expect((await c.wrm.post('/api/surveys/entries', entry)).statusCode).toBe(403);
  });
});

describe('questionnaires', () => {
  it('writes a new version on save; answers keep the version they answered', async () => {
    const list = (await c.admin.get('/api/surveys/questionnaires')).json();
    const vip = list.find((q: { code: string }) => q.code === 'vip_satisfaction');
    const saved = await c.admin.put(`/api/surveys/questionnaires/${vip.id}`, { nameZh: vip.nameZh, nameEn: vip.nameEn, active: true, definition: vip.definition });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().currentVersion).toBe(vip.currentVersion + 1);
    const old = await t.handle.db.selectFrom('survey_responses').select('version').where('questionnaire_id', '=', vip.id).where('version', '=', vip.currentVersion).executeTakeFirst();
    expect(old?.version).toBe(vip.currentVersion);
    const bad = await c.admin.post('/api/surveys/questionnaires', {
      code: 'broken', nameZh: '坏问卷', nameEn: 'Broken', definition: { indicators: [], sections: [{ code: 's', titleZh: '甲', titleEn: 'A', questions: [{ code: 'q', kind: 'rating', textZh: '题', textEn: 'Q', indicator: 'nowhere' }] }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.zh).toMatch(/[\u4e00-\u9fff]/);
    expect((await c.bhead.get('/api/surveys/questionnaires')).statusCode).toBe(403);
  });
});
