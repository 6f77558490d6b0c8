// Bulk SQL of the demo customers: one `insert … select from unnest(arrays)` per table and chunk,
// inside the caller's transaction. A statement has one parameter per column whatever its row
// count (up to 20,000 rows), which is what makes it fast on PGlite and PostgreSQL alike
// (~100k rows/s on PGlite here, against ~45k for multi-row VALUES).
import { sql, type DbOrTrx } from '../platform/db';
import type { TierBasis, TierRule } from './customers-balances.seed';
import type { SeedPrivilege, SeedTier } from './customers-text.seed';
import type { SeedCustomer } from './customers-types.seed';

/** Rows per statement for the child tables (the customer chunk itself is the generator's). */
const ROWS_PER_STATEMENT = 20_000;

type PgType = 'bigint' | 'int' | 'text' | 'date' | 'numeric' | 'boolean' | 'timestamptz' | 'jsonb';
type Column = readonly [name: string, type: PgType];

// A column travels as one text parameter, its values each followed by a separator and split by
// string_to_array on the server: drivers then pass one string instead of serialising an array
// element by element. Generated values never contain these control characters.
const SEP = '\x1f';
const NUL = '\x01';
type Cell = string | number | boolean | null;
type Statement = (table: string, names: ReturnType<typeof sql.raw>, args: ReturnType<typeof sql>[]) => ReturnType<typeof sql>;

/** `insert into t (cols) select cols from unnest(arrays)`, jsonb cast per value. */
const plainInsert = (spec: readonly Column[]): Statement => (table, names, args) => {
  const select = sql.raw(spec.map(([n, type]) => (type === 'jsonb' ? `${n}::jsonb` : n)).join(', '));
  return sql`insert into ${sql.table(table)} (${names}) select ${select} from unnest(${sql.join(args)}) as u(${names})`;
};

/**
 * Rows of one table collected column by column as separator-joined text, written every
 * ROWS_PER_STATEMENT rows and at the end; keeps what the statements return. The trailing separator
 * and a slice keep a lone empty string an element (string_to_array('') is an empty array).
 */
class TableBuffer<R = unknown> {
  private cols: string[];
  private rows = 0;
  written = 0;
  readonly returned: R[] = [];

  constructor(
    private readonly table: string,
    private readonly spec: readonly Column[],
    private readonly statement: Statement = plainInsert(spec),
  ) {
    this.cols = spec.map(() => '');
  }

  /** Adds a row; true when the buffer is full and wants a flush. */
  add(values: readonly Cell[]): boolean {
    for (let k = 0; k < values.length; k++) {
      const v = values[k];
      this.cols[k] += (v === null ? NUL : typeof v === 'string' ? v : String(v)) + SEP;
    }
    return ++this.rows >= ROWS_PER_STATEMENT;
  }

  async flush(db: DbOrTrx): Promise<void> {
    if (this.rows === 0) return;
    const n = sql.lit(this.rows);
    const args = this.spec.map(([, type], k) => sql`(string_to_array(${this.cols[k]}::text, E'\\x1f', E'\\x01'))[1:${n}]::${sql.raw(type === 'jsonb' ? 'text' : type)}[]`);
    const res = await this.statement(this.table, sql.raw(this.spec.map(([c]) => c).join(', ')), args).execute(db);
    this.written += Number(res.numAffectedRows ?? 0);
    this.returned.push(...(res.rows as R[]));
    this.cols = this.spec.map(() => '');
    this.rows = 0;
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
  privileges: SeedPrivilege[];
  branchIds: Map<string, number>;
  staffIds: Map<string, number>;
};

export async function loadCustomerReference(db: DbOrTrx): Promise<CustomerReference> {
  const tiers = await db.selectFrom('tiers').select(['code', 'rank', 'min_aum']).orderBy('rank').execute();
  const settings = await db.selectFrom('tier_settings').select('basis').executeTakeFirst();
  const privileges = await db.selectFrom('privileges').select(['code', 'name_zh', 'name_en']).where('active', '=', true).execute();
  const quotas = await db.selectFrom('privilege_quotas').select(['privilege_code', 'tier_code', 'per_year']).execute();
  const branches = await db.selectFrom('branches').select(['id', 'code']).execute();
  const staff = await db.selectFrom('staff').select(['id', 'staff_no']).execute();
  return {
    tiers: tiers.map((t) => ({ code: t.code, rank: t.rank, minAumCents: Math.round(Number(t.min_aum) * 100) })),
    basis: (settings?.basis ?? 'max_m1_m3') as TierBasis,
    // A service without quota rows has no quotas set; with some, a missing tier has none.
    privileges: privileges.map((p) => {
      const own = quotas.filter((q) => q.privilege_code === p.code);
      return { code: p.code, nameZh: p.name_zh, nameEn: p.name_en, perYear: own.length > 0 ? Object.fromEntries(own.map((q) => [q.tier_code, q.per_year])) : null };
    }),
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

const CHILD_TABLES = {
  holdings: [
    ['customer_id', 'bigint'], ['category', 'text'], ['product_code', 'text'], ['product_name', 'text'], ['account_no', 'text'],
    ['card_no', 'text'], ['balance', 'numeric'], ['opened_on', 'date'], ['matures_on', 'date'],
  ],
  monthly_balances: [['customer_id', 'bigint'], ['month', 'date'], ['avg_aum', 'numeric'], ['end_aum', 'numeric'], ['contribution', 'numeric']],
  daily_balances: [['customer_id', 'bigint'], ['day', 'date'], ['aum', 'numeric']],
  tier_history: [
    ['customer_id', 'bigint'], ['from_code', 'text'], ['to_code', 'text'], ['changed_on', 'date'], ['reason', 'text'], ['basis_aum', 'numeric'], ['threshold', 'numeric'],
  ],
  customer_rm_history: [
    ['customer_id', 'bigint'], ['staff_id', 'bigint'], ['assigned_on', 'date'], ['ended_on', 'date'], ['reason', 'text'], ['assigned_by', 'bigint'],
  ],
  customer_needs: [
    ['customer_id', 'bigint'], ['kind', 'text'], ['category', 'text'], ['description', 'text'], ['recorded_by', 'bigint'],
    ['recorded_at', 'timestamptz'], ['met', 'boolean'], ['met_at', 'timestamptz'],
  ],
  customer_questions: [
    ['customer_id', 'bigint'], ['question', 'text'], ['created_by', 'bigint'], ['created_at', 'timestamptz'], ['asked_at', 'timestamptz'], ['answer', 'text'],
  ],
  risk_assessments: [['customer_id', 'bigint'], ['level', 'text'], ['assessed_on', 'date'], ['valid_until', 'date'], ['assessed_by', 'bigint']],
  privilege_uses: [
    ['customer_id', 'bigint'], ['privilege_code', 'text'], ['year', 'int'], ['status', 'text'], ['service_date', 'date'], ['tier_code', 'text'],
    ['branch_id', 'bigint'], ['recorded_by', 'bigint'], ['note', 'text'], ['created_at', 'timestamptz'], ['cancelled_at', 'timestamptz'],
  ],
  customer_events: [
    ['customer_id', 'bigint'], ['at', 'timestamptz'], ['kind', 'text'], ['title', 'text'], ['detail', 'jsonb'], ['staff_id', 'bigint'], ['ref_type', 'text'],
  ],
} as const satisfies Record<string, readonly Column[]>;

/**
 * Service uses go in only for services the catalogue has, and, where head office has set quotas for
 * a service, only for tiers entitled to it and within the yearly quota (cancellations do not count);
 * the generator already keeps to them, this is the database's word. The unit cost comes from the
 * catalogue.
 */
const privilegeInsert: Statement = (_table, names, args) => sql`
  insert into privilege_uses (customer_id, privilege_code, year, status, service_date, tier_code, branch_id, recorded_by, cost, note, created_at, cancelled_at)
  select u.customer_id, u.privilege_code, u.year, u.status, u.service_date, u.tier_code, u.branch_id, u.recorded_by,
         case when u.status = 'used' then p.unit_cost else 0 end, u.note, u.created_at, u.cancelled_at
  from (
    select x.*, row_number() over (partition by x.customer_id, x.privilege_code, x.year, x.status = 'cancelled' order by x.service_date) as n
    from unnest(${sql.join(args)}) as x(${names})
  ) u
  join privileges p on p.code = u.privilege_code
  left join privilege_quotas q on q.privilege_code = u.privilege_code and q.tier_code = u.tier_code
  where not exists (select 1 from privilege_quotas any_q where any_q.privilege_code = u.privilege_code)
     or (q.per_year > 0 and (u.status = 'cancelled' or u.n <= q.per_year))`;

/** Writes one chunk of customers and everything they own; returns what it wrote. */
export async function insertCustomerChunk(db: DbOrTrx, chunk: readonly SeedCustomer[], ref: CustomerReference): Promise<CustomerCounts> {
  const need = (map: Map<string, number>, key: string) => {
    const v = map.get(key);
    if (v === undefined) throw new Error(`seed: unresolved reference ${key}`);
    return v;
  };
  const staff = (no: string | null) => (no === null ? null : need(ref.staffIds, no));

  // The customers first, for their ids.
  const customers = new TableBuffer<{ id: number; customer_no: string }>('customers', CUSTOMER_COLUMNS, (table, names, args) => sql`
    insert into ${sql.table(table)} (${names}) select * from unnest(${sql.join(args)}) returning id, customer_no`);
  for (const c of chunk) {
    if (customers.add([
      c.customerNo, c.name, c.gender, c.birthDate, c.residentId, c.mobile, c.address, c.occupation, c.employer,
      need(ref.branchIds, c.branchCode), staff(c.rmStaffNo), staff(c.marketingStaffNo), c.status, c.onboardedOn, c.tierCode,
      c.tierSince, c.riskLevel, c.riskAssessedOn, c.temperament, c.consentPhone, c.consentSms, c.consentEmail, c.consentWechat,
      c.preferredChannel, c.preferredContactTime, c.familyNotes, money(c.aum), money(c.aumM1), money(c.aumM3), money(c.aumM6),
    ])) await customers.flush(db);
  }
  await customers.flush(db);
  const ids = new Map(customers.returned.map((r) => [r.customer_no, Number(r.id)]));

  const t = {
    holdings: new TableBuffer('holdings', CHILD_TABLES.holdings),
    monthly: new TableBuffer('monthly_balances', CHILD_TABLES.monthly_balances),
    daily: new TableBuffer('daily_balances', CHILD_TABLES.daily_balances),
    tierHistory: new TableBuffer('tier_history', CHILD_TABLES.tier_history),
    rmHistory: new TableBuffer('customer_rm_history', CHILD_TABLES.customer_rm_history),
    needs: new TableBuffer('customer_needs', CHILD_TABLES.customer_needs),
    questions: new TableBuffer('customer_questions', CHILD_TABLES.customer_questions),
    risk: new TableBuffer('risk_assessments', CHILD_TABLES.risk_assessments),
    uses: new TableBuffer('privilege_uses', CHILD_TABLES.privilege_uses, privilegeInsert),
    events: new TableBuffer('customer_events', CHILD_TABLES.customer_events),
  };
  // A buffer that fills up mid-chunk is written there (add is synchronous: no await per row).
  for (const c of chunk) {
    const id = need(ids, c.customerNo);
    const branchId = need(ref.branchIds, c.branchCode);
    for (const h of c.holdings) {
      if (t.holdings.add([id, h.category, h.productCode, h.productName, h.accountNo, h.cardNo, money(h.balance), h.openedOn, h.maturesOn])) await t.holdings.flush(db);
    }
    for (const m of c.monthly) {
      if (t.monthly.add([id, m.month, money(m.avgAum), money(m.endAum), money(m.contribution)])) await t.monthly.flush(db);
    }
    for (const d of c.daily) {
      if (t.daily.add([id, d.day, money(d.aum)])) await t.daily.flush(db);
    }
    for (const h of c.tierHistory) {
      if (t.tierHistory.add([id, h.fromCode, h.toCode, h.changedOn, h.reason, optionalMoney(h.basisAum), optionalMoney(h.threshold)])) await t.tierHistory.flush(db);
    }
    for (const r of c.rmHistory) {
      if (t.rmHistory.add([id, staff(r.staffNo), r.assignedOn, r.endedOn, r.reason, staff(r.assignedByStaffNo)])) await t.rmHistory.flush(db);
    }
    for (const n of c.needs) {
      if (t.needs.add([id, n.kind, n.category, n.description, staff(n.recordedByStaffNo), n.recordedAt, n.met, n.metAt])) await t.needs.flush(db);
    }
    for (const q of c.questions) {
      if (t.questions.add([id, q.question, staff(q.createdByStaffNo), q.createdAt, q.askedAt, q.answer])) await t.questions.flush(db);
    }
    for (const r of c.riskAssessments) {
      if (t.risk.add([id, r.level, r.assessedOn, r.validUntil, staff(r.assessedByStaffNo)])) await t.risk.flush(db);
    }
    for (const u of c.privilegeUses) {
      const row = [id, u.privilegeCode, u.year, u.status, u.serviceDate, u.tierCode, branchId, staff(u.recordedByStaffNo), u.note, u.createdAt, u.cancelledAt];
      if (t.uses.add(row)) await t.uses.flush(db);
    }
    for (const e of c.events) {
      if (t.events.add([id, e.at, e.kind, e.title, JSON.stringify(e.detail), staff(e.staffNo), e.refType])) await t.events.flush(db);
    }
  }
  for (const b of Object.values(t)) await b.flush(db);
  return {
    customers: customers.written, holdings: t.holdings.written, monthlyBalances: t.monthly.written, dailyBalances: t.daily.written,
    tierHistory: t.tierHistory.written, rmHistory: t.rmHistory.written, needs: t.needs.written, questions: t.questions.written,
    riskAssessments: t.risk.written, privilegeUses: t.uses.written, customerEvents: t.events.written,
  };
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
