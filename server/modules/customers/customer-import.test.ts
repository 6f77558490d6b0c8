import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_IMPORT_FIELDS, CUSTOMER_IMPORT_KINDS } from '../../../contracts/customer-import';
import { residentIdProblem } from '../../../contracts/personal-data';
import { dateText, describeProblem, ENUM_WORDS, mappingProblems, rowEncoder, shownValue, stageColumn, suggestMapping, uniqueHeaders } from './customer-import';
import { detectFormat, errorReportStream, ImportFileError, openTable, type FileRow } from './customer-import.file';
import { parseMapArg } from './customer-import.cli';
import { copyValue } from './customer-import-staging.repository';

async function* chunksOf(bytes: Buffer, size = 7): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function readAll(bytes: Buffer, format: 'csv' | 'xlsx', size?: number): Promise<{ headers: string[]; rows: FileRow[] }> {
  const t = await openTable(chunksOf(bytes, size), format);
  const rows: FileRow[] = [];
  for await (const b of t.batches) rows.push(...b);
  return { headers: t.headers, rows };
}

describe('suggested mapping', () => {
  it('matches a Chinese bank export by synonyms, exact names first, then distinctive parts', () => {
    const headers = ['客户号', '客户姓名', '证件号码', '手机号码', '开户机构号', '客户经理工号', '营销客户经理', '出生日期', '备注'];
    expect(suggestMapping('customers', headers)).toEqual({
      customerNo: '客户号', name: '客户姓名', residentId: '证件号码', mobile: '手机号码', branchCode: '开户机构号',
      rmStaffNo: '客户经理工号', marketingStaffNo: '营销客户经理', birthDate: '出生日期',
    });
  });

  it('matches English headers whatever their case and separators, and our own field names', () => {
    expect(suggestMapping('customers', ['CUSTOMER_NO', 'Name', 'ID Card No', 'Mobile No', 'branch-code', 'RM', 'riskLevel'])).toEqual({
      customerNo: 'CUSTOMER_NO', name: 'Name', residentId: 'ID Card No', mobile: 'Mobile No', branchCode: 'branch-code', rmStaffNo: 'RM', riskLevel: 'riskLevel',
    });
    expect(suggestMapping('balances', ['cust_no', 'data_date', 'AUM (元)'])).toEqual({ customerNo: 'cust_no', day: 'data_date', aum: 'AUM (元)' });
  });

  it('uses a column once and leaves unknown columns alone', () => {
    const m = suggestMapping('holdings', ['客户号', '账号', '业务类型', '产品名称', '账户余额', '到期日', '客户证件号码', '备注']);
    expect(m).toEqual({ customerNo: '客户号', accountNo: '账号', category: '业务类型', productName: '产品名称', balance: '账户余额', maturesOn: '到期日' });
    expect(new Set(Object.values(m)).size).toBe(Object.values(m).length);
  });

  it('finds partial matches such as a longer header containing a synonym', () => {
    expect(suggestMapping('customers', ['客户证件号码（身份证）', '客户号码'])).toMatchObject({ residentId: '客户证件号码（身份证）' });
  });

  it('makes headers usable as names: blanks named by position, repeats numbered', () => {
    expect(uniqueHeaders(['客户号', '', '备注', '备注', ' 姓名 '])).toEqual(['客户号', '列2', '备注', '备注 (2)', '姓名']);
  });
});

describe('mapping check', () => {
  const headers = ['客户号', '姓名', '机构', '备注'];
  it('accepts a complete mapping', () => {
    expect(mappingProblems('customers', headers, { customerNo: '客户号', name: '姓名', branchCode: '机构' })).toEqual([]);
  });
  it('names unknown fields, unknown columns, a column used twice and missing required fields', () => {
    const problems = mappingProblems('customers', headers, { customerNo: '客户号', nickname: '备注', name: '不存在', mobile: '客户号' });
    expect(problems.map((p) => p.path)).toEqual(['mapping.nickname', 'mapping.name', 'mapping.mobile', 'mapping.branchCode']);
    for (const p of problems) {
      expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.en).toMatch(/[a-z]/);
    }
  });
});

describe('rows to staging values', () => {
  it('picks the mapped cells in staging order, trims, turns blanks into null and normalises dates', () => {
    const enc = rowEncoder('customers', ['出生日期', '客户号', '姓名', '机构', '备注'], { name: '姓名', customerNo: '客户号', branchCode: '机构', birthDate: '出生日期' });
    expect(enc.columns).toEqual(['customer_no', 'name', 'birth_date', 'branch_code']);
    expect(enc.encode(['1980/3/1', ' C1 ', '张三', '  ', 'x'])).toEqual(['C1', '张三', '1980-03-01', null]);
    expect(enc.encode([new Date(Date.UTC(1980, 2, 1)), 12345, '李四', 'BJ01'])).toEqual(['12345', '李四', '1980-03-01', 'BJ01']);
  });

  it('reads the usual date shapes and leaves the rest for SQL to report', () => {
    expect(dateText('2024-03-01')).toBe('2024-03-01');
    expect(dateText('2024/3/1')).toBe('2024-03-01');
    expect(dateText('2024.03.01')).toBe('2024-03-01');
    expect(dateText('2024年3月1日')).toBe('2024-03-01');
    expect(dateText('20240301')).toBe('2024-03-01');
    expect(dateText('2024-03-01 00:00:00')).toBe('2024-03-01');
    expect(dateText(20240301)).toBe('2024-03-01');
    expect(dateText(45352)).toBe('2024-03-01');
    expect(dateText('2024-02-30')).toBe('2024-02-30');
    expect(dateText('上月')).toBe('上月');
  });

  it('maps field keys to staging columns', () => {
    for (const kind of CUSTOMER_IMPORT_KINDS) for (const f of CUSTOMER_IMPORT_FIELDS[kind]) expect(stageColumn(f.key)).toMatch(/^[a-z][a-z_]*$/);
    expect(stageColumn('rmStaffNo')).toBe('rm_staff_no');
  });

  it('escapes values for COPY text format', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyValue(`x${String.fromCharCode(0)}y`)).toBe('xy');
    expect(copyValue('\\N')).toBe('\\\\N');
  });
});

describe('problem words', () => {
  const codes = ['required', 'too_long', 'format', 'rid_format', 'rid_birth_date', 'rid_checksum', 'mobile', 'date', 'future_date', 'before_opening', 'money', 'duplicate', 'enum', 'unknown_branch', 'branch_closed', 'out_of_scope', 'unknown_staff', 'staff_inactive', 'not_wealth_rm', 'not_marketing_rm', 'unknown_customer', 'rid_taken', 'account_taken'];
  it('has Chinese and English words for every code', () => {
    for (const code of codes) {
      const p = describeProblem('customers', 'customerNo', code, 'X1', '3');
      expect(p.zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(p.en, code).toMatch(/[A-Za-z]/);
    }
    expect(describeProblem('customers', 'customerNo', 'duplicate', 'C1', '2')).toEqual({ zh: '客户号「C1」与第2行重复', en: 'Customer number "C1" repeats row 2' });
  });
  it('words resident-ID problems exactly as the shared validator does', () => {
    const today = new Date(Date.UTC(2026, 0, 1));
    expect(describeProblem('customers', 'residentId', 'rid_format', null, null)).toEqual(residentIdProblem('123', today));
    expect(describeProblem('customers', 'residentId', 'rid_birth_date', null, null)).toEqual(residentIdProblem('110105199902300011', today));
    expect(describeProblem('customers', 'residentId', 'rid_checksum', null, null)).toEqual(residentIdProblem('110105194912310020', today));
  });
  it('masks personal data in what a report or preview shows', () => {
    expect(shownValue('residentId', '110105194912310021')).toBe('110105********0021');
    expect(shownValue('mobile', '13800138000')).toBe('138****8000');
    expect(shownValue('name', '张三丰')).toBe('张*丰');
    expect(shownValue('branchCode', 'BJ01')).toBe('BJ01');
    expect(shownValue(undefined, 'x')).toBe('x');
  });
  it('knows the coded values in Chinese and English, in lower case', () => {
    const lookup = (words: { word: string; code: string }[], w: string) => words.find((x) => x.word === w)?.code;
    expect(lookup(ENUM_WORDS.gender, '男')).toBe('M');
    expect(lookup(ENUM_WORDS.gender, 'female')).toBe('F');
    expect(lookup(ENUM_WORDS.category, '定期存款')).toBe('time_deposit');
    expect(lookup(ENUM_WORDS.category, 'time_deposit')).toBe('time_deposit');
    expect(lookup(ENUM_WORDS.riskLevel, 'c3')).toBe('C3');
    expect(lookup(ENUM_WORDS.customerStatus, '已销户')).toBe('closed');
  });
});

describe('reading files as streams', () => {
  it('reads csv in small pieces, with a BOM, quoted commas and newlines, and blank rows counted but skipped', async () => {
    const body = '\uFEFF客户号,姓名,地址\r\nC1,张三,"北京,朝阳"\r\n,,\r\nC2,"李""四""","多\n行"\r\n';
    const t = await readAll(Buffer.from(body), 'csv', 5);
    expect(t.headers).toEqual(['客户号', '姓名', '地址']);
    expect(t.rows).toEqual([
      { row: 2, cells: ['C1', '张三', '北京,朝阳'] },
      { row: 4, cells: ['C2', '李"四"', '多\n行'] },
    ]);
  });

  it('reads GB18030 (Excel on Chinese Windows) and tab-separated files', async () => {
    const gbk = Buffer.from([0xbf, 0xcd, 0xbb, 0xa7, 0xba, 0xc5, 0x0a, 0x43, 0x31]); // "客户号\nC1"
    expect(await readAll(gbk, 'csv', 3)).toEqual({ headers: ['客户号'], rows: [{ row: 2, cells: ['C1'] }] });
    expect(await readAll(Buffer.from('a\tb\n1\t2\n'), 'csv')).toEqual({ headers: ['a', 'b'], rows: [{ row: 2, cells: ['1', '2'] }] });
  });

  it('reads the first sheet of an xlsx as a stream, keeping dates and numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('客户');
    ws.addRow(['客户号', '出生日期', '余额']);
    ws.addRow(['C1', new Date(Date.UTC(1980, 2, 1)), 1234.5]);
    ws.addRow([]);
    ws.addRow(['C2', null, 7]);
    wb.addWorksheet('其他').addRow(['ignored']);
    const t = await readAll(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx', 1000);
    expect(t.headers).toEqual(['客户号', '出生日期', '余额']);
    expect(t.rows.map((r) => r.row)).toEqual([2, 4]);
    expect(t.rows[0].cells[1]).toBeInstanceOf(Date);
    expect(t.rows[0].cells[2]).toBe(1234.5);
  });

  it('tells the format by name and content, and refuses what it cannot read in both languages', async () => {
    expect(detectFormat('a.csv', Buffer.from('PK'))).toBe('csv');
    expect(detectFormat('upload', Buffer.from('PK\u0003\u0004'))).toBe('xlsx');
    expect(() => detectFormat('a.xls', Buffer.from('x'))).toThrow(ImportFileError);
    expect(() => detectFormat('a.xlsx', Buffer.from('not a zip'))).toThrow(ImportFileError);
    await expect(readAll(Buffer.from(''), 'csv')).rejects.toBeInstanceOf(ImportFileError);
    await expect(readAll(Buffer.from('PK\u0003\u0004garbage'), 'xlsx')).rejects.toBeInstanceOf(ImportFileError);
  });
});

describe('error report', () => {
  it('streams an xlsx with the row, column, value and both reasons', async () => {
    const pages = [[{ row: 3, column: '证件号码', value: '110105********0020', zh: '校验位不正确', en: 'check digit' }], []];
    const stream = errorReportStream(async () => pages.shift() ?? []);
    const parts: Buffer[] = [];
    for await (const p of stream) parts.push(p as Buffer);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(parts) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(2).values).toEqual([undefined, 3, '证件号码', '110105********0020', '校验位不正确', 'check digit']);
  });
});


describe('command-line mapping', () => {
  it('reads field=Column pairs or JSON, and refuses anything else in both languages', () => {
    expect(parseMapArg('customerNo=客户号, name = 姓名')).toEqual({ customerNo: '客户号', name: '姓名' });
    expect(parseMapArg('{"customerNo":"客户号"}')).toEqual({ customerNo: '客户号' });
    expect(() => parseMapArg('客户号')).toThrow(/field=Column/);
    expect(() => parseMapArg('{"customerNo": 1}')).toThrow(/JSON/);
  });
});
