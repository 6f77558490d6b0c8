import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { residentIdCheckChar } from '../../../contracts/personal-data';
import { systemActor } from '../../platform/audit';
import { sql, type DbHandle } from '../../platform/db';
import { openTestDatabase } from '../../platform/testing';
import { claimRun, createImport, setFileFacts } from './customer-import.repository';
import { executeImport } from './customer-import.service';

let handle: DbHandle;
let dispose: () => Promise<void>;
let branch: string;
let rmNo: string;

beforeAll(async () => {
  ({ handle, dispose } = await openTestDatabase(inject('template')));
  branch = (await sql<{ code: string }>`select code from branches where status = 'open' and level in ('sub_branch', 'outlet') order by code limit 1`.execute(handle.db)).rows[0].code;
  rmNo = (
    await sql<{ staff_no: string }>`
      select s.staff_no from staff s join staff_roles r on r.staff_id = s.id where r.role = 'wealth_rm' and s.status = 'active' order by s.staff_no limit 1`.execute(handle.db)
  ).rows[0].staff_no;
});
afterAll(async () => dispose?.());

const rid = (seq: number) => {
  const first = `990202198001${String(10 + (seq % 18)).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
  return first + residentIdCheckChar(first);
};

/** Runs an import of `body` the way the command line does, straight from memory. */
async function importCsv(body: Buffer, headers: string[], mapping: Record<string, string>, opts: { mode?: 'all' | 'valid'; bulkThreshold?: number } = {}) {
  const id = await createImport(handle.db, { kind: 'customers', fileName: 'bulk.csv', fileFormat: 'csv', headers, createdBy: null });
  await setFileFacts(handle.db, id, { size: body.length, sha256: null, headers, format: 'csv' });
  await claimRun(handle.db, id, { mode: opts.mode ?? 'all', mapping, staleBefore: new Date() });
  const outcome = await executeImport(handle, {
    id, kind: 'customers', format: 'csv', headers, mapping, mode: opts.mode ?? 'all', scope: { kind: 'bank' }, actor: systemActor('test'),
    // Uneven pieces, so records straddle them.
    openSource: async function* () {
      for (let at = 0; at < body.length; at += 7) yield body.subarray(at, at + 7);
    },
    totalBytes: body.length, bulkThreshold: opts.bulkThreshold,
  });
  return { id, outcome };
}

async function schema() {
  const idx = await sql<{ def: string; valid: boolean; ready: boolean }>`
    select pg_get_indexdef(i.indexrelid) as def, i.indisvalid as valid, i.indisready as ready
    from pg_index i where i.indrelid = 'customers'::regclass order by 1`.execute(handle.db);
  const cons = await sql<{ name: string; def: string; validated: boolean }>`
    select conname as name, pg_get_constraintdef(oid) as def, convalidated as validated from pg_constraint where conrelid = 'customers'::regclass order by 1`.execute(handle.db);
  return { indexes: idx.rows, constraints: cons.rows };
}

const HEAD = ['客户号', '姓名', '身份证号', '开户网点', '客户经理工号'];
const MAP = { customerNo: '客户号', name: '姓名', residentId: '身份证号', branchCode: '开户网点', rmStaffNo: '客户经理工号' };
const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n');
const count = async (q: ReturnType<typeof sql>) => Number((await sql<{ n: string }>`select count(*) as n from (${q}) q`.execute(handle.db)).rows[0].n);

describe('first load (indexes rebuilt at the end)', () => {
  it('leaves every index and constraint of customers as it was, valid and enforced', async () => {
    const before = await schema();
    expect(before.indexes.length).toBeGreaterThan(5);
    const rows = [HEAD, ...Array.from({ length: 30 }, (_, i) => [`BULK${i}`, `批量${i}号`, rid(i), branch, i % 3 === 0 ? rmNo : ''])];
    const { outcome } = await importCsv(csv(rows), HEAD, MAP, { bulkThreshold: 1 });
    expect(outcome).toMatchObject({ status: 'committed', inserted: 30, updated: 0 });
    const after = await schema();
    expect(after).toEqual(before);
    expect(after.indexes.every((i) => i.valid && i.ready)).toBe(true);
    expect(await count(sql`select 1 from customer_rm_history h join customers c on c.id = h.customer_id where c.customer_no like 'BULK%' and h.ended_on is null`)).toBe(10);
    // The rebuilt unique index refuses a second BULK0, and the search index finds the new names.
    await expect(sql`insert into customers (customer_no, name, branch_id, tier_code) select 'BULK0', 'x', branch_id, tier_code from customers limit 1`.execute(handle.db)).rejects.toThrow();
    expect(await count(sql`select 1 from customers where name_bigrams @> array['批量']`)).toBeGreaterThanOrEqual(30);
  });

  it('rebuilds the indexes only for that many new customers: never for a re-import or a delta of customers already there', async () => {
    const rebuilt = async (id: number) => {
      const r = await sql<{ detail: { rebuiltIndexes?: boolean } }>`
        select detail from audit_log where action = 'customers.import' and entity_type = 'customer_import' and entity_id = ${String(id)}`.execute(handle.db);
      expect(r.rows).toHaveLength(1);
      return r.rows[0].detail.rebuiltIndexes;
    };
    const row = (i: number) => [`DELTA${i}`, `增量${i}号`, rid(400 + i), branch, ''];
    const first = await importCsv(csv([HEAD, ...Array.from({ length: 30 }, (_, i) => row(i))]), HEAD, MAP, { bulkThreshold: 20 });
    expect(first.outcome).toMatchObject({ status: 'committed', inserted: 30 });
    expect(await rebuilt(first.id)).toBe(true);
    // The same 30 again, and then 30 known with 10 new: each file is above the threshold, its new customers are not.
    const again = await importCsv(csv([HEAD, ...Array.from({ length: 30 }, (_, i) => row(i))]), HEAD, MAP, { bulkThreshold: 20 });
    expect(again.outcome).toMatchObject({ status: 'committed', inserted: 0, updated: 0, unchanged: 30 });
    expect(await rebuilt(again.id)).toBe(false);
    const delta = await importCsv(csv([HEAD, ...Array.from({ length: 40 }, (_, i) => row(i))]), HEAD, MAP, { bulkThreshold: 20 });
    expect(delta.outcome).toMatchObject({ status: 'committed', inserted: 10, unchanged: 30 });
    expect(await rebuilt(delta.id)).toBe(false);
  });

  it('a failure in the middle of a first load leaves the customers and every index as before', async () => {
    const before = await schema();
    const total = await count(sql`select 1 from customers`);
    await sql`alter table customers add constraint import_bulk_crash check (name <> '故障')`.execute(handle.db);
    try {
      const rows = [HEAD, ['BULKX1', '正常', rid(101), branch, ''], ['BULKX2', '故障', rid(102), branch, '']];
      const { id, outcome } = await importCsv(csv(rows), HEAD, MAP, { bulkThreshold: 1 });
      expect(outcome).toMatchObject({ status: 'failed', failure: { code: 'DB_23514' } });
      expect(await count(sql`select 1 from customers`)).toBe(total);
      expect(await count(sql`select 1 from pg_class where relname = ${`customer_import_raw_${id}`}`)).toBe(0);
    } finally {
      await sql`alter table customers drop constraint import_bulk_crash`.execute(handle.db);
    }
    expect(await schema()).toEqual(before);
  });
});

describe('csv staging', () => {
  it('takes quoted commas and line breaks, a byte-order mark and tab-separated files as they are', async () => {
    const tsv = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`${HEAD.join('\t')}\r\nCSVA\t"欧阳\n小明"\t${rid(201)}\t${branch}\t\r\nCSVB\t 林,一 \t${rid(202)}\t${branch}\t${rmNo}\r\n`),
    ]);
    const { outcome } = await importCsv(tsv, HEAD, MAP);
    expect(outcome).toMatchObject({ status: 'committed', inserted: 2, totalRows: 2 });
    const names = await sql<{ customer_no: string; name: string }>`select customer_no, name from customers where customer_no in ('CSVA', 'CSVB') order by 1`.execute(handle.db);
    expect(names.rows).toEqual([
      { customer_no: 'CSVA', name: '欧阳\n小明' },
      { customer_no: 'CSVB', name: '林,一' },
    ]);
  });

  it('a file COPY refuses (a blank line, a row with an extra cell) is read row by row, with the same row numbers', async () => {
    const body = Buffer.from(`${HEAD.join(',')}\r\nRAGA,甲,${rid(301)},${branch},\r\n\r\nRAGB,乙,${rid(302)},NOPE,,extra\r\nRAGC,丙,${rid(303)},${branch},\r\n`);
    const { id, outcome } = await importCsv(body, HEAD, MAP, { mode: 'valid' });
    expect(outcome).toMatchObject({ status: 'committed', totalRows: 3, errorRows: 1, inserted: 2 });
    const errs = await sql<{ row_no: number; code: string }>`select row_no, code from customer_import_errors where import_id = ${id}`.execute(handle.db);
    expect(errs.rows.map((e) => ({ row: Number(e.row_no), code: e.code }))).toEqual([{ row: 4, code: 'unknown_branch' }]);
  });
});

describe('name_bigrams', () => {
  it('the short-name shortcut gives exactly what the general form gives', async () => {
    const names = ['王明', '王晓明', '王王王', '明明', 'AbA', 'abc', 'cba', 'Ab', 'ÀÉ', '欧阳小明', 'Smith Jones', '王', '', '王晓王', '晓王晓'];
    const r = await sql<{ t: string; fast: string[]; any: string[] }>`
      select t, name_bigrams(t) as fast, name_bigrams_any(t) as any from unnest(${names}::text[]) as t`.execute(handle.db);
    expect(r.rows).toHaveLength(names.length);
    for (const row of r.rows) expect(row.fast, row.t).toEqual(row.any);
    const n = await sql<{ fast: string[]; any: string[] }>`select name_bigrams(null) as fast, name_bigrams_any(null) as any`.execute(handle.db);
    expect(n.rows[0].fast).toEqual(n.rows[0].any);
  });
});
