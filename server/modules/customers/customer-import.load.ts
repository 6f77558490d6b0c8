// Loading a run's staging table. A csv goes in as it is: its bytes straight into COPY (format csv),
// with no row parsed in JavaScript. An xlsx, or a csv that COPY refuses (ragged rows, blank lines,
// stray quotes, bytes that are not text), is read by the file reader instead and sent as COPY text
// of the mapped cells; the checks then see the same staging either way.
import type { CustomerImportPhase } from '../../../contracts/customer-import';
import type { DbHandle } from '../../platform/db';
import { AppError, badRequest } from '../../platform/errors';
import { mappingProblems, rowEncoder, uniqueHeaders } from './customer-import';
import { CSV_SNIFF_BYTES, openTable, sniffCsv, type CsvShape } from './customer-import.file';
import * as staging from './customer-import-staging.repository';
import * as repo from './customer-import.repository';
import type { RunJob } from './customer-import.service';

type Report = (phase: CustomerImportPhase, done: number, total: number) => void;

/** Staging is loaded in COPY pieces of about this size (PGlite takes each as one blob). */
const PIECE = 8 * 1024 * 1024;
const PROGRESS_EVERY = 50_000;

/** Fills the run's staging from the file; returns the stage's columns and the number of data rows. */
export async function loadStage(handle: DbHandle, job: RunJob, report: Report): Promise<{ columns: number; stage: staging.StageColumn[]; rows: number }> {
  if (job.format === 'csv' && job.headers && job.headers.length > 0) {
    const headers = job.headers;
    const stage = stageColumns(job, headers);
    await staging.createStage(handle.db, job.id, headers.length);
    try {
      if (await loadCsvAsIs(handle, job, headers, report)) {
        const rows = await staging.countStage(handle.db, job.id, headers.length);
        report('load', rows, rows);
        return { columns: headers.length, stage, rows };
      }
    } catch (e) {
      if (e instanceof AppError) throw e;
      // COPY refused the file: the file reader below takes what COPY cannot (or names the problem).
    }
  }
  return loadThroughReader(handle, job, report);
}

function stageColumns(job: RunJob, headers: readonly string[]): staging.StageColumn[] {
  const problems = mappingProblems(job.kind, headers, job.mapping);
  if (problems.length > 0) throw badRequest('BAD_MAPPING', `列对应关系有误：${problems[0].zh}`, `The column mapping is not valid: ${problems[0].en}`, problems);
  const enc = rowEncoder(job.kind, headers, job.mapping);
  return enc.columns.map((column, i) => ({ column, at: enc.positions[i], date: enc.dates[i] }));
}

/**
 * The csv fast path. Returns false when the staged header is not the one the mapping was made
 * for (then the reader decides: a changed file, or a header COPY reads differently).
 */
async function loadCsvAsIs(handle: DbHandle, job: RunJob, headers: readonly string[], report: Report): Promise<boolean> {
  const it = job.openSource()[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headSize = 0;
  let ended = false;
  while (headSize < CSV_SNIFF_BYTES) {
    const n = await it.next();
    if (n.done) {
      ended = true;
      break;
    }
    head.push(n.value);
    headSize += n.value.length;
  }
  const sample = Buffer.concat(head);
  const shape = sniffCsv(sample, ended);
  const lines = countLines(sample);
  const bytesPerRow = lines > 1 ? sample.length / lines : 0;
  const estimate = (bytes: number) => (bytesPerRow > 0 ? Math.round(bytes / bytesPerRow) : 0);
  const total = Math.max(0, estimate(job.totalBytes) - 1);
  let sent = 0;
  let lastSaved = 0;
  async function* bytes(): AsyncGenerator<Buffer> {
    try {
      yield sample;
      if (ended) return;
      for (;;) {
        const n = await it.next();
        if (n.done) return;
        yield n.value;
      }
    } finally {
      await it.return?.();
    }
  }
  async function* pieces(): AsyncGenerator<Buffer> {
    // PGlite takes the file a blob at a time, so its pieces must end on whole records.
    const text = utf8(bytes(), shape);
    for await (const piece of handle.pool ? text : recordPieces(text)) {
      yield piece;
      sent += piece.length;
      const done = Math.min(total, estimate(sent));
      report('load', done, total);
      if (done - lastSaved >= PROGRESS_EVERY) {
        lastSaved = done;
        await repo.setProgress(handle.db, job.id, { phase: 'load', done, total });
      }
    }
  }
  await staging.copyCsvIntoStage(handle, job.id, headers.length, shape.delimiter, pieces());
  const staged = await staging.stagedHeader(handle.db, job.id, headers.length);
  return staged !== null && JSON.stringify(uniqueHeaders(staged.map((h) => (h ?? '').trim()))) === JSON.stringify(headers);
}

function countLines(b: Buffer): number {
  let n = 0;
  for (let at = b.indexOf(0x0a); at !== -1; at = b.indexOf(0x0a, at + 1)) n++;
  return n;
}

/** The file as UTF-8 without a byte-order mark (a GB18030 file is converted on the way). */
async function* utf8(source: AsyncIterable<Buffer>, shape: CsvShape): AsyncGenerator<Buffer> {
  const dec = shape.encoding === 'utf-8' ? null : new TextDecoder(shape.encoding);
  let first = true;
  for await (let b of source) {
    if (dec) b = Buffer.from(dec.decode(b, { stream: true }), 'utf8');
    if (first && b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
    first = false;
    if (b.length > 0) yield b;
  }
  if (dec) {
    const tail = Buffer.from(dec.decode(), 'utf8');
    if (tail.length > 0) yield tail;
  }
}

/**
 * Pieces of about PIECE bytes that end on whole csv records: a line break counts only outside
 * double quotes (a quoted cell may hold line breaks; "" inside quotes toggles twice).
 */
async function* recordPieces(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let size = 0;
  for await (const b of source) {
    parts.push(b);
    size += b.length;
    if (size < PIECE) continue;
    // Every piece starts on a record, so outside quotes.
    const all = Buffer.concat(parts);
    let cut = -1;
    let inQuotes = false;
    for (let i = 0; i < all.length; i++) {
      const ch = all[i];
      if (ch === 0x22) inQuotes = !inQuotes;
      else if (ch === 0x0a && !inQuotes) cut = i + 1;
    }
    if (cut <= 0) {
      parts = [all];
      continue;
    }
    yield all.subarray(0, cut);
    parts = [all.subarray(cut)];
    size = all.length - cut;
  }
  if (size > 0) yield Buffer.concat(parts);
}

/** The file reader's path: each row's mapped cells, normalised, as COPY text with its row number. */
async function loadThroughReader(handle: DbHandle, job: RunJob, report: Report): Promise<{ columns: number; stage: staging.StageColumn[]; rows: number }> {
  let bytes = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const b of job.openSource()) {
      bytes += b.length;
      yield b;
    }
  }
  const table = await openTable(counted(), job.format);
  const headers = uniqueHeaders(table.headers);
  if (job.headers && JSON.stringify(headers) !== JSON.stringify(job.headers)) {
    throw new AppError(409, 'FILE_CHANGED', '文件表头与上传时不一致，请重新上传', 'The file header differs from the one uploaded: upload again');
  }
  const stage = stageColumns(job, headers);
  const enc = rowEncoder(job.kind, headers, job.mapping);
  await staging.createStage(handle.db, job.id, headers.length);
  let rows = 0;
  let lastSaved = 0;
  async function* chunks(): AsyncGenerator<string> {
    let parts: string[] = [];
    let size = 0;
    for await (const batch of table.batches) {
      for (const r of batch) {
        let line = String(r.row);
        for (const v of enc.encode(r.cells)) line += '\t' + staging.copyValue(v);
        line += '\n';
        parts.push(line);
        size += line.length;
        rows++;
      }
      if (size >= PIECE / 4) {
        yield parts.join('');
        parts = [];
        size = 0;
        const estimate = bytes > 0 && job.totalBytes > bytes ? Math.round((rows * job.totalBytes) / bytes) : rows;
        report('load', rows, Math.max(rows, estimate));
        if (rows - lastSaved >= PROGRESS_EVERY) {
          lastSaved = rows;
          await repo.setProgress(handle.db, job.id, { phase: 'load', done: rows, total: Math.max(rows, estimate) });
        }
      }
    }
    if (size > 0) yield parts.join('');
  }
  await staging.copyRowsIntoStage(handle, job.id, enc.positions, chunks());
  report('load', rows, rows);
  return { columns: headers.length, stage, rows };
}
