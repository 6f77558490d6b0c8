// Referrals, prospects and the pipeline through the real app: a teller refers, the wealth RM works
// the referral and the conversion is credited to the teller; a marketing RM sees their own prospects
// and the referrals they made, never the wealth RM's book; bad input writes nothing.
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

async function addCustomer(no: string, branchId: number, rm: number | null, marketing: number | null, aum: string, aumM1 = aum): Promise<number> {
  const { id } = await t.handle.db.insertInto('customers').values({
    customer_no: no, name: '测试客户', branch_id: branchId, rm_staff_id: rm, marketing_staff_id: marketing, mobile: '13700001111', tier_code: 'mass', aum, aum_m1: aumM1,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

async function fingerprint(): Promise<string> {
  const tables = ['growth_referrals', 'growth_prospects', 'growth_opportunities', 'growth_market_research', 'engagement_tasks', 'notifications'] as const;
  const parts: string[] = [];
  for (const table of tables) parts.push(String((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n));
  return parts.join('|');
}

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  for (const u of ['cteller', 'wrm', 'wrm2', 'mrm', 'bhead', 'lobby', 'admin']) {
    c[u] = await t.login(u);
    who[u] = await staffOf(u);
  }
  ids.wrmMass = await addCustomer('TGR000001', who.wrm.branchId, who.wrm.staffId, null, '45000.00', '10000.00');
  ids.mrmOwn = await addCustomer('TGR000002', who.wrm.branchId, who.wrm.staffId, who.mrm.staffId, '48000.00');
  ids.other = await addCustomer('TGR000003', who.wrm2.branchId, who.wrm2.staffId, null, '49000.00');
});
afterAll(async () => t?.close());

describe('a referral from the counter to the wealth RM', () => {
  let id: number;

  it('is created with a task for the customer’s RM, masked, and shown to both sides', async () => {
    const res = await c.cteller.post('/api/growth/referrals', { customerNo: 'TGR000001', note: '办理大额存款，咨询理财' });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    id = r.id;
    expect(r).toMatchObject({ status: 'new', rmStaffId: who.wrm.staffId, referredByStaffId: who.cteller.staffId, referrerRole: 'cash_teller', source: 'direct', canWork: false });
    expect(r.name).not.toBe('测试客户');
    const task = await t.handle.db.selectFrom('engagement_tasks').select(['staff_id', 'kind', 'status']).where('customer_id', '=', ids.wrmMass).where('reason_key', '=', `referral:${id}`).executeTakeFirst();
    expect(task).toEqual({ staff_id: who.wrm.staffId, kind: 'referral', status: 'open' });
    const inbox = (await c.wrm.get('/api/growth/referrals?box=inbox&pageSize=200')).json();
    expect(inbox.items.find((i: { id: number }) => i.id === id)).toMatchObject({ canWork: true });
    // The teller asks for the inbox but gets only the referrals they made.
    const mine = (await c.cteller.get('/api/growth/referrals?box=inbox&pageSize=200')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((i: { referredByStaffId: number }) => i.referredByStaffId === who.cteller.staffId)).toBe(true);
    const note = await t.handle.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select('n.kind').where('u.staff_id', '=', who.wrm.staffId).where('n.kind', '=', 'growth.referral').executeTakeFirst();
    expect(note).toBeTruthy();
  });

  it('is worked by the RM to a conversion credited to the teller, and a conversion is final', async () => {
    expect((await c.wrm.post(`/api/growth/referrals/${id}/status`, { status: 'contacted', outcomeNote: '已约面谈' })).statusCode).toBe(200);
    const conv = await c.wrm.post(`/api/growth/referrals/${id}/status`, { status: 'converted' });
    expect(conv.statusCode, conv.body).toBe(200);
    const row = await t.handle.db.selectFrom('growth_referrals').select(['status', 'referred_by', 'converted_at', 'contacted_at', 'outcome_note']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'converted', referred_by: who.cteller.staffId, outcome_note: '已约面谈' });
    expect(row.converted_at).toBeInstanceOf(Date);
    expect(row.contacted_at).toBeInstanceOf(Date);
    const again = await c.wrm.post(`/api/growth/referrals/${id}/status`, { status: 'contacted' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.zh).toMatch(/[\u4e00-\u9fff]/);
    const credited = await t.handle.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select('n.id').where('u.staff_id', '=', who.cteller.staffId).where('n.kind', '=', 'growth.referral.converted').execute();
    expect(credited).toHaveLength(1);
  });

  it('a walk-in is converted only with the new customer number', async () => {
    const res = await c.cteller.post('/api/growth/referrals', { contactName: '路人甲', contactMobile: '13600001234', note: '咨询私人银行', rmStaffId: who.wrm.staffId });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().contactMobile).not.toBe('13600001234');
    const wid = res.json().id;
    const bad = await c.wrm.post(`/api/growth/referrals/${wid}/status`, { status: 'converted' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('CUSTOMER_NEEDED');
    const ok = await c.wrm.post(`/api/growth/referrals/${wid}/status`, { status: 'converted', customerNo: 'TGR000001' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().customerId).toBe(ids.wrmMass);
  });

  it('refuses another outlet’s RM and customer, a non-RM receiver and bad input, writing nothing', async () => {
    const before = await fingerprint();
    expect((await c.wrm2.post(`/api/growth/referrals/${id}/status`, { status: 'not_interested' })).statusCode).toBe(404);
    expect((await c.cteller.post('/api/growth/referrals', { customerNo: 'TGR000003', note: '外网点客户' })).statusCode).toBe(404);
    const notRm = await c.cteller.post('/api/growth/referrals', { customerNo: 'TGR000001', note: '推荐', rmStaffId: who.bhead.staffId });
    expect(notRm.statusCode).toBe(400);
    expect(notRm.json().error.code).toBe('NOT_A_WEALTH_RM');
    const nobody = await c.cteller.post('/api/growth/referrals', { note: '没有客户信息' });
    expect(nobody.statusCode).toBe(400);
    for (const body of [{ customerNo: 'TGR000001' }, { customerNo: 'TGR000001', note: '好', extra: 1 }, { contactName: '甲', contactMobile: '12345', note: '推荐客户' }, { customerNo: 'TGR000001', note: '推荐', estimatedAssets: '-5' }]) {
      const res = await c.cteller.post('/api/growth/referrals', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(res.json().error.en).toMatch(/[a-z]/i);
    }
    expect((await c.wrm.post(`/api/growth/referrals/${id}/status`, { status: 'new' })).statusCode).toBe(400);
    // A teller may refer but not work referrals.
    expect((await c.cteller.post(`/api/growth/referrals/${id}/status`, { status: 'contacted' })).statusCode).toBe(403);
    expect(await fingerprint()).toBe(before);
  });

  it('a lobby referral lands in the same list, with the RM’s task', async () => {
    const res = await c.lobby.post('/api/lobby/referrals', { customerId: ids.wrmMass, note: '大堂识别的潜在客户' });
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.handle.db.selectFrom('growth_referrals').select(['id', 'source', 'rm_staff_id', 'referrer_role']).where('lobby_referral_id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source: 'lobby', rm_staff_id: who.wrm.staffId, referrer_role: 'lobby_manager' });
    const task = await t.handle.db.selectFrom('engagement_tasks').select('staff_id').where('reason_key', '=', `referral:${row.id}`).executeTakeFirst();
    expect(task?.staff_id).toBe(who.wrm.staffId);
  });
});

describe('scope of prospects and the pipeline', () => {
  it('a marketing RM sees prospects of their own book and the referrals they made, not the wealth RM’s', async () => {
    const mrmList = (await c.mrm.get('/api/growth/prospects?pageSize=200')).json();
    const mrmIds = mrmList.items.map((i: { customerId: number }) => i.customerId);
    expect(mrmIds).toContain(ids.mrmOwn);
    expect(mrmIds).not.toContain(ids.wrmMass);
    const book = await t.handle.db.selectFrom('customers').select('id').where((eb) => eb.or([eb('marketing_staff_id', '=', who.mrm.staffId), eb('rm_staff_id', '=', who.mrm.staffId)])).execute();
    const inBook = new Set(book.map((b) => Number(b.id)));
    expect(mrmIds.every((x: number) => inBook.has(x))).toBe(true);
    const wrmList = (await c.wrm.get('/api/growth/prospects?pageSize=200&signal=large_inflow')).json();
    expect(wrmList.items.find((i: { customerId: number }) => i.customerId === ids.wrmMass)?.signals).toEqual(['near_threshold', 'large_inflow']);
    const all = (await c.mrm.get('/api/growth/referrals?box=all&pageSize=200')).json();
    expect(all.items.every((i: { referredByStaffId: number; rmStaffId: number }) => i.referredByStaffId === who.mrm.staffId || i.rmStaffId === who.mrm.staffId)).toBe(true);
  });

  it('outside prospects and opportunities belong to the RM who made them', async () => {
    const p = await c.mrm.post('/api/growth/outside-prospects', { prospectName: '潜在客户', mobile: '13500001111', source: '商户走访', estimatedAssets: '800000' });
    expect(p.statusCode, p.body).toBe(201);
    expect(p.json().mobile).not.toBe('13500001111');
    const pid = p.json().id;
    expect((await c.wrm.get('/api/growth/outside-prospects')).json().map((x: { id: number }) => x.id)).not.toContain(pid);
    expect((await c.wrm.post('/api/growth/opportunities', { prospectId: pid, title: '争取开户' })).statusCode).toBe(404);
    const o = await c.mrm.post('/api/growth/opportunities', { prospectId: pid, title: '争取开户', stage: 'contacted', nextStep: '约见', nextStepOn: '2099-01-01' });
    expect(o.statusCode, o.body).toBe(201);
    const w = await c.wrm.post('/api/growth/opportunities', { customerId: ids.wrmMass, title: '配置理财', stage: 'proposal', expectedAmount: '300000' });
    expect(w.statusCode, w.body).toBe(201);
    expect((await c.wrm.post('/api/growth/opportunities', { customerId: ids.other, title: '别人的客户' })).statusCode).toBe(404);
    const mrmPipe = (await c.mrm.get('/api/growth/pipeline')).json();
    expect(mrmPipe.items.every((i: { staffId: number }) => i.staffId === who.mrm.staffId)).toBe(true);
    expect((await c.mrm.patch(`/api/growth/opportunities/${w.json().id}`, { stage: 'won' })).statusCode).toBe(404);
    const won = await c.wrm.patch(`/api/growth/opportunities/${w.json().id}`, { stage: 'won' });
    expect(won.statusCode, won.body).toBe(200);
    expect((await c.wrm.patch(`/api/growth/opportunities/${w.json().id}`, { stage: 'lead' })).statusCode).toBe(409);
    const before = await fingerprint();
    const noAmount = await c.wrm.post('/api/growth/opportunities', { customerId: ids.wrmMass, title: '方案', stage: 'proposal' });
    expect(noAmount.statusCode).toBe(400);
    expect(noAmount.json().error.fields[0].path).toBe('expectedAmount');
    expect((await c.wrm.post('/api/growth/opportunities', { customerId: ids.wrmMass, prospectId: pid, title: '两者都填' })).statusCode).toBe(400);
    expect((await c.wrm.post('/api/growth/opportunities', { customerId: ids.wrmMass, title: '过去', nextStepOn: '2020-01-01' })).statusCode).toBe(400);
    expect((await c.cteller.get('/api/growth/pipeline')).statusCode).toBe(403);
    expect(await fingerprint()).toBe(before);
  });
});

describe('market research', () => {
  it('is recorded by an RM, listed by bank and product type, and refuses bad input', async () => {
    const res = await c.mrm.post('/api/growth/research', { bankName: '测试银行', productType: 'deposit', productName: '三年期大额存单', rate: '2.35', observedOn: '2026-01-05' });
    expect(res.statusCode, res.body).toBe(201);
    const list = (await c.wrm.get(`/api/growth/research?bankName=${encodeURIComponent('测试银行')}`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.summary).toEqual([{ bankName: '测试银行', productType: 'deposit', count: 1, bestRate: '2.3500' }]);
    const before = await fingerprint();
    expect((await c.mrm.post('/api/growth/research', { bankName: '测试银行', productType: 'deposit', productName: '存单', rate: 'high', observedOn: '2026-01-05' })).statusCode).toBe(400);
    expect((await c.mrm.post('/api/growth/research', { bankName: '测试银行', productType: 'deposit', productName: '存单', observedOn: '2999-01-05' })).statusCode).toBe(400);
    expect((await c.cteller.post('/api/growth/research', { bankName: '测试银行', productType: 'deposit', productName: '存单', observedOn: '2026-01-05' })).statusCode).toBe(403);
    expect((await c.cteller.get('/api/growth/research')).statusCode).toBe(403);
    expect(await fingerprint()).toBe(before);
  });
});
