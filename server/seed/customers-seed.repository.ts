// Bulk SQL of the demo customers: one `insert … select from unnest(arrays)` per table and chunk,
// inside the caller's transaction. Column arrays keep a statement to a handful of parameters
// whatever the row count, which is what makes it fast on PGlite and PostgreSQL alike.
import { sql, type DbOrTrx } from '../platform/db';
import type { TierBasis, TierRule } from './customers-balances.seed';
import type { SeedTier } from './customers-text.seed';
import type { SeedCustomer } from './customers-types.seed';

/** Rows per statement for the child tables (the customer chunk itself is the generator's). */
const ROWS_PER_STATEMENT = 20_000;

type PgType = 'bigint' | 'int' | 'text' | 'date' | 'numeric' | 'boolean' | 'timestamptz' | 'jsonb';
type Column = readonly [name: string, type: PgType];

// A column travels as one text parameter, its values joined by a separator and split by
// string_to_array on the server: drivers then pass one string instead of serialising an array
// element by element. Generated values never contain these control characters.
const SEP = '\x1f';
const NUL = '\x01';
type Cell = string | number | boolean | null;

/** Column-major buffers, one array per column, values already in text form. */
function columnsOf(n: number): string[][] {
  return Array.from({ length: n }, () => []);
}

function push(cols: string[][], values: readonly Cell[]): void {
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    cols[k].push(v === null ? NUL : typeof v === 'string' ? v : String(v));
  }
}

/**
 * The column's values as an array expression. A trailing separator and a slice keep a lone empty
 * string an element (string_to_array('') is an empty array).
 */
function arrayParam(values: string[], type: PgType) {
  const cast = sql.raw(type === 'jsonb' ? 'text' : type);
  return sql`(string_to_array(${values.join(SEP) + SEP}::text, E'\\x1f', E'\\x01'))[1:${sql.lit(values.length)}]::${cast}[]`;
}

/** One insert per ROWS_PER_STATEMENT rows; `columns` are column-major, same length. */
async function bulkInsert(db: DbOrTrx, table: string, spec: readonly Column[], columns: string[][]): Promise<void> {
  const total = columns[0]?.length ?? 0;
  const names = sql.raw(spec.map(([n]) => n).join(', '));
  // jsonb travels as text and is cast per value.
  const select = sql.raw(spec.map(([n, type]) => (type === 'jsonb' ? `${n}::jsonb` : n)).join(', '));
  for (let start = 0; start < total; start += ROWS_PER_STATEMENT) {
    const end = Math.min(total, start + ROWS_PER_STATEMENT);
    const args = spec.map(([, type], k) => arrayParam(columns[k].slice(start, end), type));
    await sql`insert into ${sql.table(table)} (${names}) select ${select} from unnest(${sql.join(args)}) as u(${names})`.execute(db);
  }
}

/** Integer cents as numeric text ('1234.05'); exact for any amount a bank holds. */
export function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const a = Math.abs(cents);
  const frac = a % 100;
  return `${sign}${(a - frac) / 100}.${frac < 10 ? '0' : ''}${frac}`;
}
const optionalMoney = (cents: number | null) => (cents === null ? null : money(cents));

/** Puts in the demo tiers that are missing; a bank's own tier table is left as it is. */
export async function ensureTiers(db: DbOrTrx, tiers: readonly SeedTier[]): Promise<void> {
  await db
    .insertInto('tiers')
    .values(tiers.map((t) => ({ code: t.code, name_zh: t.nameZh, name_en: t.nameEn, rank: t.rank, min_aum: money(t.minAum * 100), color: t.color })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export type CustomerReference = {
  tiers: TierRule[];
  basis: TierBasis;
  privilegeCodes: string[];
  branchIds: Map<string, number>;
  staffIds: Map<string, number>;
};

export async function loadCustomerReference(db: DbOrTrx): Promise<CustomerReference> {
  const tiers = await db.selectFrom('tiers').select(['code', 'rank', 'min_aum']).orderBy('rank').execute();
  const settings = await db.selectFrom('tier_settings').select('basis').executeTakeFirst();
  const privileges = await db.selectFrom('privileges').select('code').where('active', '=', true).execute();
  const branches = await db.selectFrom('branches').select(['id', 'code']).execute();
  const staff = await db.selectFrom('staff').select(['id', 'staff_no']).execute();
  return {
    tiers: tiers.map((t) => ({ code: t.code, rank: t.rank, minAumCents: Math.round(Number(t.min_aum) * 100) })),
    basis: (settings?.basis ?? 'max_m1_m3') as TierBasis,
    privilegeCodes: privileges.map((p) => p.code),
    branchIds: new Map(branches.map((b) => [b.code, b.id])),
    staffIds: new Map(staff.map((s) => [s.staff_no, s.id])),
  };
}

export type CustomerCounts = {
  customers: number;
  holdings: number;
  monthlyBalances: number;
  dailyBalances: number;
  tierHistory: number;
  rmHistory: number;
  needs: number;
  questions: number;
  riskAssessments: number;
  privilegeUses: number;
  customerEvents: number;
};

export function emptyCustomerCounts(): CustomerCounts {
  return {
    customers: 0, holdings: 0, monthlyBalances: 0, dailyBalances: 0, tierHistory: 0, rmHistory: 0, needs: 0,
    questions: 0, riskAssessments: 0, privilegeUses: 0, customerEvents: 0,
  };
}

const CUSTOMER_COLUMNS: readonly Column[] = [
  ['customer_no', 'text'], ['name', 'text'], ['gender', 'text'], ['birth_date', 'date'], ['resident_id', 'text'], ['mobile', 'text'],
  ['address', 'text'], ['occupation', 'text'], ['employer', 'text'], ['branch_id', 'bigint'], ['rm_staff_id', 'bigint'],
  ['marketing_staff_id', 'bigint'], ['status', 'text'], ['onboarded_on', 'date'], ['tier_code', 'text'], ['tier_since', 'date'],
  ['risk_level', 'text'], ['risk_assessed_on', 'date'], ['temperament', 'text'], ['consent_phone', 'boolean'], ['consent_sms', 'boolean'],
  ['consent_email', 'boolean'], ['consent_wechat', 'boolean'], ['preferred_channel', 'text'], ['preferred_contact_time', 'text'],
  ['family_notes', 'text'], ['aum', 'numeric'], ['aum_m1', 'numeric'], ['aum_m3', 'numeric'], ['aum_m6', 'numeric'],
];

/** Writes one chunk of customers and everything they own; returns what it wrote. */
export async function insertCustomerChunk(db: DbOrTrx, chunk: readonly SeedCustomer[], ref: CustomerReference): Promise<CustomerCounts> {
  const need = (map: Map<string, number>, key: string) => {
    const v = map.get(key);
    if (v === undefined) throw new Error(`seed: unresolved reference ${key}`);
    return v;
  };
  const staff = (no: string | null) => (no === null ? null : need(ref.staffIds, no));

  const cust = columnsOf(CUSTOMER_COLUMNS.length);
  for (const c of chunk) {
    push(cust, [
      c.customerNo, c.name, c.gender, c.birthDate, c.residentId, c.mobile, c.address, c.occupation, c.employer,
      need(ref.branchIds, c.branchCode), staff(c.rmStaffNo), staff(c.marketingStaffNo), c.status, c.onboardedOn, c.tierCode,
      c.tierSince, c.riskLevel, c.riskAssessedOn, c.temperament, c.consentPhone, c.consentSms, c.consentEmail, c.consentWechat,
      c.preferredChannel, c.preferredContactTime, c.familyNotes, money(c.aum), money(c.aumM1), money(c.aumM3), money(c.aumM6),
    ]);
  }
  const names = sql.raw(CUSTOMER_COLUMNS.map(([n]) => n).join(', '));
  const args = CUSTOMER_COLUMNS.map(([, type], k) => arrayParam(cust[k], type));
  const inserted = await sql<{ id: number; customer_no: string }>`
    insert into customers (${names}) select * from unnest(${sql.join(args)}) returning id, customer_no`.execute(db);
  const ids = new Map(inserted.rows.map((r) => [r.customer_no, Number(r.id)]));

  const holdings = columnsOf(9);
  const monthly = columnsOf(5);
  const daily = columnsOf(3);
  const tierHistory = columnsOf(7);
  const rmHistory = columnsOf(6);
  const needs = columnsOf(8);
  const questions = columnsOf(6);
  const risk = columnsOf(5);
  const uses = columnsOf(11);
  const events = columnsOf(6);
  for (const c of chunk) {
    const id = need(ids, c.customerNo);
    const branchId = need(ref.branchIds, c.branchCode);
    for (const h of c.holdings) push(holdings, [id, h.category, h.productCode, h.productName, h.accountNo, h.cardNo, money(h.balance), h.openedOn, h.maturesOn]);
    for (const m of c.monthly) push(monthly, [id, m.month, money(m.avgAum), money(m.endAum), money(m.contribution)]);
    for (const d of c.daily) push(daily, [id, d.day, money(d.aum)]);
    for (const t of c.tierHistory) push(tierHistory, [id, t.fromCode, t.toCode, t.changedOn, t.reason, optionalMoney(t.basisAum), optionalMoney(t.threshold)]);
    for (const r of c.rmHistory) push(rmHistory, [id, staff(r.staffNo), r.assignedOn, r.endedOn, r.reason, staff(r.assignedByStaffNo)]);
    for (const n of c.needs) push(needs, [id, n.kind, n.category, n.description, staff(n.recordedByStaffNo), n.recordedAt, n.met, n.metAt]);
    for (const q of c.questions) push(questions, [id, q.question, staff(q.createdByStaffNo), q.createdAt, q.askedAt, q.answer]);
    for (const r of c.riskAssessments) push(risk, [id, r.level, r.assessedOn, r.validUntil, staff(r.assessedByStaffNo)]);
    for (const u of c.privilegeUses) {
      push(uses, [id, u.privilegeCode, u.year, u.status, u.serviceDate, u.tierCode, branchId, staff(u.recordedByStaffNo), u.note, u.createdAt, u.cancelledAt]);
    }
    for (const e of c.events) push(events, [id, e.at, e.kind, e.title, JSON.stringify(e.detail), staff(e.staffNo)]);
  }

  await bulkInsert(db, 'holdings', [
    ['customer_id', 'bigint'], ['category', 'text'], ['product_code', 'text'], ['product_name', 'text'], ['account_no', 'text'],
    ['card_no', 'text'], ['balance', 'numeric'], ['opened_on', 'date'], ['matures_on', 'date'],
  ], holdings);
  await bulkInsert(db, 'monthly_balances', [['customer_id', 'bigint'], ['month', 'date'], ['avg_aum', 'numeric'], ['end_aum', 'numeric'], ['contribution', 'numeric']], monthly);
  await bulkInsert(db, 'daily_balances', [['customer_id', 'bigint'], ['day', 'date'], ['aum', 'numeric']], daily);
  await bulkInsert(db, 'tier_history', [
    ['customer_id', 'bigint'], ['from_code', 'text'], ['to_code', 'text'], ['changed_on', 'date'], ['reason', 'text'], ['basis_aum', 'numeric'], ['threshold', 'numeric'],
  ], tierHistory);
  await bulkInsert(db, 'customer_rm_history', [
    ['customer_id', 'bigint'], ['staff_id', 'bigint'], ['assigned_on', 'date'], ['ended_on', 'date'], ['reason', 'text'], ['assigned_by', 'bigint'],
  ], rmHistory);
  await bulkInsert(db, 'customer_needs', [
    ['customer_id', 'bigint'], ['kind', 'text'], ['category', 'text'], ['description', 'text'], ['recorded_by', 'bigint'],
    ['recorded_at', 'timestamptz'], ['met', 'boolean'], ['met_at', 'timestamptz'],
  ], needs);
  await bulkInsert(db, 'customer_questions', [
    ['customer_id', 'bigint'], ['question', 'text'], ['created_by', 'bigint'], ['created_at', 'timestamptz'], ['asked_at', 'timestamptz'], ['answer', 'text'],
  ], questions);
  await bulkInsert(db, 'risk_assessments', [
    ['customer_id', 'bigint'], ['level', 'text'], ['assessed_on', 'date'], ['valid_until', 'date'], ['assessed_by', 'bigint'],
  ], risk);
  const privilegeUses = await insertPrivilegeUses(db, uses);
  await bulkInsert(db, 'customer_events', [
    ['customer_id', 'bigint'], ['at', 'timestamptz'], ['kind', 'text'], ['title', 'text'], ['detail', 'jsonb'], ['staff_id', 'bigint'],
  ], events);

  return {
    customers: chunk.length, holdings: holdings[0].length, monthlyBalances: monthly[0].length, dailyBalances: daily[0].length,
    tierHistory: tierHistory[0].length, rmHistory: rmHistory[0].length, needs: needs[0].length, questions: questions[0].length,
    riskAssessments: risk[0].length, privilegeUses, customerEvents: events[0].length,
  };
}

/**
 * Service uses go in only for services the catalogue has, and, where head office has set quotas for
 * a service, only for tiers entitled to it and within the yearly quota (cancellations do not count).
 * The unit cost comes from the catalogue.
 */
async function insertPrivilegeUses(db: DbOrTrx, cols: string[][]): Promise<number> {
  let written = 0;
  const total = cols[0].length;
  const types: PgType[] = ['bigint', 'text', 'int', 'text', 'date', 'text', 'bigint', 'bigint', 'text', 'timestamptz', 'timestamptz'];
  for (let start = 0; start < total; start += ROWS_PER_STATEMENT) {
    const a = cols.map((c, k) => arrayParam(c.slice(start, start + ROWS_PER_STATEMENT), types[k]));
    const res = await sql`
      insert into privilege_uses (customer_id, privilege_code, year, status, service_date, tier_code, branch_id, recorded_by, cost, note, created_at, cancelled_at)
      select u.customer_id, u.privilege_code, u.year, u.status, u.service_date, u.tier_code, u.branch_id, u.recorded_by,
             case when u.status = 'used' then p.unit_cost else 0 end, u.note, u.created_at, u.cancelled_at
      from (
        select x.*, row_number() over (partition by x.customer_id, x.privilege_code, x.year, x.status = 'cancelled' order by x.service_date) as n
        from unnest(${sql.join(a)})
          as x(customer_id, privilege_code, year, status, service_date, tier_code, branch_id, recorded_by, note, created_at, cancelled_at)
      ) u
      join privileges p on p.code = u.privilege_code
      left join privilege_quotas q on q.privilege_code = u.privilege_code and q.tier_code = u.tier_code
      where not exists (select 1 from privilege_quotas any_q where any_q.privilege_code = u.privilege_code)
         or (q.per_year > 0 and (u.status = 'cancelled' or u.n <= q.per_year))`.execute(db);
    written += Number(res.numAffectedRows ?? 0);
  }
  return written;
}

export const CUSTOMER_TABLES = [
  'customers', 'holdings', 'monthly_balances', 'daily_balances', 'tier_history', 'customer_rm_history', 'customer_needs',
  'customer_questions', 'risk_assessments', 'privilege_uses', 'customer_events',
] as const;

/**
 * Drops the tables' secondary indexes (not those behind a primary key or unique constraint) and
 * returns their definitions. Building an index once over loaded rows is many times faster than
 * maintaining it row by row (a trigram GIN index above all); inside the seed's transaction nobody
 * sees the tables without them, and a failure rolls the drop back with everything else.
 */
export async function suspendIndexes(db: DbOrTrx, tables: readonly string[]): Promise<string[]> {
  const rows = await sql<{ name: string; def: string }>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i
    where i.indrelid = any(${tables.map((t) => t)}::regclass[])
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
    order by i.indexrelid`.execute(db);
  for (const r of rows.rows) await sql`drop index ${sql.raw(r.name)}`.execute(db);
  return rows.rows.map((r) => r.def);
}

/**
 * Bulk-load settings for the rest of the transaction, when the role may set them (superuser, as on
 * the embedded database) and no table being loaded has a trigger of its own:
 * - session_replication_role = replica skips the internal foreign-key triggers, as pg_restore
 *   --disable-triggers does; the generator resolves every reference from rows just written, and the
 *   seed tests check that no reference dangles;
 * - wal_init_zero = off creates each new WAL segment with one write instead of zero-filling it
 *   (in the embedded database's in-memory file system, zero-filling re-grows the file many times).
 * Returns whether it applied them; endBulkLoad turns the trigger checks back on.
 */
export async function beginBulkLoad(db: DbOrTrx, tables: readonly string[]): Promise<boolean> {
  const r = await sql<{ superuser: boolean; triggers: number }>`
    select (select rolsuper from pg_roles where rolname = current_user) as superuser,
           (select count(*)::int from pg_trigger where not tgisinternal and tgrelid = any(${[...tables]}::regclass[])) as triggers`.execute(db);
  const row = r.rows[0];
  if (!row?.superuser || row.triggers > 0) return false;
  await sql`set local session_replication_role = replica`.execute(db);
  await sql`set local wal_init_zero = off`.execute(db);
  return true;
}

export async function endBulkLoad(db: DbOrTrx): Promise<void> {
  await sql`set local session_replication_role = origin`.execute(db);
}

/** Recreates what suspendIndexes dropped, with the very same definitions. */
export async function restoreIndexes(db: DbOrTrx, definitions: readonly string[]): Promise<void> {
  for (const def of definitions) await sql.raw(def).execute(db);
}

/** Fresh planner statistics after a bulk load, so the first queries do not plan on empty tables. */
export async function analyzeCustomerTables(db: DbOrTrx): Promise<void> {
  await sql.raw(`analyze ${CUSTOMER_TABLES.join(', ')}`).execute(db);
}
