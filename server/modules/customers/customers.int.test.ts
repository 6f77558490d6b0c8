// The premium-customer archive through the real app: the 360 view and its masking, reveal, search,
// lists, export, edits, RM reassignment, timeline and temperament guides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { residentIdCheckChar } from '../../../contracts/personal-data';
import { startTestApp, type Client, type TestApp } from '../../platform/testing';
import { seedCustomerReferenceData } from './customers.reference';
import { addCustomerEvents } from './timeline';

let t: TestApp;
let admin: Client;
let bhead: Client;
let wrm: Client;
let lobby: Client;
type Who = { staffId: number; branchId: number; userId: number };
const who: Record<string, Who> = {};
let tiers: { low: string; high: string; highMin: string };

const validId = (first17: string) => first17 + residentIdCheckChar(first17);

async function staffOf(username: string): Promise<Who> {
  const r = await t.handle.db
    .selectFrom('users as u').innerJoin('staff as s', 's.id', 'u.staff_id')
    .select(['s.id as staffId', 's.branch_id as branchId', 'u.id as userId']).where('u.username', '=', username).executeTakeFirstOrThrow();
  return r;
}

async function ensureTiers() {
  await t.handle.db.insertInto('tiers').values([
    { code: 'mass', name_zh: '普通', name_en: 'Mass', rank: 0, min_aum: 0 },
    { code: 'gold', name_zh: '金卡', name_en: 'Gold', rank: 1, min_aum: 50000 },
  ]).onConflict((oc) => oc.doNothing()).execute();
  const rows = await t.handle.db.selectFrom('tiers').select(['code', 'min_aum']).orderBy('rank').execute();
  return { low: rows[0].code, high: rows[1].code, highMin: rows[1].min_aum };
}

type NewCustomer = { no: string; name: string; branchId: number; rm: number | null; marketing?: number | null; mobile: string; rid: string; aum?: string; riskOn?: string | null; lastContact?: string | null };

async function addCustomer(c: NewCustomer): Promise<number> {
  const { id } = await t.handle.db.insertInto('customers').values({
    customer_no: c.no, name: c.name, gender: 'F', birth_date: '1975-04-12', resident_id: c.rid, mobile: c.mobile, address: '北京市西城区金融大街35号国际企业大厦',
    branch_id: c.branchId, rm_staff_id: c.rm, marketing_staff_id: c.marketing ?? null, tier_code: tiers.low, tier_since: '2025-01-01',
    risk_level: c.riskOn === null ? null : 'C3', risk_assessed_on: c.riskOn === undefined ? '2025-01-05' : c.riskOn, temperament: 'lively',
    aum: c.aum ?? '30000.00', aum_m1: c.aum ?? '30000.00', aum_m3: '20000.00', aum_m6: '10000.00',
    last_contact_at: c.lastContact === undefined ? new Date().toISOString() : c.lastContact,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

let mine: number; // wrm's customer at the demo outlet
let mine2: number;
let theirs: number; // wrm2's customer at the other outlet

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  await seedCustomerReferenceData(t.handle.db);
  tiers = await ensureTiers();
  for (const u of ['wrm', 'wrm2', 'bhead', 'mrm']) who[u] = await staffOf(u);
  [admin, bhead, wrm, lobby] = await Promise.all(['admin', 'bhead', 'wrm', 'lobby'].map((u) => t.login(u)));
  mine = await addCustomer({ no: 'TQA000001', name: '欧阳明月', branchId: who.wrm.branchId, rm: who.wrm.staffId, mobile: '13987650001', rid: validId('11010219750412301'), aum: '30000.00' });
  mine2 = await addCustomer({ no: 'TQA000002', name: '司马青云', branchId: who.wrm.branchId, rm: who.wrm.staffId, mobile: '13987650002', rid: validId('11010219800101402'), aum: '900000.00', riskOn: null, lastContact: null });
  theirs = await addCustomer({ no: 'TQB000001', name: '欧阳白雪', branchId: who.wrm2.branchId, rm: who.wrm2.staffId, mobile: '13987650003', rid: validId('31010119700101503') });
  await t.handle.db.insertInto('holdings').values([
    { customer_id: mine, category: 'demand', product_name: '活期储蓄', account_no: '6217000011112222333', card_no: '6222020200112233', balance: '10000.00' },
    { customer_id: mine, category: 'time_deposit', product_name: '三年期定期', account_no: '6217000011112222444', balance: '20000.00', matures_on: '2027-06-30' },
  ]).execute();
  const months = Array.from({ length: 14 }, (_, i) => {
    const d = new Date(Date.UTC(2025, i, 1)).toISOString().slice(0, 10);
    return { customer_id: mine, month: d, avg_aum: '25000.00', end_aum: '26000.00', contribution: '10.10' };
  });
  await t.handle.db.insertInto('monthly_balances').values(months).execute();
});
afterAll(async () => t?.close());

const auditRows = (action: string, customerId?: number) => {
  let q = t.handle.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (customerId) q = q.where('customer_id', '=', customerId);
  return q.orderBy('id').execute();
};
const events = (customerId: number) => t.handle.db.selectFrom('customer_events').selectAll().where('customer_id', '=', customerId).orderBy('id').execute();

describe('the 360 view', () => {
  it('shows the owning RM balances but masks identity, and audits the read', async () => {
    const before = (await auditRows('customer.read', mine)).length;
    const res = await wrm.get(`/api/customers/${mine}`);
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({ customerNo: 'TQA000001', name: '欧**月', mobile: '139****0001', balancesVisible: true, age: expect.any(Number) });
    expect(c.residentId).toMatch(/^110102\*{8}\d{3}[\dX]$/);
    expect(c.address).toBe('北京市西城区**********');
    expect(c.aum).toEqual({ current: '30000.00', m1: '30000.00', m3: '20000.00', m6: '10000.00' });
    expect(c.holdings.map((h: { accountNo: string; cardNo: string | null; balance: string }) => [h.accountNo, h.cardNo, h.balance])).toEqual(
      expect.arrayContaining([['****2333', '****2233', '10000.00'], ['****2444', null, '20000.00']]),
    );
    expect(c.aumTrend).toHaveLength(12);
    expect(c.aumTrend[0].month).toBe('2025-03-01');
    expect(c.contribution12m).toBe('121.20');
    expect(c.tier.code).toBe(tiers.low);
    expect(c.tier.next).toMatchObject({ code: tiers.high, basis: '30000.00' });
    expect(c.rm).toMatchObject({ staffId: who.wrm.staffId });
    expect(c.risk).toMatchObject({ level: 'C3', assessedOn: '2025-01-05', validUntil: '2026-01-05', expired: true });
    expect(c.temperament.code).toBe('lively');
    expect(c.temperament.guide).toMatchObject({ nameZh: '活泼型', nameEn: 'Lively' });
    expect(c.temperament.guide.featuresZh).toContain('新奇');
    expect(c.temperament.guide.strategyEn).toMatch(/patien/);
    expect(JSON.stringify(c)).not.toContain('13987650001');
    const after = await auditRows('customer.read', mine);
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toMatchObject({ actor_username: 'wrm', entity_id: String(mine) });
  });

  it('hides balances, and the gap to the next tier, from a caller without customers.reveal', async () => {
    const c = (await lobby.get(`/api/customers/${mine}`)).json();
    expect(c.balancesVisible).toBe(false);
    expect(c.aum).toEqual({ current: null, m1: null, m3: null, m6: null });
    expect(c.holdings.every((h: { balance: string | null }) => h.balance === null)).toBe(true);
    expect(c.aumTrend.every((m: { avgAum: string | null; contribution: string | null }) => m.avgAum === null && m.contribution === null)).toBe(true);
    expect(c.contribution12m).toBeNull();
    expect(c.tier.next).toMatchObject({ threshold: expect.any(String), basis: null, gap: null, percent: null });
    const admin360 = (await admin.get(`/api/customers/${mine}`)).json();
    expect(admin360.balancesVisible).toBe(false);
  });
});

describe('reveal', () => {
  it('needs a reason: refused without one, and nothing is written', async () => {
    const a = (await auditRows('customer.reveal')).length;
    const e = (await events(mine)).length;
    for (const body of [{}, { reason: 'x' }, { reason: '  ' }, { reason: '核实身份', fields: ['salary'] }, { reason: '核实身份', extra: 1 }]) {
      const res = await wrm.post(`/api/customers/${mine}/reveal`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await auditRows('customer.reveal')).length).toBe(a);
    expect((await events(mine)).length).toBe(e);
  });

  it('returns the full values, audited with the reason and put on the timeline', async () => {
    const res = await wrm.post(`/api/customers/${mine}/reveal`, { reason: '客户来电核实身份' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ name: '欧阳明月', residentId: validId('11010219750412301'), mobile: '13987650001', address: '北京市西城区金融大街35号国际企业大厦' });
    const rows = await auditRows('customer.reveal', mine);
    expect(rows.at(-1)).toMatchObject({ customer_id: mine, reason: '客户来电核实身份', actor_username: 'wrm', outcome: 'ok' });
    expect(rows.at(-1)!.detail).toMatchObject({ fields: ['name', 'residentId', 'mobile', 'address'] });
    expect((await events(mine)).at(-1)).toMatchObject({ kind: 'reveal', staff_id: who.wrm.staffId });
    const one = await wrm.post(`/api/customers/${mine}/reveal`, { reason: '寄送对账单', fields: ['address'] });
    expect(one.json()).toEqual({ address: '北京市西城区金融大街35号国际企业大厦' });
  });

  it('is refused to a role without customers.reveal', async () => {
    expect((await lobby.post(`/api/customers/${mine}/reveal`, { reason: '核实身份' })).statusCode).toBe(403);
    expect((await admin.post(`/api/customers/${mine}/reveal`, { reason: '核实身份' })).statusCode).toBe(403);
  });
});

describe('search', () => {
  const ids = async (c: Client, q: string) => {
    const res = await c.get(`/api/customers/search?q=${encodeURIComponent(q)}`);
    expect(res.statusCode, q).toBe(200);
    return res.json() as { kinds: string[]; items: { id: number; name: string; mobile: string; matchedBy: string }[] };
  };

  it('finds by mobile tail, name fragment, customer number, resident-ID tail and card tail, masked', async () => {
    const byMobile = await ids(bhead, '87650002');
    expect(byMobile.items.find((i) => i.id === mine2)).toMatchObject({ matchedBy: 'mobile', name: '司**云', mobile: '139****0002' });
    expect((await ids(bhead, '13987650001')).items.map((i) => i.id)).toContain(mine);
    expect((await ids(bhead, '+86 139 8765 0001')).items.map((i) => i.id)).toContain(mine);
    const byName = await ids(bhead, '阳明月');
    expect(byName.items.find((i) => i.id === mine)).toMatchObject({ matchedBy: 'name', name: '欧**月' });
    expect((await ids(bhead, '司马')).items.map((i) => i.id)).toContain(mine2);
    expect((await ids(wrm, '明月')).items.map((i) => i.id)).toContain(mine);
    // Two characters from inside a name, over a branch head's whole sub-tree (the wide-scope index).
    expect((await ids(bhead, '明月')).items.map((i) => i.id)).toContain(mine);
    expect((await ids(bhead, '阳明')).items.map((i) => i.id)).toContain(mine);
    expect((await ids(bhead, '月欧')).items.map((i) => i.id)).not.toContain(mine);
    const byNo = await ids(bhead, 'tqa0000');
    expect(byNo.kinds).toEqual(['customerNo']);
    expect(byNo.items.map((i) => i.id)).toEqual(expect.arrayContaining([mine, mine2]));
    const rid = validId('11010219750412301');
    expect((await ids(bhead, rid.slice(-6))).items.find((i) => i.id === mine)?.matchedBy).toBe('residentId');
    expect((await ids(bhead, rid)).items.map((i) => i.id)).toContain(mine);
    expect((await ids(bhead, '20200112233')).items.find((i) => i.id === mine)?.matchedBy).toBe('card');
    expect((await ids(bhead, '欧阳')).items.map((i) => i.id)).not.toContain(theirs);
  });

  it('refuses a query too short to search, and one too long', async () => {
    expect((await bhead.get('/api/customers/search?q=a')).statusCode).toBe(400);
    expect((await bhead.get(`/api/customers/search?q=${'9'.repeat(41)}`)).statusCode).toBe(400);
    expect((await bhead.get('/api/customers/search')).statusCode).toBe(400);
  });

  it('treats LIKE wildcards as text', async () => {
    expect((await ids(bhead, '%%')).items).toEqual([]);
    expect((await ids(bhead, '__')).items).toEqual([]);
  });
});

describe('list and export', () => {
  type Item = { id: number; aum: string | null; rmStaffId: number; riskExpired: boolean; riskLevel: string | null };
  const list = async (c: Client, qs: string) => {
    const res = await c.get(`/api/customers?${qs}`);
    expect(res.statusCode, qs).toBe(200);
    return res.json() as { items: Item[]; total: number; page: number; pageSize: number };
  };

  it('filters by AUM, tier, RM, risk expiry and contact, sorts by AUM and pages', async () => {
    const desc = await list(bhead, `rmStaffId=${who.wrm.staffId}&aumMin=20000&pageSize=200`);
    const ours = desc.items.filter((i) => i.id === mine || i.id === mine2).map((i) => i.id);
    expect(ours).toEqual([mine2, mine]);
    expect(desc.items.every((i) => i.rmStaffId === who.wrm.staffId && Number(i.aum) >= 20000)).toBe(true);
    const asc = await list(bhead, `q=TQA&sort=aum_asc`);
    expect(asc.items.map((i) => i.id)).toEqual([mine, mine2]);
    expect((await list(bhead, 'q=TQA&aumMax=50000')).items.map((i) => i.id)).toEqual([mine]);
    expect((await list(bhead, `q=TQA&tier=${tiers.low}`)).total).toBe(2);
    expect((await list(bhead, `q=TQA&tier=${tiers.high}`)).total).toBe(0);
    const expiring = await list(bhead, 'q=TQA&riskExpiring=true');
    expect(expiring.items.map((i) => i.id).sort()).toEqual([mine, mine2].sort());
    expect(expiring.items.find((i) => i.id === mine)!.riskExpired).toBe(true);
    expect((await list(bhead, 'q=TQA&noContactDays=30')).items.map((i) => i.id)).toEqual([mine2]);
    expect((await list(bhead, 'q=TQA&riskLevel=C3')).items.map((i) => i.id)).toEqual([mine]);
    const paged = await list(bhead, 'q=TQA&pageSize=1&page=2');
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.items).toHaveLength(1);
    expect((await list(bhead, `q=TQA&branchId=${who.wrm.branchId}`)).total).toBe(2);
    expect((await list(bhead, `q=TQA&branchId=${who.wrm2.branchId}&includeSubtree=true`)).total).toBe(0);
  });

  it('refuses bad filters with a 400', async () => {
    for (const qs of ['aumMin=abc', 'aumMin=100&aumMax=10', 'riskLevel=C9', 'sort=name', 'pageSize=1000', 'noContactDays=-1', 'riskExpiring=maybe']) {
      const res = await bhead.get(`/api/customers?${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.json().error.en).toBeTruthy();
    }
  });

  it('exports an xlsx, masked as on screen, and audits the filter and row count', async () => {
    const res = await bhead.request({ method: 'GET', url: '/api/customers/export?q=TQA' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['x-export-rows']).toBe('2');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows).toHaveLength(3);
    const text = JSON.stringify(rows);
    expect(text).toContain('欧**月');
    expect(text).not.toContain('欧阳明月');
    expect(text).not.toContain('13987650001');
    expect(text).toContain('900000.00');
    const a = (await auditRows('customer.export')).at(-1)!;
    expect(a).toMatchObject({ actor_username: 'bhead' });
    expect(a.detail).toMatchObject({ filter: { q: 'TQA' }, rows: 2, truncated: false });
    expect((await wrm.get('/api/customers/export')).statusCode).toBe(403);
  });
});

describe('edits', () => {
  const count = async (table: 'customer_events' | 'customer_needs' | 'customer_questions' | 'risk_assessments' | 'audit_log') =>
    Number((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const snapshot = async () => JSON.stringify([
    await t.handle.db.selectFrom('customers').selectAll().where('id', '=', mine).executeTakeFirstOrThrow(),
    await count('customer_events'), await count('customer_needs'), await count('customer_questions'), await count('risk_assessments'),
  ]);

  it('refuses bad input with a 400 and writes nothing', async () => {
    const before = await snapshot();
    const bad: [string, string, unknown][] = [
      ['PATCH', `/api/customers/${mine}`, { mobile: '12345' }],
      ['PATCH', `/api/customers/${mine}`, {}],
      ['PATCH', `/api/customers/${mine}`, { status: 'gone' }],
      ['PATCH', `/api/customers/${mine}`, { name: '改名' }],
      ['PATCH', `/api/customers/${mine}`, { preferredChannel: 'pigeon' }],
      ['POST', `/api/customers/${mine}/needs`, { kind: 'explicit', category: 'money', description: '想了解养老规划' }],
      ['POST', `/api/customers/${mine}/needs`, { kind: 'explicit', category: 'information' }],
      ['POST', `/api/customers/${mine}/questions`, { question: '' }],
      ['PATCH', `/api/customers/${mine}/questions/1`, {}],
      ['PUT', `/api/customers/${mine}/temperament`, { code: 'grumpy' }],
      ['POST', `/api/customers/${mine}/risk-assessments`, { level: 'C6', assessedOn: '2026-01-01' }],
      ['POST', `/api/customers/${mine}/risk-assessments`, { level: 'C2', assessedOn: '2026-02-30' }],
      ['POST', `/api/customers/${mine}/risk-assessments`, { level: 'C2', assessedOn: '2999-01-01' }],
      ['PUT', `/api/customers/${mine}/rm`, { staffId: who.wrm2.staffId }],
    ];
    for (const [method, url, payload] of bad) {
      const res = await bhead.request({ method: method as 'POST', url, payload: payload as Record<string, unknown> });
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload)}`).toBe(400);
      expect(res.json().error.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await snapshot()).toBe(before);
  });

  it('updates the profile, audited with masked values and put on the timeline', async () => {
    const res = await wrm.patch(`/api/customers/${mine}`, { mobile: '139 8765 0009', occupation: '企业主', consents: { sms: true }, preferredChannel: 'wechat', familyNotes: '女儿明年出国留学' });
    expect(res.statusCode).toBe(200);
    const c = (await wrm.get(`/api/customers/${mine}`)).json();
    expect(c).toMatchObject({ mobile: '139****0009', occupation: '企业主', preferredChannel: 'wechat', familyNotes: '女儿明年出国留学' });
    expect(c.consents.sms).toBe(true);
    const row = await t.handle.db.selectFrom('customers').select('mobile').where('id', '=', mine).executeTakeFirstOrThrow();
    expect(row.mobile).toBe('13987650009');
    const a = (await auditRows('customer.update', mine)).at(-1)!;
    expect(JSON.stringify(a.detail)).not.toContain('13987650009');
    expect(a.detail).toMatchObject({ after: { mobile: '139****0009', occupation: '企业主' } });
    expect((await events(mine)).at(-1)).toMatchObject({ kind: 'profile' });
  });

  it('records needs, questions, temperament and risk assessments with history', async () => {
    const need = await wrm.post(`/api/customers/${mine}/needs`, { kind: 'hidden', category: 'emotional', description: '希望被记住生日' });
    expect(need.statusCode).toBe(201);
    expect((await wrm.patch(`/api/customers/${mine}/needs/${need.json().id}`, { met: true })).statusCode).toBe(200);
    expect((await wrm.patch(`/api/customers/${mine}/needs/999999`, { met: true })).statusCode).toBe(404);
    const q = await wrm.post(`/api/customers/${mine}/questions`, { question: '子女教育金是否已有安排？' });
    expect(q.statusCode).toBe(201);
    expect((await wrm.patch(`/api/customers/${mine}/questions/${q.json().id}`, { askedAt: '2026-11-20T10:00:00+08:00', answer: '尚未安排' })).statusCode).toBe(200);
    expect((await wrm.put(`/api/customers/${mine}/temperament`, { code: 'perfect' })).statusCode).toBe(200);
    expect((await wrm.post(`/api/customers/${mine}/risk-assessments`, { level: 'C4', assessedOn: '2026-11-01' })).statusCode).toBe(201);
    // A back-dated assessment joins the history but does not replace the newer one.
    expect((await wrm.post(`/api/customers/${mine}/risk-assessments`, { level: 'C1', assessedOn: '2025-06-01' })).statusCode).toBe(201);
    const c = (await wrm.get(`/api/customers/${mine}`)).json();
    expect(c.needs.find((n: { id: number }) => n.id === need.json().id)).toMatchObject({ met: true, kind: 'hidden', category: 'emotional', metAt: expect.any(String) });
    expect(c.questions.find((x: { id: number }) => x.id === q.json().id)).toMatchObject({ answer: '尚未安排', askedAt: '2026-11-20T02:00:00.000Z' });
    expect(c.temperament).toMatchObject({ code: 'perfect', guide: { nameZh: '完美型' } });
    expect(c.risk).toMatchObject({ level: 'C4', assessedOn: '2026-11-01', validUntil: '2027-11-01', expired: false });
    expect(c.riskHistory.map((r: { level: string }) => r.level)).toEqual(['C4', 'C1']);
    const kinds = (await events(mine)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['need', 'question', 'temperament', 'risk']));
    expect((await auditRows('customer.risk', mine)).length).toBe(2);
  });

  it('reassigns the dedicated RM: history closed and opened, the new RM notified, timeline and audit', async () => {
    const other = await t.handle.db
      .selectFrom('staff as s').innerJoin('staff_roles as r', 'r.staff_id', 's.id').innerJoin('users as u', 'u.staff_id', 's.id')
      .select(['s.id', 'u.id as userId'])
      .where('r.role', '=', 'wealth_rm').where('s.status', '=', 'active').where('s.branch_id', '=', who.wrm.branchId).where('s.id', '<>', who.wrm.staffId)
      .executeTakeFirst();
    let newRm = other ? { id: other.id, userId: other.userId } : null;
    if (!newRm) {
      const code = (await t.handle.db.selectFrom('branches').select('code').where('id', '=', who.wrm.branchId).executeTakeFirstOrThrow()).code;
      const created = await admin.post('/api/staff', { staffNo: 'TRM0001', name: '林测试', gender: 'F', branchCode: code, sequence: 'rm', roles: ['wealth_rm'] });
      expect(created.statusCode).toBe(201);
      const acct = await admin.post(`/api/staff/${created.json().id}/account`, { username: 'trm0001' });
      expect(acct.statusCode).toBe(201);
      const u = await t.handle.db.selectFrom('users').select('id').where('username', '=', 'trm0001').executeTakeFirstOrThrow();
      newRm = { id: created.json().id, userId: u.id };
    }
    await t.handle.db.insertInto('customer_rm_history').values({ customer_id: mine2, staff_id: who.wrm.staffId, assigned_on: '2024-01-01', reason: '开户分配' }).execute();
    const lobbyStaff = await staffOf('lobby');
    const notRm = await bhead.put(`/api/customers/${mine2}/rm`, { staffId: lobbyStaff.staffId, reason: '调整' });
    expect(notRm.statusCode).toBe(400);
    expect(notRm.json().error.code).toBe('NOT_A_WEALTH_RM');
    const elsewhere = await bhead.put(`/api/customers/${mine2}/rm`, { staffId: who.wrm2.staffId, reason: '调整' });
    expect(elsewhere.statusCode).toBe(400);
    expect((await bhead.put(`/api/customers/${mine2}/rm`, { staffId: who.wrm.staffId, reason: '调整' })).statusCode).toBe(409);
    expect((await wrm.put(`/api/customers/${mine2}/rm`, { staffId: newRm.id, reason: '调整' })).statusCode).toBe(403);

    const res = await bhead.put(`/api/customers/${mine2}/rm`, { staffId: newRm.id, reason: '原客户经理岗位调整，客户移交' });
    expect(res.statusCode).toBe(200);
    const history = await t.handle.db.selectFrom('customer_rm_history').selectAll().where('customer_id', '=', mine2).orderBy('id').execute();
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({ staff_id: who.wrm.staffId, ended_on: expect.any(String) });
    expect(history[1]).toMatchObject({ staff_id: newRm.id, ended_on: null, reason: '原客户经理岗位调整，客户移交', assigned_by: who.bhead.staffId });
    expect(history[1].assigned_on).toBe(history[0].ended_on);
    const row = await t.handle.db.selectFrom('customers').select('rm_staff_id').where('id', '=', mine2).executeTakeFirstOrThrow();
    expect(row.rm_staff_id).toBe(newRm.id);
    const note = await t.handle.db.selectFrom('notifications').selectAll().where('user_id', '=', newRm.userId).where('kind', '=', 'customer.assigned').executeTakeFirstOrThrow();
    expect(note.title).toContain('TQA000002');
    expect(note.title).not.toContain('司马青云');
    expect(note.link).toBe(`/customers/${mine2}`);
    expect((await auditRows('customer.assign', mine2)).at(-1)).toMatchObject({ reason: '原客户经理岗位调整，客户移交' });
    expect((await events(mine2)).at(-1)).toMatchObject({ kind: 'rm', staff_id: who.bhead.staffId });
    // The old RM's own book no longer holds the customer.
    expect((await wrm.get(`/api/customers/${mine2}`)).statusCode).toBe(404);
  });
});

describe('timeline', () => {
  it('pages newest first with a keyset cursor, and takes bulk events from other modules', async () => {
    const base = Date.parse('2026-01-01T00:00:00Z');
    await addCustomerEvents(t.handle.db, Array.from({ length: 7 }, (_, i) => ({
      customerId: theirs, kind: 'visit', title: `到访 ${i}`, at: new Date(base + i * 60_000), staffId: who.wrm2.staffId, refType: 'visit', refId: i,
    })));
    // Two events in the same instant: the id breaks the tie.
    await addCustomerEvents(t.handle.db, [0, 1].map((i) => ({ customerId: theirs, kind: 'visit', title: `同时 ${i}`, at: new Date(base - 60_000) })));
    const bhead2 = await t.login('bhead2');
    const seen: string[] = [];
    let before: string | null = null;
    do {
      const qs: string = before ? `?limit=4&before=${encodeURIComponent(before)}` : '?limit=4';
      const res = await bhead2.get(`/api/customers/${theirs}/timeline${qs}`);
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: { title: string }[]; nextBefore: string | null };
      seen.push(...page.items.map((i) => i.title));
      before = page.nextBefore;
    } while (before);
    expect(seen).toEqual(['到访 6', '到访 5', '到访 4', '到访 3', '到访 2', '到访 1', '到访 0', '同时 1', '同时 0']);
    expect((await bhead2.get(`/api/customers/${theirs}/timeline?before=garbage`)).statusCode).toBe(400);
  });
});

describe('temperament guides', () => {
  it('lists the four types in both languages and lets head office edit them, audited', async () => {
    const list = (await wrm.get('/api/temperaments')).json() as { code: string; nameZh: string; featuresEn: string; strategyZh: string }[];
    expect(list.map((g) => [g.code, g.nameZh])).toEqual([['lively', '活泼型'], ['perfect', '完美型'], ['powerful', '力量型'], ['peaceful', '和平型']]);
    expect(list.every((g) => g.featuresEn.length > 50 && g.strategyZh.length > 50)).toBe(true);
    const body = { featuresZh: '外向热情，喜欢新鲜事物', strategyZh: '热情接待，多介绍新产品', featuresEn: 'Outgoing and warm', strategyEn: 'Be warm; show new products' };
    expect((await wrm.put('/api/temperaments/lively', body)).statusCode).toBe(403);
    expect((await admin.put('/api/temperaments/lively', { ...body, featuresZh: '' })).statusCode).toBe(400);
    expect((await admin.put('/api/temperaments/lively', body)).statusCode).toBe(200);
    expect((await wrm.get('/api/temperaments')).json()[0]).toMatchObject({ code: 'lively', nameZh: '活泼型', strategyZh: '热情接待，多介绍新产品' });
    expect((await auditRows('temperament.update')).at(-1)).toMatchObject({ entity_id: 'lively', actor_username: 'admin' });
    // Seeding again leaves head office's edit alone.
    await seedCustomerReferenceData(t.handle.db);
    expect((await wrm.get('/api/temperaments')).json()[0].strategyZh).toBe('热情接待，多介绍新产品');
  });
});
