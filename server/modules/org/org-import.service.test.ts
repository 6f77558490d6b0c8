// The import on a real database, started from the seeded test template (the default demo bank).
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { systemActor } from '../../platform/audit';
import { sql, type DbHandle } from '../../platform/db';
import { openTestDatabase } from '../../platform/testing';
import { STAFF_FIXTURE_BAD, STAFF_FIXTURE_FILE, STAFF_FIXTURE_HEADERS, STAFF_FIXTURE_ROWS } from './fixtures/staff-fixture';
import { importOrgFile, type ImportInput } from './org-import.service';
import { readSheet, type Cell } from './org.import';

let h: DbHandle;
let dispose: () => Promise<void>;
beforeAll(async () => {
  ({ handle: h, dispose } = await openTestDatabase(inject('template')));
});
afterAll(async () => dispose?.());

const TODAY = '2026-11-28';
const run = (kind: ImportInput['kind'], fileName: string, bytes: Buffer, mode: ImportInput['mode'] = 'all') =>
  importOrgFile(h.db, { kind, fileName, bytes, mode, actorUserId: null, actor: systemActor('test'), today: TODAY });
const count = async (table: string, where = sql`true`) =>
  Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(h.db)).rows[0].n);

async function xlsx(header: string[], rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('员工');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const BRANCHES_CSV = [
  '机构代码,机构名称,层级,上级机构代码,地址,电话,理财中心,开业日期',
  // The outlet comes before its parent sub-branch: the merge writes parents first.
  'BJ06,北京望京新城分理处,网点,BJ05,北京市朝阳区望京东路8号,010-64700001,否,2026-03-01',
  'BJ05,北京望京支行,支行,BJ,北京市朝阳区望京街10号,010-64701234,是,2025-09-01',
].join('\n');

const STAFF_HEADER = ['工号', '姓名', '性别', '所属机构代码', '序列', '角色', '手机', '入职日期', '职级', '档次'];
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const staffRows = (): Cell[][] => [
  ['T0001', '钱多多', '女', 'BJ05', '客户经理', '理财客户经理', '13811110001', d('2024-03-01'), '中级', 3],
  ['T0002', '孙立', '男', 'BJ05', '柜员', '现金柜员', '1381111', d('2024-03-01'), null, null],
  ['T0003', '周一', '男', 'BJ06', '职员', '大堂经理、大堂助理', '13811110003', d('2022-07-01'), null, null],
  ['T0004', '吴二', '女', 'BJ06', '客户经理', '营销客户经理', '13811110004', d('2025-10-01'), '见习', 2],
  ['T0005', '郑三', '男', 'NOPE', '职员', '保安', '13811110005', d('2021-01-01'), null, null],
  ['T0006', '冯四', '女', 'SH01', '管理', '网点负责人', '13811110006', d('2010-05-01'), null, null],
];

describe('importing branches, then staff', () => {
  it('writes branches with parents from the same file, and nothing twice', async () => {
    const first = await run('branches', 'branches.csv', Buffer.from(BRANCHES_CSV));
    expect(first).toMatchObject({ totalRows: 2, validRows: 2, inserted: 2, updated: 0, unchanged: 0, committed: true, errors: [] });
    const rows = await h.db.selectFrom('branches as c').innerJoin('branches as p', 'p.id', 'c.parent_id')
      .select(['c.code', 'c.id', 'c.path', 'p.code as parent', 'p.path as parentPath', 'c.is_wealth_centre']).where('c.code', 'in', ['BJ05', 'BJ06']).orderBy('c.code').execute();
    expect(rows.map((r) => [r.code, r.parent, r.is_wealth_centre])).toEqual([['BJ05', 'BJ', true], ['BJ06', 'BJ05', false]]);
    for (const r of rows) expect(r.path).toBe(`${r.parentPath}${r.id}/`);

    const again = await run('branches', 'branches-again.csv', Buffer.from(`\uFEFF${BRANCHES_CSV}`));
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, committed: true });
    const changed = await run('branches', 'b.csv', Buffer.from(BRANCHES_CSV.replace('010-64700001', '010-64700009')));
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
  });

  it('writes nothing from a staff file with two bad rows unless asked to import the valid rows', async () => {
    const bytes = await xlsx(STAFF_HEADER, staffRows());
    const staffBefore = await count('staff');
    const rejected = await run('staff', 'staff.xlsx', bytes);
    expect(rejected).toMatchObject({ totalRows: 6, validRows: 4, inserted: 0, updated: 0, committed: false });
    expect(rejected.errors.map((e) => [e.row, e.column])).toEqual([[3, '手机'], [6, '所属机构代码']]);
    expect(await count('staff')).toBe(staffBefore);
    expect(await count('import_runs', sql`file_name = 'staff.xlsx' and not committed`)).toBe(1);

    const partial = await run('staff', 'staff.xlsx', bytes, 'valid');
    expect(partial).toMatchObject({ validRows: 4, inserted: 4, updated: 0, unchanged: 0, committed: true });
    expect(partial.errors).toHaveLength(2);
    expect(await count('staff')).toBe(staffBefore + 4);
    const t3 = await h.db.selectFrom('staff').innerJoin('staff_roles', 'staff_roles.staff_id', 'staff.id').select('role').where('staff_no', '=', 'T0003').orderBy('role').execute();
    expect(t3.map((r) => r.role)).toEqual(['lobby_assistant', 'lobby_manager']);
    const history = () => count('staff_grade_history', sql`staff_id in (select id from staff where staff_no like 'T%')`);
    expect(await history()).toBe(2);

    const again = await run('staff', 'staff.xlsx', bytes, 'valid');
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 4, committed: true });
    expect(await history()).toBe(2);
    expect(await count('audit_log', sql`action = 'org.import'`)).toBeGreaterThanOrEqual(6);
  });

  it('records a grade change once, replaces roles, and leaves columns the file lacks alone', async () => {
    const rows = staffRows().filter((_, i) => i === 0 || i === 2 || i === 3);
    rows[0][9] = 4; // T0001: 中级 3 → 4
    rows[1][5] = '大堂经理'; // T0003 loses 大堂助理
    const res = await run('staff', 'changes.xlsx', await xlsx(STAFF_HEADER, rows));
    expect(res).toMatchObject({ inserted: 0, updated: 2, unchanged: 1, committed: true });
    const t1 = await h.db.selectFrom('staff_grade_history').innerJoin('staff', 'staff.id', 'staff_grade_history.staff_id')
      .select(['step', 'reason', 'effective_on']).where('staff_no', '=', 'T0001').orderBy('staff_grade_history.id').execute();
    expect(t1).toEqual([{ step: 3, reason: '导入 import', effective_on: TODAY }, { step: 4, reason: '导入 import', effective_on: TODAY }]);

    // Only the required columns: mobile, hiring date and grade keep their stored values.
    const slim = await run('staff', 'slim.csv', Buffer.from('工号,姓名,性别,所属机构代码,序列,角色\nT0001,钱多多,女,BJ05,客户经理,理财客户经理\n'));
    expect(slim).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    const kept = await h.db.selectFrom('staff').select(['mobile', 'grade_step', 'hired_on']).where('staff_no', '=', 'T0001').executeTakeFirstOrThrow();
    expect(kept).toEqual({ mobile: '13811110001', grade_step: 4, hired_on: '2024-03-01' });
  });

  it('reports a file it cannot read as one error and writes nothing', async () => {
    const res = await run('staff', 'broken.xlsx', Buffer.from('PK not really a zip'));
    expect(res.committed).toBe(false);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0].row).toBe(0);
  });
});

describe('the committed fixture for the end-to-end test', () => {
  const file = path.join(import.meta.dirname, 'fixtures', STAFF_FIXTURE_FILE);

  it('holds the rows staff-fixture.ts describes', async () => {
    const s = await readSheet(file, fs.readFileSync(file));
    expect(s.headers).toEqual(STAFF_FIXTURE_HEADERS);
    const blankAsNull = (c: Cell) => (c === '' ? null : c);
    expect(s.rows.map((r) => r.cells.map(blankAsNull))).toEqual(STAFF_FIXTURE_ROWS.map((r) => r.map(blankAsNull)));
  });

  it('has exactly its two bad rows against the demo bank', async () => {
    const res = await run('staff', STAFF_FIXTURE_FILE, fs.readFileSync(file));
    expect(res.committed).toBe(false);
    expect(res.errors.map((e) => ({ row: e.row, column: e.column }))).toEqual(STAFF_FIXTURE_BAD);
    expect(await run('staff', STAFF_FIXTURE_FILE, fs.readFileSync(file), 'valid')).toMatchObject({ inserted: 8, committed: true });
  });
});
