// Value-added services end to end: catalogue and quotas, booking within the quota of the current
// tier, cancel and mark used, data scope, reports on a crafted set, the "nothing used yet" list.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../platform/testing';
import { seedPrivilegeReferenceData } from './privileges.reference';
import { shanghaiToday } from './privileges.service';

let t: TestApp;
const c: Record<string, Client> = {};
const today = shanghaiToday();
const year = Number(today.slice(0, 4));
let bj01: number;
let sh01: number;
let wrmStaff: number;
let wrm2Staff: number;
const cust: Record<string, number> = {};

async function staffOf(username: string): Promise<number> {
  const r = await t.handle.db.selectFrom('users').select('staff_id').where('username', '=', username).executeTakeFirstOrThrow();
  return Number(r.staff_id);
}

async function addCustomer(no: string, name: string, tier: string, branchId: number, rm: number | null, extra: Record<string, unknown> = {}): Promise<number> {
  const r = await t.handle.db
    .insertInto('customers')
    .values({ customer_no: no, name, tier_code: tier, branch_id: branchId, rm_staff_id: rm, ...extra })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

const count = async (table: 'privilege_uses' | 'customer_events' | 'audit_log', customerId?: number) => {
  let q = t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n'));
  if (customerId !== undefined) q = q.where('customer_id', '=', customerId);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  const db = t.handle.db;
  await db
    .insertInto('tiers')
    .values([
      { code: 'mass', name_zh: '普通', name_en: 'Mass', rank: 0, min_aum: 0 },
      { code: 'gold', name_zh: '金卡', name_en: 'Gold', rank: 1, min_aum: 50000 },
      { code: 'platinum', name_zh: '白金', name_en: 'Platinum', rank: 2, min_aum: 500000 },
      { code: 'diamond', name_zh: '钻石', name_en: 'Diamond', rank: 3, min_aum: 2000000 },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
  await seedPrivilegeReferenceData(db);
  bj01 = (await db.selectFrom('branches').select('id').where('code', '=', 'BJ01').executeTakeFirstOrThrow()).id;
  sh01 = (await db.selectFrom('branches').select('id').where('code', '=', 'SH01').executeTakeFirstOrThrow()).id;
  wrmStaff = await staffOf('wrm');
  wrm2Staff = await staffOf('wrm2');
  cust.gold = await addCustomer('PV-0001', '王金卡', 'gold', bj01, wrmStaff);
  cust.diamond = await addCustomer('PV-0002', '李钻石', 'diamond', bj01, wrmStaff);
  cust.sh = await addCustomer('PV-0003', '赵上海', 'platinum', sh01, wrm2Staff);
  for (const u of ['admin', 'wrm', 'wrm2', 'lobby', 'bhead', 'bhead2']) c[u] = await t.login(u);
});
afterAll(async () => t?.close());

describe('catalogue and quotas', () => {
  it('seeds the seven services with partners, costs and quotas of the existing tiers, idempotently', async () => {
    await seedPrivilegeReferenceData(t.handle.db);
    const res = await c.admin.get('/api/privileges');
    expect(res.statusCode).toBe(200);
    const list = res.json() as { code: string; partner: string; unitCost: string; quotas: { tierCode: string; perYear: number }[] }[];
    expect(list.map((p) => p.code).sort()).toEqual(['airport_fasttrack', 'airport_lounge', 'birthday_gift', 'golf', 'health_check', 'hospital_green', 'roadside']);
    const lounge = list.find((p) => p.code === 'airport_lounge')!;
    expect(lounge.partner).toBeTruthy();
    expect(lounge.unitCost).toMatch(/^\d+\.\d{2}$/);
    expect(Object.fromEntries(lounge.quotas.map((q) => [q.tierCode, q.perYear]))).toMatchObject({ mass: 0, gold: 2, platinum: 6, diamond: 12 });
    // Quotas exist for the default tiers this bank has ('private' is not one here); mass has none.
    const tiers = (await t.handle.db.selectFrom('tiers').select('code').execute()).map((r) => r.code);
    const expected = ['gold', 'platinum', 'diamond', 'private'].filter((x) => tiers.includes(x));
    const rows = await t.handle.db.selectFrom('privilege_quotas').select(['tier_code']).where('privilege_code', '<>', 'concierge').execute();
    expect(new Set(rows.map((r) => r.tier_code))).toEqual(new Set(expected));
    expect(rows).toHaveLength(7 * expected.length);
  });

  it('creates and edits a service, sets its quotas, and audits both', async () => {
    const created = await c.admin.put('/api/privileges/concierge', { nameZh: '私人管家', nameEn: 'Concierge', partner: '国际SOS', unitCost: '350.5' });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ code: 'concierge', unitCost: '350.50', active: true });
    const edited = await c.admin.put('/api/privileges/concierge', { nameZh: '私人管家服务', nameEn: 'Concierge', partner: '国际SOS', unitCost: '400', active: false });
    expect(edited.json()).toMatchObject({ nameZh: '私人管家服务', unitCost: '400.00', active: false });
    const q = await c.admin.put('/api/privileges/concierge/quotas', { quotas: [{ tierCode: 'diamond', perYear: 3 }, { tierCode: 'platinum', perYear: 1 }] });
    expect(q.statusCode).toBe(200);
    expect(Object.fromEntries(q.json().quotas.map((x: { tierCode: string; perYear: number }) => [x.tierCode, x.perYear]))).toMatchObject({ mass: 0, gold: 0, platinum: 1, diamond: 3 });
    const actions = await t.handle.db.selectFrom('audit_log').select('action').where('entity_id', '=', 'concierge').orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['privilege.create', 'privilege.update', 'privilege.quotas']);
  });

  it('keeps a quota head office removed when the defaults are seeded again', async () => {
    const res = await c.admin.put('/api/privileges/airport_fasttrack/quotas', { quotas: [{ tierCode: 'diamond', perYear: 10 }] });
    expect(res.statusCode).toBe(200);
    await seedPrivilegeReferenceData(t.handle.db);
    const after = (await c.admin.get('/api/privileges')).json().find((p: { code: string }) => p.code === 'airport_fasttrack');
    expect(Object.fromEntries(after.quotas.map((x: { tierCode: string; perYear: number }) => [x.tierCode, x.perYear]))).toMatchObject({ mass: 0, gold: 0, platinum: 0, diamond: 10 });
  });

  it('refuses bad input with a bilingual 400 and callers without the permission with 403', async () => {
    const before = await count('audit_log');
    const badTier = await c.admin.put('/api/privileges/concierge/quotas', { quotas: [{ tierCode: 'emerald', perYear: 1 }] });
    expect(badTier.statusCode).toBe(400);
    expect(badTier.json().error).toMatchObject({ code: 'UNKNOWN_TIER' });
    const dup = await c.admin.put('/api/privileges/concierge/quotas', { quotas: [{ tierCode: 'gold', perYear: 1 }, { tierCode: 'gold', perYear: 2 }] });
    expect(dup.statusCode).toBe(400);
    const negative = await c.admin.put('/api/privileges/concierge/quotas', { quotas: [{ tierCode: 'gold', perYear: -1 }] });
    expect(negative.statusCode).toBe(400);
    const money = await c.admin.put('/api/privileges/concierge', { nameZh: '私人管家', nameEn: 'Concierge', unitCost: '12.345' });
    expect(money.statusCode).toBe(400);
    const badCode = await c.admin.put('/api/privileges/Bad-Code', { nameZh: '错', nameEn: 'Bad', unitCost: '1' });
    expect(badCode.statusCode).toBe(400);
    const unknown = await c.admin.put('/api/privileges/nope/quotas', { quotas: [] });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.zh).toMatch(/[\u4e00-\u9fff]/);
    expect((await c.wrm.get('/api/privileges')).statusCode).toBe(403);
    expect((await c.bhead.put('/api/privileges/golf/quotas', { quotas: [] })).statusCode).toBe(403);
    expect(await count('audit_log')).toBe(before);
  });
});

describe('booking within the quota of the current tier', () => {
  it('books and records up to the quota, then refuses with 409 and writes nothing', async () => {
    const id = cust.gold;
    const first = await c.wrm.post(`/api/customers/${id}/privileges`, { privilegeCode: 'airport_lounge', serviceDate: today, status: 'booked', note: '首都机场T3' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ quota: 2, remaining: 1, use: { status: 'booked', tierCode: 'gold', branchId: bj01, recordedBy: wrmStaff, cost: '200.00', note: '首都机场T3', year } });
    const second = await c.wrm.post(`/api/customers/${id}/privileges`, { privilegeCode: 'airport_lounge', serviceDate: today, status: 'used' });
    expect(second.statusCode).toBe(201);
    expect(second.json().remaining).toBe(0);

    const before = { uses: await count('privilege_uses'), events: await count('customer_events'), audit: await count('audit_log') };
    const third = await c.wrm.post(`/api/customers/${id}/privileges`, { privilegeCode: 'airport_lounge', serviceDate: today, status: 'booked' });
    expect(third.statusCode).toBe(409);
    expect(third.json().error.code).toBe('QUOTA_EXHAUSTED');
    expect(third.json().error.zh).toContain('额度已用完');
    expect(third.json().error.en).toContain('Quota used up');
    expect({ uses: await count('privilege_uses'), events: await count('customer_events'), audit: await count('audit_log') }).toEqual(before);

    const view = (await c.wrm.get(`/api/customers/${id}/privileges`)).json();
    expect(view.customer).toMatchObject({ id, tierCode: 'gold', tierNameZh: '金卡', name: '王*卡' });
    expect(view.year).toBe(year);
    const lounge = view.items.find((x: { code: string }) => x.code === 'airport_lounge');
    expect(lounge).toMatchObject({ quota: 2, used: 1, booked: 1, remaining: 0 });
    expect(lounge.uses).toHaveLength(2);
    // A gold customer is not entitled to golf.
    const golf = await c.wrm.post(`/api/customers/${id}/privileges`, { privilegeCode: 'golf', serviceDate: today });
    expect(golf.statusCode).toBe(409);
    expect(golf.json().error.code).toBe('NOT_ENTITLED');
  });

  it('writes one timeline event and one audit row per booking, use and cancellation', async () => {
    const events = await t.handle.db.selectFrom('customer_events').selectAll().where('customer_id', '=', cust.gold).orderBy('id').execute();
    expect(events.map((e) => e.kind)).toEqual(['privilege.booked', 'privilege.used']);
    expect(events[0]).toMatchObject({ ref_type: 'privilege_use', staff_id: wrmStaff });
    expect(events[0].title).toContain('机场贵宾厅');
    const audits = await t.handle.db.selectFrom('audit_log').select(['action', 'customer_id']).where('customer_id', '=', cust.gold).orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual(['privilege.book', 'privilege.record_use']);
  });

  it('cancelling gives the visit back; marking a booking used keeps it counted', async () => {
    const id = cust.gold;
    const view = (await c.wrm.get(`/api/customers/${id}/privileges`)).json();
    const booked = view.items.find((x: { code: string }) => x.code === 'airport_lounge').uses.find((u: { status: string }) => u.status === 'booked');
    const cancelled = await c.wrm.post(`/api/customers/${id}/privileges/${booked.id}/cancel`, { reason: '客户航班取消' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect(cancelled.json().cancelledAt).toBeTruthy();
    expect((await c.wrm.post(`/api/customers/${id}/privileges/${booked.id}/cancel`)).statusCode).toBe(409);
    expect((await c.wrm.post(`/api/customers/${id}/privileges/${booked.id}/use`)).statusCode).toBe(409);
    let lounge = (await c.wrm.get(`/api/customers/${id}/privileges`)).json().items.find((x: { code: string }) => x.code === 'airport_lounge');
    expect(lounge).toMatchObject({ quota: 2, used: 1, booked: 0, remaining: 1 });

    const again = await c.lobby.post(`/api/customers/${id}/privileges`, { privilegeCode: 'airport_lounge', serviceDate: today });
    expect(again.statusCode).toBe(201);
    const marked = await c.lobby.post(`/api/customers/${id}/privileges/${again.json().use.id}/use`, { note: '已到厅' });
    expect(marked.statusCode).toBe(200);
    expect(marked.json()).toMatchObject({ status: 'used', serviceDate: today, note: '已到厅' });
    expect((await c.lobby.post(`/api/customers/${id}/privileges/${again.json().use.id}/use`)).statusCode).toBe(409);
    lounge = (await c.wrm.get(`/api/customers/${id}/privileges`)).json().items.find((x: { code: string }) => x.code === 'airport_lounge');
    expect(lounge).toMatchObject({ quota: 2, used: 2, booked: 0, remaining: 0 });
    const kinds = (await t.handle.db.selectFrom('customer_events').select('kind').where('customer_id', '=', id).orderBy('id').execute()).map((e) => e.kind);
    expect(kinds).toEqual(['privilege.booked', 'privilege.used', 'privilege.cancelled', 'privilege.booked', 'privilege.used']);
    const audit = await t.handle.db.selectFrom('audit_log').select(['action', 'reason']).where('action', '=', 'privilege.cancel').executeTakeFirstOrThrow();
    expect(audit.reason).toBe('客户航班取消');
  });

  it('follows a tier change from the day of the change: more after an upgrade, nothing (not negative) after a downgrade', async () => {
    const id = cust.gold;
    const lounge = async () => (await c.wrm.get(`/api/customers/${id}/privileges`)).json().items.find((x: { code: string }) => x.code === 'airport_lounge');
    await t.handle.db.updateTable('customers').set({ tier_code: 'platinum' }).where('id', '=', id).execute();
    expect(await lounge()).toMatchObject({ quota: 6, used: 2, remaining: 4 });
    const up = await c.wrm.post(`/api/customers/${id}/privileges`, { privilegeCode: 'airport_lounge', serviceDate: today });
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({ quota: 6, remaining: 3, use: { tierCode: 'platinum' } });
    // Back to gold: three taken against a quota of two shows 0 left, and booking is refused.
    await t.handle.db.updateTable('customers').set({ tier_code: 'gold' }).where('id', '=', id).execute();
    expect(await lounge()).toMatchObject({ quota: 2, used: 2, booked: 1, remaining: 0 });
    expect((await c.wrm.post(`/api/customers/${id}/privileges`, { privilegeCode: 'airport_lounge', serviceDate: today })).json().error.code).toBe('QUOTA_EXHAUSTED');
    // A running manual override counts as the current tier.
    await t.handle.db.updateTable('customers').set({ override_tier_code: 'diamond', override_until: `${year + 1}-12-31` }).where('id', '=', id).execute();
    expect(await lounge()).toMatchObject({ quota: 12, remaining: 9 });
    await t.handle.db.updateTable('customers').set({ override_tier_code: null, override_until: null }).where('id', '=', id).execute();
  });

  it('refuses bad dates and unknown services with a 400 naming the field, writing nothing', async () => {
    const before = await count('privilege_uses');
    const url = `/api/customers/${cust.diamond}/privileges`;
    const past = await c.wrm.post(url, { privilegeCode: 'golf', serviceDate: `${year - 1}-06-01`, status: 'booked' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.code).toBe('BOOKING_IN_PAST');
    const future = await c.wrm.post(url, { privilegeCode: 'golf', serviceDate: `${year + 1}-06-01`, status: 'used' });
    expect(future.json().error.code).toBe('USE_IN_FUTURE');
    const far = await c.wrm.post(url, { privilegeCode: 'golf', serviceDate: `${year + 3}-06-01` });
    expect(far.json().error.code).toBe('SERVICE_DATE_RANGE');
    const notADate = await c.wrm.post(url, { privilegeCode: 'golf', serviceDate: `${year}-02-31` });
    expect(notADate.statusCode).toBe(400);
    expect(notADate.json().error.fields[0].path).toBe('serviceDate');
    const unknown = await c.wrm.post(url, { privilegeCode: 'space_flight', serviceDate: today });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].path).toBe('privilegeCode');
    const extra = await c.wrm.post(url, { privilegeCode: 'golf', serviceDate: today, cost: '0.01' });
    expect(extra.statusCode).toBe(400);
    const inactive = await c.wrm.post(url, { privilegeCode: 'concierge', serviceDate: today });
    expect(inactive.json().error.code).toBe('PRIVILEGE_INACTIVE');
    expect(await count('privilege_uses')).toBe(before);
  });
});

describe('data scope', () => {
  it("another outlet's RM, branch head and lobby cannot see or book the customer (404), and nothing is written", async () => {
    const before = await count('privilege_uses');
    const body = { privilegeCode: 'golf', serviceDate: today };
    expect((await c.wrm2.post(`/api/customers/${cust.diamond}/privileges`, body)).statusCode).toBe(404);
    expect((await c.wrm2.get(`/api/customers/${cust.diamond}/privileges`)).statusCode).toBe(404);
    expect((await c.bhead2.post(`/api/customers/${cust.diamond}/privileges`, body)).statusCode).toBe(404);
    expect((await c.wrm.post(`/api/customers/${cust.sh}/privileges`, body)).statusCode).toBe(404);
    expect((await c.lobby.post(`/api/customers/${cust.sh}/privileges`, body)).statusCode).toBe(404);
    const use = (await t.handle.db.selectFrom('privilege_uses').select('id').where('customer_id', '=', cust.gold).executeTakeFirstOrThrow()).id;
    expect((await c.wrm2.post(`/api/customers/${cust.gold}/privileges/${use}/cancel`)).statusCode).toBe(404);
    // A use id of another customer is not found under this customer either.
    expect((await c.wrm.post(`/api/customers/${cust.diamond}/privileges/${use}/cancel`)).statusCode).toBe(404);
    expect(await count('privilege_uses')).toBe(before);
    // The outlet's own RM, lobby manager and branch head may.
    expect((await c.wrm.post(`/api/customers/${cust.diamond}/privileges`, body)).statusCode).toBe(201);
    expect((await c.lobby.post(`/api/customers/${cust.diamond}/privileges`, body)).statusCode).toBe(201);
    expect((await c.bhead.post(`/api/customers/${cust.diamond}/privileges`, { privilegeCode: 'health_check', serviceDate: today })).statusCode).toBe(201);
    expect((await c.wrm2.post(`/api/customers/${cust.sh}/privileges`, { privilegeCode: 'roadside', serviceDate: today })).statusCode).toBe(201);
    // An administrator reads every customer but does not book.
    expect((await c.admin.get(`/api/customers/${cust.diamond}/privileges`)).statusCode).toBe(200);
    expect((await c.admin.post(`/api/customers/${cust.diamond}/privileges`, body)).statusCode).toBe(403);
  });
});

describe('reports', () => {
  // A crafted year of uses, far from the ones above (two years back), at BJ01 and SH01.
  const y0 = year - 2;
  const crafted = [
    { p: 'airport_lounge', tier: 'diamond', b: 'BJ01', d: `${y0}-01-10`, s: 'used', cost: '200.00' },
    { p: 'airport_lounge', tier: 'diamond', b: 'BJ01', d: `${y0}-01-20`, s: 'used', cost: '200.00' },
    { p: 'airport_lounge', tier: 'gold', b: 'BJ01', d: `${y0}-02-05`, s: 'cancelled', cost: '200.00' },
    { p: 'airport_lounge', tier: 'gold', b: 'SH01', d: `${y0}-02-06`, s: 'used', cost: '180.00' },
    { p: 'golf', tier: 'diamond', b: 'BJ01', d: `${y0}-02-14`, s: 'booked', cost: '1500.00' },
    { p: 'roadside', tier: 'platinum', b: 'BJ01', d: `${y0}-03-01`, s: 'used', cost: '0.10' },
    { p: 'roadside', tier: 'platinum', b: 'BJ01', d: `${y0}-03-02`, s: 'used', cost: '0.20' },
    { p: 'roadside', tier: 'platinum', b: 'SH01', d: `${y0}-03-03`, s: 'booked', cost: '0.70' },
    // Outside the range asked for.
    { p: 'golf', tier: 'diamond', b: 'BJ01', d: `${y0 - 1}-12-31`, s: 'used', cost: '9999.00' },
  ];
  const range = `from=${y0}-01-01&to=${y0}-12-31`;

  beforeAll(async () => {
    for (const r of crafted) {
      await t.handle.db
        .insertInto('privilege_uses')
        .values({
          customer_id: r.b === 'BJ01' ? cust.diamond : cust.sh, privilege_code: r.p, year: Number(r.d.slice(0, 4)), status: r.s, service_date: r.d,
          tier_code: r.tier, branch_id: r.b === 'BJ01' ? bj01 : sh01, recorded_by: wrmStaff, cost: r.cost,
        })
        .execute();
    }
  });

  const fig = (uses: number, used: number, booked: number, cancelled: number, usedCost: string, bookedCost: string, totalCost: string) => ({ uses, used, booked, cancelled, usedCost, bookedCost, totalCost });

  it('groups by service with sums done in SQL (0.10 + 0.20 = 0.30 exactly)', async () => {
    const res = await c.admin.get(`/api/privileges/report?${range}&groupBy=service`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ from: `${y0}-01-01`, to: `${y0}-12-31`, groupBy: 'service' });
    expect(r.rows).toEqual([
      { key: 'airport_lounge', labelZh: '机场贵宾厅', labelEn: 'Airport lounge', ...fig(3, 3, 0, 1, '580.00', '0.00', '580.00') },
      { key: 'golf', labelZh: '高尔夫', labelEn: 'Golf', ...fig(1, 0, 1, 0, '0.00', '1500.00', '1500.00') },
      { key: 'roadside', labelZh: '道路救援', labelEn: 'Roadside assistance', ...fig(3, 2, 1, 0, '0.30', '0.70', '1.00') },
    ]);
    expect(r.total).toEqual(fig(7, 5, 2, 1, '580.30', '1500.70', '2081.00'));
  });

  it('groups by branch, tier and month', async () => {
    const byBranch = (await c.admin.get(`/api/privileges/report?${range}&groupBy=branch`)).json();
    expect(byBranch.rows.map((x: { key: string; uses: number; totalCost: string }) => [x.key, x.uses, x.totalCost])).toEqual([
      ['BJ01', 5, '1900.30'],
      ['SH01', 2, '180.70'],
    ]);
    const byTier = (await c.admin.get(`/api/privileges/report?${range}&groupBy=tier`)).json();
    expect(byTier.rows.map((x: { key: string; labelZh: string; uses: number; cancelled: number; usedCost: string }) => [x.key, x.labelZh, x.uses, x.cancelled, x.usedCost])).toEqual([
      ['gold', '金卡', 1, 1, '180.00'],
      ['platinum', '白金', 3, 0, '0.30'],
      ['diamond', '钻石', 3, 0, '400.00'],
    ]);
    const byMonth = (await c.admin.get(`/api/privileges/report?${range}&groupBy=month`)).json();
    expect(byMonth.rows.map((x: { key: string; uses: number; totalCost: string }) => [x.key, x.uses, x.totalCost])).toEqual([
      [`${y0}-01`, 2, '400.00'],
      [`${y0}-02`, 2, '1680.00'],
      [`${y0}-03`, 3, '1.00'],
    ]);
  });

  it("scopes by branch: a branch head sees their sub-tree's uses only", async () => {
    const r = (await c.bhead.get(`/api/privileges/report?${range}&groupBy=branch`)).json();
    expect(r.rows.map((x: { key: string }) => x.key)).toEqual(['BJ01']);
    expect(r.total).toEqual(fig(5, 4, 1, 1, '400.30', '1500.00', '1900.30'));
    expect((await c.wrm.get(`/api/privileges/report?${range}`)).statusCode).toBe(403);
    const bad = await c.admin.get(`/api/privileges/report?from=${y0}-12-31&to=${y0}-01-01`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('BAD_RANGE');
    expect((await c.admin.get('/api/privileges/report?groupBy=planet')).statusCode).toBe(400);
  });

  it('lists gold-or-above customers who used nothing this year: masked, scoped, paged', async () => {
    const ids = {
      gold: await addCustomer('PV-1001', '欧阳明月', 'gold', bj01, wrmStaff),
      platinum: await addCustomer('PV-1002', '钱白金', 'platinum', bj01, null),
      mass: await addCustomer('PV-1003', '孙普通', 'mass', bj01, wrmStaff),
      cancelledOnly: await addCustomer('PV-1004', '周取消', 'diamond', bj01, wrmStaff),
      closed: await addCustomer('PV-1005', '吴销户', 'gold', bj01, wrmStaff, { status: 'closed' }),
      shanghai: await addCustomer('PV-1006', '郑上海', 'gold', sh01, wrm2Staff),
      overridden: await addCustomer('PV-1007', '冯调级', 'mass', bj01, wrmStaff, { override_tier_code: 'gold', override_until: `${year + 1}-01-31` }),
      expired: await addCustomer('PV-1008', '陈过期', 'mass', bj01, wrmStaff, { override_tier_code: 'gold', override_until: `${year - 1}-01-31` }),
      lastYear: await addCustomer('PV-1009', '褚去年', 'gold', bj01, wrmStaff),
    };
    await t.handle.db.insertInto('privilege_uses').values([
      { customer_id: ids.cancelledOnly, privilege_code: 'golf', year, status: 'cancelled', service_date: today, tier_code: 'diamond', branch_id: bj01, cost: '1500.00' },
      { customer_id: ids.lastYear, privilege_code: 'golf', year: year - 1, status: 'used', service_date: `${year - 1}-05-05`, tier_code: 'gold', branch_id: bj01, cost: '1500.00' },
    ]).execute();

    // The demo bank has customers of its own in these outlets: look at the whole list, page by page.
    const collect = async (client: typeof c.bhead, y: number) => {
      const items: { id: number }[] = [];
      let total = 0;
      for (let page = 1; page < 100; page++) {
        const r = await client.get(`/api/privileges/unused?year=${y}&page=${page}&pageSize=100`);
        expect(r.statusCode).toBe(200);
        const b = r.json();
        total = b.total;
        items.push(...b.items);
        if (items.length >= total || b.items.length === 0) break;
      }
      expect(items.length).toBe(total);
      return items as ({ id: number } & Record<string, unknown>)[];
    };
    const list = await collect(c.bhead, year);
    const listed = list.map((x) => x.id);
    const mineInOrder = listed.filter((id) => Object.values(ids).includes(id));
    // cust.gold and cust.diamond used services this year; the SH01 customers are outside the scope.
    expect(mineInOrder).toEqual([ids.cancelledOnly, ids.platinum, ids.gold, ids.overridden, ids.lastYear]);
    const gold = list.find((x) => x.id === ids.gold)!;
    // Gold: lounge 2 + roadside 1 + birthday 1 (fast track was set to 0 for gold above).
    expect(gold).toMatchObject({ customerNo: 'PV-1001', name: '欧**月', tierCode: 'gold', tierNameZh: '金卡', branchCode: 'BJ01', rmStaffId: wrmStaff, entitlements: 4 });
    expect(list.find((x) => x.id === ids.overridden)).toMatchObject({ tierCode: 'gold' });
    expect(JSON.stringify(list)).not.toContain('欧阳明月');
    expect(listed).not.toContain(cust.gold);
    expect(listed).not.toContain(ids.shanghai);

    // Pages are consistent slices of the same order.
    const first = (await c.bhead.get(`/api/privileges/unused?year=${year}&page=1&pageSize=4`)).json();
    const second = (await c.bhead.get(`/api/privileges/unused?year=${year}&page=2&pageSize=2`)).json();
    expect(second.items.map((x: { id: number }) => x.id)).toEqual(first.items.slice(2, 4).map((x: { id: number }) => x.id));
    const beyond = (await c.bhead.get(`/api/privileges/unused?year=${year}&page=9999&pageSize=2`)).json();
    expect(beyond.items).toEqual([]);

    const all = (await collect(c.admin, year)).map((x) => x.id);
    expect(all).toContain(ids.shanghai);
    expect(all).not.toContain(cust.sh);
    // Last year, the customer who used golf then is not on the list; this year's bookers are.
    const prev = (await collect(c.bhead, year - 1)).map((x) => x.id);
    expect(prev).not.toContain(ids.lastYear);
    expect(prev).toContain(cust.gold);
    expect((await c.wrm.get('/api/privileges/unused')).statusCode).toBe(403);
  });
});
