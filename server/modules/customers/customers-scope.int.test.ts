// Data scope over customers: an RM's own book (dedicated or marketing RM), a branch head's outlet,
// head office's whole bank. Outside scope a customer does not exist (404) on every route, and a
// refused call writes nothing.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../platform/testing';
import { seedCustomerReferenceData } from './customers.reference';

let t: TestApp;
const c: Record<string, Client> = {};
type Who = { staffId: number; branchId: number };
const who: Record<string, Who> = {};
const ids: Record<string, number> = {};

async function staffOf(username: string): Promise<Who> {
  return t.handle.db
    .selectFrom('users as u').innerJoin('staff as s', 's.id', 'u.staff_id')
    .select(['s.id as staffId', 's.branch_id as branchId']).where('u.username', '=', username).executeTakeFirstOrThrow();
}

async function addCustomer(no: string, name: string, branchId: number, rm: number | null, marketing: number | null, mobile: string): Promise<number> {
  const tier = await t.handle.db.selectFrom('tiers').select('code').orderBy('rank').executeTakeFirstOrThrow();
  const { id } = await t.handle.db.insertInto('customers').values({
    customer_no: no, name, branch_id: branchId, rm_staff_id: rm, marketing_staff_id: marketing, mobile, address: '上海市浦东新区世纪大道100号', tier_code: tier.code, aum: '123456.78',
  }).returning('id').executeTakeFirstOrThrow();
  await t.handle.db.insertInto('holdings').values({ customer_id: id, category: 'demand', product_name: '活期', account_no: `AC${no}`, card_no: `62220${mobile.slice(-8)}77`, balance: '123456.78' }).execute();
  return id;
}

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  await seedCustomerReferenceData(t.handle.db);
  await t.handle.db.insertInto('tiers').values([
    { code: 'mass', name_zh: '普通', name_en: 'Mass', rank: 0, min_aum: 0 },
    { code: 'gold', name_zh: '金卡', name_en: 'Gold', rank: 1, min_aum: 50000 },
  ]).onConflict((oc) => oc.doNothing()).execute();
  for (const u of ['admin', 'auditor', 'bhead', 'bhead2', 'wrm', 'wrm2', 'mrm', 'lobby']) {
    c[u] = await t.login(u);
    who[u] = await staffOf(u);
  }
  // The demo outlet: one of wrm's, one brought in by mrm and served by wrm, one of nobody's.
  ids.wrmOwn = await addCustomer('TSC000001', '赵一鸣', who.wrm.branchId, who.wrm.staffId, null, '13711110001');
  ids.mrmOwn = await addCustomer('TSC000002', '钱二丰', who.wrm.branchId, who.wrm.staffId, who.mrm.staffId, '13711110002');
  ids.unassigned = await addCustomer('TSC000003', '孙三省', who.wrm.branchId, null, null, '13711110003');
  // The other outlet: wrm2's.
  ids.other = await addCustomer('TSC000004', '李四海', who.wrm2.branchId, who.wrm2.staffId, null, '13711110004');
});
afterAll(async () => t?.close());

async function fingerprint(): Promise<string> {
  const tables = ['customers', 'customer_needs', 'customer_questions', 'risk_assessments', 'customer_rm_history', 'customer_events', 'notifications'] as const;
  const parts: string[] = [];
  for (const table of tables) parts.push(JSON.stringify(await t.handle.db.selectFrom(table).selectAll().execute()));
  const reveals = await t.handle.db.selectFrom('audit_log').select('id').where('action', 'in', ['customer.reveal', 'customer.update']).execute();
  return parts.join('|') + `|audit:${reveals.length}`;
}

const listIds = async (who: string, qs = 'q=TSC&pageSize=200') => {
  const res = await c[who].get(`/api/customers?${qs}`);
  expect(res.statusCode, who).toBe(200);
  return (res.json().items as { id: number }[]).map((i) => i.id).sort((a, b) => a - b);
};
const searchIds = async (who: string, q: string) => ((await c[who].get(`/api/customers/search?q=${encodeURIComponent(q)}`)).json().items as { id: number }[]).map((i) => i.id);
const sorted = (...xs: number[]) => [...xs].sort((a, b) => a - b);

describe('own book', () => {
  it('a wealth RM lists and searches only the customers they serve', async () => {
    expect(await listIds('wrm')).toEqual(sorted(ids.wrmOwn, ids.mrmOwn));
    expect(await searchIds('wrm', '13711110004')).toEqual([]);
    expect(await searchIds('wrm', '李四海')).toEqual([]);
    expect(await searchIds('wrm', 'TSC000004')).toEqual([]);
    expect(await searchIds('wrm', '1110003')).toEqual([]);
    expect(await searchIds('wrm', '11000177')).toEqual([ids.wrmOwn]);
    const all = (await c.wrm.get('/api/customers?pageSize=200')).json();
    expect(all.items.every((i: { rmStaffId: number }) => i.rmStaffId === who.wrm.staffId)).toBe(true);
  });

  it('a marketing RM sees the customers they brought in, through the marketing column', async () => {
    expect(await listIds('mrm')).toEqual([ids.mrmOwn]);
    expect((await c.mrm.get(`/api/customers/${ids.mrmOwn}`)).statusCode).toBe(200);
    expect((await c.mrm.get(`/api/customers/${ids.wrmOwn}`)).statusCode).toBe(404);
    // Without customers.reveal, balances stay hidden even in their own book.
    expect((await c.mrm.get(`/api/customers/${ids.mrmOwn}`)).json().balancesVisible).toBe(false);
  });

  it("another RM's customer is 404 on every route, and nothing is written", async () => {
    const before = await fingerprint();
    const id = ids.other;
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/customers/${id}`],
      ['GET', `/api/customers/${id}/timeline`],
      ['POST', `/api/customers/${id}/reveal`, { reason: '核实身份' }],
      ['PATCH', `/api/customers/${id}`, { occupation: '教师' }],
      ['POST', `/api/customers/${id}/needs`, { kind: 'explicit', category: 'information', description: '了解理财产品' }],
      ['PATCH', `/api/customers/${id}/needs/1`, { met: true }],
      ['POST', `/api/customers/${id}/questions`, { question: '是否有购房计划？' }],
      ['PATCH', `/api/customers/${id}/questions/1`, { answer: '有' }],
      ['PUT', `/api/customers/${id}/temperament`, { code: 'peaceful' }],
      ['POST', `/api/customers/${id}/risk-assessments`, { level: 'C2', assessedOn: '2026-11-01' }],
    ];
    for (const [method, url, payload] of calls) {
      const res = await c.wrm.request({ method: method as 'GET', url, ...(payload ? { payload: payload as Record<string, unknown> } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.zh).toContain('客户不存在或无权查看');
    }
    // An unassigned customer of the RM's own outlet is outside the own book too.
    expect((await c.wrm.get(`/api/customers/${ids.unassigned}`)).statusCode).toBe(404);
    expect((await c.wrm.get('/api/customers/999999999')).statusCode).toBe(404);
    expect(await fingerprint()).toBe(before);
  });
});

describe('branch and bank', () => {
  it('a branch head sees the whole outlet, not another one', async () => {
    expect(await listIds('bhead')).toEqual(sorted(ids.wrmOwn, ids.mrmOwn, ids.unassigned));
    expect(await listIds('bhead2')).toEqual([ids.other]);
    expect((await c.bhead.get(`/api/customers/${ids.other}`)).statusCode).toBe(404);
    expect((await c.bhead2.get(`/api/customers/${ids.unassigned}`)).statusCode).toBe(404);
    expect(await searchIds('bhead', '李四海')).toEqual([]);
    expect(await searchIds('bhead2', '李四海')).toEqual([ids.other]);
  });

  it('a branch head cannot reveal, edit or reassign outside the outlet, and writes nothing', async () => {
    const before = await fingerprint();
    expect((await c.bhead.post(`/api/customers/${ids.other}/reveal`, { reason: '核实身份' })).statusCode).toBe(404);
    expect((await c.bhead.patch(`/api/customers/${ids.other}`, { occupation: '教师' })).statusCode).toBe(404);
    expect((await c.bhead.put(`/api/customers/${ids.other}/rm`, { staffId: who.wrm.staffId, reason: '调整' })).statusCode).toBe(404);
    expect(await fingerprint()).toBe(before);
  });

  it('a branch head sees balances (customers.reveal over the outlet) but identity stays masked', async () => {
    const view = (await c.bhead.get(`/api/customers/${ids.unassigned}`)).json();
    expect(view).toMatchObject({ balancesVisible: true, aum: { current: '123456.78' }, name: '孙*省', mobile: '137****0003' });
    expect(view.holdings[0]).toMatchObject({ balance: '123456.78', accountNo: '****0003' });
    const revealed = await c.bhead.post(`/api/customers/${ids.unassigned}/reveal`, { reason: '客户到网点办理业务核实', fields: ['name', 'mobile'] });
    expect(revealed.json()).toEqual({ name: '孙三省', mobile: '13711110003' });
    const row = await t.handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'customer.reveal').where('customer_id', '=', ids.unassigned).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actor_username: 'bhead', reason: '客户到网点办理业务核实', branch_id: who.wrm.branchId });
  });

  it('the lobby manager reads the outlet masked; head office and the auditor read the bank masked and cannot write', async () => {
    expect(await listIds('lobby')).toEqual(sorted(ids.wrmOwn, ids.mrmOwn, ids.unassigned));
    const lobbyList = (await c.lobby.get('/api/customers?q=TSC')).json();
    expect(lobbyList.items.every((i: { aum: string | null; balancesVisible: boolean; name: string }) => i.aum === null && !i.balancesVisible && i.name.includes('*'))).toBe(true);
    expect(await listIds('admin')).toEqual(sorted(ids.wrmOwn, ids.mrmOwn, ids.unassigned, ids.other));
    expect(await listIds('auditor')).toEqual(sorted(ids.wrmOwn, ids.mrmOwn, ids.unassigned, ids.other));
    const auditorView = (await c.auditor.get(`/api/customers/${ids.other}`)).json();
    expect(auditorView).toMatchObject({ balancesVisible: false, aum: { current: null } });
    const before = await fingerprint();
    expect((await c.auditor.patch(`/api/customers/${ids.other}`, { occupation: '教师' })).statusCode).toBe(403);
    expect((await c.auditor.post(`/api/customers/${ids.other}/reveal`, { reason: '审计抽查' })).statusCode).toBe(403);
    expect((await c.lobby.patch(`/api/customers/${ids.wrmOwn}`, { occupation: '教师' })).statusCode).toBe(403);
    expect((await c.wrm.get('/api/customers/export')).statusCode).toBe(403);
    expect(await fingerprint()).toBe(before);
  });

  it('head office may reassign across the bank, but only to an active wealth RM', async () => {
    const res = await c.admin.put(`/api/customers/${ids.unassigned}/rm`, { staffId: who.wrm.staffId, reason: '新客户分配专属客户经理' });
    expect(res.statusCode).toBe(200);
    expect(await listIds('wrm')).toEqual(sorted(ids.wrmOwn, ids.mrmOwn, ids.unassigned));
    await t.handle.db.updateTable('staff').set({ status: 'departed' }).where('id', '=', who.wrm2.staffId).execute();
    const departed = await c.admin.put(`/api/customers/${ids.unassigned}/rm`, { staffId: who.wrm2.staffId, reason: '调整' });
    expect(departed.statusCode).toBe(400);
    expect(departed.json().error.code).toBe('NOT_A_WEALTH_RM');
  });
});
