import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { residentIdCheckChar, residentIdProblem } from '../../../contracts/personal-data';
import { sql } from '../../platform/db';
import { startTestApp, type Client, type TestApp } from '../../platform/testing';
import { dateText } from './customer-import';
import { shanghaiToday } from './customer-import.service';
import { residentIdProblems } from './customer-import-staging.repository';

let t: TestApp;
let admin: Client;
let wrm: Client;
let branch: string;
let rmNo: string;
let rm2No: string;
let lobbyNo: string;

const today = shanghaiToday();

async function staffWithRole(role: string, branchCode?: string): Promise<string[]> {
  const r = await sql<{ staff_no: string }>`
    select s.staff_no from staff s join staff_roles r on r.staff_id = s.id join branches b on b.id = s.branch_id
    where r.role = ${role} and s.status = 'active' ${branchCode ? sql`and b.code = ${branchCode}` : sql``}
    order by s.staff_no`.execute(t.handle.db);
  return r.rows.map((x) => x.staff_no);
}

beforeAll(async () => {
  t = await startTestApp(inject('template'));
  admin = await t.login('admin');
  wrm = await t.login('wrm');
  const open = await sql<{ code: string }>`select code from branches where status = 'open' and level in ('sub_branch', 'outlet') order by code limit 1`.execute(t.handle.db);
  branch = open.rows[0].code;
  [rmNo, rm2No] = await staffWithRole('wealth_rm');
  [lobbyNo] = await staffWithRole('lobby_manager');
});
afterAll(async () => t?.close());

/** A valid resident ID (area 990101 is not used by the demo data). */
const rid = (birth: string, seq: number) => {
  const first = `990101${birth}${String(seq).padStart(3, '0')}`;
  return first + residentIdCheckChar(first);
};
const badCheck = (id: string) => id.slice(0, 17) + (id[17] === '1' ? '2' : '1');

const csv = (rows: string[][]) => rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';

async function upload(c: Client, kind: string, fileName: string, body: string | Buffer, contentType = 'text/csv') {
  return c.request({ method: 'POST', url: `/api/customer-imports?kind=${kind}&fileName=${encodeURIComponent(fileName)}`, payload: body, headers: { 'content-type': contentType } });
}

type Detail = {
  id: number; status: string; phase: string | null; totalRows: number; validRows: number; errorRows: number; errorCount: number;
  inserted: number; updated: number; unchanged: number; failure: { code: string; zh: string; en: string } | null;
  progress: { done: number; total: number };
  errors: { row: number; column: string; field: string; value: string | null; code: string; zh: string; en: string }[];
};

async function waitDone(c: Client, id: number): Promise<Detail> {
  for (let i = 0; i < 1200; i++) {
    const res = await c.get(`/api/customer-imports/${id}`);
    expect(res.statusCode).toBe(200);
    const d = res.json() as Detail;
    if (d.status !== 'running') return d;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

async function run(c: Client, id: number, mapping: Record<string, string>, mode: 'all' | 'valid'): Promise<Detail> {
  const res = await c.post(`/api/customer-imports/${id}/run`, { mapping, mode });
  expect(res.statusCode, res.body).toBe(202);
  return waitDone(c, id);
}

async function uploadAndRun(kind: string, body: string, mapping: Record<string, string>, mode: 'all' | 'valid', fileName = `${kind}.csv`): Promise<Detail> {
  const up = await upload(admin, kind, fileName, body);
  expect(up.statusCode, up.body).toBe(201);
  return run(admin, up.json().id, mapping, mode);
}

const customer = async (no: string) =>
  (await sql<{ id: number; name: string; gender: string | null; birth_date: string | null; mobile: string | null; resident_id: string | null; rm_staff_id: number | null; tier_code: string; aum: string; aum_m1: string; aum_m3: string }>`
    select id, name, gender, birth_date, mobile, resident_id, rm_staff_id, tier_code, aum, aum_m1, aum_m3 from customers where customer_no = ${no}`.execute(t.handle.db)).rows[0];

const stageExists = async (id: number) => (await sql`select 1 from pg_class where relname = ${`customer_import_raw_${id}`}`.execute(t.handle.db)).rows.length > 0;
const countWhere = async (q: ReturnType<typeof sql>) => Number((await sql<{ n: string }>`select count(*) as n from (${q}) q`.execute(t.handle.db)).rows[0].n);

describe('resident ID check in SQL', () => {
  it('agrees with residentIdProblem() on thousands of generated IDs', async () => {
    const ids: string[] = [];
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    for (let i = 0; i < 3000; i++) {
      const y = 1890 + rnd(150);
      const m = rnd(14);
      const d = rnd(33);
      const first = `${String(100000 + rnd(900000))}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(rnd(1000)).padStart(3, '0')}`;
      const ok = first + residentIdCheckChar(first);
      ids.push(ok, badCheck(ok));
      if (ok.endsWith('X')) ids.push(ok.slice(0, 17) + 'x');
    }
    ids.push('', '1', '11010519491231002', '1101051949123100201', '11010519491231002A', 'X10105194912310020', '110105200002290013', '110105190002290013', `110105${today.replace(/-/g, '')}0016`);
    const sqlCodes = await sql<{ id: string; p: string | null }>`
      select id, resident_id_problem(id, ${today}::date) as p from unnest(${ids}::text[]) as id`.execute(t.handle.db);
    const todayDate = new Date(`${today}T00:00:00Z`);
    const words: Record<string, string> = {
      [residentIdProblem('1', todayDate)!.en]: 'format',
      [residentIdProblem('110105199902300011', todayDate)!.en]: 'birth_date',
      [residentIdProblem(badCheck(rid('19800101', 1)), todayDate)!.en]: 'checksum',
    };
    // The checks themselves look the birth date up in import_days instead of calling the function.
    const inChecks = await residentIdProblems(t.handle.db, ids, today);
    let checked = 0;
    for (const r of [...sqlCodes.rows, ...inChecks]) {
      const js = residentIdProblem(r.id, todayDate);
      expect(r.p, r.id).toBe(js ? words[js.en] : null);
      checked++;
    }
    expect(checked).toBeGreaterThan(12000);
    expect(inChecks).toHaveLength(sqlCodes.rows.length);
    expect(new Set(sqlCodes.rows.map((r) => r.p))).toEqual(new Set([null, 'format', 'birth_date', 'checksum']));
  });

  it('normalises date cells in SQL exactly as dateText() does for the file reader', async () => {
    const texts = [
      '2024-03-01', '2024-3-1', '2024/03/01', '2024/3/1', '2024.3.1', '2024年3月1日', '2024年12月31日 10:30', '2024-03-01 00:00:00',
      '2024-03-01T08:15:30.5', '20240301', '2024-1-123', '12345-67-8', '2024-13-45', '2023-02-30', '99999-9-99', '2024-03-0a', '2024--3-01',
      '2024-03-011', '202403011', '１２３４-05-06', '2024/3/1/', 'March 1', '1-1-1', '',
    ];
    const r = await sql<{ v: string; n: string }>`select v, import_date_text(v) as n from unnest(${texts}::text[]) as v`.execute(t.handle.db);
    expect(r.rows).toHaveLength(texts.length);
    for (const row of r.rows) expect(row.n, row.v).toBe(dateText(row.v));
  });
});

describe('customers', () => {
  const HEAD = ['客户号', '客户姓名', '证件号码', '手机号码', '开户机构号', '客户经理工号', '出生日期', '备注'];
  const rows = () => [
    ['IMP001', '张三', rid('19800101', 1), '13800138001', branch, rmNo, '', '好'],
    ['IMP002', '李四', badCheck(rid('19800101', 2)), '13800138002', branch, '', '', ''],
    ['IMP003', '王五', rid('19800101', 3), '1380013800', branch, '', '', ''],
    ['IMP004', '赵六', rid('19800101', 4), '13800138004', 'NOPE', '', '', ''],
    ['IMP005', '孙七', rid('19800101', 5), '13800138005', branch, lobbyNo, '', ''],
    ['IMP001', '周八', rid('19800101', 7), '13800138007', branch, '', '', ''],
    ['IMP008', '吴九', rid('19800101', 8), '13800138008', branch, '', '1990-02-30', ''],
    ['IMP009', '', rid('19800101', 9), '13800138009', branch, '', '', ''],
    ['IMP010', '郑十', rid('19800101', 1), '13800138010', branch, '', '', ''],
    ['IMP011', '钱一', rid('19750601', 11), '+86 138-0013-8011', branch, rmNo, '1975/6/1', ''],
    ['IMP012', '陈二', '', '', branch, '', '', ''],
  ];
  const mapping = { customerNo: '客户号', name: '客户姓名', residentId: '证件号码', mobile: '手机号码', branchCode: '开户机构号', rmStaffNo: '客户经理工号', birthDate: '出生日期' };
  let firstId = 0;

  it('upload: detects the Chinese header, suggests the mapping and previews 10 rows, masked', async () => {
    const res = await upload(admin, 'customers', '存量客户.csv', csv([HEAD, ...rows()]));
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json();
    firstId = b.id;
    expect(b).toMatchObject({ status: 'uploaded', kind: 'customers', fileName: '存量客户.csv', fileFormat: 'csv', headers: HEAD });
    expect(b.suggestedMapping).toEqual(mapping);
    expect(b.preview).toHaveLength(10);
    expect(b.preview[0][1]).toBe('张*');
    expect(b.preview[0][2]).toMatch(/^990101\*+\d{3}[\dX]$/);
    expect(b.preview[0][3]).toBe('138****8001');
    expect(b.preview[0][7]).toBe('好');
    expect(b.fields.find((f: { key: string }) => f.key === 'customerNo')).toMatchObject({ required: true, zh: '客户号' });
  });

  it("mode 'all': a file with bad rows writes nothing and reports each bad row with its column", async () => {
    const d = await run(admin, firstId, mapping, 'all');
    expect(d).toMatchObject({ status: 'rejected', totalRows: 11, validRows: 3, errorRows: 8, inserted: 0, updated: 0 });
    expect(d.failure?.code).toBe('HAS_ERRORS');
    expect(await countWhere(sql`select 1 from customers where customer_no like 'IMP0%'`)).toBe(0);
    const byRow = new Map(d.errors.map((e) => [e.row, e]));
    expect(byRow.get(3)).toMatchObject({ column: '证件号码', field: 'residentId', code: 'rid_checksum' });
    expect(byRow.get(3)!.value).toMatch(/^990101\*+/);
    expect(byRow.get(3)!.zh).toBe(residentIdProblem(badCheck(rid('19800101', 2)))!.zh);
    expect(byRow.get(4)).toMatchObject({ column: '手机号码', code: 'mobile', value: '138***3800' });
    expect(byRow.get(5)).toMatchObject({ column: '开户机构号', code: 'unknown_branch', value: 'NOPE', zh: '机构代码「NOPE」不存在', en: 'Branch code "NOPE" does not exist' });
    expect(byRow.get(6)).toMatchObject({ column: '客户经理工号', code: 'not_wealth_rm', value: lobbyNo });
    expect(byRow.get(7)).toMatchObject({ column: '客户号', code: 'duplicate', zh: '客户号「IMP001」与第2行重复' });
    expect(byRow.get(8)).toMatchObject({ column: '出生日期', code: 'date', value: '1990-02-30' });
    expect(byRow.get(9)).toMatchObject({ column: '客户姓名', code: 'required' });
    expect(byRow.get(10)).toMatchObject({ column: '证件号码', code: 'duplicate' });
    expect([...byRow.keys()].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("mode 'valid': the same upload imports the valid rows, with the lowest tier, derived gender and birth date, and the RM's history", async () => {
    const d = await run(admin, firstId, mapping, 'valid');
    expect(d).toMatchObject({ status: 'committed', totalRows: 11, validRows: 3, errorRows: 8, inserted: 3, updated: 0, unchanged: 0, phase: 'done' });
    expect(d.progress).toEqual({ done: 11, total: 11 });
    expect(d.errors).toHaveLength(8);
    const lowest = (await sql<{ code: string }>`select code from tiers order by rank limit 1`.execute(t.handle.db)).rows[0].code;
    const c1 = await customer('IMP001');
    expect(c1).toMatchObject({ name: '张三', gender: 'M', birth_date: '1980-01-01', mobile: '13800138001', resident_id: rid('19800101', 1), tier_code: lowest });
    const rm = await sql<{ id: number }>`select id from staff where staff_no = ${rmNo}`.execute(t.handle.db);
    expect(c1.rm_staff_id).toBe(rm.rows[0].id);
    expect(await countWhere(sql`select 1 from customer_rm_history where customer_id = ${c1.id} and staff_id = ${c1.rm_staff_id} and ended_on is null`)).toBe(1);
    expect(await customer('IMP011')).toMatchObject({ gender: 'M', birth_date: '1975-06-01', mobile: '13800138011' });
    expect(await customer('IMP012')).toMatchObject({ gender: null, resident_id: null, mobile: null, rm_staff_id: null });
    const audit = await sql<{ outcome: string; detail: { inserted: number } }>`
      select outcome, detail from audit_log where action = 'customers.import' and entity_id = ${String(firstId)} order by id`.execute(t.handle.db);
    expect(audit.rows.map((a) => a.outcome)).toEqual(['failed', 'ok']);
    expect(audit.rows[1].detail.inserted).toBe(3);
  });

  it('the same file again: nothing inserted, nothing updated, every valid row reported unchanged', async () => {
    const d = await uploadAndRun('customers', csv([HEAD, ...rows()]), mapping, 'valid');
    expect(d).toMatchObject({ status: 'committed', validRows: 3, inserted: 0, updated: 0, unchanged: 3 });
    expect(await countWhere(sql`select 1 from customers where customer_no like 'IMP0%'`)).toBe(3);
  });

  it('a changed file updates only what changed; a new RM closes the old RM period and opens a new one', async () => {
    const changed = rows();
    changed[0][3] = '13900139001';
    changed[0][5] = rm2No;
    changed[10][5] = rmNo;
    const d = await uploadAndRun('customers', csv([HEAD, ...changed]), mapping, 'valid');
    expect(d).toMatchObject({ status: 'committed', inserted: 0, updated: 2, unchanged: 1 });
    const c1 = await customer('IMP001');
    expect(c1.mobile).toBe('13900139001');
    const hist = await sql<{ staff_no: string; ended_on: string | null }>`
      select s.staff_no, h.ended_on from customer_rm_history h join staff s on s.id = h.staff_id where h.customer_id = ${c1.id} order by h.id`.execute(t.handle.db);
    expect(hist.rows).toEqual([{ staff_no: rmNo, ended_on: today }, { staff_no: rm2No, ended_on: null }]);
    expect((await customer('IMP012')).rm_staff_id).not.toBeNull();
  });

  it('the error report downloads as xlsx with row, column, value and both reasons', async () => {
    const res = await admin.get(`/api/customer-imports/${firstId}/errors.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(9);
    expect(ws.getRow(1).values).toEqual([undefined, '行号 Row', '列 Column', '值 Value', '原因', 'Reason']);
    const r5 = ws.getRow(4).values as unknown[];
    expect(r5.slice(1, 4)).toEqual([5, '开户机构号', 'NOPE']);
    expect(r5[5]).toBe('Branch code "NOPE" does not exist');
    expect(await countWhere(sql`select 1 from audit_log where action = 'customers.import.errors.export' and entity_id = ${String(firstId)}`)).toBe(1);
  });

  it('reads an xlsx with date cells and numeric customer numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('客户');
    ws.addRow(['客户编号', '姓名', '开户网点', '出生日期']);
    ws.addRow([8800123, '林一', branch, new Date(Date.UTC(1966, 4, 7))]);
    const up = await upload(admin, 'customers', '客户.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ fileFormat: 'xlsx', suggestedMapping: { customerNo: '客户编号', name: '姓名', branchCode: '开户网点', birthDate: '出生日期' } });
    const d = await run(admin, up.json().id, up.json().suggestedMapping, 'all');
    expect(d).toMatchObject({ status: 'committed', inserted: 1 });
    expect(await customer('8800123')).toMatchObject({ name: '林一', birth_date: '1966-05-07' });
  });
});

describe('bad requests and access', () => {
  let id = 0;
  beforeAll(async () => {
    id = (await upload(admin, 'customers', 'c.csv', csv([['客户号', '姓名', '机构'], ['IMPX1', '甲', branch]]))).json().id;
  });

  it('a malformed mapping is a 400 naming the problem; nothing runs', async () => {
    const cases: unknown[] = [
      { mapping: { customerNo: '客户号', name: '姓名' }, mode: 'all' },
      { mapping: { customerNo: '客户号', name: '姓名', branchCode: '机构', nickname: '姓名' } },
      { mapping: { customerNo: '客户号', name: '没有这列', branchCode: '机构' } },
      { mapping: { customerNo: '客户号', name: '姓名', branchCode: '机构' }, mode: 'some' },
      { mapping: { customerNo: '客户号', name: '姓名', branchCode: '机构' }, extra: 1 },
      { mapping: 'customerNo=客户号' },
    ];
    for (const body of cases) {
      const res = await admin.post(`/api/customer-imports/${id}/run`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const e = res.json().error;
      expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(e.en).toMatch(/[a-z]/);
    }
    const first = (await admin.post(`/api/customer-imports/${id}/run`, cases[0])).json().error;
    expect(first).toMatchObject({ code: 'BAD_MAPPING', fields: [{ path: 'mapping.branchCode' }] });
    expect((await admin.get(`/api/customer-imports/${id}`)).json().status).toBe('uploaded');
  });

  it('an empty body, an old .xls or an unknown kind is a 400; an unknown import a 404; a committed one a 409', async () => {
    expect((await upload(admin, 'customers', 'c.csv', '')).statusCode).toBe(400);
    expect((await upload(admin, 'customers', 'c.xls', 'x')).statusCode).toBe(400);
    expect((await upload(admin, 'people', 'c.csv', 'a\n1')).statusCode).toBe(400);
    expect((await admin.get('/api/customer-imports/999999')).statusCode).toBe(404);
    const d = await run(admin, id, { customerNo: '客户号', name: '姓名', branchCode: '机构' }, 'all');
    expect(d.status).toBe('committed');
    expect((await admin.post(`/api/customer-imports/${id}/run`, { mapping: { customerNo: '客户号', name: '姓名', branchCode: '机构' } })).statusCode).toBe(409);
  });

  it('a wealth RM may not import: 403 on every route', async () => {
    expect((await upload(wrm, 'customers', 'c.csv', 'a\n1')).statusCode).toBe(403);
    expect((await wrm.get('/api/customer-imports')).statusCode).toBe(403);
    expect((await wrm.get(`/api/customer-imports/${id}`)).statusCode).toBe(403);
    expect((await wrm.post(`/api/customer-imports/${id}/run`, { mapping: {} })).statusCode).toBe(403);
    expect((await wrm.get(`/api/customer-imports/${id}/errors.xlsx`)).statusCode).toBe(403);
  });

  it('lists the recent imports', async () => {
    const res = await admin.get('/api/customer-imports');
    expect(res.statusCode).toBe(200);
    expect(res.json().some((r: { id: number }) => r.id === id)).toBe(true);
  });
});

describe('holdings', () => {
  const HEAD = ['客户号', '账号', '业务类型', '产品名称', '账户余额', '到期日'];
  const mapping = { customerNo: '客户号', accountNo: '账号', category: '业务类型', productName: '产品名称', balance: '账户余额', maturesOn: '到期日' };
  const rows = [
    ['IMP001', 'ACC-IMP-001', '定期存款', '三年定期', '1,000,000.50', '2027-01-01'],
    ['IMP001', 'ACC-IMP-002', '活期', '', '2000', ''],
    ['NOPE99', 'ACC-IMP-003', '基金', '某基金', '100', ''],
    ['IMP011', 'ACC-IMP-004', '彩票', '双色球', '100', ''],
    ['IMP011', 'ACC-IMP-005', '理财', '稳利', '-5', ''],
    ['IMP011', 'ACC-IMP-001', '理财', '稳利', '5', ''],
    ['IMP011', 'ACC-IMP-006', 'fund', '某基金', '12.345', ''],
  ];

  it('imports holdings by account number, checks each row, and a rerun changes nothing', async () => {
    const d = await uploadAndRun('holdings', csv([HEAD, ...rows]), mapping, 'valid');
    expect(d).toMatchObject({ status: 'committed', totalRows: 7, validRows: 2, inserted: 2, updated: 0 });
    const codes = Object.fromEntries(d.errors.map((e) => [e.row, `${e.field}:${e.code}`]));
    expect(codes).toEqual({ 4: 'customerNo:unknown_customer', 5: 'category:enum', 6: 'balance:money', 7: 'accountNo:duplicate', 8: 'balance:money' });
    const h = await sql<{ category: string; product_name: string; balance: string; matures_on: string | null }>`
      select category, product_name, balance, matures_on from holdings where account_no in ('ACC-IMP-001', 'ACC-IMP-002') order by account_no`.execute(t.handle.db);
    expect(h.rows).toEqual([
      { category: 'time_deposit', product_name: '三年定期', balance: '1000000.50', matures_on: '2027-01-01' },
      { category: 'demand', product_name: '活期存款', balance: '2000.00', matures_on: null },
    ]);
    const again = await uploadAndRun('holdings', csv([HEAD, ...rows]), mapping, 'valid');
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it("refuses to move an account to another customer", async () => {
    const d = await uploadAndRun('holdings', csv([HEAD, ['IMP011', 'ACC-IMP-001', '定期', '三年定期', '5', '']]), mapping, 'all');
    expect(d.status).toBe('rejected');
    expect(d.errors[0]).toMatchObject({ row: 2, code: 'account_taken', en: 'This account already belongs to another customer (IMP001)' });
  });
});

describe('daily balances', () => {
  const monthStart = `${today.slice(0, 7)}-01`;
  const prev = new Date(`${monthStart}T00:00:00Z`);
  prev.setUTCMonth(prev.getUTCMonth() - 1);
  const lastMonth = prev.toISOString().slice(0, 7);
  const HEAD = ['客户号', '数据日期', '资产余额'];
  const mapping = { customerNo: '客户号', day: '数据日期', aum: '资产余额' };

  it('upserts days, rolls the months up and refreshes the customers touched', async () => {
    const rows = [
      ['IMP001', `${lastMonth}-01`, '1000'],
      ['IMP001', `${lastMonth}-02`, '3000.00'],
      ['IMP001', monthStart, '5000'],
      ['IMP011', `${lastMonth}-01`, '10.5'],
      ['IMP001', `${lastMonth}-01`, '1'],
      ['IMP001', `${Number(today.slice(0, 4)) + 1}-01-01`, '1'],
      ['IMP404', monthStart, '1'],
    ];
    const d = await uploadAndRun('balances', csv([HEAD, ...rows]), mapping, 'valid');
    expect(d).toMatchObject({ status: 'committed', totalRows: 7, validRows: 4, inserted: 4, updated: 0 });
    expect(Object.fromEntries(d.errors.map((e) => [e.row, `${e.field}:${e.code}`]))).toEqual({ 6: 'day:duplicate', 7: 'day:future_date', 8: 'customerNo:unknown_customer' });
    const c1 = await customer('IMP001');
    const months = await sql<{ month: string; avg_aum: string; end_aum: string }>`
      select month, avg_aum, end_aum from monthly_balances where customer_id = ${c1.id} order by month`.execute(t.handle.db);
    expect(months.rows).toEqual([
      { month: `${lastMonth}-01`, avg_aum: '2000.00', end_aum: '3000.00' },
      { month: monthStart, avg_aum: '5000.00', end_aum: '5000.00' },
    ]);
    expect(c1).toMatchObject({ aum: '5000.00', aum_m1: '2000.00', aum_m3: '2000.00' });
    expect(await customer('IMP011')).toMatchObject({ aum: '10.50', aum_m1: '10.50' });
    const again = await uploadAndRun('balances', csv([HEAD, ...rows.slice(0, 4)]), mapping, 'all');
    expect(again).toMatchObject({ status: 'committed', inserted: 0, updated: 0, unchanged: 4 });
  });
});

describe('nothing lost', () => {
  it('a failure in the middle of the merge leaves the database as it was; the same import then reruns cleanly', async () => {
    const before = await customer('IMP011');
    const total = await countWhere(sql`select 1 from customers`);
    // A rule the checks do not know about: the third row breaks the merge statement half-way.
    await sql`alter table customers add constraint import_crash_test check (name <> '故障')`.execute(t.handle.db);
    const head = ['客户号', '姓名', '开户网点'];
    const up = await upload(admin, 'customers', 'crash.csv', csv([head, ['IMP011', '钱一一', branch], ['IMP100', '新客甲', branch], ['IMP101', '故障', branch], ['IMP102', '新客乙', branch]]));
    const id = up.json().id;
    const mapping = { customerNo: '客户号', name: '姓名', branchCode: '开户网点' };
    const d = await run(admin, id, mapping, 'valid');
    expect(d.status).toBe('failed');
    expect(d.failure?.code).toBe('DB_23514');
    expect(d.failure?.en).toContain('nothing was written');
    expect(await countWhere(sql`select 1 from customers`)).toBe(total);
    expect((await customer('IMP011')).name).toBe(before.name);
    expect(await countWhere(sql`select 1 from customer_import_errors where import_id = ${id}`)).toBe(0);
    expect(await stageExists(id)).toBe(false);
    await sql`alter table customers drop constraint import_crash_test`.execute(t.handle.db);
    const again = await run(admin, id, mapping, 'valid');
    expect(again).toMatchObject({ status: 'committed', inserted: 3, updated: 1 });
    expect((await customer('IMP101')).name).toBe('故障');
  });

  it('a run whose process was killed is reported failed, its staging cleared, and it runs again', async () => {
    const mapping = { customerNo: '客户号', name: '姓名', branchCode: '网点' };
    const id = (await upload(admin, 'customers', 'killed.csv', csv([['客户号', '姓名', '网点'], ['IMP200', '丙', branch]]))).json().id;
    // What a killed process leaves behind: the row says running and staging is half loaded.
    await sql`update customer_imports set status = 'running', mode = 'all', heartbeat_at = now() where id = ${id}`.execute(t.handle.db);
    await sql`create unlogged table ${sql.table(`customer_import_raw_${id}`)} (row_no int, c1 text, c2 text, c3 text)`.execute(t.handle.db);
    await sql`insert into ${sql.table(`customer_import_raw_${id}`)} values (2, 'IMP200', '丙', ${branch})`.execute(t.handle.db);
    expect((await admin.post(`/api/customer-imports/${id}/run`, { mapping })).statusCode).toBe(409);
    expect((await admin.get(`/api/customer-imports/${id}`)).json().status).toBe('running');
    await sql`update customer_imports set heartbeat_at = now() - interval '10 minutes' where id = ${id}`.execute(t.handle.db);
    const d = (await admin.get(`/api/customer-imports/${id}`)).json() as Detail;
    expect(d).toMatchObject({ status: 'failed', failure: { code: 'INTERRUPTED' } });
    expect(await stageExists(id)).toBe(false);
    expect(await customer('IMP200')).toBeUndefined();
    expect(await run(admin, id, mapping, 'all')).toMatchObject({ status: 'committed', inserted: 1 });
  });

  it('a failure in the balance roll-up undoes the day rows written just before it', async () => {
    await sql`alter table monthly_balances add constraint import_crash_test check (avg_aum < 100000000) not valid`.execute(t.handle.db);
    const c = await customer('IMP012');
    const d = await uploadAndRun('balances', csv([['客户号', '日期', '余额'], ['IMP012', today, '900000000']]), { customerNo: '客户号', day: '日期', aum: '余额' }, 'all');
    expect(d.status).toBe('failed');
    expect(await countWhere(sql`select 1 from daily_balances where customer_id = ${c.id}`)).toBe(0);
    await sql`alter table monthly_balances drop constraint import_crash_test`.execute(t.handle.db);
  });
});

describe('data scope', () => {
  it('an importer with a sub-tree scope cannot import customers of other branches', async () => {
    const roles = (await admin.get('/api/roles/permissions')).json() as { grants: { role: string; permission: string; scope: string }[] };
    const grants = roles.grants.filter((g) => g.role === 'branch_head').map(({ permission, scope }) => ({ permission, scope }));
    const put = await admin.put('/api/roles/branch_head/permissions', { grants: [...grants, { permission: 'customers.import', scope: 'subtree' }] });
    expect(put.statusCode, put.body).toBe(200);
    let bhead = await t.login('bhead');
    // The new grant reaches the session cache through a notification: wait until it has.
    for (let i = 0; i < 50 && (await bhead.get('/api/customer-imports')).statusCode === 403; i++) {
      await new Promise((r) => setTimeout(r, 100));
      bhead = await t.login('bhead');
    }
    const mine = (await sql<{ code: string; path: string }>`
      select b.code, b.path from users u join staff s on s.id = u.staff_id join branches b on b.id = s.branch_id where u.username = 'bhead'`.execute(t.handle.db)).rows[0];
    const other = (await sql<{ code: string }>`select code from branches where status = 'open' and path not like ${`${mine.path}%`} and level <> 'head_office' limit 1`.execute(t.handle.db)).rows[0];
    const up = await upload(bhead, 'customers', 'scope.csv', csv([['客户号', '姓名', '网点'], ['IMPS1', '甲', mine.code], ['IMPS2', '乙', other.code]]));
    expect(up.statusCode, up.body).toBe(201);
    const d = await run(bhead, up.json().id, { customerNo: '客户号', name: '姓名', branchCode: '网点' }, 'valid');
    expect(d).toMatchObject({ status: 'committed', inserted: 1 });
    expect(d.errors).toMatchObject([{ row: 3, code: 'out_of_scope' }]);
  });
});

describe('two clerks importing at once', () => {
  it('both imports commit, one after the other: each customer once, a customer in both files written once', async () => {
    const head = ['客户号', '客户姓名', '证件号码', '手机号码', '开户机构号'];
    const mapping = { customerNo: '客户号', name: '客户姓名', residentId: '证件号码', mobile: '手机号码', branchCode: '开户机构号' };
    const row = (no: string, seq: number) => [no, `并发${seq}`, rid('19911111', seq), `1390013900${seq}`, branch];
    const shared = row('IMCS01', 7);
    const fileA = csv([head, row('IMCA01', 1), row('IMCA02', 2), row('IMCA03', 3), shared]);
    const fileB = csv([head, row('IMCB01', 4), row('IMCB02', 5), row('IMCB03', 6), shared]);
    const [upA, upB] = await Promise.all([upload(admin, 'customers', 'a.csv', fileA), upload(admin, 'customers', 'b.csv', fileB)]);
    expect([upA.statusCode, upB.statusCode]).toEqual([201, 201]);
    const [a, b] = await Promise.all([run(admin, upA.json().id, mapping, 'all'), run(admin, upB.json().id, mapping, 'all')]);
    expect([a.status, b.status], `${JSON.stringify(a.failure)} ${JSON.stringify(b.failure)}`).toEqual(['committed', 'committed']);
    expect(a.inserted + b.inserted).toBe(7);
    expect(a.unchanged + b.unchanged).toBe(1);
    expect(a.updated + b.updated).toBe(0);
    expect(await countWhere(sql`select 1 from customers where customer_no like 'IMC%'`)).toBe(7);
    expect(await customer('IMCS01')).toMatchObject({ name: '并发7', mobile: '13900139007' });
  });
});
