// Campaigns and care events through the real app: a segment reaches only consenting customers in
// the builder's scope, a launch gives each one's RM a task, a second launch creates nothing, results
// are tracked; care events invite, take RSVPs, check in at the door and create follow-ups once.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../platform/testing';

let t: TestApp;
const c: Record<string, Client> = {};
type Who = { staffId: number; branchId: number };
const who: Record<string, Who> = {};
const ids: Record<string, number> = {};

async function staffOf(username: string): Promise<Who> {
  const r = await t.handle.db
    .selectFrom('users as u').innerJoin('staff as s', 's.id', 'u.staff_id')
    .select(['s.id as staffId', 's.branch_id as branchId']).where('u.username', '=', username).executeTakeFirstOrThrow();
  return { staffId: Number(r.staffId), branchId: Number(r.branchId) };
}

/** Test customers in a tier of their own, so that a segment on it holds exactly these. */
async function addCustomer(no: string, branchId: number, rm: number | null, sms: boolean): Promise<number> {
  const { id } = await t.handle.db.insertInto('customers').values({
    customer_no: no, name: '活动客户', branch_id: branchId, rm_staff_id: rm, mobile: '13700002222', tier_code: 'tcamp', aum: '88000.00', consent_sms: sms, consent_phone: sms,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

const taskCount = async () => Number((await t.handle.db.selectFrom('engagement_tasks').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  for (const u of ['bhead', 'bhead2', 'wrm', 'wrm2', 'admin']) {
    c[u] = await t.login(u);
    who[u] = await staffOf(u);
  }
  await t.handle.db.insertInto('tiers').values({ code: 'tcamp', name_zh: '测试等级', name_en: 'Test tier', rank: 90, min_aum: 99_000_000 }).execute();
  ids.a = await addCustomer('TGC000001', who.bhead.branchId, who.wrm.staffId, true);
  ids.b = await addCustomer('TGC000002', who.bhead.branchId, who.wrm.staffId, true);
  ids.noConsent = await addCustomer('TGC000003', who.bhead.branchId, who.wrm.staffId, false);
  ids.noRm = await addCustomer('TGC000004', who.bhead.branchId, null, true);
  ids.otherBranch = await addCustomer('TGC000005', who.bhead2.branchId, who.wrm2.staffId, true);
});
afterAll(async () => t?.close());

const segment = { consentChannel: 'sms', tierCodes: ['tcamp'] };

describe('a campaign', () => {
  let id: number;

  it('previews the consenting customers in scope live', async () => {
    const res = await c.bhead.post('/api/growth/segments/preview', { filters: segment });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ count: 3, rms: 1, withoutRm: 1 });
    expect((await c.bhead2.post('/api/growth/segments/preview', { filters: segment })).json().count).toBe(1);
    expect((await c.admin.post('/api/growth/segments/preview', { filters: segment })).json().count).toBe(4);
    expect((await c.bhead.post('/api/growth/segments/preview', { filters: { ...segment, consentChannel: 'email' } })).json().count).toBe(0);
  });

  it('launches one task per consenting customer with an RM, in scope, and a second launch creates nothing', async () => {
    const created = await c.bhead.post('/api/growth/campaigns', { name: '测试营销活动', filters: segment, dueOn: '2099-12-31' });
    expect(created.statusCode, created.body).toBe(201);
    id = created.json().id;
    expect(created.json().status).toBe('draft');
    const before = await taskCount();
    const res = await c.bhead.post(`/api/growth/campaigns/${id}/launch`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ members: 3, tasks: 2 });
    const tasks = await t.handle.db.selectFrom('engagement_tasks').select(['customer_id', 'staff_id', 'kind']).where('reason_key', '=', `campaign:${id}`).orderBy('customer_id').execute();
    expect(tasks).toEqual([
      { customer_id: ids.a, staff_id: who.wrm.staffId, kind: 'campaign' },
      { customer_id: ids.b, staff_id: who.wrm.staffId, kind: 'campaign' },
    ]);
    expect(await taskCount()).toBe(before + 2);
    const again = await c.bhead.post(`/api/growth/campaigns/${id}/launch`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.zh).toContain('已发起');
    expect(await taskCount()).toBe(before + 2);
    const audits = await t.handle.db.selectFrom('audit_log').select('detail').where('action', '=', 'campaign.launch').where('entity_id', '=', String(id)).execute();
    expect(audits).toHaveLength(1);
  });

  it('tracks contacts from task outcomes and sales from holdings opened after launch', async () => {
    await t.handle.db.updateTable('engagement_tasks').set({ status: 'done', done_at: new Date() }).where('reason_key', '=', `campaign:${id}`).where('customer_id', '=', ids.a).execute();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await t.handle.db.insertInto('holdings').values([
      { customer_id: ids.a, category: 'fund', product_name: '测试基金', account_no: 'TGCF1', balance: '50000.50', opened_on: today },
      { customer_id: ids.b, category: 'fund', product_name: '旧基金', account_no: 'TGCF2', balance: '70000.00', opened_on: '2020-01-01' },
    ]).execute();
    const res = (await c.bhead.get(`/api/growth/campaigns/${id}`)).json();
    expect(res.results).toEqual({ tasks: 2, contacted: 1, sold: 1, amount: '50000.50' });
    expect((await c.bhead2.get(`/api/growth/campaigns/${id}`)).statusCode).toBe(404);
  });

  it('refuses a branch outside scope, crossed ranges, bad input and callers without the right, writing nothing', async () => {
    const count = async () => Number((await t.handle.db.selectFrom('growth_campaigns').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = [await count(), await taskCount()];
    const out = await c.bhead.post('/api/growth/campaigns', { name: '越权', filters: { ...segment, branchIds: [who.bhead2.branchId] }, dueOn: '2099-12-31' });
    expect(out.statusCode).toBe(400);
    expect(out.json().error.code).toBe('BRANCH_OUT_OF_SCOPE');
    const crossed = await c.bhead.post('/api/growth/segments/preview', { filters: { ...segment, aumMin: '500000', aumMax: '1000' } });
    expect(crossed.statusCode).toBe(400);
    expect(crossed.json().error.zh).toContain('AUM');
    for (const body of [{ name: '缺渠道', filters: { tierCodes: ['gold'] }, dueOn: '2099-12-31' }, { name: '过去', filters: segment, dueOn: '2000-01-01' }, { name: '年龄', filters: { ...segment, ageMin: 60, ageMax: 20 }, dueOn: '2099-12-31' }, { name: 'x', filters: segment, dueOn: '2099-12-31' }]) {
      const res = await c.bhead.post('/api/growth/campaigns', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await c.wrm.post('/api/growth/segments/preview', { filters: segment })).statusCode).toBe(403);
    expect((await c.wrm.post('/api/growth/campaigns', { name: '无权', filters: segment, dueOn: '2099-12-31' })).statusCode).toBe(403);
    expect((await c.bhead2.post(`/api/growth/campaigns/${id}/launch`)).statusCode).toBe(404);
    expect([await count(), await taskCount()]).toEqual(before);
  });
});

describe('a care event', () => {
  it('invites a consenting segment, records RSVPs and the door check-in, and follows up once', async () => {
    const e = await c.bhead.post('/api/growth/events', { kind: 'salon', title: '测试客户沙龙', startsAt: '2099-06-01T14:00:00+08:00', cost: '3000', capacity: 20 });
    expect(e.statusCode, e.body).toBe(201);
    const eid = e.json().id;
    const inv = await c.bhead.post(`/api/growth/events/${eid}/invitations`, { filters: segment });
    expect(inv.json()).toEqual({ count: 3 });
    expect((await c.bhead.post(`/api/growth/events/${eid}/invitations`, { filters: segment })).json()).toEqual({ count: 0 });
    const list = (await c.bhead.get(`/api/growth/events/${eid}/invitations`)).json();
    expect(list.map((i: { customerId: number }) => i.customerId).sort()).toEqual([ids.a, ids.b, ids.noRm].sort());
    expect(list[0].name).not.toBe('活动客户');
    expect((await c.bhead.post(`/api/growth/events/${eid}/rsvp`, { customerId: ids.a, rsvp: 'yes' })).statusCode).toBe(200);
    expect((await c.bhead.post(`/api/growth/events/${eid}/rsvp`, { customerId: ids.noConsent, rsvp: 'yes' })).statusCode).toBe(404);
    expect((await c.bhead.post(`/api/growth/events/${eid}/attendance`, { customerId: ids.a })).statusCode).toBe(200);
    expect((await c.bhead.post(`/api/growth/events/${eid}/attendance`, { customerId: ids.a })).statusCode).toBe(409);
    expect((await c.bhead.post(`/api/growth/events/${eid}/attendance`, { customerId: ids.noConsent })).statusCode).toBe(404);
    expect((await c.bhead.post(`/api/growth/events/${eid}/attendance`, { customerId: ids.noRm })).statusCode).toBe(200);
    expect((await c.bhead2.post(`/api/growth/events/${eid}/attendance`, { customerId: ids.b })).statusCode).toBe(404);
    const closed = await c.bhead.post(`/api/growth/events/${eid}/close`);
    expect(closed.json()).toEqual({ count: 1 });
    expect((await c.bhead.post(`/api/growth/events/${eid}/close`)).statusCode).toBe(409);
    const ev = (await c.bhead.get('/api/growth/events')).json().find((x: { id: number }) => x.id === eid);
    expect(ev).toMatchObject({ invited: 3, accepted: 2, attended: 2, costPerAttendee: '1500.00', status: 'done' });
    const task = await t.handle.db.selectFrom('engagement_tasks').select(['staff_id', 'kind']).where('reason_key', '=', `event:${eid}`).execute();
    expect(task).toEqual([{ staff_id: who.wrm.staffId, kind: 'follow_up' }]);
    expect((await c.wrm.post('/api/growth/events', { kind: 'party', title: '错误类型', startsAt: '2099-06-01T14:00:00+08:00' })).statusCode).toBe(400);
    expect((await c.wrm.post('/api/growth/events', { kind: 'salon', title: '无时区', startsAt: '2099-06-01 14:00' })).statusCode).toBe(400);
  });
});
