// Import files on the byte level: reading xlsx/csv into rows of cells, the column vocabulary, and the
// downloadable template. Pure (bytes in, rows out); org.import.ts checks the rows.
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import type { ImportKind } from '../../../contracts/org';
import { ROLE_CODES, ROLE_LABELS } from '../../../contracts/roles';

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

export const isBlank = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');

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
    const values = Array.from((row.values as ExcelValue[]).slice(1), (v) => excelCell(v));
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

export type Field<K extends string = string> = { key: K; zh: string; en: string; required: boolean; aliases: string[] };
const f = <K extends string>(key: K, zh: string, en: string, required: boolean, aliases: string[] = []): Field<K> => ({ key, zh, en, required, aliases });

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

/** Header and label matching ignores case, spacing, '*' marks and "(notes)". */
export const norm = (s: string) => s.toLowerCase().replace(/[（(][^）)]*[）)]/g, '').replace(/[\s_\-*:：]/g, '');

// ---------------------------------------------------------------- cell values

export function cellText(c: Cell | undefined): string {
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
  const s = cellText(c);
  const m = s.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/) ?? s.match(/^(\d{4})(\d{2})(\d{2})$/);
  return m ? validYmd(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

// ---------------------------------------------------------------- template

const TEMPLATE_EXAMPLES: Record<ImportKind, Cell[]> = {
  branches: ['BJ05', '北京朝阳望京支行', '支行', 'BJ', '北京市朝阳区望京街10号', '010-64701234', '是', new Date(Date.UTC(2024, 2, 1))],
  staff: ['E200001', '张伟', '男', 'BJ01', '客户经理', '理财客户经理', '13800138000', 'zhang.wei@example.com', new Date(Date.UTC(2024, 2, 1)), '中级', 3, '在岗'],
};
const TEXT_COLUMNS = new Set(['code', 'parentCode', 'phone', 'staffNo', 'branchCode', 'mobile']);

/** An .xlsx with the header row, one example row, and a second sheet explaining each column. */
export async function templateWorkbook(kind: ImportKind): Promise<Buffer> {
  const fields: readonly Field[] = kind === 'staff' ? STAFF_FIELDS : BRANCH_FIELDS;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(kind === 'staff' ? '员工' : '机构');
  ws.columns = fields.map((fd) => ({
    header: fd.zh, key: fd.key, width: Math.max(12, fd.zh.length * 3 + 4),
    // Text format keeps leading zeros of codes and phone numbers.
    style: TEXT_COLUMNS.has(fd.key) ? { numFmt: '@' } : fd.key.endsWith('On') ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(TEMPLATE_EXAMPLES[kind]);
  const help = wb.addWorksheet('说明 Help');
  help.columns = [{ header: '列 Column', width: 16 }, { header: 'English', width: 16 }, { header: '必填 Required', width: 14 }, { header: '说明 Notes', width: 70 }];
  help.getRow(1).font = { bold: true };
  const notes: Record<string, string> = {
    level: '总行/分行/支行/网点 (head_office/branch/sub_branch/outlet)',
    parentCode: '总行留空；上级可在同一文件中 (empty for the head office; the parent may be in the same file)',
    isWealthCentre: '是/否 (yes/no)',
    gender: '男/女 (M/F)',
    sequence: '管理/职员/柜员/客户经理 (management/office/counter/rm)',
    roles: `多个角色用“、”分隔 (several, separated by 、): ${ROLE_CODES.map((r) => ROLE_LABELS[r].zh).join('、')}`,
    grade: '见习/助理/中级/高级/资深/首席',
    gradeStep: '该职级内的档次，从1开始 (step within the grade, from 1)',
    status: '在岗/休假/离职 (active/on_leave/departed)，默认在岗',
  };
  for (const fd of fields) help.addRow([fd.zh, fd.en, fd.required ? '是 yes' : '', notes[fd.key] ?? (fd.key.endsWith('On') ? 'YYYY-MM-DD' : '')]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
