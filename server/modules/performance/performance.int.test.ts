// The assessment end to end: a crafted month of facts for three RMs of a new outlet gives the scores
// computed by hand below; freezing and an approved recomputation keep both versions; who sees what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { sql } from '../../platform/db';
import { startTestApp, type Client, type TestApp } from '../../platform/testing';
import { kpiActuals, staffMonthScores } from './perf-kpis.service';

let t: TestApp;
const c: Record<string, Client> = {};
const MONTH = '2020-03';
let outlet: number;
let rm: { a: number; b: number; c: number };
let wrmId: number;
let wrm2Id: number;

const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(t.handle.db)).rows[0] as T;

/** The test's own wealth-RM scorecard, so that the figures below do not depend on the defaults. */
const CARD = {
  code: 'wealth_rm', roleCode: 'wealth_rm', gradeCode: null, nameZh: '理财客户经理记分卡', nameEn: 'Wealth RM scorecard', effectiveMonth: '2020-01', active: true,
  items: [
    { kpiCode: 'sales_amount', weight: 40, targetMode: 'fixed', targetValue: 100000, rule: { kind: 'linear', cap: 150 }, gate: { kpi: 'mis_selling_upheld', op: 'gte', value: 1 } },
    { kpiCode: 'aum_growth', weight: 30, targetMode: 'fixed', targetValue: 200000, rule: { kind: 'linear', cap: 120 }, gate: null },
    { kpiCode: 'contact_plan_completion', weight: 20, targetMode: 'fixed', targetValue: null, rule: { kind: 'thresholds', steps: [{ at: 95, score: 100 }, { at: 80, score: 80 }, { at: 50, score: 50 }] }, gate: null },
    { kpiCode: 'satisfaction', weight: 10, targetMode: 'fixed', targetValue: null, rule: { kind: 'thresholds', steps: [{ at: 4.5, score: 100 }, { at: 4, score: 80 }] }, gate: null },
  ],
};

async function newStaff(no: string, name: string, branchId: number, role: string): Promise<number> {
  const s = await one(sql<{ id: number }>`insert into staff (staff_no, name, gender, branch_id, sequence) values (${no}, ${name}, 'F', ${branchId}, 'rm') returning id`);
  await sql`insert into staff_roles (staff_id, role) values (${s.id}, ${role})`.execute(t.handle.db);
  return s.id;
}

let customerSeq = 0;
async function customer(rmId: number, name: string, febEnd: number, marEnd: number): Promise<number> {
  customerSeq += 1;
  const r = await one(sql<{ id: number }>`
    insert into customers (customer_no, name, branch_id, rm_staff_id, tier_code, aum) values (${`PT${String(customerSeq).padStart(6, '0')}`}, ${name}, ${outlet}, ${rmId}, 'mass', ${marEnd}) returning id`);
  await sql`insert into monthly_balances (customer_id, month, avg_aum, end_aum) values (${r.id}, '2020-02-01', ${febEnd}, ${febEnd}), (${r.id}, '2020-03-01', ${marEnd}, ${marEnd})`.execute(t.handle.db);
  return r.id;
}

async function sale(cust: number, staffId: number, amount: number, day: string, status = 'completed'): Promise<void> {
  const p = await one(sql<{ id: number; category: string }>`select id, category from products order by id limit 1`);
  await sql`insert into sales (customer_id, branch_id, product_id, category, amount, sold_on, staff_id, channel, status)
            values (${cust}, ${outlet}, ${p.id}, ${p.category}, ${amount}, ${day}, ${staffId}, 'branch', ${status})`.execute(t.handle.db);
}

let taskSeq = 0;
async function task(cust: number, staffId: number, due: string, done: boolean): Promise<void> {
  taskSeq += 1;
  await sql`insert into engagement_tasks (customer_id, branch_id, staff_id, kind, reason_key, title, due_on, status, done_at)
            values (${cust}, ${outlet}, ${staffId}, 'contact_plan', ${`perf-test-${taskSeq}`}, '定期联系', ${due}, ${done ? 'done' : 'open'}, ${done ? `${due}T10:00:00+08:00` : null})`.execute(t.handle.db);
}

async function survey(cust: number, staffId: number, overall: number, day: string): Promise<void> {
  await sql`insert into survey_responses (answered_on, programme_id, questionnaire_id, version, customer_id, branch_id, rm_staff_id, channel, overall, answers)
            values (${day}, 1, 1, 1, ${cust}, ${outlet}, ${staffId}, 'link', ${overall}, '{}'::jsonb)`.execute(t.handle.db);
}

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  for (const u of ['admin', 'bhead', 'bhead2', 'wrm', 'wrm2', 'auditor']) c[u] = await t.login(u);
  wrmId = Number((await c.wrm.get('/api/me')).json().staffId);
  wrm2Id = Number((await c.wrm2.get('/api/me')).json().staffId);

  // A new outlet under head office with three wealth RMs.
  const ho = await one(sql<{ id: number; path: string }>`select id, path from branches where level = 'head_office'`);
  const b = await one(sql<{ id: number }>`insert into branches (code, name, level, parent_id, path) values ('PT01', '考核测试网点', 'outlet', ${ho.id}, '') returning id`);
  outlet = b.id;
  await sql`update branches set path = ${`${ho.path}${outlet}/`} where id = ${outlet}`.execute(t.handle.db);
  rm = { a: await newStaff('PT0001', '甲经理', outlet, 'wealth_rm'), b: await newStaff('PT0002', '乙经理', outlet, 'wealth_rm'), c: await newStaff('PT0003', '丙经理', outlet, 'wealth_rm') };
  // A second approver: another head-office administrator, signing in with the demo password.
  const adm2 = await newStaff('PT0009', '复核管理员', ho.id, 'hq_admin');
  await sql`insert into users (username, staff_id, password_hash, must_change_password) select 'perfadmin2', ${adm2}, password_hash, false from users where username = 'admin'`.execute(t.handle.db);
  c.admin2 = await t.login('perfadmin2');

  const card = (await c.admin.get('/api/performance/scorecards')).json().find((s: { code: string }) => s.code === 'wealth_rm');
  const put = await c.admin.put(`/api/performance/scorecards/${card.id}`, CARD);
  expect(put.statusCode, put.body).toBe(200);

  // RM A: sales 60,000 + 90,000 (a cancelled 50,000 does not count); book 1,000,000→1,150,000 and 500,000→450,000;
  // contact plan 3 of 4 done; surveys 5 and 4.
  const x = await customer(rm.a, '张三丰', 1_000_000, 1_150_000);
  const y = await customer(rm.a, '李四', 500_000, 450_000);
  await sale(x, rm.a, 60_000, '2020-03-05');
  await sale(y, rm.a, 90_000, '2020-03-20');
  await sale(y, rm.a, 50_000, '2020-03-21', 'cancelled');
  await sale(y, rm.a, 70_000, '2020-04-01'); // next month
  for (const [due, done] of [['2020-03-03', true], ['2020-03-10', true], ['2020-03-17', true], ['2020-03-24', false]] as const) await task(x, rm.a, due, done);
  await survey(x, rm.a, 5, '2020-03-11');
  await survey(y, rm.a, 4, '2020-03-12');
  // RM B: sales 80,000 but a mis-selling complaint about B is upheld this month; book 200,000→500,000; 2 of 2 tasks; survey 3.
  const z = await customer(rm.b, '王五', 200_000, 500_000);
  await sale(z, rm.b, 80_000, '2020-03-08');
  await task(z, rm.b, '2020-03-09', true);
  await task(z, rm.b, '2020-03-19', true);
  await survey(z, rm.b, 3, '2020-03-25');
  await sql`insert into complaints (branch_id, channel, complainant_type, customer_id, category, business_line, about_staff_ids, description, status, accepted_on, due_on,
              root_cause, decided_on, closed_on)
            values (${outlet}, 'counter', 'customer', ${z}, 'mis_selling', 'wealth', ${[rm.b]}::bigint[], '销售时未充分揭示风险', 'closed', '2020-03-10', '2020-04-24',
              'disclosure', '2020-03-28', '2020-03-30')`.execute(t.handle.db);
  // RM C: the same figures as A, in one sale and one customer: a tie.
  const w = await customer(rm.c, '赵六', 0, 100_000);
  await sale(w, rm.c, 150_000, '2020-03-15');
  for (const [due, done] of [['2020-03-02', true], ['2020-03-12', true], ['2020-03-22', true], ['2020-03-30', false]] as const) await task(w, rm.c, due, done);
  await survey(w, rm.c, 5, '2020-03-05');
  await survey(w, rm.c, 4, '2020-03-06');
});
afterAll(async () => t?.close());

type Line = { kpiCode: string; actual: string; target: string | null; score: string | null; weighted: string | null; gated: boolean; rankBranch: number };
const line = (card: { lines: Line[] }, code: string) => card.lines.find((l) => l.kpiCode === code) as Line;

describe('a crafted month', () => {
  it('computes the scores worked out by hand', async () => {
    const run = await c.admin.post('/api/performance/runs', { month: MONTH });
    expect(run.statusCode, run.body).toBe(201);
    expect(run.json()).toMatchObject({ month: MONTH, status: 'done', asOf: '2020-03-31' });

    const a = (await c.admin.get(`/api/performance/staff/${rm.a}?month=${MONTH}`)).json();
    // sales 150,000 / 100,000 → 150 (the cap) × 40% = 60
    expect(line(a, 'sales_amount')).toMatchObject({ actual: '150000.0000', target: '100000.0000', score: '150.0000', weighted: '60.0000', gated: false });
    // AUM growth (1,150,000 − 1,000,000) + (450,000 − 500,000) = 100,000 / 200,000 → 50 × 30% = 15
    expect(line(a, 'aum_growth')).toMatchObject({ actual: '100000.0000', score: '50.0000', weighted: '15.0000' });
    // contact plan 3/4 = 75% → the 50% step → 50 × 20% = 10
    expect(line(a, 'contact_plan_completion')).toMatchObject({ actual: '75.0000', score: '50.0000', weighted: '10.0000' });
    // satisfaction (5 + 4) / 2 = 4.5 → 100 × 10% = 10
    expect(line(a, 'satisfaction')).toMatchObject({ actual: '4.5000', score: '100.0000', weighted: '10.0000' });
    expect(a.total).toBe('95.0000');

    const b = (await c.admin.get(`/api/performance/staff/${rm.b}?month=${MONTH}`)).json();
    // The upheld mis-selling complaint zeroes sales (80 would have been 32): 0 + 300,000/200,000 → cap 120 × 30% = 36
    // + 2/2 → 100 × 20% = 20 + survey 3 → no step → 0: 56.
    expect(line(b, 'sales_amount')).toMatchObject({ actual: '80000.0000', score: '0.0000', weighted: '0.0000', gated: true });
    expect(line(b, 'aum_growth')).toMatchObject({ actual: '300000.0000', score: '120.0000', weighted: '36.0000' });
    expect(line(b, 'mis_selling_upheld')).toMatchObject({ actual: '1.0000' });
    expect(b.total).toBe('56.0000');

    const cc = (await c.admin.get(`/api/performance/staff/${rm.c}?month=${MONTH}`)).json();
    expect(cc.total).toBe('95.0000');
    // A and C tie for first in the outlet; B is third (standard competition ranking).
    expect([a.rankBranch, cc.rankBranch, b.rankBranch]).toEqual([1, 1, 3]);
    expect(a.peersBranch).toBe(3);
    expect(line(a, 'sales_amount').rankBranch).toBe(1);
    expect(line(b, 'aum_growth').rankBranch).toBe(1);
  });

  it('drills down to the facts, with customer names masked', async () => {
    const f = (await c.admin.get(`/api/performance/staff/${rm.a}/kpis/sales_amount/facts?month=${MONTH}`)).json();
    expect(f.rows.map((r: { amount: string }) => r.amount).sort()).toEqual(['60000.00', '90000.00']);
    expect(f.rows.map((r: { customerName: string }) => r.customerName).sort()).toEqual(['张*丰', '李*']);
    const comp = (await c.admin.get(`/api/performance/staff/${rm.b}/kpis/mis_selling_upheld/facts?month=${MONTH}`)).json();
    expect(comp.rows).toHaveLength(1);
    expect(comp.rows[0].customerName).toBe('王*');
  });

  it('serves the contest side: actuals over any range and monthly totals', async () => {
    const rows = await kpiActuals(t.handle.db, { kpiCodes: ['sales_amount', 'sales_count'], from: '2020-03-01', to: '2020-04-30', staffIds: [rm.a, rm.b] });
    const get = (s: number, k: string) => rows.find((r) => r.staffId === s && r.kpiCode === k)?.value;
    expect(get(rm.a, 'sales_amount')).toBe('220000.0000');
    expect(get(rm.a, 'sales_count')).toBe('3.0000');
    expect(get(rm.b, 'sales_amount')).toBe('80000.0000');
    expect(rows.every((r) => r.branchId === outlet)).toBe(true);
    const totals = await staffMonthScores(t.handle.db, { months: [MONTH], staffIds: [rm.a, rm.b] });
    expect(totals.sort((p, q) => p.staffId - q.staffId).map((x) => x.total)).toEqual([95, 56]);
  });
});

describe('freezing and recomputation', () => {
  it('freezes a month; a recomputation needs another approver and keeps both versions', async () => {
    const frozen = await c.admin.post('/api/performance/runs/freeze', { month: MONTH });
    expect(frozen.statusCode, frozen.body).toBe(200);
    expect(frozen.json().status).toBe('frozen');
    const firstRun = frozen.json().id as number;
    expect((await c.admin.post('/api/performance/runs', { month: MONTH })).json().error.code).toBe('MONTH_FROZEN');
    expect((await c.admin.post('/api/performance/runs/freeze', { month: MONTH })).statusCode).toBe(409);

    // A late fact: one more contact-plan task of A's, done: 4/5 = 80% → 80 × 20% = 16, so A's total becomes 101.
    const anyCustomer = await one(sql<{ id: number }>`select id from customers where rm_staff_id = ${rm.a} limit 1`);
    await task(anyCustomer.id, rm.a, '2020-03-30', true);

    const req = await c.admin.post('/api/performance/runs/recompute', { month: MONTH, reason: '补录3月联系记录' });
    expect(req.statusCode, req.body).toBe(201);
    expect(req.json()).toMatchObject({ status: 'requested', kind: 'recompute' });
    expect((await c.admin.post('/api/performance/runs/recompute', { month: MONTH, reason: '再次申请重算' })).statusCode).toBe(409);
    // The requester may not approve their own request; an RM may not approve at all.
    expect((await c.admin.post(`/api/performance/runs/${req.json().id}/approve`)).statusCode).toBe(403);
    expect((await c.wrm.post(`/api/performance/runs/${req.json().id}/approve`)).statusCode).toBe(403);
    const ok = await c.admin2.post(`/api/performance/runs/${req.json().id}/approve`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'frozen', version: 2, approvedBy: '复核管理员' });

    const runs = (await c.admin.get('/api/performance/runs')).json().filter((r: { month: string }) => r.month === MONTH);
    expect(runs.map((r: { status: string }) => r.status).sort()).toEqual(['frozen', 'superseded']);
    const old = await one(sql<{ total: string }>`select total::text from perf_scores where run_id = ${firstRun} and staff_id = ${rm.a}`);
    expect(old.total).toBe('95.0000');
    const a = (await c.admin.get(`/api/performance/staff/${rm.a}?month=${MONTH}`)).json();
    expect(a.runId).toBe(req.json().id);
    expect(a.total).toBe('101.0000');
    const audited = await one(sql<{ n: number }>`select count(*)::int as n from audit_log where action in ('performance.recompute.request', 'performance.recompute.approve', 'performance.freeze')`);
    expect(audited.n).toBe(3);
  });

  it('an approval and a rejection of the same recomputation at once (two tabs): exactly one decision stands', async () => {
    const req = await c.admin.post('/api/performance/runs/recompute', { month: MONTH, reason: '再核对一次' });
    expect(req.statusCode, req.body).toBe(201);
    const id = req.json().id as number;
    const [approve, reject] = await Promise.all([
      c.admin2.post(`/api/performance/runs/${id}/approve`),
      c.admin2.post(`/api/performance/runs/${id}/reject`, { reason: '无需重算' }),
    ]);
    expect([approve.statusCode, reject.statusCode].sort(), `${approve.body} ${reject.body}`).toEqual([200, 409]);
    const won = approve.statusCode === 200 ? 'frozen' : 'rejected';
    expect((approve.statusCode === 409 ? approve : reject).json().error.code).toBe('NOT_REQUESTED');
    const runs = (await c.admin.get('/api/performance/runs')).json().filter((r: { month: string }) => r.month === MONTH) as { id: number; status: string }[];
    expect(runs.find((r) => r.id === id)?.status).toBe(won);
    // One frozen run for the month whatever happened; the rest superseded (or the rejected request).
    expect(runs.filter((r) => r.status === 'frozen')).toHaveLength(1);
  });
});

describe('scope', () => {
  it('an RM sees their own scorecard and drill-down, not a colleague\'s', async () => {
    const me = await c.wrm.get('/api/performance/me');
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().staff.id).toBe(wrmId);
    expect((await c.wrm.get(`/api/performance/staff/${wrmId}/kpis/sales_amount/facts`)).statusCode).toBe(200);
    const other = await c.wrm.get(`/api/performance/staff/${wrm2Id}`);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('staffNo');
    expect((await c.wrm.get(`/api/performance/staff/${wrm2Id}/kpis/sales_amount/facts`)).statusCode).toBe(404);
    expect((await c.wrm.get('/api/performance/dashboard')).statusCode).toBe(403);
    expect((await c.wrm.get('/api/performance/export.xlsx')).statusCode).toBe(403);
  });

  it('a branch head sees the staff and dashboard of their sub-tree only', async () => {
    expect((await c.bhead.get(`/api/performance/staff/${wrmId}`)).statusCode).toBe(200);
    expect((await c.bhead.get(`/api/performance/staff/${wrmId}/kpis/sales_amount/facts`)).statusCode).toBe(200);
    expect((await c.bhead.get(`/api/performance/staff/${wrm2Id}`)).statusCode).toBe(404);
    expect((await c.bhead.get(`/api/performance/staff/${rm.a}?month=${MONTH}`)).statusCode).toBe(404);
    const dash = await c.bhead.get('/api/performance/dashboard');
    expect(dash.statusCode, dash.body).toBe(200);
    const wrmBranch = (await c.wrm.get('/api/me')).json().branchId;
    const wrm2Branch = (await c.wrm2.get('/api/me')).json().branchId;
    for (const p of [...dash.json().top, ...dash.json().bottom]) expect(p.branchName).toBeTruthy();
    expect(dash.json().league.every((l: { branchId: number }) => l.branchId !== wrm2Branch)).toBe(true);
    expect(dash.json().league.some((l: { branchId: number }) => l.branchId === wrmBranch)).toBe(true);
    expect((await c.bhead.get(`/api/performance/dashboard?branchId=${wrm2Branch}`)).statusCode).toBe(404);
    const bank = (await c.auditor.get(`/api/performance/dashboard?month=${MONTH}`)).json();
    expect(bank.top[0]).toMatchObject({ total: '101.0000', staffNo: 'PT0001' });
  });

  it('exports the scorecards of the caller\'s reach, audited', async () => {
    const x = await c.bhead.get('/api/performance/export.xlsx');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const all = await c.admin.get(`/api/performance/export.xlsx?month=${MONTH}`);
    expect(all.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(all.rawPayload as unknown as ArrayBuffer);
    const nos: string[] = [];
    wb.getWorksheet('汇总 Summary')?.eachRow((r, i) => { if (i > 1) nos.push(String(r.getCell(1).value)); });
    expect(nos).toEqual(expect.arrayContaining(['PT0001', 'PT0002', 'PT0003']));
    const audited = await one(sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'performance.export'`);
    expect(audited.n).toBe(2);
  });
});

describe('bad input', () => {
  it('refuses weights not summing to 100, unknown KPIs, and callers without the grant, writing nothing', async () => {
    const card = (await c.admin.get('/api/performance/scorecards')).json().find((s: { code: string }) => s.code === 'wealth_rm');
    const before = JSON.stringify(card.items);
    const bad = await c.admin.put(`/api/performance/scorecards/${card.id}`, { ...CARD, items: CARD.items.map((i, n) => (n === 0 ? { ...i, weight: 30 } : i)) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('BAD_WEIGHTS');
    expect(bad.json().error.zh).toContain('100');
    const unknown = await c.admin.put(`/api/performance/scorecards/${card.id}`, { ...CARD, items: [...CARD.items.slice(0, 3), { ...CARD.items[3], kpiCode: 'no_such_kpi' }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].path).toBe('items.3.kpiCode');
    expect((await c.bhead.put(`/api/performance/scorecards/${card.id}`, CARD)).statusCode).toBe(403);
    const after = (await c.admin.get('/api/performance/scorecards')).json().find((s: { code: string }) => s.code === 'wealth_rm');
    expect(JSON.stringify(after.items)).toBe(before);
  });

  it('refuses a bad month, freezing a month not ended, recomputing a month not frozen, and bad KPI parameters', async () => {
    expect((await c.admin.post('/api/performance/runs', { month: '2020-13' })).statusCode).toBe(400);
    expect((await c.wrm.get('/api/performance/me?month=March')).statusCode).toBe(400);
    expect((await c.admin.post('/api/performance/runs', { month: '2999-01' })).json().error.code).toBe('MONTH_IN_FUTURE');
    const thisMonth = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
    expect((await c.admin.post('/api/performance/runs/freeze', { month: thisMonth })).json().error.code).toBe('MONTH_NOT_ENDED');
    expect((await c.admin.post('/api/performance/runs/recompute', { month: '2019-01', reason: '测试重算申请' })).json().error.code).toBe('MONTH_NOT_FROZEN');
    const kpi = { code: 'fund_count_x', measure: 'overdue_tasks', params: { category: 'fund' }, nameZh: '测试', nameEn: 'Test', unit: 'count', direction: 'lower' };
    const badKpi = await c.admin.post('/api/performance/kpis', kpi);
    expect(badKpi.statusCode).toBe(400);
    expect(badKpi.json().error.code).toBe('BAD_KPI_PARAMS');
    const n = await one(sql<{ n: number }>`select count(*)::int as n from perf_kpis where code = 'fund_count_x'`);
    expect(n.n).toBe(0);
    const good = await c.admin.post('/api/performance/kpis', { ...kpi, measure: 'sales_count' });
    expect(good.statusCode, good.body).toBe(201);
    expect((await c.admin.post('/api/performance/kpis', { ...kpi, measure: 'sales_count' })).statusCode).toBe(409);
    const targets = await c.admin.put('/api/performance/targets', { month: MONTH, targets: [{ staffNo: 'PT0001', kpiCode: 'sales_amount', target: 1 }, { staffNo: 'NOPE', kpiCode: 'sales_amount', target: 1 }] });
    expect(targets.statusCode).toBe(400);
    expect((await one(sql<{ n: number }>`select count(*)::int as n from perf_targets`)).n).toBe(0);
  });
});
