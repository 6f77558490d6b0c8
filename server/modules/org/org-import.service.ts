// Use case: import staff or branches from a spreadsheet. Read → check every row → write all valid
// rows in one transaction, or nothing when the file has errors and the user did not choose to import
// the valid rows. Every attempt is recorded in import_runs and in the audit log.
import crypto from 'node:crypto';
import path from 'node:path';
import type { ImportKind, ImportResult, ImportRowError } from '../../../contracts/org';
import { audit, type Actor } from '../../platform/audit';
import type { Db, DbOrTrx, Trx } from '../../platform/db';
import { ImportFileError, readSheet, validateBranchSheet, validateStaffSheet, type Sheet } from './org.import';
import { loadImportContext, lockImports, mergeBranches, mergeStaff, recordImportRun, type MergeCounts } from './org-import.repository';

export type ImportInput = {
  kind: ImportKind;
  fileName: string;
  bytes: Buffer;
  /** 'all': all rows or nothing; 'valid': write the valid rows even if others have errors. */
  mode: 'all' | 'valid';
  actorUserId: number | null;
  actor?: Actor;
  onProgress?: (done: number, total: number, label?: string) => void;
  /** 'YYYY-MM-DD' (Asia/Shanghai); dates after it are rejected and grade changes take effect on it. */
  today?: string;
};

/** A report longer than this helps nobody and bloats the response; the rest is summarised. */
const MAX_REPORTED_ERRORS = 1000;

function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function capErrors(errors: ImportRowError[]): ImportRowError[] {
  if (errors.length <= MAX_REPORTED_ERRORS) return errors;
  const rest = errors.length - MAX_REPORTED_ERRORS;
  return [
    ...errors.slice(0, MAX_REPORTED_ERRORS),
    { row: 0, column: '', zh: `另有${rest}处错误未列出，请先修正以上错误`, en: `${rest} more errors are not listed: fix the ones above first` },
  ];
}

export async function importOrgFile(db: Db, input: ImportInput): Promise<ImportResult> {
  const fileName = path.basename(input.fileName);
  const sha256 = crypto.createHash('sha256').update(input.bytes).digest('hex');
  const today = input.today ?? shanghaiToday();
  const progress = input.onProgress ?? (() => undefined);

  let sheet: Sheet;
  try {
    sheet = await readSheet(fileName, input.bytes);
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e;
    return finish(db, input, { fileName, sha256, totalRows: 0, validRows: 0, counts: { inserted: 0, updated: 0 }, committed: false, errors: [{ row: 0, column: '', zh: e.zh, en: e.en }] });
  }
  const total = sheet.rows.length;
  progress(0, total, 'validate');
  const ctx = { ...(await loadImportContext(db)), today };
  let done = 0;
  const onChunk = (n: number) => progress((done += n), total, 'write');
  if (input.kind === 'staff') {
    const v = validateStaffSheet(sheet, ctx);
    return commit(db, input, { fileName, sha256, ...v }, (trx) => mergeStaff(trx, v.rows, v.columns, today, onChunk));
  }
  const v = validateBranchSheet(sheet, ctx);
  return commit(db, input, { fileName, sha256, ...v }, (trx) => mergeBranches(trx, v.rows, v.columns, onChunk));
}

type Checked = { fileName: string; sha256: string; totalRows: number; rows: unknown[]; errors: ImportRowError[] };

async function commit(db: Db, input: ImportInput, c: Checked, merge: (trx: Trx) => Promise<MergeCounts>): Promise<ImportResult> {
  const base = { fileName: c.fileName, sha256: c.sha256, totalRows: c.totalRows, validRows: c.rows.length, errors: c.errors };
  if (c.rows.length === 0 || (c.errors.length > 0 && input.mode === 'all')) {
    input.onProgress?.(c.totalRows, c.totalRows, 'rejected');
    return finish(db, input, { ...base, counts: { inserted: 0, updated: 0 }, committed: false });
  }
  return db.transaction().execute(async (trx) => {
    await lockImports(trx);
    const counts = await merge(trx);
    return finish(trx, input, { ...base, counts, committed: true });
  });
}

type Outcome = {
  fileName: string;
  sha256: string;
  totalRows: number;
  validRows: number;
  counts: MergeCounts;
  committed: boolean;
  errors: ImportRowError[];
};

/** Records the run (in the merge's transaction when there is one) and builds the report. */
async function finish(db: DbOrTrx, input: ImportInput, o: Outcome): Promise<ImportResult> {
  const errors = capErrors(o.errors);
  const runId = await recordImportRun(db, {
    kind: input.kind, fileName: o.fileName, sha256: o.sha256, totalRows: o.totalRows, validRows: o.validRows,
    inserted: o.counts.inserted, updated: o.counts.updated, committed: o.committed, errors, createdBy: input.actorUserId,
  });
  const unchanged = o.committed ? o.validRows - o.counts.inserted - o.counts.updated : 0;
  if (input.actor) {
    await audit(db, input.actor, {
      action: 'org.import',
      entityType: 'import_run',
      entityId: runId,
      outcome: o.committed ? 'ok' : 'failed',
      detail: {
        kind: input.kind, mode: input.mode, fileName: o.fileName, sha256: o.sha256, totalRows: o.totalRows, validRows: o.validRows,
        inserted: o.counts.inserted, updated: o.counts.updated, unchanged, errorCount: o.errors.length,
      },
    });
  }
  return {
    kind: input.kind, fileName: o.fileName, totalRows: o.totalRows, validRows: o.validRows,
    inserted: o.counts.inserted, updated: o.counts.updated, unchanged, committed: o.committed, errors,
  };
}
