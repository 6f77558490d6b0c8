// The customer-data import's records: the import row, its stored file, the run's claim, progress,
// heartbeat and outcome, and the error report. The pipeline's SQL is in
// customer-import-staging.repository.ts (COPY into staging, the checks) and
// customer-import-merge.repository.ts (the merges).
import { sql, type DbOrTrx } from '../../platform/db';
import type { CustomerImportKind, CustomerImportMapping, CustomerImportMode, CustomerImportPhase, CustomerImportStatus } from '../../../contracts/customer-import';

// ---------------------------------------------------------------- the import row and its file

export type ImportRow = {
  id: number;
  kind: CustomerImportKind;
  fileName: string;
  fileFormat: 'csv' | 'xlsx';
  fileSize: number;
  fileSha256: string | null;
  headers: string[];
  status: CustomerImportStatus;
  mode: CustomerImportMode | null;
  mapping: CustomerImportMapping | null;
  phase: CustomerImportPhase | null;
  progressDone: number;
  progressTotal: number;
  totalRows: number;
  validRows: number;
  errorRows: number;
  errorCount: number;
  inserted: number;
  updated: number;
  unchanged: number;
  failure: { code: string; zh: string; en: string } | null;
  createdBy: number | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  heartbeatAt: Date | null;
};

const importCols = [
  'id', 'kind', 'file_name as fileName', 'file_format as fileFormat', 'file_size as fileSize', 'file_sha256 as fileSha256', 'headers', 'status', 'mode',
  'mapping', 'phase', 'progress_done as progressDone', 'progress_total as progressTotal', 'total_rows as totalRows', 'valid_rows as validRows',
  'error_rows as errorRows', 'error_count as errorCount', 'inserted', 'updated', 'unchanged', 'failure', 'created_by as createdBy', 'created_at as createdAt',
  'started_at as startedAt', 'finished_at as finishedAt', 'heartbeat_at as heartbeatAt',
] as const;

export async function createImport(
  db: DbOrTrx,
  r: { kind: CustomerImportKind; fileName: string; fileFormat: 'csv' | 'xlsx'; headers: string[]; createdBy: number | null; status?: CustomerImportStatus },
): Promise<number> {
  const row = await db
    .insertInto('customer_imports')
    .values({ kind: r.kind, file_name: r.fileName, file_format: r.fileFormat, headers: JSON.stringify(r.headers), created_by: r.createdBy, status: r.status ?? 'uploaded' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteImport(db: DbOrTrx, id: number): Promise<void> {
  await db.deleteFrom('customer_imports').where('id', '=', id).execute();
}

export async function setFileFacts(db: DbOrTrx, id: number, f: { size: number; sha256: string | null; headers: string[]; format: 'csv' | 'xlsx' }): Promise<void> {
  await db
    .updateTable('customer_imports')
    .set({ file_size: f.size, file_sha256: f.sha256, headers: JSON.stringify(f.headers), file_format: f.format })
    .where('id', '=', id)
    .execute();
}

export async function saveFileChunk(db: DbOrTrx, id: number, seq: number, data: Buffer): Promise<void> {
  await db.insertInto('customer_import_files').values({ import_id: id, seq, data }).execute();
}

export async function deleteFile(db: DbOrTrx, id: number): Promise<void> {
  await db.deleteFrom('customer_import_files').where('import_id', '=', id).execute();
}

/** The stored file, piece by piece (one query per piece, so no connection is held in between). */
export async function* fileChunks(db: DbOrTrx, id: number): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const r = await db.selectFrom('customer_import_files').select('data').where('import_id', '=', id).where('seq', '=', seq).executeTakeFirst();
    if (!r) return;
    yield Buffer.from(r.data);
  }
}

export async function hasFile(db: DbOrTrx, id: number): Promise<boolean> {
  const r = await db.selectFrom('customer_import_files').select('seq').where('import_id', '=', id).limit(1).executeTakeFirst();
  return r !== undefined;
}

export async function getImport(db: DbOrTrx, id: number): Promise<ImportRow | null> {
  const r = await db.selectFrom('customer_imports').select(importCols).where('id', '=', id).executeTakeFirst();
  return (r as ImportRow | undefined) ?? null;
}

export async function listImports(db: DbOrTrx, limit: number): Promise<ImportRow[]> {
  const rows = await db.selectFrom('customer_imports').select(importCols).orderBy('id', 'desc').limit(limit).execute();
  return rows as ImportRow[];
}

/**
 * Takes the import for a run: only one run at a time, and a run whose process died (no heartbeat
 * since `staleBefore`) may be taken over. A committed import is never rerun.
 */
export async function claimRun(db: DbOrTrx, id: number, r: { mode: CustomerImportMode; mapping: CustomerImportMapping; staleBefore: Date }): Promise<boolean> {
  const res = await db
    .updateTable('customer_imports')
    .set({
      status: 'running', mode: r.mode, mapping: JSON.stringify(r.mapping), phase: 'load', progress_done: 0, progress_total: 0,
      total_rows: 0, valid_rows: 0, error_rows: 0, error_count: 0, inserted: 0, updated: 0, unchanged: 0, failure: null,
      started_at: sql<Date>`now()`, finished_at: null, heartbeat_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('status', 'in', ['uploaded', 'rejected', 'failed']), eb.and([eb('status', '=', 'running'), eb('heartbeat_at', '<', r.staleBefore)])]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function setProgress(db: DbOrTrx, id: number, p: { phase: CustomerImportPhase; done: number; total: number }): Promise<void> {
  await db
    .updateTable('customer_imports')
    .set({ phase: p.phase, progress_done: p.done, progress_total: p.total, heartbeat_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

/** A run whose process died (no heartbeat since `staleBefore`) is recorded as failed; nothing of it was merged. */
export async function markInterrupted(db: DbOrTrx, id: number, staleBefore: Date, failure: { code: string; zh: string; en: string }): Promise<CustomerImportKind | null> {
  const r = await db
    .updateTable('customer_imports')
    .set({ status: 'failed', phase: 'done', failure: JSON.stringify(failure), finished_at: sql<Date>`now()`, heartbeat_at: null })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', staleBefore)
    .returning('kind')
    .executeTakeFirst();
  return (r?.kind as CustomerImportKind | undefined) ?? null;
}

export async function heartbeat(db: DbOrTrx, id: number): Promise<void> {
  await db.updateTable('customer_imports').set({ heartbeat_at: sql<Date>`now()` }).where('id', '=', id).where('status', '=', 'running').execute();
}

export type Outcome = {
  status: 'committed' | 'rejected' | 'failed';
  totalRows: number;
  validRows: number;
  errorRows: number;
  errorCount: number;
  inserted: number;
  updated: number;
  unchanged: number;
  failure: { code: string; zh: string; en: string } | null;
};

export async function finishImport(db: DbOrTrx, id: number, o: Outcome): Promise<void> {
  await db
    .updateTable('customer_imports')
    .set({
      status: o.status, phase: 'done', progress_done: o.totalRows, progress_total: o.totalRows, total_rows: o.totalRows, valid_rows: o.validRows,
      error_rows: o.errorRows, error_count: o.errorCount, inserted: o.inserted, updated: o.updated, unchanged: o.unchanged,
      failure: o.failure ? JSON.stringify(o.failure) : null, finished_at: sql<Date>`now()`, heartbeat_at: null,
    })
    .where('id', '=', id)
    .execute();
}

// ---------------------------------------------------------------- errors

export async function errorStats(trx: DbOrTrx, id: number): Promise<{ errorRows: number; errorCount: number }> {
  const r = await sql<{ rows: string; n: string }>`
    select count(distinct row_no) as rows, count(*) as n from customer_import_errors where import_id = ${id}`.execute(trx);
  return { errorRows: Number(r.rows[0].rows), errorCount: Number(r.rows[0].n) };
}

export type ErrorRow = { row: number; field: string; value: string | null; code: string; detail: string | null };

/** Errors in row order, a page after (row, field). */
export async function errorPage(db: DbOrTrx, id: number, after: { row: number; field: string } | null, limit: number): Promise<ErrorRow[]> {
  const r = await sql<ErrorRow>`
    select row_no as row, field, value, code, detail from customer_import_errors
    where import_id = ${id} ${after ? sql`and (row_no, field) > (${after.row}::int, ${after.field}::text)` : sql``}
    order by row_no, field
    limit ${limit}::int`.execute(db);
  return r.rows.map((e) => ({ ...e, row: Number(e.row) }));
}
