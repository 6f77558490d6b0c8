// Use cases of the customer-data import: upload (store the file, detect the header, suggest a
// mapping, preview), run (stream → COPY into staging → set-based checks → merge), status, the
// error report. Loading staging is in customer-import.load.ts, the command line in
// customer-import.cli.ts.
//
// Nothing lost: the checks and the merge of one import run in ONE transaction (under an advisory
// lock, so imports merge one at a time). A crash or a failing statement anywhere in it rolls the
// whole merge back: the database is as it was before, the import is marked failed (or, if the
// process died, its heartbeat goes stale) and it can simply be run again; staging is reloaded from
// the stored file at every run, so a rerun never applies anything twice.
import crypto from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type {
  CustomerImportDetail,
  CustomerImportError,
  CustomerImportKind,
  CustomerImportMapping,
  CustomerImportMode,
  CustomerImportPhase,
  CustomerImportRunBody,
  CustomerImportSummary,
  CustomerImportUploadResult,
} from '../../../contracts/customer-import';
import { requireScope, type DataScope, type Principal } from '../../platform/access';
import { audit, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import type { DbHandle } from '../../platform/db';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { describeProblem, fieldsOf, mappingProblems, shownValue, suggestMapping, uniqueHeaders, type Cell } from './customer-import';
import { detectFormat, errorReportStream, ImportFileError, openTable, type FileFormat } from './customer-import.file';
import { loadStage } from './customer-import.load';
import * as merge from './customer-import-merge.repository';
import * as staging from './customer-import-staging.repository';
import * as repo from './customer-import.repository';

/** Uploads are stored in pieces of this size. */
const FILE_PIECE = 4 * 1024 * 1024;
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
const PREVIEW_ROWS = 10;
const DETAIL_ERRORS = 100;
const HEARTBEAT_MS = 20_000;
/** Customer imports of at least this many valid rows, and at least as many as there are customers, rebuild the indexes. */
export const BULK_ROWS = 100_000;
/** A running import whose process has not beaten for this long is taken to be dead. */
const STALE_MS = 2 * 60_000;

export type OnProgress = (done: number, total: number, phase: CustomerImportPhase) => void;
type Ctx = Pick<AppContext, 'db' | 'handle'>;

const IMPORT = { zh: '导入任务', en: 'import' };

export function shanghaiToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function summaryOf(r: repo.ImportRow, live?: Live): CustomerImportSummary {
  const running = r.status === 'running' && live;
  return {
    id: r.id, kind: r.kind, fileName: r.fileName, fileFormat: r.fileFormat, fileSize: Number(r.fileSize), headers: r.headers, status: r.status,
    mode: r.mode, mapping: r.mapping, phase: running ? live.phase : r.phase,
    progress: running ? { done: live.done, total: live.total } : { done: Number(r.progressDone), total: Number(r.progressTotal) },
    totalRows: r.totalRows, validRows: r.validRows, errorRows: r.errorRows, errorCount: r.errorCount,
    inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, failure: r.failure,
    createdAt: r.createdAt.toISOString(), startedAt: r.startedAt?.toISOString() ?? null, finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** Bank-wide (or any) import right; narrower scopes are applied row by row in the checks. */
function importScope(p: Principal): DataScope {
  return requireScope(p, 'customers.import');
}

// ---------------------------------------------------------------- upload

async function* limited(body: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let size = 0;
  for await (const part of body) {
    const b = typeof part === 'string' ? Buffer.from(part) : part;
    size += b.length;
    if (size > MAX_FILE_BYTES) {
      throw new AppError(413, 'TOO_LARGE', `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB，请拆分后导入`, `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB: split it`);
    }
    yield b;
  }
}

/** Stores the upload in pieces, then reads its header and first rows back from the database. */
export async function uploadCustomerImport(
  ctx: Ctx,
  actor: Actor,
  principal: Principal,
  input: { kind: CustomerImportKind; fileName: string; body: AsyncIterable<Buffer | string> },
): Promise<CustomerImportUploadResult> {
  importScope(principal);
  const fileName = path.basename(input.fileName);
  const hash = crypto.createHash('sha256');
  let id: number | null = null;
  let format: FileFormat = 'csv';
  let size = 0;
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingSize = 0;
  const flush = async () => {
    if (pendingSize === 0 || id === null) return;
    await repo.saveFileChunk(ctx.db, id, seq++, Buffer.concat(pending));
    pending = [];
    pendingSize = 0;
  };
  try {
    for await (const b of limited(input.body)) {
      if (id === null) {
        format = detectFormat(fileName, b);
        id = await repo.createImport(ctx.db, { kind: input.kind, fileName, fileFormat: format, headers: [], createdBy: principal.userId });
      }
      hash.update(b);
      size += b.length;
      pending.push(b);
      pendingSize += b.length;
      if (pendingSize >= FILE_PIECE) await flush();
    }
    await flush();
    if (id === null) throw badRequest('EMPTY_FILE', '请选择要导入的文件', 'Choose a file to import');
    const table = await openTable(repo.fileChunks(ctx.db, id), format);
    const headers = uniqueHeaders(table.headers);
    const rows: Cell[][] = [];
    for await (const batch of table.batches) {
      for (const r of batch) if (rows.length < PREVIEW_ROWS) rows.push(r.cells);
      if (rows.length >= PREVIEW_ROWS) break;
    }
    const sha256 = hash.digest('hex');
    await repo.setFileFacts(ctx.db, id, { size, sha256, headers, format });
    const suggestedMapping = suggestMapping(input.kind, headers);
    const fieldOfColumn = new Map(Object.entries(suggestedMapping).map(([k, col]) => [col, k]));
    const preview = rows.map((cells) => headers.map((h, i) => shownValue(fieldOfColumn.get(h), textOf(cells[i])) ?? ''));
    await audit(ctx.db, actor, { action: 'customers.import.upload', entityType: 'customer_import', entityId: id, detail: { kind: input.kind, fileName, size, sha256 } });
    const row = (await repo.getImport(ctx.db, id))!;
    return { ...summaryOf(row), suggestedMapping, preview, fields: [...fieldsOf(input.kind)] };
  } catch (e) {
    if (id !== null) await repo.deleteImport(ctx.db, id).catch(() => undefined);
    if (e instanceof ImportFileError) throw badRequest('BAD_FILE', e.zh, e.en);
    throw e;
  }
}

function textOf(c: Cell | undefined): string | null {
  if (c === null || c === undefined) return null;
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  const s = String(c).trim();
  return s === '' ? null : s;
}

// ---------------------------------------------------------------- run

type Live = { phase: CustomerImportPhase; done: number; total: number };
/** Progress of the runs in this process (the database row is behind during the merge transaction). */
const live = new Map<number, Live>();
const running = new Map<number, Promise<void>>();

/** Resolves when every import started by this process has finished (graceful shutdown, tests). */
export async function settleCustomerImports(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running.values()]);
}

export type RunJob = {
  id: number;
  kind: CustomerImportKind;
  format: FileFormat;
  /** The header as stored at upload (null: take the file's own, e.g. on the command line). */
  headers: string[] | null;
  mapping: CustomerImportMapping;
  mode: CustomerImportMode;
  scope: DataScope;
  actor: Actor;
  /** The file from its start; called again when the csv fast path hands over to the file reader. */
  openSource: () => AsyncIterable<Buffer>;
  totalBytes: number;
  today?: string;
  onProgress?: OnProgress;
  /** New customers from which the indexes are rebuilt instead of maintained (tests of the first-load path; default: the table's size, at least BULK_ROWS). */
  bulkThreshold?: number;
};

export async function startCustomerImport(ctx: Ctx, actor: Actor, principal: Principal, id: number, body: CustomerImportRunBody): Promise<CustomerImportSummary> {
  const scope = importScope(principal);
  const row = await repo.getImport(ctx.db, id);
  if (!row) throw notFound(IMPORT);
  if (row.status === 'committed') throw conflict('IMPORT_DONE', '该文件已导入完成；如需再次导入，请重新上传', 'This import has already been committed: upload the file again to re-import');
  const problems = mappingProblems(row.kind, row.headers, body.mapping);
  if (problems.length > 0) throw badRequest('BAD_MAPPING', `列对应关系有误：${problems[0].zh}`, `The column mapping is not valid: ${problems[0].en}`, problems);
  if (!(await repo.hasFile(ctx.db, id))) throw conflict('FILE_GONE', '上传的文件已不存在，请重新上传', 'The uploaded file is gone: upload it again');
  const claimed = await repo.claimRun(ctx.db, id, { mode: body.mode, mapping: body.mapping, staleBefore: new Date(Date.now() - STALE_MS) });
  if (!claimed) throw conflict('IMPORT_RUNNING', '该导入正在进行中', 'This import is already running');
  const job: RunJob = {
    id, kind: row.kind, format: row.fileFormat, headers: row.headers, mapping: body.mapping, mode: body.mode, scope, actor,
    openSource: () => repo.fileChunks(ctx.db, id), totalBytes: Number(row.fileSize),
  };
  live.set(id, { phase: 'load', done: 0, total: 0 });
  // The outcome is on the import row; a run that cannot even record it leaves a stale heartbeat.
  const p = executeImport(ctx.handle, job)
    .then(
      () => undefined,
      () => undefined,
    )
    .finally(() => {
      running.delete(id);
      live.delete(id);
    });
  running.set(id, p);
  return summaryOf((await repo.getImport(ctx.db, id))!, live.get(id));
}

function failureOf(e: unknown): { code: string; zh: string; en: string } {
  if (e instanceof ImportFileError) return { code: 'BAD_FILE', zh: e.zh, en: e.en };
  if (e instanceof AppError) return { code: e.code, zh: e.zh, en: e.en };
  const pg = e as { code?: string; message?: string; constraint?: string };
  const what = pg.constraint ? `（${pg.constraint}）` : '';
  return {
    code: pg.code ? `DB_${pg.code}` : 'INTERNAL',
    zh: `导入失败，未写入任何数据${what}：${pg.message ?? String(e)}`,
    en: `The import failed and nothing was written${pg.constraint ? ` (${pg.constraint})` : ''}: ${pg.message ?? String(e)}`,
  };
}

/**
 * One run: load staging from the file, then checks + merge in one transaction. Returns the outcome
 * (also stored on the import row); never throws for a bad file or a failed merge.
 */
export async function executeImport(handle: DbHandle, job: RunJob): Promise<repo.Outcome> {
  const db = handle.db;
  const today = job.today ?? shanghaiToday();
  let total = 0;
  const report = (phase: CustomerImportPhase, done: number, all: number) => {
    live.set(job.id, { phase, done, total: all });
    job.onProgress?.(done, all, phase);
  };
  const beat = setInterval(() => void repo.heartbeat(db, job.id).catch(() => undefined), HEARTBEAT_MS);
  try {
    await staging.clearRun(db, job.id);
    const loaded = await loadStage(handle, job, report);
    total = loaded.rows;
    const present = new Set(Object.keys(job.mapping));
    const rc: staging.RunContext = { id: job.id, today, scope: job.scope, present, columns: loaded.columns, stage: loaded.stage };
    const outcome = await db.transaction().execute(async (trx) => {
      // The embedded database lives in a 32-bit WebAssembly heap: it gets less working memory.
      await merge.lockMerges(trx, handle.kind === 'pglite' ? 64 : 256);
      report('validate', 0, total);
      await staging.analyzeStage(trx, job.id);
      if (job.kind === 'customers') await staging.checkCustomers(trx, rc);
      else if (job.kind === 'holdings') await staging.checkHoldings(trx, rc);
      else await staging.checkBalances(trx, rc);
      const { errorRows, errorCount } = await repo.errorStats(trx, job.id);
      const validRows = total - errorRows;
      const base = { totalRows: total, validRows, errorRows, errorCount, inserted: 0, updated: 0, unchanged: 0 };
      let o: repo.Outcome;
      let detail: Record<string, unknown> = {};
      if (total === 0) {
        o = { ...base, status: 'rejected', failure: { code: 'NO_ROWS', zh: '文件中没有数据行', en: 'The file has no data rows' } };
      } else if (errorRows > 0 && job.mode === 'all') {
        o = { ...base, status: 'rejected', failure: { code: 'HAS_ERRORS', zh: `有${errorRows}行存在错误，未写入任何数据`, en: `${errorRows} rows have errors: nothing was written` } };
      } else if (validRows === 0) {
        o = { ...base, status: 'rejected', failure: { code: 'NO_VALID_ROWS', zh: '没有可导入的有效行', en: 'No row is valid: nothing was written' } };
      } else {
        report('merge', 0, validRows);
        let counts: merge.MergeCounts;
        if (job.kind === 'customers') {
          const tier = await merge.lowestTier(trx);
          // A load of new customers at least as large as the table (a bank's first load) rebuilds the
          // indexes once at the end instead of maintaining them row by row; it locks the table meanwhile.
          // Counted only when the file is that large; a re-import of customers already there is a delta.
          const threshold = job.bulkThreshold ?? Math.max(BULK_ROWS, await merge.customerCountEstimate(trx));
          const bulk = validRows >= threshold && (await merge.newCustomerRows(trx)) >= threshold;
          const suspended = bulk ? await merge.suspendCustomerIndexes(trx) : null;
          const m = await merge.mergeCustomers(trx, rc, tier, bulk);
          if (suspended) await merge.restoreCustomerIndexes(trx, suspended, handle.kind === 'pglite' ? 256 : 1024);
          counts = m;
          detail = { rmHistoryRows: m.rmChanges, rebuiltIndexes: bulk };
        } else if (job.kind === 'holdings') {
          counts = await merge.mergeHoldings(trx, rc);
        } else {
          const m = await merge.mergeBalances(trx, rc);
          counts = m;
          detail = { monthsRolledUp: m.months, customersRefreshed: m.customers };
        }
        report('merge', validRows, validRows);
        o = { ...base, ...counts, unchanged: validRows - counts.inserted - counts.updated, status: 'committed', failure: null };
      }
      await repo.finishImport(trx, job.id, o);
      await audit(trx, job.actor, {
        action: 'customers.import', entityType: 'customer_import', entityId: job.id, outcome: o.status === 'committed' ? 'ok' : 'failed',
        detail: { kind: job.kind, mode: job.mode, status: o.status, totalRows: o.totalRows, validRows: o.validRows, errorRows: o.errorRows, inserted: o.inserted, updated: o.updated, unchanged: o.unchanged, ...detail },
      });
      return o;
    });
    if (outcome.status === 'committed') await repo.deleteFile(db, job.id);
    return outcome;
  } catch (e) {
    const failure = failureOf(e);
    const o: repo.Outcome = { status: 'failed', totalRows: total, validRows: 0, errorRows: 0, errorCount: 0, inserted: 0, updated: 0, unchanged: 0, failure };
    await staging.clearRun(db, job.id).catch(() => undefined);
    await repo.finishImport(db, job.id, o);
    await audit(db, job.actor, { action: 'customers.import', entityType: 'customer_import', entityId: job.id, outcome: 'failed', detail: { kind: job.kind, mode: job.mode, status: 'failed', code: failure.code, message: failure.en } });
    return o;
  } finally {
    clearInterval(beat);
    job.onProgress?.(total, total, 'done');
    live.delete(job.id);
    await staging.clearStage(db, job.id).catch(() => undefined);
  }
}

// ---------------------------------------------------------------- status and report

export async function describeErrors(ctx: Ctx, row: repo.ImportRow, limit: number): Promise<CustomerImportError[]> {
  const errs = await repo.errorPage(ctx.db, row.id, null, limit);
  return errs.map((e) => toReportError(row, e));
}

function toReportError(row: repo.ImportRow, e: repo.ErrorRow): CustomerImportError {
  const value = shownValue(e.field, e.value);
  const p = describeProblem(row.kind, e.field, e.code, value, e.detail);
  return { row: e.row, column: row.mapping?.[e.field] ?? e.field, field: e.field, value, code: e.code, zh: p.zh, en: p.en };
}

const INTERRUPTED = { code: 'INTERRUPTED', zh: '导入进程意外中断，未写入任何数据，可重新运行', en: 'The import process stopped unexpectedly; nothing was written and it can be run again' };

/** A run that lost its process (crash, kill) is shown, and recorded, as failed. */
async function settleStale(ctx: Ctx, row: repo.ImportRow): Promise<repo.ImportRow> {
  if (row.status !== 'running' || live.has(row.id)) return row;
  const staleBefore = new Date(Date.now() - STALE_MS);
  if (!row.heartbeatAt || row.heartbeatAt >= staleBefore) return row;
  const kind = await repo.markInterrupted(ctx.db, row.id, staleBefore, INTERRUPTED);
  if (kind) await staging.clearRun(ctx.db, row.id);
  return (await repo.getImport(ctx.db, row.id)) ?? row;
}

export async function getCustomerImport(ctx: Ctx, principal: Principal, id: number): Promise<CustomerImportDetail> {
  importScope(principal);
  const found = await repo.getImport(ctx.db, id);
  if (!found) throw notFound(IMPORT);
  const row = await settleStale(ctx, found);
  return { ...summaryOf(row, live.get(id)), errors: row.status === 'running' ? [] : await describeErrors(ctx, row, DETAIL_ERRORS) };
}

export async function listCustomerImports(ctx: Ctx, principal: Principal): Promise<CustomerImportSummary[]> {
  importScope(principal);
  const rows = await Promise.all((await repo.listImports(ctx.db, 50)).map((r) => settleStale(ctx, r)));
  return rows.map((r) => summaryOf(r, live.get(r.id)));
}

/** The full error report as an .xlsx stream; the download is audited. */
export async function customerImportErrorReport(ctx: Ctx, actor: Actor, principal: Principal, id: number): Promise<{ fileName: string; stream: Readable }> {
  importScope(principal);
  const row = await repo.getImport(ctx.db, id);
  if (!row) throw notFound(IMPORT);
  await audit(ctx.db, actor, { action: 'customers.import.errors.export', entityType: 'customer_import', entityId: id, detail: { errorCount: row.errorCount } });
  let after: { row: number; field: string } | null = null;
  let sent = 0;
  const stream = errorReportStream(async () => {
    // An xlsx sheet holds 1,048,576 rows; the report stops short of that.
    if (sent >= 1_000_000) return [];
    const page = await repo.errorPage(ctx.db, id, after, 5000);
    if (page.length === 0) return [];
    after = { row: page[page.length - 1].row, field: page[page.length - 1].field };
    sent += page.length;
    return page.map((e) => toReportError(row, e));
  });
  const base = row.fileName.replace(/\.[^.]+$/, '');
  return { fileName: `${base}-errors.xlsx`, stream };
}
