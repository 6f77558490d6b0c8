// The command line's customer-data import: a file on disk is streamed straight into a run (not
// stored), with a progress bar.
import fs from 'node:fs';
import path from 'node:path';
import { customerImportKind, type CustomerImportMapping, type CustomerImportMode } from '../../../contracts/customer-import';
import { systemActor } from '../../platform/audit';
import type { DbHandle } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { progressBar } from '../../platform/progress';
import { mappingProblems, suggestMapping, uniqueHeaders } from './customer-import';
import { detectFormat, openTable } from './customer-import.file';
import * as repo from './customer-import.repository';
import { describeErrors, executeImport } from './customer-import.service';

/** `--map`: a JSON object, a JSON file, or "field=Column,field=Column". */
export function parseMapArg(arg: string): CustomerImportMapping {
  const s = arg.trim();
  const json = (text: string) => {
    try {
      const v = JSON.parse(text) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string')) return v as CustomerImportMapping;
    } catch {}
    throw new AppError(400, 'BAD_MAPPING', '列对应关系应为 {"字段": "列名"} 形式的JSON', 'The mapping must be JSON like {"field": "Column"}');
  };
  if (s.startsWith('{')) return json(s);
  if (s.endsWith('.json') && fs.existsSync(s)) return json(fs.readFileSync(s, 'utf8'));
  const out: CustomerImportMapping = {};
  for (const pair of s.split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new AppError(400, 'BAD_MAPPING', `无法解析列对应关系「${pair}」，应为 字段=列名`, `Cannot read the mapping "${pair}": use field=Column`);
    out[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return out;
}

/**
 * `patron import customers|holdings|balances FILE [--map …] [--valid-only]`: runs an import from a
 * file on disk (streamed, not stored), with a progress bar; without --map the suggested mapping is
 * used and printed. Returns the process exit code: 0 committed, 2 nothing written.
 */
export async function runCustomerImportCli(
  handle: DbHandle,
  kindArg: string,
  file: string,
  opts: { map?: string; validOnly?: boolean },
  out: (line: string) => void = (l) => console.log(l),
): Promise<number> {
  const kind = customerImportKind.parse(kindArg);
  const fileName = path.basename(file);
  const head = Buffer.alloc(4);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, head, 0, 4, 0);
  fs.closeSync(fd);
  const format = detectFormat(fileName, head);
  const table = await openTable(fs.createReadStream(file), format);
  const headers = uniqueHeaders(table.headers);
  await table.batches[Symbol.asyncIterator]().return?.(undefined);
  const mapping = opts.map ? parseMapArg(opts.map) : suggestMapping(kind, headers);
  if (!opts.map) out(`Mapping (suggested): ${JSON.stringify(mapping)}`);
  const problems = mappingProblems(kind, headers, mapping);
  if (problems.length > 0) {
    for (const p of problems) out(`  ${p.path}: ${p.zh} / ${p.en}`);
    out(`File columns: ${headers.join(', ')}`);
    return 2;
  }
  const actor = systemActor('cli');
  const id = await repo.createImport(handle.db, { kind, fileName, fileFormat: format, headers, createdBy: null });
  const size = fs.statSync(file).size;
  await repo.setFileFacts(handle.db, id, { size, sha256: null, headers, format });
  const mode: CustomerImportMode = opts.validOnly ? 'valid' : 'all';
  await repo.claimRun(handle.db, id, { mode, mapping, staleBefore: new Date() });
  const bar = progressBar(`Importing ${kind}`);
  const started = performance.now();
  const o = await executeImport(handle, {
    id, kind, format, headers, mapping, mode, scope: { kind: 'bank' }, actor, openSource: () => fs.createReadStream(file), totalBytes: size,
    onProgress: (d, t, phase) => bar.update(d, t, phase),
  });
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  out(`Import #${id}: ${o.totalRows} rows, ${o.validRows} valid, ${o.errorRows} with errors; inserted ${o.inserted}, updated ${o.updated}, unchanged ${o.unchanged}; ${o.status === 'committed' ? 'committed' : 'NOTHING WRITTEN'} in ${seconds.toFixed(1)} s (${Math.round(o.totalRows / Math.max(seconds, 0.001))} rows/s)`);
  if (o.failure) out(`  ${o.failure.zh} / ${o.failure.en}`);
  const row = (await repo.getImport(handle.db, id))!;
  for (const e of await describeErrors({ db: handle.db, handle }, row, 50)) out(`  row ${e.row} ${e.column}: ${e.zh} / ${e.en}`);
  if (o.errorCount > 50) out(`  … ${o.errorCount - 50} more`);
  return o.status === 'committed' ? 0 : 2;
}
