// Products end to end: the catalogue and head office's rules, suitability refusals that write
// nothing, the audited override, cooling-off cancellation, data scope, the allocation job's
// idempotence, the xlsx import with bad rows, concurrent sales to one customer.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../platform/testing';
import { allocationReviewJob } from './products-allocation.service';
import { allocationReviewsDue, crossSellByCustomer, salesForCustomer } from './products.service';
import { shanghaiToday } from './products-sales.service';
import { addMonths } from './products.rules';

let t: TestApp;
const c: Record<string, Client> = {};
const today = shanghaiToday();
const cust: Record<string, number> = {};

async function staffOf(username: string): Promise<number> {
  const r = await t.handle.db.selectFrom('users').select('staff_id').where('username', '=', username).executeTakeFirstOrThrow();
  return Number(r.staff_id);
}
async function branchId(code: string): Promise<number> {
  return (await t.handle.db.selectFrom('branches').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}
async function addCustomer(no: string, branch: number, rm: number, risk: string | null, assessedOn: string | null, tier = 'platinum'): Promise<number> {
  const r = await t.handle.db
    .insertInto('customers')
    .values({ customer_no: no, name: `测试${no}`, tier_code: tier, branch_id: branch, rm_staff_id: rm, risk_level: risk, risk_assessed_on: assessedOn })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
async function counts(customerId: number) {
  const n = async (table: 'sales' | 'holdings' | 'customer_events') =>
    Number((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).where('customer_id', '=', customerId).executeTakeFirstOrThrow()).n);
  const audits = Number((await t.handle.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('customer_id', '=', customerId).executeTakeFirstOrThrow()).n);
  return { sales: await n('sales'), holdings: await n('holdings'), events: await n('customer_events'), audits };
}
async function holdingBalance(customerId: number, code: string): Promise<string | null> {
  const r = await t.handle.db.selectFrom('holdings').select(['balance', 'status']).where('customer_id', '=', customerId).where('product_code', '=', code).executeTakeFirst();
  return r ? `${r.balance}/${r.status}` : null;
}

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  const bj01 = await branchId('BJ01');
  const sh01 = await branchId('SH01');
  const wrm = await staffOf('wrm');
  const wrm2 = await staffOf('wrm2');
  cust.c3 = await addCustomer('PT-0001', bj01, wrm, 'C3', addMonths(today, -3));
  cust.expired = await addCustomer('PT-0002', bj01, wrm, 'C5', addMonths(today, -13));
  cust.other = await addCustomer('PT-0003', sh01, wrm2, 'C5', addMonths(today, -1));
  cust.race = await addCustomer('PT-0004', bj01, wrm, 'C4', addMonths(today, -2));
  cust.drift = await addCustomer('PT-0005', bj01, wrm, 'C5', addMonths(today, -2));
  await t.handle.db.insertInto('holdings').values({ customer_id: cust.drift, category: 'demand', product_code: 'DD001', product_name: '个人活期储蓄', account_no: 'PT-DRIFT-1', balance: '900000' }).execute();
  for (const u of ['admin', 'wrm', 'wrm2', 'wchead', 'lobby', 'auditor']) c[u] = await t.login(u);
  // Loading the template and logging six users in can be slow on a busy machine.
}, 300_000);
afterAll(async () => t?.close());

describe('catalogue', () => {
  it('seeds about sixty products, the holdings link to them, and RMs can read them', async () => {
    const res = await c.wrm.get('/api/products?pageSize=200');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { total: number; items: { code: string; category: string }[] };
    expect(body.total).toBeGreaterThanOrEqual(55);
    expect(new Set(body.items.map((p) => p.category)).size).toBe(9);
    const unlinked = await t.handle.db.selectFrom('holdings as h').leftJoin('products as p', 'p.code', 'h.product_code').select((eb) => eb.fn.countAll<string>().as('n')).where('p.id', 'is', null).where('h.account_no', 'not like', 'PT-%').executeTakeFirstOrThrow();
    expect(Number(unlinked.n)).toBe(0);
    expect(Number((await t.handle.db.selectFrom('sales').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThan(100);
  });

  it('lets head office edit a product (audited) and nobody else', async () => {
    const body = { nameZh: '悦享1年期封闭式理财（第二期）', category: 'wealth', riskRating: 'R2', minAmount: '10000', status: 'on_sale', termMonths: 12, expectedYield: '2.95' };
    expect((await c.wrm.put('/api/products/WM-C365', body)).statusCode).toBe(403);
    const res = await c.admin.put('/api/products/WM-C365', body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ nameZh: body.nameZh, expectedYield: '2.95', onSaleToday: true });
    const bad = await c.admin.put('/api/products/WM-C365', { ...body, saleStart: '2026-05-01', saleEnd: '2026-04-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.zh).toContain('销售截止日');
    const unknownTier = await c.admin.put('/api/products/WM-C365', { ...body, tierCodes: ['nope'] });
    expect(unknownTier.statusCode).toBe(400);
    const audits = await t.handle.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'product').where('entity_id', '=', 'WM-C365').execute();
    expect(audits.map((a) => a.action)).toEqual(['product.update']);
  });

  it('validates the matrix and the allocation models', async () => {
    const m = await c.admin.get('/api/product-rules/suitability');
    const cells = (m.json() as { cells: { riskLevel: string; riskRating: string; allowed: boolean }[] }).cells;
    expect(cells).toHaveLength(25);
    expect((await c.wrm.put('/api/product-rules/suitability', { cells })).statusCode).toBe(403);
    expect((await c.admin.put('/api/product-rules/suitability', { cells: [...cells.slice(1), cells[2]] })).statusCode).toBe(400);
    expect((await c.admin.put('/api/product-rules/suitability', { cells })).statusCode).toBe(200);
    const wrong = await c.admin.put('/api/product-rules/allocation-models', { models: [{ riskLevel: 'C1', cash: '50', fixedIncome: '60', equity: '0', alternatives: '0', protection: '0' }] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.zh).toContain('100%');
  });

  it('imports an xlsx idempotently and reports bad rows without writing anything', async () => {
    const file = async (rows: (string | number)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('产品');
      ws.addRow(['产品代码', '产品名称', '产品类别', '风险等级', '起购金额', '期限（月）', '预期收益率（%）', '状态']);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const post = (buf: Buffer) => c.admin.request({ method: 'POST', url: '/api/products/import?fileName=p.xlsx', payload: buf, headers: { 'content-type': 'application/octet-stream' } });
    const bad = await post(await file([['IMP-1', '导入测试理财', '理财产品', 'R2', 10000, 6, 2.5, '在售'], ['imp 2', '', '理财产品', 'R9', 'abc', 6, 2.5, '在售']]));
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.fields as { path: string }[];
    expect(fields.map((f) => f.path)).toEqual(expect.arrayContaining(['3.productCode', '3.nameZh', '3.riskRating', '3.minAmount']));
    expect(await t.handle.db.selectFrom('products').select('code').where('code', '=', 'IMP-1').executeTakeFirst()).toBeUndefined();
    const good = await file([['IMP-1', '导入测试理财', '理财产品', 'R2', 10000, 6, 2.5, '在售'], ['IMP-2', '导入测试基金', 'fund', 'R3', 10, '', '', 'on_sale']]);
    expect((await post(good)).json()).toMatchObject({ rows: 2, created: 2, updated: 0, unchanged: 0 });
    expect((await post(good)).json()).toMatchObject({ rows: 2, created: 0, unchanged: 2 });
    expect((await c.wrm.request({ method: 'POST', url: '/api/products/import?fileName=p.xlsx', payload: good, headers: { 'content-type': 'application/octet-stream' } })).statusCode).toBe(403);
  });
  it('stores a product document for head office and serves it to readers', async () => {
    const pdf = Buffer.from('%PDF-1.4 产品说明书');
    const up = await c.admin.request({ method: 'POST', url: '/api/products/WM-C730/documents?fileName=说明书.pdf', payload: pdf, headers: { 'content-type': 'application/pdf' } });
    expect(up.statusCode).toBe(201);
    const doc = up.json() as { id: number; sizeBytes: number };
    expect(doc.sizeBytes).toBe(pdf.length);
    expect((await c.wrm.request({ method: 'POST', url: '/api/products/WM-C730/documents?fileName=x.pdf', payload: pdf, headers: { 'content-type': 'application/pdf' } })).statusCode).toBe(403);
    const got = await c.wrm.get(`/api/products/WM-C730/documents/${doc.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    expect((await c.wrm.get('/api/products/WM-C730')).json().documents).toHaveLength(1);
    expect((await c.wrm.get('/api/products/FD-MM/documents/' + doc.id)).statusCode).toBe(404);
  });
});

describe('suitability and sales', () => {
  it('refuses an unsuitable sale with the reason and writes nothing', async () => {
    const before = await counts(cust.c3);
    const check = await c.wrm.post(`/api/customers/${cust.c3}/sales/check`, { productCode: 'FD-QDII', amount: '10000' });
    expect(check.json()).toMatchObject({ ok: false, reason: 'risk_mismatch', overridable: true });
    const res = await c.wrm.post(`/api/customers/${cust.c3}/sales`, { productCode: 'FD-QDII', amount: '10000' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'RISK_MISMATCH' });
    expect(res.json().error.zh).toContain('R5');
    expect(res.json().error.en).toContain('C3');
    expect(await counts(cust.c3)).toEqual(before);
  });

  it('refuses below the minimum, off sale and tier not offered', async () => {
    expect((await c.wrm.post(`/api/customers/${cust.c3}/sales`, { productCode: 'WM-C730', amount: '100', recordingRef: 'SL-0001' })).json().error.code).toBe('BELOW_MINIMUM');
    expect((await c.wrm.post(`/api/customers/${cust.c3}/sales`, { productCode: 'WM-SPR25', amount: '60000', recordingRef: 'SL-0001' })).json().error.code).toBe('NOT_ON_SALE');
    expect((await c.wrm.post(`/api/customers/${cust.c3}/sales`, { productCode: 'SV-TRUST', amount: '1' })).json().error.code).toBe('TIER_NOT_OFFERED');
    expect((await c.wrm.post(`/api/customers/${cust.c3}/sales`, { productCode: 'NOPE', amount: '1' })).statusCode).toBe(400);
    expect((await c.wrm.post(`/api/customers/${cust.c3}/sales`, { productCode: 'FD-MIX', amount: '0' })).statusCode).toBe(400);
  });

  it('records a suitable sale: a holding, a timeline event and an audit row; topping up the same holding', async () => {
    const res = await c.wrm.post(`/api/customers/${cust.c3}/sales`, { productCode: 'FD-DIV', amount: '20000', channel: 'mobile', referralSource: '大堂经理转介' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ productCode: 'FD-DIV', amount: '20000.00', status: 'completed', inCoolingOff: false, coolingOffUntil: null });
    expect(await holdingBalance(cust.c3, 'FD-DIV')).toBe('20000.00/active');
    await c.wrm.post(`/api/customers/${cust.c3}/sales`, { productCode: 'FD-DIV', amount: '5000.50' });
    expect(await holdingBalance(cust.c3, 'FD-DIV')).toBe('25000.50/active');
    const events = await t.handle.db.selectFrom('customer_events').select('kind').where('customer_id', '=', cust.c3).where('kind', '=', 'sale').execute();
    expect(events).toHaveLength(2);
  });

  it('needs the 双录 reference for a wealth product, and cancels inside cooling-off with a full refund', async () => {
    const noRec = await c.wrm.post(`/api/customers/${cust.c3}/sales`, { productCode: 'WM-C182', amount: '50000' });
    expect(noRec.statusCode).toBe(400);
    expect(noRec.json().error.code).toBe('RECORDING_REQUIRED');
    const res = await c.wrm.post(`/api/customers/${cust.c3}/sales`, { productCode: 'WM-C182', amount: '50000', recordingRef: 'SL-20261129-01' });
    expect(res.statusCode).toBe(201);
    const s = res.json() as { id: number; inCoolingOff: boolean; coolingOffUntil: string };
    expect(s.inCoolingOff).toBe(true);
    expect(Date.parse(s.coolingOffUntil) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    expect(await holdingBalance(cust.c3, 'WM-C182')).toBe('50000.00/active');
    const cancel = await c.wrm.post(`/api/customers/${cust.c3}/sales/${s.id}/cancel`, { reason: '客户冷静期内改变主意' });
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json()).toMatchObject({ status: 'cancelled', refundStatus: 'full_refund' });
    expect(await holdingBalance(cust.c3, 'WM-C182')).toBe('0.00/closed');
    expect((await c.wrm.post(`/api/customers/${cust.c3}/sales/${s.id}/cancel`, { reason: '再次撤销' })).statusCode).toBe(409);
  });

  it('refuses a cancellation once cooling-off is over', async () => {
    const res = await c.wrm.post(`/api/customers/${cust.c3}/sales`, { productCode: 'WM-C365', amount: '20000', recordingRef: 'SL-20261129-02' });
    const id = (res.json() as { id: number }).id;
    await t.handle.db.updateTable('sales').set({ cooling_off_until: new Date(Date.now() - 60_000) }).where('id', '=', id).execute();
    const cancel = await c.wrm.post(`/api/customers/${cust.c3}/sales/${id}/cancel`, { reason: '客户想撤销' });
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json().error.code).toBe('COOLING_OFF_OVER');
    expect(await holdingBalance(cust.c3, 'WM-C365')).toBe('20000.00/active');
    const fund = await c.wrm.post(`/api/customers/${cust.c3}/sales`, { productCode: 'FD-BOND', amount: '1000' });
    expect((await c.wrm.post(`/api/customers/${cust.c3}/sales/${(fund.json() as { id: number }).id}/cancel`, { reason: '撤销' })).json().error.code).toBe('NO_COOLING_OFF');
  });

  it('never overrides an expired assessment; overrides a risk mismatch only for a holder of sales.override, audited', async () => {
    const override = { customerInitiated: true, acknowledgementRef: 'ACK-2026-001' };
    const before = await counts(cust.expired);
    const exp = await c.wchead.post(`/api/customers/${cust.expired}/sales`, { productCode: 'FD-TECH', amount: '10000', override });
    expect(exp.statusCode).toBe(409);
    expect(exp.json().error.code).toBe('ASSESSMENT_EXPIRED');
    expect(await counts(cust.expired)).toEqual(before);

    const byRm = await c.wrm.post(`/api/customers/${cust.c3}/sales`, { productCode: 'FD-TECH', amount: '10000', override });
    expect(byRm.statusCode).toBe(403);
    expect(byRm.json().error.code).toBe('OVERRIDE_NOT_PERMITTED');
    const wrmStaff = await staffOf('wrm');
    const ok = await c.wchead.post(`/api/customers/${cust.c3}/sales`, { productCode: 'FD-TECH', amount: '10000', override, rmStaffId: wrmStaff });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ overridden: true, staffId: wrmStaff });
    const a = await t.handle.db.selectFrom('audit_log').select(['action', 'reason']).where('entity_type', '=', 'sale').where('entity_id', '=', String(ok.json().id)).executeTakeFirstOrThrow();
    expect(a.action).toBe('sale.override');
    expect(a.reason).toContain('ACK-2026-001');
  });

  it('scope: an RM cannot see or sell to another RM\'s customer (404); a lobby manager cannot sell (403)', async () => {
    expect((await c.wrm.get(`/api/customers/${cust.other}/products`)).statusCode).toBe(404);
    expect((await c.wrm.post(`/api/customers/${cust.other}/sales`, { productCode: 'TD012', amount: '1000' })).statusCode).toBe(404);
    expect((await c.wrm.post(`/api/customers/${cust.other}/sales/check`, { productCode: 'TD012', amount: '1000' })).statusCode).toBe(404);
    expect((await c.wrm2.get(`/api/customers/${cust.c3}/products`)).statusCode).toBe(404);
    expect((await c.lobby.post(`/api/customers/${cust.c3}/sales`, { productCode: 'TD012', amount: '1000' })).statusCode).toBe(403);
    expect((await c.wrm2.post(`/api/customers/${cust.other}/sales`, { productCode: 'TD012', amount: '1000' })).statusCode).toBe(201);
  });

  it('two clerks selling to one customer at once leave one holding with both amounts', async () => {
    const [a, b] = await Promise.all([
      c.wrm.post(`/api/customers/${cust.race}/sales`, { productCode: 'FD-MIX', amount: '1000.10' }),
      c.wchead.post(`/api/customers/${cust.race}/sales`, { productCode: 'FD-MIX', amount: '2000.20', rmStaffId: await staffOf('wrm') }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const rows = await t.handle.db.selectFrom('holdings').select(['balance']).where('customer_id', '=', cust.race).where('product_code', '=', 'FD-MIX').execute();
    expect(rows).toEqual([{ balance: '3000.30' }]);
  });
});

describe('allocation and cross-selling', () => {
  it('shows actual vs model, drift, cross-sell ratio and suggestions on the panel', async () => {
    const res = await c.wrm.get(`/api/customers/${cust.drift}/products`);
    expect(res.statusCode).toBe(200);
    const p = res.json() as { drift: string; allocation: { assetClass: string; actual: string; model: string; amount: string | null }[]; crossSellRatio: number; suggestions: { category: string }[]; reviewDue: boolean };
    expect(p.allocation.find((a) => a.assetClass === 'cash')).toMatchObject({ actual: '100.00', model: '5.00', amount: '900000.00' });
    expect(p.drift).toBe('95.00');
    expect(p.reviewDue).toBe(true);
    expect(p.crossSellRatio).toBe(1);
    expect(p.suggestions.map((s) => s.category)).toContain('fund');
    expect(p.suggestions.map((s) => s.category)).not.toContain('demand');
  });

  it('the daily job creates one review task per customer due, and none on a second run', async () => {
    const first = await allocationReviewJob(t.app.ctx, {}, today);
    expect(first.created).toBeGreaterThan(0);
    const task = await t.handle.db.selectFrom('engagement_tasks').select(['reason_key', 'kind', 'staff_id']).where('customer_id', '=', cust.drift).execute();
    expect(task).toEqual([{ reason_key: `allocation:${today.slice(0, 7)}`, kind: 'allocation_review', staff_id: await staffOf('wrm') }]);
    const second = await allocationReviewJob(t.app.ctx, {}, today);
    expect(second).toMatchObject({ due: first.due, created: 0 });
  });

  it('recording a review clears the period but not a drift', async () => {
    const res = await c.wrm.post(`/api/customers/${cust.drift}/allocation-reviews`, { note: '建议增配固收与权益' });
    expect(res.statusCode).toBe(201);
    const p = (await c.wrm.get(`/api/customers/${cust.drift}/products`)).json() as { lastReviewOn: string; reviewDue: boolean };
    expect(p.lastReviewOn).toBe(today);
    expect(p.reviewDue).toBe(true);
  });

  it('tells other modules the cross-sell ratios, sales and reviews due', async () => {
    const ratios = await crossSellByCustomer(t.handle.db, [cust.drift, cust.c3]);
    expect(ratios.get(cust.drift)).toBe(1);
    expect(ratios.get(cust.c3)).toBeGreaterThanOrEqual(2);
    expect((await salesForCustomer(t.handle.db, cust.c3)).length).toBeGreaterThan(3);
    const due = await allocationReviewsDue(t.handle.db, await staffOf('wrm'), today);
    expect(due.map((d) => d.customerId)).toContain(cust.drift);
    expect(due.map((d) => d.customerId)).not.toContain(cust.other);
  });

  it('reports sales and cross-selling within scope', async () => {
    const mine = (await c.wrm.get('/api/sales/report?groupBy=rm')).json() as { rows: { key: string }[] };
    expect(mine.rows.map((r) => r.key)).toEqual([String(await staffOf('wrm'))]);
    const all = (await c.admin.get('/api/sales/report?groupBy=category')).json() as { rows: { key: string; labelZh: string; amount: string }[] };
    expect(all.rows.length).toBeGreaterThan(3);
    expect(all.rows[0].amount).toMatch(/^\d+\.\d{2}$/);
    expect((await c.lobby.get('/api/sales/report')).statusCode).toBe(403);
    const xs = (await c.admin.get('/api/sales/cross-sell?groupBy=branch')).json() as { rows: { average: string }[] };
    expect(xs.rows.length).toBeGreaterThan(0);
    expect((await c.admin.get('/api/sales/report?from=2026-05-01&to=2026-04-01')).statusCode).toBe(400);
  });
});
