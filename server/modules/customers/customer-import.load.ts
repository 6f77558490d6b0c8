// Loading an import's staging table: the file is read as a stream, each row encoded by the mapping
// into COPY text, and sent in chunks, with progress along the way.
import type { CustomerImportPhase } from '../../../contracts/customer-import';
import type { DbHandle } from '../../platform/db';
import { AppError, badRequest } from '../../platform/errors';
import { mappingProblems, rowEncoder, uniqueHeaders } from './customer-import';
import { openTable } from './customer-import.file';
import * as staging from './customer-import-staging.repository';
import * as repo from './customer-import.repository';
import type { RunJob } from './customer-import.service';

/** Staging is loaded in COPY chunks of about this many characters. */
const COPY_CHUNK = 2 * 1024 * 1024;

/** Streams the file through the mapping into staging; returns the number of data rows. */
export async function loadStage(handle: DbHandle, job: RunJob, report: (phase: CustomerImportPhase, done: number, total: number) => void): Promise<number> {
  let bytes = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const b of job.source) {
      bytes += b.length;
      yield b;
    }
  }
  const table = await openTable(counted(), job.format);
  const headers = uniqueHeaders(table.headers);
  if (job.headers && JSON.stringify(headers) !== JSON.stringify(job.headers)) {
    throw new AppError(409, 'FILE_CHANGED', '文件表头与上传时不一致，请重新上传', 'The file header differs from the one uploaded: upload again');
  }
  const problems = mappingProblems(job.kind, headers, job.mapping);
  if (problems.length > 0) throw badRequest('BAD_MAPPING', `列对应关系有误：${problems[0].zh}`, `The column mapping is not valid: ${problems[0].en}`, problems);
  const enc = rowEncoder(job.kind, headers, job.mapping);
  const prefix = `${job.id}\t`;
  let rows = 0;
  let lastReport = 0;
  async function* chunks(): AsyncGenerator<string> {
    let parts: string[] = [];
    let size = 0;
    for await (const batch of table.batches) {
      for (const r of batch) {
        const vals = enc.encode(r.cells);
        let line = prefix + r.row;
        for (const v of vals) line += '\t' + staging.copyValue(v);
        line += '\n';
        parts.push(line);
        size += line.length;
        rows++;
      }
      if (size >= COPY_CHUNK) {
        yield parts.join('');
        parts = [];
        size = 0;
        const estimate = bytes > 0 && job.totalBytes > bytes ? Math.round((rows * job.totalBytes) / bytes) : rows;
        report('load', rows, Math.max(rows, estimate));
        if (rows - lastReport >= 50_000) {
          lastReport = rows;
          await repo.setProgress(handle.db, job.id, { phase: 'load', done: rows, total: Math.max(rows, estimate) });
        }
      }
    }
    if (size > 0) yield parts.join('');
  }
  await staging.copyIntoStage(handle, job.kind, enc.columns, chunks());
  report('load', rows, rows);
  return rows;
}
