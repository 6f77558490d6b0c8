// Import of an N-row customer csv through the app's import (stream → COPY into staging → set-based
// checks → merge, in one transaction: what `patron import customers FILE` runs), in rows/s, against
// a raw COPY of the same file into an unindexed table of text columns in the same database.
//
//   BENCH_CUSTOMERS         rows in the file, and customers already in the bank (default 1,000,000);
//                           BENCH_CUSTOMERS_PGLITE for PGlite only
//
// The file: N new customers with the bank's Chinese column names (the mapping is the app's own
// suggestion), valid resident IDs (GB 11643 check digit; area codes 99xxxx, which the demo bank
// does not use, so none is taken), mobiles, dates, risk levels in words, branch codes of open
// outlets and wealth-RM staff numbers read from the database. What a bank does with it:
// - first load: the loaded bank with its org, staff and tiers but its customers (and everything
//   that hangs off them) emptied, so the file is the bank's whole customer base, merged with every
//   index in place at the end (the import rebuilds them once instead of row by row);
// - nightly delta: the same file again into the now N-customer bank, where every row is unchanged
//   (idempotent; each row is still read, checked and compared).
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { residentIdCheckChar } from '../contracts/personal-data';
import type { CustomerImportPhase } from '../contracts/customer-import';
import { systemActor } from '../server/platform/audit';
import type { DbHandle } from '../server/platform/db';
import { suggestMapping } from '../server/modules/customers/customer-import';
import { claimRun, createImport, setFileFacts } from '../server/modules/customers/customer-import.repository';
import { executeImport } from '../server/modules/customers/customer-import.service';
import { randomAddress, randomWork } from '../server/seed/customers-text.seed';
import { randomName } from '../server/seed/names';
import { cityAt } from '../server/seed/places';
import { createRng } from '../server/seed/random';
import { bareQuery, openLoadedDatabase, seedNote, sizeTag } from './customer-data';
import { atLeast, fmtInt, fmtS, type Bench, type BenchRow } from './report';

const TARGET_RATIO = 0.4;
const HEADER = ['客户号', '姓名', '身份证号', '性别', '出生日期', '手机号', '地址', '职业', '工作单位', '开户网点代码', '客户经理工号', '客户状态', '开户日期', '风险等级'];
const RISK_WORDS = ['保守型', '稳健型', '平衡型', '成长型', '进取型'];
const MOBILE_HEADS = ['13', '15', '17', '18', '19'];
/** PGlite takes a COPY from a blob: the baseline feeds it the file in pieces of about this size. */
const PGLITE_COPY_PIECE = 8 * 1024 * 1024;

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Writes the file; returns its size in bytes. */
export async function writeCsv(handle: DbHandle, file: string, rows: number): Promise<number> {
  const outlets = await bareQuery<{ code: string }>(handle, `select code from branches where status = 'open' and level in ('sub_branch', 'outlet') order by code`);
  const rms = await bareQuery<{ staff_no: string; code: string }>(
    handle,
    `select s.staff_no, b.code from staff s join staff_roles r on r.staff_id = s.id and r.role = 'wealth_rm' join branches b on b.id = s.branch_id
     where s.status = 'active' order by s.staff_no`,
  );
  if (outlets.length === 0) throw new Error('no open outlet to import customers into');
  const rmsOf = new Map<string, string[]>();
  for (const r of rms) rmsOf.set(r.code, [...(rmsOf.get(r.code) ?? []), r.staff_no]);
  const rng = createRng(0x1a2b3c);
  const out = fs.createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(`${HEADER.join(',')}\r\n`);
  const birthFrom = Date.UTC(1945, 0, 1);
  const birthSpan = Date.UTC(2004, 11, 31) - birthFrom;
  const onboardFrom = Date.UTC(2000, 0, 1);
  const onboardSpan = Date.UTC(2025, 11, 31) - onboardFrom;
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const male = rng.chance(0.49);
    const birth = new Date(birthFrom + Math.floor(rng.next() * (birthSpan / 86_400_000)) * 86_400_000);
    // Area 99xxxx and a sequence number that is unique per row (up to 5 million rows); its last
    // digit is odd for men, as in a real ID.
    const first17 = `99${String(i % 10_000).padStart(4, '0')}${iso(birth).replace(/-/g, '')}${String((Math.floor(i / 10_000) % 500) * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
    const outlet = outlets[rng.int(0, outlets.length - 1)].code;
    const rmList = rmsOf.get(outlet) ?? [];
    const city = cityAt(rng.int(0, 2));
    const work = randomWork(rng, 'mid', rng.chance(0.1), city, city.areas[rng.int(0, city.areas.length - 1)]);
    const cells = [
      `K${100_000_000 + i}`,
      randomName(rng, male ? 'M' : 'F').name,
      first17 + residentIdCheckChar(first17),
      male ? '男' : '女',
      iso(birth),
      `${rng.pick(MOBILE_HEADS)}${rng.digits(9)}`,
      randomAddress(rng, city, rng.int(0, city.districts.length - 1)),
      work.occupation,
      work.employer,
      outlet,
      rmList.length > 0 && rng.chance(0.2) ? rng.pick(rmList) : '',
      rng.chance(0.03) ? '休眠' : '正常',
      iso(new Date(onboardFrom + Math.floor(rng.next() * (onboardSpan / 86_400_000)) * 86_400_000)),
      rng.chance(0.7) ? rng.pick(RISK_WORDS) : '',
    ];
    buf += `${cells.map(csvCell).join(',')}\r\n`;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return fs.statSync(file).size;
}

/** The baseline: the file as it is, into an unindexed table of text columns, by COPY. */
async function rawCopy(handle: DbHandle, file: string): Promise<number> {
  await bareQuery(handle, 'drop table if exists bench_import_raw');
  await bareQuery(handle, `create table bench_import_raw (${HEADER.map((_, i) => `c${i + 1} text`).join(', ')})`);
  const t0 = performance.now();
  if (handle.pool) {
    const client = await handle.pool.connect();
    try {
      await pipeline(fs.createReadStream(file), client.query(copyFrom('copy bench_import_raw from stdin with (format csv, header true)')));
    } finally {
      client.release();
    }
  } else {
    // Whole lines per piece (the generated file has no line breaks inside a cell).
    const pglite = handle.pglite!;
    const all = fs.readFileSync(file);
    let at = 0;
    let first = true;
    while (at < all.length) {
      let end = Math.min(all.length, at + PGLITE_COPY_PIECE);
      if (end < all.length) end = all.indexOf(0x0a, end) + 1 || all.length;
      const piece = all.subarray(at, end);
      const header = first;
      await handle.db.connection().execute(() =>
        pglite.query(`copy bench_import_raw from '/dev/blob' with (format csv, header ${header})`, [], { blob: new Blob([piece]) }),
      );
      at = end;
      first = false;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const [n] = await bareQuery<{ n: number }>(handle, 'select count(*)::int as n from bench_import_raw');
  await bareQuery(handle, 'drop table bench_import_raw');
  return Number(n.n) > 0 ? seconds : NaN;
}

type Run = { seconds: number; phases: Partial<Record<CustomerImportPhase, number>>; outcome: Awaited<ReturnType<typeof executeImport>> };

/** What `patron import customers FILE` does (runCustomerImportCli), with the phases timed. */
export async function appImport(handle: DbHandle, file: string, size: number): Promise<Run> {
  const t0 = performance.now();
  const headers = HEADER;
  const mapping = suggestMapping('customers', headers);
  const id = await createImport(handle.db, { kind: 'customers', fileName: path.basename(file), fileFormat: 'csv', headers, createdBy: null });
  await setFileFacts(handle.db, id, { size, sha256: null, headers, format: 'csv' });
  await claimRun(handle.db, id, { mode: 'all', mapping, staleBefore: new Date() });
  const phases: Partial<Record<CustomerImportPhase, number>> = {};
  let phase: CustomerImportPhase | null = null;
  let since = performance.now();
  const outcome = await executeImport(handle, {
    id, kind: 'customers', format: 'csv', headers, mapping, mode: 'all', scope: { kind: 'bank' }, actor: systemActor('bench'),
    openSource: () => fs.createReadStream(file), totalBytes: size,
    onProgress: (_d, _t, p) => {
      if (p === phase) return;
      const now = performance.now();
      if (phase) phases[phase] = (phases[phase] ?? 0) + (now - since) / 1000;
      phase = p;
      since = now;
    },
  });
  return { seconds: (performance.now() - t0) / 1000, phases, outcome };
}

const phaseText = (r: Run) =>
  (['load', 'validate', 'merge'] as const)
    .filter((p) => r.phases[p] !== undefined)
    .map((p) => `${p} ${r.phases[p]!.toFixed(1)} s`)
    .join(', ');

export const bench: Bench = {
  name: 'customer-import',
  title: 'Customer csv import (validated and merged: first load and nightly re-import) vs a raw COPY of the same file into an unindexed text table, rows/s',
  async run(ctx) {
    const data = await openLoadedDatabase(ctx, 'import');
    const n = data.customers;
    const tag = sizeTag(ctx.kind, n);
    const file = path.join(ctx.tmpDir, `customers-${n}.csv`);
    try {
      const t0 = performance.now();
      const size = await writeCsv(data.handle, file, n);
      ctx.log(`wrote ${fmtInt(n)} rows (${(size / 1024 / 1024).toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

      // A first load: the bank's org and staff are there, its customers not yet.
      await bareQuery(data.handle, 'truncate customers, engagement_tasks restart identity cascade');
      ctx.log('raw COPY');
      const copySeconds = await rawCopy(data.handle, file);
      ctx.log(`raw COPY: ${copySeconds.toFixed(2)} s`);
      ctx.log('app import');
      const first = await appImport(data.handle, file, size);
      ctx.log(`app import: ${first.seconds.toFixed(2)} s (${phaseText(first)}) ${JSON.stringify(first.outcome)}`);
      ctx.log('app import of the same file again');
      const again = await appImport(data.handle, file, size);
      ctx.log(`re-import: ${again.seconds.toFixed(2)} s (${phaseText(again)}) ${JSON.stringify(again.outcome)}`);

      const o = first.outcome;
      const bad =
        o.status !== 'committed' || o.inserted !== n
          ? `import ${o.status}: ${o.totalRows} rows, ${o.errorRows} with errors, ${o.inserted} inserted${o.failure ? ` (${o.failure.en})` : ''}`
          : Number.isNaN(copySeconds)
            ? 'the raw COPY loaded nothing'
            : null;
      const appRate = n / first.seconds;
      const copyRate = n / copySeconds;
      const again2 = again.outcome;
      const rows: BenchRow[] = [
        {
          name: `customer import rows/s ${tag}`,
          figure: fmtInt(appRate),
          baseline: `${fmtInt(copyRate)} (raw COPY)`,
          ratio: appRate / copyRate,
          target: `ratio >= ${TARGET_RATIO}`,
          verdict: bad ? 'INVALID' : atLeast(appRate / copyRate, TARGET_RATIO),
          note:
            bad ??
            `first load: ${fmtInt(n)} customers (${(size / 1024 / 1024).toFixed(0)} MB csv) into the loaded bank's org and staff with no customers yet (${seedNote(data)}) in ${fmtS(first.seconds)} (${phaseText(first)}); raw COPY ${fmtS(copySeconds)}`,
        },
        {
          name: `customer nightly re-import of the same file, rows/s ${tag}`,
          figure: fmtInt(n / again.seconds),
          baseline: `${fmtInt(copyRate)} (raw COPY)`,
          ratio: n / again.seconds / copyRate,
          target: `ratio >= ${TARGET_RATIO}`,
          verdict: again2.status === 'committed' && again2.inserted === 0 && again2.updated === 0 ? atLeast(n / again.seconds / copyRate, TARGET_RATIO) : 'INVALID',
          note: `idempotent: ${fmtInt(again2.inserted)} inserted, ${fmtInt(again2.updated)} updated, ${fmtInt(again2.unchanged)} unchanged in ${fmtS(again.seconds)} (${phaseText(again)})`,
        },
      ];
      return rows;
    } finally {
      fs.rmSync(file, { force: true });
      await data.close();
    }
  },
};
