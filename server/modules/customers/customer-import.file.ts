// The bank's file, streamed: csv (UTF-8 or GB18030, comma or tab) through csv-parse, xlsx through
// the exceljs streaming reader, so a million-row file never sits in memory as rows. Also the
// streaming writer of the downloadable error report.
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse';
import type { Cell } from './customer-import';

export type FileFormat = 'csv' | 'xlsx';
/** `row` is the spreadsheet row number: the header is row 1. */
export type FileRow = { row: number; cells: Cell[] };
export type Table = {
  headers: string[];
  /** Data rows in batches (a batch per parser chunk), blank rows left out. */
  batches: AsyncIterable<FileRow[]>;
};

/** The file itself cannot be read (not a spreadsheet, damaged, wrong encoding). */
export class ImportFileError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** By the file name, then by content (an xlsx is a zip: it starts with "PK"). */
export function detectFormat(fileName: string, head: Buffer): FileFormat {
  const ext = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (ext === 'xls') throw new ImportFileError('不支持旧版 .xls 格式，请另存为 .xlsx 或 .csv', 'The old .xls format is not supported: save as .xlsx or .csv');
  const isZip = head.length > 1 && head[0] === 0x50 && head[1] === 0x4b;
  if (ext === 'xlsx' && !isZip) throw new ImportFileError('该文件不是有效的 .xlsx 文件', 'The file is not a valid .xlsx file');
  return ext === 'xlsx' || (ext !== 'csv' && isZip) ? 'xlsx' : 'csv';
}

const isBlank = (c: Cell | undefined) => c === null || c === undefined || (typeof c === 'string' && c.trim() === '');

/** Opens a file for reading rows. The source is consumed once; stop early by breaking the loop. */
export async function openTable(source: AsyncIterable<Buffer>, format: FileFormat): Promise<Table> {
  return format === 'xlsx' ? openXlsx(source) : openCsv(source);
}

// ---------------------------------------------------------------- csv

const SNIFF_BYTES = 64 * 1024;

/** Excel on Chinese Windows saves "CSV" in GB18030 (GBK); anything that is not valid UTF-8 is read so. */
function sniffEncoding(sample: Buffer, complete: boolean): 'utf-8' | 'gb18030' {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

export type CsvShape = { encoding: 'utf-8' | 'gb18030'; delimiter: ',' | '\t' };

/** The encoding and the delimiter (tab or comma, whichever the header line has more of) from the file's first bytes. */
export function sniffCsv(sample: Buffer, complete: boolean): CsvShape {
  const encoding = sniffEncoding(sample, complete);
  const text = new TextDecoder(encoding).decode(sample.subarray(0, Math.min(sample.length, 8192))).replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const tabs = firstLine.split('\t').length - 1;
  const commas = firstLine.split(',').length - 1;
  return { encoding, delimiter: tabs > commas ? '\t' : ',' };
}

export const CSV_SNIFF_BYTES = SNIFF_BYTES;

async function* decoded(first: Buffer, rest: AsyncIterator<Buffer>, encoding: string): AsyncGenerator<string> {
  const dec = new TextDecoder(encoding);
  try {
    yield dec.decode(first, { stream: true });
    for (;;) {
      const n = await rest.next();
      if (n.done) break;
      yield dec.decode(n.value, { stream: true });
    }
    const tail = dec.decode();
    if (tail) yield tail;
  } finally {
    await rest.return?.();
  }
}

async function openCsv(source: AsyncIterable<Buffer>): Promise<Table> {
  const it = source[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < SNIFF_BYTES) {
    const n = await it.next();
    if (n.done) {
      ended = true;
      break;
    }
    parts.push(n.value);
    size += n.value.length;
  }
  const sample = Buffer.concat(parts);
  const { encoding, delimiter } = sniffCsv(sample, ended);

  const parser = parseCsv({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  const input = Readable.from(decoded(sample, it, encoding), { objectMode: false, encoding: 'utf8' });
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  const records = batchesOf(parser);

  const firstBatch = await records.next();
  if (firstBatch.done || firstBatch.value.length === 0) throw new ImportFileError('文件是空的，没有表头行', 'The file is empty: it has no header row');
  const [head, ...body] = firstBatch.value;
  const headers = head.map((h) => h.trim());
  async function* batches(): AsyncGenerator<FileRow[]> {
    let next = 2;
    const rowsOf = (recs: string[][]): FileRow[] => {
      const out: FileRow[] = [];
      for (const cells of recs) {
        const row = next++;
        if (!cells.every(isBlank)) out.push({ row, cells });
      }
      return out;
    };
    try {
      if (body.length > 0) yield rowsOf(body);
      for (;;) {
        const b = await records.next();
        if (b.done) break;
        yield rowsOf(b.value);
      }
    } finally {
      input.unpipe(parser);
      input.destroy();
      parser.destroy();
    }
  }
  return { headers, batches: batches() };
}

/** Every record the parser has ready, per wake-up: far fewer awaits than one per record. */
async function* batchesOf(parser: ReturnType<typeof parseCsv>): AsyncGenerator<string[][]> {
  let failure: Error | null = null;
  let finished = false;
  let wake: (() => void) | null = null;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  parser.on('readable', signal);
  parser.on('end', () => {
    finished = true;
    signal();
  });
  parser.on('close', () => {
    finished = true;
    signal();
  });
  parser.on('error', (e: Error) => {
    failure = e;
    signal();
  });
  for (;;) {
    const batch: string[][] = [];
    let rec: string[] | null;
    while ((rec = parser.read() as string[] | null) !== null) batch.push(rec);
    if (failure) {
      const e = failure as Error;
      throw new ImportFileError(`CSV文件格式有误：${e.message}`, `The CSV file is malformed: ${e.message}`);
    }
    if (batch.length > 0) yield batch;
    else if (finished) return;
    else await new Promise<void>((r) => (wake = r));
  }
}

// ---------------------------------------------------------------- xlsx

type ExcelValue = ExcelJS.CellValue;

function excelCell(v: ExcelValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return excelCell((v as { result?: ExcelValue }).result ?? null);
    if ('hyperlink' in v) return excelCell((v as { text?: ExcelValue }).text ?? null);
    if ('error' in v) return String(v.error);
  }
  return null;
}

async function openXlsx(source: AsyncIterable<Buffer>): Promise<Table> {
  const stream = Readable.from(source, { objectMode: false });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  async function* rowsOfFirstSheet(): AsyncGenerator<FileRow> {
    try {
      for await (const ws of reader) {
        for await (const row of ws) {
          // row.values is 1-based and sparse.
          const values = row.values as ExcelValue[];
          const cells: Cell[] = [];
          for (let i = 1; i < values.length; i++) cells.push(excelCell(values[i]));
          yield { row: row.number, cells };
        }
        return;
      }
    } catch (e) {
      if (e instanceof ImportFileError) throw e;
      throw new ImportFileError('无法读取该Excel文件，请确认是 .xlsx 格式且未损坏', 'The Excel file cannot be read: save it as .xlsx and try again');
    } finally {
      stream.destroy();
    }
  }
  const rows = rowsOfFirstSheet();
  let first: FileRow | undefined;
  for (;;) {
    const n = await rows.next();
    if (n.done) break;
    if (!n.value.cells.every(isBlank)) {
      first = n.value;
      break;
    }
  }
  if (!first) throw new ImportFileError('Excel文件中没有数据（第一个工作表为空）', 'The workbook has no data (the first worksheet is empty)');
  const headers = first.cells.map((c) => (c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim()));
  async function* batches(): AsyncGenerator<FileRow[]> {
    let batch: FileRow[] = [];
    try {
      for (;;) {
        const n = await rows.next();
        if (n.done) break;
        if (n.value.cells.every(isBlank)) continue;
        batch.push(n.value);
        if (batch.length >= 2000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    } finally {
      await rows.return(undefined);
    }
  }
  return { headers, batches: batches() };
}

// ---------------------------------------------------------------- error report

export type ReportRow = { row: number; column: string; value: string | null; zh: string; en: string };

/**
 * The error report as an .xlsx stream: rows are pulled page by page (`next` returns [] at the end)
 * and written as they come, so a large report never sits in memory.
 */
export function errorReportStream(next: () => Promise<ReportRow[]>): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('错误 Errors');
  ws.columns = [
    { header: '行号 Row', key: 'row', width: 10 },
    { header: '列 Column', key: 'column', width: 20 },
    { header: '值 Value', key: 'value', width: 24 },
    { header: '原因', key: 'zh', width: 50 },
    { header: 'Reason', key: 'en', width: 60 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  void (async () => {
    try {
      for (;;) {
        const page = await next();
        if (page.length === 0) break;
        for (const r of page) ws.addRow({ row: r.row, column: r.column, value: r.value ?? '', zh: r.zh, en: r.en }).commit();
      }
      ws.commit();
      await wb.commit();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return out;
}
