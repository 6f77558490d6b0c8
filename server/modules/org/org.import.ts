// Staff and branch import files: reading xlsx/csv into rows, checking every row against the rules,
// and the downloadable template. Pure (bytes in, rows and errors out); the service does the I/O.
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { BRANCH_LEVEL_LABELS, BRANCH_LEVELS, SEQUENCE_LABELS, STAFF_SEQUENCES, STAFF_STATUSES, STATUS_LABELS, type BranchLevel, type ImportKind, type ImportRowError } from '../../../contracts/org';
import { mobileProblem } from '../../../contracts/personal-data';
import { ROLE_CODES, ROLE_LABELS, type RoleCode } from '../../../contracts/roles';
import { canBeParent } from './org.rules';

export type Cell = string | number | boolean | Date | null;
/** `row` is the spreadsheet row number: the header is row 1. */
export type SheetRow = { row: number; cells: Cell[] };
export type Sheet = { headers: string[]; rows: SheetRow[] };

/** The file itself cannot be read (not a spreadsheet, damaged, wrong encoding). */
export class ImportFileError extends Error {
  constructor(readonly zh: string, readonly en: string) {
    super(en);
  }
}

// ---------------------------------------------------------------- reading files

type ExcelValue = ExcelJS.CellValue;

function excelCell(v: ExcelValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return excelCell((v as { result?: ExcelValue }).result ?? null);
  if ('hyperlink' in v) return excelCell((v as { text?: ExcelValue }).text ?? null);
  if ('error' in v) return String(v.error);
  return null;
}

const isBlank = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');

async function readXlsx(bytes: Buffer): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError('无法读取该Excel文件，请确认是 .xlsx 格式且未损坏', 'The Excel file cannot be read: save it as .xlsx and try again');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new ImportFileError('Excel文件中没有工作表', 'The workbook has no worksheet');
  let headers: string[] = [];
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    // row.values is 1-based and sparse.
    const values = (row.values as ExcelValue[]).slice(1).map(excelCell);
    if (rowNumber === 1) headers = values.map((v) => (v === null ? '' : String(v).trim()));
    else rows.push({ row: rowNumber, cells: values });
  });
  return { headers, rows };
}

function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Excel on Chinese Windows saves "CSV" in GB18030 (GBK).
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function readCsv(bytes: Buffer): Sheet {
  const text = decodeText(bytes).replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  let records: string[][];
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch (e) {
    throw new ImportFileError(`CSV文件格式有误：${(e as Error).message}`, `The CSV file is malformed: ${(e as Error).message}`);
  }
  const [head = [], ...body] = records;
  return { headers: head.map((h) => h.trim()), rows: body.map((cells, i) => ({ row: i + 2, cells })) };
}

/** Decides by the file name, then by content (an xlsx is a zip: it starts with "PK"). */
export async function readSheet(fileName: string, bytes: Buffer): Promise<Sheet> {
  const ext = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  const isZip = bytes.length > 1 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (ext === 'xls') throw new ImportFileError('不支持旧版 .xls 格式，请另存为 .xlsx 或 .csv', 'The old .xls format is not supported: save as .xlsx or .csv');
  const sheet = ext === 'xlsx' || (ext !== 'csv' && isZip) ? await readXlsx(bytes) : readCsv(bytes);
  return { headers: sheet.headers, rows: sheet.rows.filter((r) => !r.cells.every(isBlank)) };
}

// ---------------------------------------------------------------- columns

type Field = { key: string; zh: string; en: string; required: boolean; aliases: string[] };
const f = (key: string, zh: string, en: string, required: boolean, aliases: string[] = []): Field => ({ key, zh, en, required, aliases });

export const BRANCH_FIELDS = [
  f('code', '机构代码', 'code', true, ['机构号', '机构编码', 'branchcode']),
  f('name', '机构名称', 'name', true, ['名称', 'branchname']),
  f('level', '层级', 'level', true, ['机构层级', '级别']),
  f('parentCode', '上级机构代码', 'parentCode', false, ['上级机构', '上级代码', 'parent']),
  f('address', '地址', 'address', false, ['机构地址']),
  f('phone', '电话', 'phone', false, ['联系电话']),
  f('isWealthCentre', '理财中心', 'isWealthCentre', false, ['是否理财中心', 'wealthcentre']),
  f('openedOn', '开业日期', 'openedOn', false, ['成立日期']),
] as const;
export const STAFF_FIELDS = [
  f('staffNo', '工号', 'staffNo', true, ['员工号', '员工编号']),
  f('name', '姓名', 'name', true, ['员工姓名']),
  f('gender', '性别', 'gender', true),
  f('branchCode', '所属机构代码', 'branchCode', true, ['机构代码', '所属机构', '机构号']),
  f('sequence', '序列', 'sequence', true, ['岗位序列']),
  f('roles', '角色', 'roles', true, ['岗位', 'role']),
  f('mobile', '手机', 'mobile', false, ['手机号', '手机号码']),
  f('email', '邮箱', 'email', false, ['电子邮箱', '邮件']),
  f('hiredOn', '入职日期', 'hiredOn', false, ['入行日期']),
  f('grade', '职级', 'grade', false, ['客户经理职级', 'gradecode']),
  f('gradeStep', '档次', 'gradeStep', false, ['职级档次', 'step']),
  f('status', '状态', 'status', false, ['在岗状态']),
] as const;
export type BranchField = (typeof BRANCH_FIELDS)[number]['key'];
export type StaffField = (typeof STAFF_FIELDS)[number]['key'];

const norm = (s: string) => s.toLowerCase().replace(/[（(][^）)]*[）)]/g, '').replace(/[\s_\-*:：]/g, '');

/** Maps header text to fields; Chinese or English, case and spacing ignored, "(说明)" ignored. */
function mapColumns(headers: string[], fields: readonly Field[], errors: ImportRowError[]): Map<string, number> {
  const lookup = new Map<string, string>();
  for (const fd of fields) for (const a of [fd.zh, fd.en, fd.key, ...fd.aliases]) lookup.set(norm(a), fd.key);
  const out = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = lookup.get(norm(h)) ?? h.split(/[\s/]+/).map((part) => lookup.get(norm(part))).find(Boolean);
    if (!key) return;
    if (out.has(key)) {
      errors.push({ row: 1, column: h, zh: `列「${h}」与第${out.get(key)! + 1}列重复`, en: `Column "${h}" repeats column ${out.get(key)! + 1}` });
    } else out.set(key, i);
  });
  for (const fd of fields) {
    if (fd.required && !out.has(fd.key)) {
      errors.push({ row: 1, column: fd.zh, zh: `缺少必填列「${fd.zh}」`, en: `The required column "${fd.zh}" (${fd.en}) is missing` });
    }
  }
  return out;
}

// ---------------------------------------------------------------- cell values

function text(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return isoOf(c);
  return String(c).trim();
}

function isoOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function validYmd(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2100 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return isoOf(dt);
}

/** A date cell, an Excel serial number, 20240301, 2024-03-01, 2024/3/1, 2024.3.1 or 2024年3月1日. */
export function parseDate(c: Cell): string | null {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? null : isoOf(c);
  if (typeof c === 'number') {
    if (c >= 19000101 && c <= 21001231 && Number.isInteger(c)) return validYmd(Math.floor(c / 10000), Math.floor(c / 100) % 100, c % 100);
    if (c > 0 && c < 73051) return isoOf(new Date(Date.UTC(1899, 11, 30) + Math.floor(c) * 86_400_000));
    return null;
  }
  const s = text(c);
  const m = s.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/) ?? s.match(/^(\d{4})(\d{2})(\d{2})$/);
  return m ? validYmd(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

function lookupIn<T extends string>(value: string, table: Record<string, T>): T | null {
  return table[norm(value)] ?? null;
}
function tableOf<T extends string>(entries: [string[], T][]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [names, v] of entries) for (const n of names) out[norm(n)] = v;
  return out;
}

const LEVELS = tableOf(BRANCH_LEVELS.map((l) => [[l, BRANCH_LEVEL_LABELS[l].zh, BRANCH_LEVEL_LABELS[l].en], l]));
Object.assign(LEVELS, tableOf<BranchLevel>([[['分理处', '营业所', '营业网点'], 'outlet'], [['一级分行'], 'branch']]));
const YES_NO = tableOf<'y' | 'n'>([[['是', 'y', 'yes', 'true', '1', '√', 'ok'], 'y'], [['否', 'n', 'no', 'false', '0', '×', ''], 'n']]);
const GENDERS = tableOf<'M' | 'F'>([[['男', 'm', 'male'], 'M'], [['女', 'f', 'female'], 'F']]);
const SEQUENCES = tableOf(
  STAFF_SEQUENCES.map((s) => [[s, SEQUENCE_LABELS[s].zh, SEQUENCE_LABELS[s].zh.replace(/序列$/, ''), SEQUENCE_LABELS[s].en], s]),
);
const STATUSES = tableOf(STAFF_STATUSES.map((s) => [[s, STATUS_LABELS[s].zh, STATUS_LABELS[s].en], s]));
Object.assign(STATUSES, tableOf<(typeof STAFF_STATUSES)[number]>([[['在职'], 'active'], [['请假', '休假中'], 'on_leave'], [['已离职'], 'departed']]));
const ROLES = tableOf(ROLE_CODES.map((r) => [[r, ROLE_LABELS[r].zh, ROLE_LABELS[r].en], r]));

const LEVEL_RANK: Record<BranchLevel, number> = { head_office: 0, branch: 1, sub_branch: 2, outlet: 3 };
const STAFF_NO = /^[A-Za-z0-9]{3,20}$/;
const BRANCH_CODE = /^[A-Za-z0-9_-]{2,20}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// ---------------------------------------------------------------- validation

export type ExistingBranch = { code: string; level: BranchLevel; parentCode: string | null; status: 'open' | 'closed' };
export type GradeRef = { code: string; nameZh: string; nameEn: string; steps: number };
export type ValidationContext = { branches: ExistingBranch[]; grades: GradeRef[]; today: string };

export type BranchImportRow = {
  row: number;
  code: string;
  name: string;
  level: BranchLevel;
  parentCode: string | null;
  address: string;
  phone: string;
  isWealthCentre: boolean;
  openedOn: string | null;
};
export type StaffImportRow = {
  row: number;
  staffNo: string;
  name: string;
  gender: 'M' | 'F';
  branchCode: string;
  sequence: (typeof STAFF_SEQUENCES)[number];
  roles: RoleCode[];
  mobile: string;
  email: string;
  hiredOn: string | null;
  gradeCode: string | null;
  gradeStep: number | null;
  status: (typeof STAFF_STATUSES)[number];
};
export type Validated<R, F extends string> = {
  totalRows: number;
  rows: R[];
  errors: ImportRowError[];
  /** Optional columns that are in the file: only those overwrite stored values. */
  columns: Set<F>;
};

type RowReader<F extends string> = {
  value(key: F): Cell;
  text(key: F): string;
  fail(key: F, zh: string, en: string): void;
  ok(): boolean;
};

function validateSheet<R, F extends string>(
  sheet: Sheet,
  fields: readonly Field[],
  rowFn: (r: RowReader<F>, row: number) => R | null,
): Validated<R, F> & { label: (key: F) => string } {
  const errors: ImportRowError[] = [];
  const cols = mapColumns(sheet.headers, fields, errors);
  const columns = new Set([...cols.keys()] as F[]);
  // Errors name the column as the file's own header says it, so the clerk finds it at once.
  const label = (key: F) => sheet.headers[cols.get(key) ?? -1] || (fields.find((fd) => fd.key === key)?.zh ?? key);
  if (sheet.rows.length === 0) errors.push({ row: 1, column: '', zh: '文件中没有数据行', en: 'The file has no data rows' });
  if (errors.length > 0) return { totalRows: sheet.rows.length, rows: [], errors, columns, label };
  const rows: R[] = [];
  for (const sr of sheet.rows) {
    let failed = false;
    const value = (key: F): Cell => (cols.has(key) ? (sr.cells[cols.get(key)!] ?? null) : null);
    const reader: RowReader<F> = {
      value,
      text: (key) => text(value(key)),
      fail: (key, zh, en) => {
        failed = true;
        errors.push({ row: sr.row, column: label(key), zh, en });
      },
      ok: () => !failed,
    };
    const out = rowFn(reader, sr.row);
    if (out && !failed) rows.push(out);
  }
  return { totalRows: sheet.rows.length, rows, errors, columns, label };
}

function requireText<F extends string>(r: RowReader<F>, key: F, zh: string, en: string): string {
  const v = r.text(key);
  if (!v) r.fail(key, `${zh}不能为空`, `${en} is required`);
  return v;
}

function optionalDate<F extends string>(r: RowReader<F>, key: F, zh: string, en: string, today: string): string | null {
  const c = r.value(key);
  if (isBlank(c)) return null;
  const d = parseDate(c);
  if (!d) r.fail(key, `${zh}「${text(c)}」不是有效日期，请使用 YYYY-MM-DD`, `${en} "${text(c)}" is not a valid date: use YYYY-MM-DD`);
  else if (d > today) r.fail(key, `${zh}不能晚于今天`, `${en} cannot be later than today`);
  return d;
}

function duplicateKeys<R extends { row: number }>(rows: R[], key: (r: R) => string, column: string, errors: ImportRowError[]): R[] {
  const first = new Map<string, number>();
  return rows.filter((r) => {
    const k = key(r).toUpperCase();
    const seen = first.get(k);
    if (seen === undefined) {
      first.set(k, r.row);
      return true;
    }
    errors.push({ row: r.row, column, zh: `「${key(r)}」与第${seen}行重复`, en: `"${key(r)}" repeats row ${seen}` });
    return false;
  });
}

export function validateBranchSheet(sheet: Sheet, ctx: ValidationContext): Validated<BranchImportRow, BranchField> {
  const v = validateSheet<BranchImportRow, BranchField>(sheet, BRANCH_FIELDS, (r, row) => {
    const code = requireText(r, 'code', '机构代码', 'The branch code');
    if (code && !BRANCH_CODE.test(code)) r.fail('code', '机构代码应为2至20位字母、数字、下划线或连字符', 'A branch code has 2 to 20 letters, digits, _ or -');
    const name = requireText(r, 'name', '机构名称', 'The branch name');
    if (name && (name.length < 2 || name.length > 100)) r.fail('name', '机构名称应为2至100个字', 'A branch name has 2 to 100 characters');
    const levelText = requireText(r, 'level', '层级', 'The level');
    const level = levelText ? lookupIn(levelText, LEVELS) : null;
    if (levelText && !level) r.fail('level', `未知层级「${levelText}」，应为总行、分行、支行或网点`, `Unknown level "${levelText}": use head_office, branch, sub_branch or outlet`);
    const parentCode = r.text('parentCode') || null;
    const wc = r.value('isWealthCentre');
    const wcFlag = typeof wc === 'boolean' ? (wc ? 'y' : 'n') : lookupIn(text(wc), YES_NO);
    if (!wcFlag) r.fail('isWealthCentre', `理财中心应填“是”或“否”，而不是「${text(wc)}」`, `Wealth centre must be yes or no, not "${text(wc)}"`);
    const address = r.text('address');
    if (address.length > 200) r.fail('address', '地址不能超过200个字', 'An address has at most 200 characters');
    const phone = r.text('phone');
    if (phone.length > 30) r.fail('phone', '电话不能超过30个字符', 'A phone number has at most 30 characters');
    const openedOn = optionalDate(r, 'openedOn', '开业日期', 'The opening date', ctx.today);
    if (!r.ok() || !level) return null;
    return { row, code, name, level, parentCode, address, phone, isWealthCentre: wcFlag === 'y', openedOn };
  });
  checkBranchTree(v, ctx);
  return { totalRows: v.totalRows, rows: v.rows, errors: v.errors, columns: v.columns };
}

/** Parent rules across rows: parents exist (in the database or the file), level order, one head office, no loops. */
function checkBranchTree(v: Validated<BranchImportRow, BranchField> & { label: (k: BranchField) => string }, ctx: ValidationContext): void {
  const errors = v.errors;
  const [parentCol, levelCol] = [v.label('parentCode'), v.label('level')];
  const db = new Map(ctx.branches.map((b) => [b.code.toUpperCase(), b]));
  const allRows = duplicateKeys(v.rows, (r) => r.code, v.label('code'), errors);
  const fileRowOf = new Map<string, number>(v.rows.map((r) => [r.code.toUpperCase(), r.row]));
  const lbl = (l: BranchLevel) => BRANCH_LEVEL_LABELS[l];
  const valid = new Map(allRows.map((r) => [r.code.toUpperCase(), r]));
  const fail = (r: BranchImportRow, column: string, zh: string, en: string) => {
    errors.push({ row: r.row, column, zh, en });
    valid.delete(r.code.toUpperCase());
  };
  const dbHeadOffice = ctx.branches.find((b) => b.level === 'head_office');
  // Each pass may invalidate rows whose parent row just failed; the tree is at most four levels deep.
  for (let pass = 0, changed = true; changed && pass < 10; pass++) {
    changed = false;
    const before = valid.size;
    for (const r of [...valid.values()]) {
      const key = r.code.toUpperCase();
      if (r.level === 'head_office') {
        if (r.parentCode) fail(r, parentCol, '总行不能有上级机构', 'The head office has no parent');
        else if (dbHeadOffice && dbHeadOffice.code.toUpperCase() !== key) fail(r, levelCol, `已有总行「${dbHeadOffice.code}」，只能有一个总行`, `There is already a head office (${dbHeadOffice.code}); there can be only one`);
        else if ([...valid.values()].some((o) => o.level === 'head_office' && o.row < r.row)) fail(r, levelCol, '文件中只能有一个总行', 'The file may contain only one head office');
        continue;
      }
      if (!r.parentCode) {
        fail(r, parentCol, '上级机构代码不能为空（只有总行没有上级）', 'The parent code is required (only the head office has none)');
        continue;
      }
      const pKey = r.parentCode.toUpperCase();
      if (pKey === key) {
        fail(r, parentCol, '机构不能是自己的上级', 'A branch cannot be its own parent');
        continue;
      }
      const parent = valid.get(pKey) ?? db.get(pKey);
      if (!parent) {
        const badRow = fileRowOf.get(pKey);
        if (badRow !== undefined) fail(r, parentCol, `上级机构「${r.parentCode}」所在的第${badRow}行有错误`, `The parent "${r.parentCode}" is on row ${badRow}, which has errors`);
        else fail(r, parentCol, `上级机构代码「${r.parentCode}」不存在`, `The parent code "${r.parentCode}" is neither in the system nor in this file`);
        continue;
      }
      if ('status' in parent && parent.status === 'closed' && !valid.has(pKey)) {
        fail(r, parentCol, `上级机构「${r.parentCode}」已撤销`, `The parent "${r.parentCode}" is closed`);
        continue;
      }
      if (!canBeParent(parent.level, r.level)) {
        fail(r, parentCol, `${lbl(parent.level).zh}「${r.parentCode}」不能作为${lbl(r.level).zh}的上级`, `A ${lbl(parent.level).en.toLowerCase()} (${r.parentCode}) cannot be the parent of a ${lbl(r.level).en.toLowerCase()}`);
        continue;
      }
      // Children already in the system (and not in this file) must still fit under the new level.
      const child = ctx.branches.find((b) => b.parentCode?.toUpperCase() === key && !fileRowOf.has(b.code.toUpperCase()) && !canBeParent(r.level, b.level));
      if (child) fail(r, levelCol, `下属机构「${child.code}」（${lbl(child.level).zh}）不能位于${lbl(r.level).zh}之下`, `Its existing child ${child.code} (${lbl(child.level).en}) cannot sit under a ${lbl(r.level).en.toLowerCase()}`);
    }
    changed = valid.size !== before;
  }
  // Level order already rules loops out; this guards the rule against future relaxations.
  const parentOf = (code: string) => (valid.get(code)?.parentCode ?? db.get(code)?.parentCode ?? '').toUpperCase() || null;
  for (const r of [...valid.values()]) {
    let cur = parentOf(r.code.toUpperCase());
    for (let steps = 0; cur && steps < 64; steps++, cur = parentOf(cur)) {
      if (cur === r.code.toUpperCase()) {
        fail(r, parentCol, '上级关系形成循环', 'The parent chain loops back to this branch');
        break;
      }
    }
  }
  v.rows = v.rows.filter((r) => valid.get(r.code.toUpperCase()) === r);
  errors.sort((a, b) => a.row - b.row);
}
