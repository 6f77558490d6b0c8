// The productivity contest end to end on a real database: definitions and their validation, who may
// create and manage what, the board computed from recorded sales (figures worked out by hand from
// the sales this test inserts), rank changes, the debounced refresh after a sale, what each role sees
// of the board (an RM: names and points; a branch head: the branch's figures), freezing and export.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../platform/testing';
import { shanghaiToday } from './promotion.rules';

let t: TestApp;
const c: Record<string, Client> = {};
const today = shanghaiToday();
const monthStart = `${today.slice(0, 7)}-01`;
const ids: Record<string, number> = {};

async function staffOf(username: string): Promise<{ id: number; branchId: number }> {
  const r = await t.handle.db.selectFrom('users as u').innerJoin('staff as s', 's.id', 'u.staff_id').select(['s.id', 's.branch_id']).where('u.username', '=', username).executeTakeFirstOrThrow();
  return { id: r.id, branchId: r.branch_id };
}
async function addSale(staffId: number, branchId: number, amount: string) {
  const cust = await t.handle.db.insertInto('customers').values({ customer_no: `CT-${Math.random().toString(36).slice(2, 10)}`, name: '竞赛测试客户', tier_code: 'gold', branch_id: branchId, rm_staff_id: staffId })
    .returning('id').executeTakeFirstOrThrow();
  const product = await t.handle.db.selectFrom('products').select(['id', 'category']).where('category', '=', 'time_deposit').orderBy('id').executeTakeFirstOrThrow();
  await t.handle.db.insertInto('sales').values({ customer_id: cust.id, branch_id: branchId, product_id: product.id, category: product.category, amount, sold_on: today, staff_id: staffId, channel: 'branch' }).execute();
}
const body = (over: Record<string, unknown> = {}) => ({
  name: '测试竞赛', periodFrom: monthStart, periodTo: today, participantRoles: ['wealth_rm'], participantBranchIds: [ids.team],
  metrics: [{ kpiCode: 'sales_amount', weight: 60 }, { kpiCode: 'sales_count', weight: 40 }],
  rules: { minimums: [], tieBreak: { metrics: [], earlierReach: false } }, prizes: [{ name: '冠军', fromRank: 1, toRank: 1, reward: '' }], ...over,
});
type Row = { name: string; rank: number | null; rankChange: number | null; total: string; isMine: boolean; subjectId: number; metrics: { kpiCode: string; points: string; actual: string | null }[] };

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  const bhead = await staffOf('bhead');
  const parent = await t.handle.db.selectFrom('branches').select(['id', 'path']).where('id', '=', bhead.branchId).executeTakeFirstOrThrow();
  // A small team under the demo outlet: two wealth RMs with no sales but the ones this test records.
  const b = await t.handle.db.insertInto('branches').values({ code: 'CT01', name: '竞赛测试组', level: 'sub_branch', parent_id: parent.id, path: '/tmp/' }).returning('id').executeTakeFirstOrThrow();
  await t.handle.db.updateTable('branches').set({ path: `${parent.path}${b.id}/` }).where('id', '=', b.id).execute();
  ids.team = b.id;
  for (const [no, name] of [['CT-A', '甲经理'], ['CT-B', '乙经理']] as const) {
    const s = await t.handle.db.insertInto('staff').values({ staff_no: no, name, gender: 'F', branch_id: b.id, sequence: 'rm' }).returning('id').executeTakeFirstOrThrow();
    await t.handle.db.insertInto('staff_roles').values({ staff_id: s.id, role: 'wealth_rm' }).execute();
    ids[no] = s.id;
  }
  ids.bj02 = (await staffOf('wrm2')).branchId;
  for (const u of ['admin', 'bhead', 'bhead2', 'wrm', 'wrm2', 'auditor']) c[u] = await t.login(u);
}, 300_000);
afterAll(async () => t?.close());

describe('the demo contests', () => {
  it('seeds a live board and a frozen one', async () => {
    const res = await c.wrm.get('/api/contests');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: number; status: string; participants: number }[];
    const live = items.find((x) => x.status === 'live')!;
    expect(live.participants).toBeGreaterThan(0);
    expect(items.some((x) => x.status === 'frozen')).toBe(true);
    const board = (await c.wrm.get(`/api/contests/${live.id}/leaderboard`)).json() as { items: Row[] };
    expect(board.items.length).toBeGreaterThan(0);
    // An RM sees the measured values of their own row only.
    for (const r of board.items) for (const m of r.metrics) expect(m.actual === null).toBe(!r.isMine);
  });
});

describe('defining a contest', () => {
  it('refuses weights not adding up to 100 and unknown KPIs, writing nothing', async () => {
    const before = (await c.admin.get('/api/contests?pageSize=200')).json().total as number;
    const bad = await c.admin.post('/api/contests', body({ metrics: [{ kpiCode: 'sales_amount', weight: 60 }, { kpiCode: 'sales_count', weight: 30 }] }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.zh).toContain('权重之和须为 100');
    expect((await c.admin.post('/api/contests', body({ metrics: [{ kpiCode: 'no_such_kpi', weight: 100 }] }))).statusCode).toBe(400);
    expect((await c.admin.post('/api/contests', body({ periodTo: '2000-01-01' }))).statusCode).toBe(400);
    expect((await c.admin.get('/api/contests?pageSize=200')).json().total).toBe(before);
  });

  it('lets a branch head set contests up for their own sub-tree only, and an RM not at all', async () => {
    expect((await c.wrm.post('/api/contests', body())).statusCode).toBe(403);
    const outside = await c.bhead.post('/api/contests', body({ participantBranchIds: [ids.bj02] }));
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.zh).toContain('管辖范围');
    const own = await c.bhead.post('/api/contests', body({ name: '网点冲刺赛' }));
    expect(own.statusCode).toBe(201);
    ids.bheadContest = own.json().id;
    // A draft is invisible to the RMs and to the other outlet's head.
    expect((await c.wrm.get(`/api/contests/${ids.bheadContest}`)).statusCode).toBe(404);
    expect((await c.bhead2.get(`/api/contests/${ids.bheadContest}`)).statusCode).toBe(404);
    expect((await c.admin.get(`/api/contests/${ids.bheadContest}`)).statusCode).toBe(200);
  });
});

describe('the board', () => {
  it('scores the recorded sales: share of the best value times the weight', async () => {
    await addSale(ids['CT-A']!, ids.team!, '300000');
    for (const a of ['40000', '30000', '30000']) await addSale(ids['CT-B']!, ids.team!, a);
    const created = await c.admin.post('/api/contests', body());
    expect(created.statusCode).toBe(201);
    ids.contest = created.json().id;
    expect((await c.admin.post(`/api/contests/${ids.contest}/publish`)).statusCode).toBe(200);
    const board = (await c.admin.get(`/api/contests/${ids.contest}/leaderboard`)).json() as { items: Row[]; total: number };
    // A: 60 × 300000/300000 + 40 × 1/3 = 60 + 13.33 = 73.33; B: 60 × 100000/300000 + 40 × 3/3 = 20 + 40 = 60.00
    expect(board.total).toBe(2);
    expect(board.items.map((r) => [r.name, r.rank, r.total])).toEqual([['甲经理', 1, '73.33'], ['乙经理', 2, '60.00']]);
    expect(board.items[0]!.metrics).toEqual([{ kpiCode: 'sales_amount', points: '60.00', actual: '300000' }, { kpiCode: 'sales_count', points: '13.33', actual: '1' }]);
    const team = (await c.admin.get(`/api/contests/${ids.contest}/leaderboard?kind=team`)).json() as { items: (Row & { members: number })[] };
    expect(team.items).toHaveLength(1);
    expect(team.items[0]).toMatchObject({ name: '竞赛测试组', members: 2, rank: 1, total: '100.00' });
  });

  it('moves ranks after a sale (the debounced refresh) and shows the change', async () => {
    await addSale(ids['CT-B']!, ids.team!, '250000');
    // Any recorded sale schedules one refresh of the live boards a few seconds later.
    const wrm = await staffOf('wrm');
    const cust = await t.handle.db.insertInto('customers').values({
      customer_no: 'CT-SALE-1', name: '竞赛销售客户', tier_code: 'platinum', branch_id: wrm.branchId, rm_staff_id: wrm.id, risk_level: 'C3', risk_assessed_on: today,
    }).returning('id').executeTakeFirstOrThrow();
    expect((await c.wrm.post(`/api/customers/${cust.id}/sales`, { productCode: 'FD-DIV', amount: '20000' })).statusCode).toBe(201);
    let board = (await c.admin.get(`/api/contests/${ids.contest}/leaderboard`)).json() as { items: Row[]; version: number };
    for (let i = 0; i < 40 && board.version < 2; i += 1) {
      await new Promise((r) => setTimeout(r, 500));
      board = (await c.admin.get(`/api/contests/${ids.contest}/leaderboard`)).json() as { items: Row[]; version: number };
    }
    expect(board.version).toBe(2);
    // B: 350000 in 4 sales = 60 + 40 = 100; A: 60 × 300000/350000 = 51.43 + 40 × 1/4 = 10 → 61.43
    expect(board.items.map((r) => [r.name, r.rank, r.rankChange, r.total])).toEqual([['乙经理', 1, 1, '100.00'], ['甲经理', 2, -1, '61.43']]);
  });

  it('shows an RM names and points but no figures of colleagues, and the drill-down only of their own', async () => {
    const wrm = await staffOf('wrm');
    const seeded = (await c.wrm.get('/api/contests?status=live')).json().items as { id: number }[];
    const liveId = seeded.find((x) => x.id !== ids.contest && x.id !== ids.bheadContest)!.id;
    const mine = (await c.wrm.get(`/api/contests/${liveId}/me`)).json() as { individual: Row | null };
    expect(mine.individual?.isMine).toBe(true);
    expect(mine.individual!.metrics.every((m) => m.actual !== null)).toBe(true);
    expect((await c.wrm.get(`/api/contests/${liveId}/participants/${wrm.id}`)).statusCode).toBe(200);
    const wrm2 = await staffOf('wrm2');
    expect((await c.wrm.get(`/api/contests/${liveId}/participants/${wrm2.id}`)).statusCode).toBe(404);
    // Our test contest: the RM sees both rows without figures.
    const board = (await c.wrm.get(`/api/contests/${ids.contest}/leaderboard`)).json() as { items: Row[] };
    expect(board.items.flatMap((r) => r.metrics.map((m) => m.actual))).toEqual([null, null, null, null]);
    expect((await c.wrm.get(`/api/contests/${ids.contest}/participants/${ids['CT-A']}`)).statusCode).toBe(404);
  });

  it('shows a branch head the figures and drill-downs of their sub-tree, not of another outlet', async () => {
    const board = (await c.bhead.get(`/api/contests/${ids.contest}/leaderboard`)).json() as { items: Row[] };
    expect(board.items[0]!.metrics[0]!.actual).toBe('350000');
    expect((await c.bhead.get(`/api/contests/${ids.contest}/participants/${ids['CT-B']}`)).json()).toMatchObject({ total: '100.00', rank: 1 });
    expect((await c.bhead2.get(`/api/contests/${ids.contest}/participants/${ids['CT-B']}`)).statusCode).toBe(404);
    const b2 = (await c.bhead2.get(`/api/contests/${ids.contest}/leaderboard`)).json() as { items: Row[] };
    expect(b2.items[0]!.metrics[0]!.actual).toBeNull();
  });

  it('lets only the owner scope manage: refresh, close and export', async () => {
    expect((await c.bhead.post(`/api/contests/${ids.contest}/refresh`)).statusCode).toBe(403);
    expect((await c.wrm.post(`/api/contests/${ids.contest}/refresh`)).statusCode).toBe(403);
    expect((await c.wrm.get(`/api/contests/${ids.contest}/results.xlsx`)).statusCode).toBe(403);
    expect((await c.admin.post(`/api/contests/${ids.contest}/refresh`)).statusCode).toBe(200);
  });
});

describe('freezing', () => {
  it('freezes the results with prizes, refuses changes after, and exports them', async () => {
    // Two managers freezing at once: one freezes, the other is told the contest changed; the board
    // the freeze copied is not refreshed again behind it.
    const [a, b] = await Promise.all([c.admin.post(`/api/contests/${ids.contest}/freeze`), c.admin.post(`/api/contests/${ids.contest}/freeze`)]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([200, 409]);
    const res = a.statusCode === 200 ? a : b;
    const frozen = await t.handle.db.selectFrom('contests').select(['version', 'status']).where('id', '=', ids.contest!).executeTakeFirstOrThrow();
    expect(frozen).toMatchObject({ status: 'frozen', version: res.json().version });
    const standings = await t.handle.db.selectFrom('contest_standings').select(({ fn }) => fn.countAll().as('n')).where('contest_id', '=', ids.contest!).executeTakeFirstOrThrow();
    const results = await t.handle.db.selectFrom('contest_results').select(({ fn }) => fn.countAll().as('n')).where('contest_id', '=', ids.contest!).executeTakeFirstOrThrow();
    expect(Number(results.n)).toBe(Number(standings.n));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('frozen');
    const board = (await c.wrm.get(`/api/contests/${ids.contest}/leaderboard`)).json() as { frozen: boolean; items: (Row & { prize: string | null })[] };
    expect(board.frozen).toBe(true);
    expect(board.items.map((r) => [r.name, r.prize])).toEqual([['乙经理', '冠军'], ['甲经理', null]]);
    expect((await c.admin.put(`/api/contests/${ids.contest}`, body())).statusCode).toBe(409);
    expect((await c.admin.post(`/api/contests/${ids.contest}/refresh`)).statusCode).toBe(409);
    const x = await c.admin.get(`/api/contests/${ids.contest}/results.xlsx`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('个人排名')!;
    expect(ws.getRow(2).getCell(2).value).toBe('乙经理');
    const audits = await t.handle.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'contest').where('entity_id', '=', String(ids.contest)).execute();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['contest.create', 'contest.publish', 'contest.freeze', 'contest.export']));
    expect(audits.filter((a) => a.action === 'contest.freeze')).toHaveLength(1);
  });
});
