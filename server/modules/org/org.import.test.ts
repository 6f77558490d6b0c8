import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { GRADE_LADDER } from '../../seed/reference-data';
import {
  ImportFileError,
  parseDate,
  readSheet,
  templateWorkbook,
  validateBranchSheet,
  validateStaffSheet,
  type Cell,
  type Sheet,
  type ValidationContext,
} from './org.import';

const ctx: ValidationContext = {
  today: '2026-11-28',
  grades: GRADE_LADDER.map((g) => ({ code: g.code, nameZh: g.nameZh, nameEn: g.nameEn, steps: g.steps })),
  branches: [
    { code: 'HO', level: 'head_office', parentCode: null, status: 'open' },
    { code: 'BJ', level: 'branch', parentCode: 'HO', status: 'open' },
    { code: 'BJ01', level: 'sub_branch', parentCode: 'BJ', status: 'open' },
    { code: 'BJ02', level: 'outlet', parentCode: 'BJ01', status: 'open' },
    { code: 'OLD1', level: 'outlet', parentCode: 'BJ', status: 'closed' },
  ],
};

const sheet = (headers: string[], ...rows: Cell[][]): Sheet => ({ headers, rows: rows.map((cells, i) => ({ row: i + 2, cells })) });

async function xlsx(rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('s');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('reading files', () => {
  it('reads csv with or without a BOM, and GB18030 csv from Chinese Excel', async () => {
    const body = '工号,姓名\r\nE1,张三\r\n\r\nE2,"李,四"\r\n';
    const expected = { headers: ['工号', '姓名'], rows: [{ row: 2, cells: ['E1', '张三'] }, { row: 4, cells: ['E2', '李,四'] }] };
    expect(await readSheet('a.csv', Buffer.from(body))).toEqual(expected);
    expect(await readSheet('a.csv', Buffer.from(`\uFEFF${body}`))).toEqual(expected);
    const gbk = Buffer.from([0xb9, 0xa4, 0xba, 0xc5, 0x0a, 0x45, 0x31]); // "工号\nE1" in GBK
    expect(await readSheet('a.csv', gbk)).toEqual({ headers: ['工号'], rows: [{ row: 2, cells: ['E1'] }] });
  });

  it('reads the first sheet of an xlsx, dates as dates, and sniffs the zip when the name says nothing', async () => {
    const bytes = await xlsx([['工号', '入职日期', '档次'], ['E1', new Date(Date.UTC(2024, 2, 1)), 3], [], ['E2', null, null]]);
    const s = await readSheet('upload', bytes);
    expect(s.headers).toEqual(['工号', '入职日期', '档次']);
    expect(s.rows.map((r) => r.row)).toEqual([2, 4]);
    expect(s.rows[0].cells[1]).toBeInstanceOf(Date);
    expect(s.rows[0].cells[2]).toBe(3);
  });

  it('rejects what it cannot read with a bilingual reason', async () => {
    await expect(readSheet('a.xlsx', Buffer.from('not a zip'))).rejects.toBeInstanceOf(ImportFileError);
    await expect(readSheet('a.xls', Buffer.from('x'))).rejects.toThrow(/xls/);
  });

  it('parses the date forms clerks type', () => {
    expect(parseDate(new Date(Date.UTC(2024, 2, 1)))).toBe('2024-03-01');
    expect(parseDate(45352)).toBe('2024-03-01');
    expect(parseDate(20240301)).toBe('2024-03-01');
    expect(parseDate('2024/3/1')).toBe('2024-03-01');
    expect(parseDate('2024.03.01')).toBe('2024-03-01');
    expect(parseDate('2024年3月1日')).toBe('2024-03-01');
    expect(parseDate('2023-02-29')).toBeNull();
    expect(parseDate('yesterday')).toBeNull();
  });
});

const STAFF_HEADERS = ['工号', '姓名', '性别', '所属机构代码', '序列', '角色', '手机', '邮箱', '入职日期', '职级', '档次', '状态'];
const good: Cell[] = ['E1001', '张三', '男', 'BJ01', '客户经理', '理财客户经理', '13812345678', 'san.zhang@bank.cn', '2020-01-02', '中级', 3, '在岗'];
const withCell = (i: number, v: Cell): Cell[] => good.map((c, k) => (k === i ? v : c));

describe('staff rows', () => {
  it('accepts Chinese labels, English headers and codes alike', () => {
    const zh = validateStaffSheet(sheet(STAFF_HEADERS, good), ctx);
    expect(zh.errors).toEqual([]);
    expect(zh.rows[0]).toMatchObject({ row: 2, staffNo: 'E1001', gender: 'M', branchCode: 'BJ01', sequence: 'rm', roles: ['wealth_rm'], gradeCode: 'intermediate', gradeStep: 3, status: 'active', hiredOn: '2020-01-02' });
    const en = validateStaffSheet(
      sheet(['staffNo', 'Name', 'gender', 'branch_code', 'Sequence', 'roles', 'Mobile (手机)', 'grade', 'gradeStep'],
        ['E1002', '李四', 'F', 'bj02', 'counter', 'cash_teller; Non-cash teller、大堂经理', '+86 138-1234-5678', '中级客户经理', '第2档']),
      ctx,
    );
    expect(en.errors).toEqual([]);
    expect(en.rows[0]).toMatchObject({ branchCode: 'BJ02', roles: ['cash_teller', 'noncash_teller', 'lobby_manager'], mobile: '13812345678', gradeStep: 2, status: 'active' });
    expect(en.columns.has('status')).toBe(false);
  });

  it.each([
    [0, 'E-1', '工号'],
    [1, '', '姓名'],
    [2, '未知', '性别'],
    [3, 'XX99', '所属机构代码'],
    [3, 'OLD1', '所属机构代码'],
    [4, '行长', '序列'],
    [5, '理财客户经理、柜台主管', '角色'],
    [6, '1381234567', '手机'],
    [7, 'not-an-email', '邮箱'],
    [8, '2020-13-01', '入职日期'],
    [8, '2030-01-01', '入职日期'],
    [9, '超级', '职级'],
    [10, 7, '档次'],
    [10, null, '档次'],
    [11, '退休', '状态'],
  ] as [number, Cell, string][])('reports column %i = %j on its row and column', (i, value, column) => {
    const v = validateStaffSheet(sheet(STAFF_HEADERS, good, withCell(i, value)), ctx);
    expect(v.errors.map((e) => [e.row, e.column])).toEqual([[3, column]]);
    expect(v.errors[0].zh).not.toBe('');
    expect(v.errors[0].en).not.toBe('');
    expect(v.rows.map((r) => r.row)).toEqual([2]);
  });

  it('needs a grade for a step and finds duplicate staff numbers', () => {
    const noGrade = withCell(9, null);
    const dup = withCell(1, '王五');
    const v = validateStaffSheet(sheet(STAFF_HEADERS, good, noGrade, dup), ctx);
    expect(v.errors.map((e) => [e.row, e.column])).toEqual([[3, '职级'], [4, '工号']]);
    expect(v.errors[1].zh).toContain('第2行');
  });

  it('reports missing columns once, on the header row', () => {
    const v = validateStaffSheet(sheet(['工号', '姓名'], ['E1', '张三']), ctx);
    expect(v.rows).toEqual([]);
    expect(v.errors.map((e) => [e.row, e.column])).toEqual([[1, '性别'], [1, '所属机构代码'], [1, '序列'], [1, '角色']]);
    expect(validateStaffSheet(sheet(STAFF_HEADERS), ctx).errors).toHaveLength(1);
  });
});

const BRANCH_HEADERS = ['机构代码', '机构名称', '层级', '上级机构代码', '地址', '电话', '理财中心', '开业日期'];
const b = (code: string, level: string, parent: Cell, wc: Cell = '否'): Cell[] => [code, `${code}名称`, level, parent, '', '', wc, '2020-01-01'];

describe('branch rows', () => {
  it('accepts parents that appear later in the same file', () => {
    const v = validateBranchSheet(sheet(BRANCH_HEADERS, b('SH01', '网点', 'SH'), b('SH', '分行', 'HO', '是')), ctx);
    expect(v.errors).toEqual([]);
    expect(v.rows.map((r) => [r.code, r.level, r.parentCode, r.isWealthCentre])).toEqual([['SH01', 'outlet', 'SH', false], ['SH', 'branch', 'HO', true]]);
  });

  it('reports unknown parents, the wrong level order, a second head office and duplicates', () => {
    const v = validateBranchSheet(
      sheet(
        BRANCH_HEADERS,
        b('A1', 'sub_branch', 'NOPE'),
        b('A2', '分行', 'BJ02'),
        b('HO2', '总行', null),
        b('A3', 'outlet', 'BJ01'),
        b('A3', 'outlet', 'BJ01'),
        b('A4', '支行', 'HO'),
        b('A5', '营业部', 'BJ'),
        b('A6', '网点', 'A6'),
        b('A7', '网点', 'OLD1'),
        b('A8', '网点', 'BJ', '也许'),
      ),
      ctx,
    );
    expect(v.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '上级机构代码'], [3, '上级机构代码'], [4, '层级'], [6, '机构代码'], [7, '上级机构代码'],
      [8, '层级'], [9, '上级机构代码'], [10, '上级机构代码'], [11, '理财中心'],
    ]);
    expect(v.errors[1].zh).toContain('网点');
    expect(v.rows.map((r) => r.code)).toEqual(['A3']);
  });

  it('rejects children of a row with errors and a level change that strands existing children', () => {
    const v = validateBranchSheet(sheet(BRANCH_HEADERS, b('XQ', '分行', ''), b('XQ1', '支行', 'XQ'), b('XQ2', '网点', 'XQ1'), b('BJ01', '网点', 'BJ')), ctx);
    expect(v.errors.map((e) => [e.row, e.column])).toEqual([[2, '上级机构代码'], [3, '上级机构代码'], [4, '上级机构代码'], [5, '层级']]);
    expect(v.errors[1].zh).toContain('第2行');
    expect(v.rows).toEqual([]);
    // The parent's own row is broken (a code too short): the child says which row to fix.
    const w = validateBranchSheet(sheet(BRANCH_HEADERS, b('Q', '分行', 'HO'), b('QQ1', '支行', 'Q')), ctx);
    expect(w.errors.map((e) => [e.row, e.column])).toEqual([[2, '机构代码'], [3, '上级机构代码']]);
    expect(w.errors[1].zh).toContain('第2行');
  });
});

describe('the template', () => {
  it.each(['staff', 'branches'] as const)('has the %s header row and an example row that passes validation', async (kind) => {
    const s = await readSheet('t.xlsx', await templateWorkbook(kind));
    expect(s.rows).toHaveLength(1);
    const wide = { ...ctx, branches: [...ctx.branches, { code: 'BJ05', level: 'sub_branch' as const, parentCode: 'BJ', status: 'open' as const }] };
    const v = kind === 'staff' ? validateStaffSheet(s, wide) : validateBranchSheet(s, { ...ctx, today: '2026-11-28' });
    expect(v.errors).toEqual([]);
    expect(v.rows).toHaveLength(1);
  });
});
