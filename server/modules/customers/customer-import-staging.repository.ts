// Staging and checks of the customer-data import. The pipeline is set-based: COPY the mapped text
// into an unindexed staging table, check every rule in one INSERT … SELECT per kind (errors by row
// and field into customer_import_errors), then merge the valid rows with one INSERT … ON CONFLICT
// per kind (customer-import-merge.repository.ts). No statement runs per row.
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import { sql, type Db, type DbHandle, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';
import type { CustomerImportKind } from '../../../contracts/customer-import';
import { HOLDING_CATEGORIES, HOLDING_CATEGORY_LABELS } from '../../../contracts/customers';
import { ENUM_WORDS, type EnumWords } from './customer-import';

// ---------------------------------------------------------------- staging

const STAGE: Record<CustomerImportKind, string> = {
  customers: 'customer_import_stage_customers',
  holdings: 'customer_import_stage_holdings',
  balances: 'customer_import_stage_balances',
};

/** Fresh statistics for the planner: without them a just-filled staging table looks empty and gets nested loops. */
export async function analyzeStage(trx: DbOrTrx, kind: CustomerImportKind): Promise<void> {
  await sql`analyze ${sql.table(STAGE[kind])}`.execute(trx);
}

export async function clearRun(db: DbOrTrx, kind: CustomerImportKind, id: number): Promise<void> {
  await sql`delete from ${sql.table(STAGE[kind])} where import_id = ${id}`.execute(db);
  await db.deleteFrom('customer_import_errors').where('import_id', '=', id).execute();
}

/** Staging rows of this import only; an emptied table is truncated, which also gives its space back. */
export async function clearStage(db: Db, kind: CustomerImportKind, id: number): Promise<void> {
  await sql`delete from ${sql.table(STAGE[kind])} where import_id = ${id}`.execute(db);
  await db.transaction().execute(async (trx) => {
    const locked = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(7401004) as ok`.execute(trx);
    if (!locked.rows[0]?.ok) return;
    // Never wait for another import's COPY: if the table is busy it is simply not truncated now.
    await sql`lock table ${sql.table(STAGE[kind])} in access exclusive mode nowait`.execute(trx);
    const any = await sql`select 1 from ${sql.table(STAGE[kind])} limit 1`.execute(trx);
    if (any.rows.length === 0) await sql`truncate ${sql.table(STAGE[kind])}`.execute(trx);
  });
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * Loads staging rows: `chunks` yields COPY text (tab-separated lines of import_id, row_no and the
 * columns, \N for null). PostgreSQL: one streaming COPY FROM STDIN on a pooled connection.
 * PGlite: a COPY FROM '/dev/blob' per chunk, each while holding the app's single connection, so
 * that it never lands inside someone else's transaction.
 */
export async function copyIntoStage(handle: DbHandle, kind: CustomerImportKind, columns: readonly string[], chunks: AsyncIterable<string>): Promise<void> {
  if (!columns.every((c) => IDENT.test(c))) throw new Error('bad staging column');
  const statement = (source: string) => `copy ${STAGE[kind]} (import_id, row_no${columns.map((c) => `, ${c}`).join('')}) from ${source}`;
  if (handle.pool) {
    const client = await handle.pool.connect();
    try {
      await pipeline(Readable.from(chunks), client.query(copyFrom(statement('stdin'))));
    } finally {
      client.release();
    }
    return;
  }
  const pglite = handle.pglite!;
  for await (const chunk of chunks) {
    await handle.db.connection().execute(async () => {
      await pglite.query(statement(`'/dev/blob'`), [], { blob: new Blob([chunk]) });
    });
  }
}

// NUL cannot be stored in a text column: it is dropped.
const NUL = String.fromCharCode(0);
const COPY_SPECIAL = /[\\\t\n\r]/;

/** One value in COPY text format. */
export function copyValue(v: string | null): string {
  if (v === null) return '\\N';
  if (v.includes(NUL)) v = v.split(NUL).join('');
  if (!COPY_SPECIAL.test(v)) return v;
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

// ---------------------------------------------------------------- checks

export type RunContext = {
  id: number;
  /** 'YYYY-MM-DD' in Asia/Shanghai: dates after it are refused. */
  today: string;
  scope: DataScope;
  /** Our fields the mapping fills: only those are written to existing rows. */
  present: ReadonlySet<string>;
};

type Expr = ReturnType<typeof sql>;
/** A merge-ready column of the checked rows. */
type Out = { name: string; type: string; expr: Expr };
/** One rule: a problem code (null when fine), the value the report shows, an extra fact. */
type Check = { field: string; value: Expr; code: Expr; detail?: Expr };

/** The file's coded values are matched in lower case (the file reader has trimmed them). */
function enumCase(e: Expr, words: EnumWords) {
  return sql`case lower(${e}) ${sql.join(words.map((w) => sql`when ${w.word}::text then ${w.code}::text`), sql` `)} end`;
}

function inScope(scope: DataScope, branchAlias: string) {
  switch (scope.kind) {
    case 'bank':
      return sql<boolean>`true`;
    case 'subtree':
      return sql<boolean>`${sql.ref(`${branchAlias}.path`)} like ${`${scope.path}%`}`;
    case 'branch':
      return sql<boolean>`${sql.ref(`${branchAlias}.id`)} = ${scope.branchId}`;
    case 'own':
      return sql<boolean>`false`;
  }
}

const MONEY = '^[0-9]{1,18}([.][0-9]{1,2})?$';
const moneyText = (e: Expr) => sql`replace(replace(${e}, ',', ''), ' ', '')`;
const money = (e: Expr) => sql`case when ${e} ~ ${MONEY} then (${e})::numeric(20,2) end`;

/**
 * The keys that occur more than once in the file, each with its first row: a narrow aggregate
 * joined back by hash, instead of sorting whole rows for a window function.
 */
function repeats(table: string, id: number, key: Expr, where: Expr = sql`true`) {
  return sql`(
    select ${key} as k, min(s.row_no) as first from ${sql.table(table)} s
    where s.import_id = ${id} and ${where}
    group by 1 having count(*) > 1)`;
}

/** A staff number → id, status and the RM roles, for hash joins instead of per-row lookups. */
const STAFF_REF = sql`(
  select s.id, s.staff_no, s.status,
         coalesce(bool_or(r.role = 'wealth_rm'), false) as wealth,
         coalesce(bool_or(r.role = 'marketing_rm'), false) as marketing
  from staff s left join staff_roles r on r.staff_id = s.id
  group by s.id)`;

const futureOrBad = (raw: string, val: string, today: string) =>
  sql`case when ${sql.ref(raw)} is null then null when ${sql.ref(val)} is null then 'date' when ${sql.ref(val)} > ${today}::date then 'future_date' end`;
const enumBad = (raw: string, val: string) => sql`case when ${sql.ref(raw)} is not null and ${sql.ref(val)} is null then 'enum' end`;
const tooLong = (col: string, n: number) => sql`case when char_length(${sql.ref(col)}) > ${n}::int then 'too_long' end`;

/**
 * The one expensive pass: every staging row of the import, normalised, joined to what it refers
 * to and checked, into a temporary table (merge-ready columns, a problem code per rule, `ok`).
 * The problems are then unfolded into customer_import_errors, and the merge reads only `ok` rows,
 * so nothing is normalised twice. Dropped at commit.
 */
async function check(trx: DbOrTrx, id: number, from: Expr, outs: Out[], checks: Check[]): Promise<void> {
  const n = (p: string, i: number) => sql.id(`${p}${i}`);
  const defs = [
    ...outs.map((o) => sql`${sql.id(o.name)} ${sql.raw(o.type)}`),
    ...checks.map((_, i) => sql`${n('c', i)} text, ${n('v', i)} text, ${n('d', i)} text`),
  ];
  await sql`create temp table customer_import_checked (row_no int, ok boolean, ${sql.join(defs)}) on commit drop`.execute(trx);
  const inner = [
    ...outs.map((o) => sql`${o.expr} as ${sql.id(o.name)}`),
    ...checks.map((k, i) => sql`(${k.code})::text as ${n('c', i)}, (${k.value})::text as ${n('v', i)}, (${k.detail ?? sql`null`})::text as ${n('d', i)}`),
  ];
  const fine = sql.join(checks.map((_, i) => sql`y.${n('c', i)} is null`), sql` and `);
  const kept = [
    ...outs.map((o) => sql`y.${sql.id(o.name)}`),
    // The shown value and the detail only matter where there is a problem.
    ...checks.map((_, i) => sql`y.${n('c', i)}, case when y.${n('c', i)} is not null then y.${n('v', i)} end, case when y.${n('c', i)} is not null then y.${n('d', i)} end`),
  ];
  await sql`
    insert into customer_import_checked
    select y.row_no, ${fine}, ${sql.join(kept)}
    from (select x.row_no, ${sql.join(inner)} ${from} offset 0) y`.execute(trx);
  const rows = checks.map((k, i) => sql`(${k.field}::text, y.${n('v', i)}, y.${n('c', i)}, y.${n('d', i)})`);
  await sql`
    insert into customer_import_errors (import_id, row_no, field, value, code, detail)
    select ${id}::bigint, y.row_no, e.field, e.value, e.code, e.detail
    from customer_import_checked y
    cross join lateral (values ${sql.join(rows)}) as e(field, value, code, detail)
    where not y.ok and e.code is not null`.execute(trx);
  await sql`analyze customer_import_checked`.execute(trx);
}

export async function checkCustomers(trx: DbOrTrx, c: RunContext): Promise<void> {
  const scoped = c.scope.kind !== 'bank';
  const from = sql`
    from (
      select s.row_no, s.customer_no, s.name, s.address, s.occupation, s.employer, s.branch_code, s.rm_staff_no, s.marketing_staff_no,
             s.resident_id as rid_raw, upper(s.resident_id) as resident_id,
             resident_id_problem(s.resident_id, ${c.today}::date) as rid_problem,
             s.gender as gender_raw, ${enumCase(sql`s.gender`, ENUM_WORDS.gender)} as gender,
             s.birth_date as birth_raw, import_date(s.birth_date) as birth_date,
             s.mobile as mobile_raw, regexp_replace(regexp_replace(s.mobile, '[\\s-]', '', 'g'), '^[+]?86', '') as mobile,
             s.status as status_raw, ${enumCase(sql`s.status`, ENUM_WORDS.customerStatus)} as status,
             s.onboarded_on as onboarded_raw, import_date(s.onboarded_on) as onboarded_on,
             s.risk_level as risk_raw, ${enumCase(sql`s.risk_level`, ENUM_WORDS.riskLevel)} as risk_level
      from customer_import_stage_customers s
      where s.import_id = ${c.id}
      offset 0
    ) x
    left join ${repeats('customer_import_stage_customers', c.id, sql`s.customer_no`)} dn on dn.k = x.customer_no
    left join ${repeats('customer_import_stage_customers', c.id, sql`upper(s.resident_id)`, sql`s.resident_id is not null`)} dr on dr.k = x.resident_id
    left join branches b on b.code = x.branch_code
    left join ${STAFF_REF} rm on rm.staff_no = x.rm_staff_no
    left join ${STAFF_REF} mk on mk.staff_no = x.marketing_staff_no
    left join customers other on other.resident_id = x.resident_id and other.customer_no <> x.customer_no
    ${scoped ? sql`left join customers cur on cur.customer_no = x.customer_no left join branches cb on cb.id = cur.branch_id` : sql``}`;
  const outOfScope = scoped ? sql`not (${inScope(c.scope, 'b')}) or (cur.id is not null and not (${inScope(c.scope, 'cb')}))` : sql`false`;
  // What a valid resident ID implies when the file gives no gender or birth date.
  const ridOk = sql`x.rid_problem is null and x.resident_id is not null`;
  const outs: Out[] = [
    { name: 'customer_no', type: 'text', expr: sql`x.customer_no` },
    { name: 'name', type: 'text', expr: sql`x.name` },
    { name: 'branch_id', type: 'bigint', expr: sql`b.id` },
    { name: 'resident_id', type: 'text', expr: sql`x.resident_id` },
    { name: 'gender', type: 'text', expr: sql`coalesce(x.gender, case when ${ridOk} then case when ascii(substr(x.resident_id, 17, 1)) % 2 = 1 then 'M' else 'F' end end)` },
    { name: 'birth_date', type: 'date', expr: sql`coalesce(x.birth_date, case when ${ridOk} then import_ymd(substr(x.resident_id, 7, 4)::int, substr(x.resident_id, 11, 2)::int, substr(x.resident_id, 13, 2)::int) end)` },
    { name: 'mobile', type: 'text', expr: sql`x.mobile` },
    { name: 'address', type: 'text', expr: sql`coalesce(x.address, '')` },
    { name: 'occupation', type: 'text', expr: sql`coalesce(x.occupation, '')` },
    { name: 'employer', type: 'text', expr: sql`coalesce(x.employer, '')` },
    { name: 'rm_staff_id', type: 'bigint', expr: sql`rm.id` },
    { name: 'marketing_staff_id', type: 'bigint', expr: sql`mk.id` },
    { name: 'status', type: 'text', expr: sql`coalesce(x.status, 'active')` },
    { name: 'onboarded_on', type: 'date', expr: sql`x.onboarded_on` },
    { name: 'risk_level', type: 'text', expr: sql`x.risk_level` },
  ];
  await check(trx, c.id, from, outs, [
    {
      field: 'customerNo', value: sql`x.customer_no`, detail: sql`dn.first`,
      code: sql`case when x.customer_no is null then 'required' when x.customer_no !~ '^[A-Za-z0-9_-]{1,40}$' then 'format' when dn.first <> x.row_no then 'duplicate' end`,
    },
    { field: 'name', value: sql`x.name`, detail: sql`'60'`, code: sql`case when x.name is null then 'required' when char_length(x.name) > 60 then 'too_long' end` },
    {
      field: 'residentId', value: sql`x.rid_raw`,
      code: sql`case when x.rid_problem is not null then 'rid_' || x.rid_problem when dr.first <> x.row_no then 'duplicate' when other.id is not null then 'rid_taken' end`,
      detail: sql`case when dr.first <> x.row_no then dr.first::text else other.customer_no end`,
    },
    { field: 'gender', value: sql`x.gender_raw`, code: enumBad('x.gender_raw', 'x.gender') },
    { field: 'birthDate', value: sql`x.birth_raw`, code: futureOrBad('x.birth_raw', 'x.birth_date', c.today) },
    { field: 'mobile', value: sql`x.mobile_raw`, code: sql`case when x.mobile_raw is not null and x.mobile !~ '^1[3-9][0-9]{9}$' then 'mobile' end` },
    { field: 'address', value: sql`x.address`, code: tooLong('x.address', 200), detail: sql`'200'` },
    { field: 'occupation', value: sql`x.occupation`, code: tooLong('x.occupation', 100), detail: sql`'100'` },
    { field: 'employer', value: sql`x.employer`, code: tooLong('x.employer', 100), detail: sql`'100'` },
    {
      field: 'branchCode', value: sql`x.branch_code`,
      code: sql`case when x.branch_code is null then 'required' when b.id is null then 'unknown_branch' when b.status <> 'open' then 'branch_closed' when ${outOfScope} then 'out_of_scope' end`,
    },
    {
      field: 'rmStaffNo', value: sql`x.rm_staff_no`,
      code: sql`case when x.rm_staff_no is null then null when rm.id is null then 'unknown_staff' when rm.status <> 'active' then 'staff_inactive' when not rm.wealth then 'not_wealth_rm' end`,
    },
    {
      field: 'marketingStaffNo', value: sql`x.marketing_staff_no`,
      code: sql`case when x.marketing_staff_no is null then null when mk.id is null then 'unknown_staff' when mk.status <> 'active' then 'staff_inactive' when not mk.marketing then 'not_marketing_rm' end`,
    },
    { field: 'status', value: sql`x.status_raw`, code: enumBad('x.status_raw', 'x.status') },
    { field: 'onboardedOn', value: sql`x.onboarded_raw`, code: futureOrBad('x.onboarded_raw', 'x.onboarded_on', c.today) },
    { field: 'riskLevel', value: sql`x.risk_raw`, code: enumBad('x.risk_raw', 'x.risk_level') },
  ]);
}

export async function checkHoldings(trx: DbOrTrx, c: RunContext): Promise<void> {
  const scoped = c.scope.kind !== 'bank';
  const labels = HOLDING_CATEGORIES.map((k) => sql`when ${k}::text then ${HOLDING_CATEGORY_LABELS[k].zh}::text`);
  const from = sql`
    from (
      select s.row_no, s.customer_no, s.account_no, s.product_code, s.product_name,
             s.category as category_raw, ${enumCase(sql`s.category`, ENUM_WORDS.category)} as category,
             s.card_no as card_raw, regexp_replace(s.card_no, '[\\s-]', '', 'g') as card_no,
             s.balance as balance_raw, ${moneyText(sql`s.balance`)} as balance,
             s.opened_on as opened_raw, import_date(s.opened_on) as opened_on,
             s.matures_on as matures_raw, import_date(s.matures_on) as matures_on,
             s.status as status_raw, ${enumCase(sql`s.status`, ENUM_WORDS.holdingStatus)} as status
      from customer_import_stage_holdings s
      where s.import_id = ${c.id}
      offset 0
    ) x
    left join ${repeats('customer_import_stage_holdings', c.id, sql`s.account_no`)} da on da.k = x.account_no
    left join customers cu on cu.customer_no = x.customer_no
    left join holdings h on h.account_no = x.account_no
    left join customers hc on hc.id = h.customer_id
    ${scoped ? sql`left join branches cb on cb.id = cu.branch_id` : sql``}`;
  const outs: Out[] = [
    { name: 'account_no', type: 'text', expr: sql`x.account_no` },
    { name: 'customer_id', type: 'bigint', expr: sql`cu.id` },
    { name: 'category', type: 'text', expr: sql`x.category` },
    { name: 'product_code', type: 'text', expr: sql`x.product_code` },
    // A file without product names names a new holding after its category.
    { name: 'product_name', type: 'text', expr: sql`coalesce(x.product_name, case x.category ${sql.join(labels, sql` `)} end)` },
    { name: 'card_no', type: 'text', expr: sql`x.card_no` },
    { name: 'balance', type: 'numeric(20,2)', expr: money(sql`x.balance`) },
    { name: 'opened_on', type: 'date', expr: sql`x.opened_on` },
    { name: 'matures_on', type: 'date', expr: sql`x.matures_on` },
    { name: 'status', type: 'text', expr: sql`coalesce(x.status, 'active')` },
  ];
  await check(trx, c.id, from, outs, [
    {
      field: 'customerNo', value: sql`x.customer_no`,
      code: sql`case when x.customer_no is null then 'required' when cu.id is null then 'unknown_customer' when ${scoped ? sql`not (${inScope(c.scope, 'cb')})` : sql`false`} then 'out_of_scope' end`,
    },
    {
      field: 'accountNo', value: sql`x.account_no`,
      code: sql`case when x.account_no is null then 'required' when x.account_no !~ '^[A-Za-z0-9-]{4,40}$' then 'format' when da.first <> x.row_no then 'duplicate' when h.id is not null and cu.id is not null and h.customer_id <> cu.id then 'account_taken' end`,
      detail: sql`case when da.first <> x.row_no then da.first::text else hc.customer_no end`,
    },
    { field: 'category', value: sql`x.category_raw`, code: sql`case when x.category_raw is null then 'required' when x.category is null then 'enum' end` },
    { field: 'productCode', value: sql`x.product_code`, code: sql`case when x.product_code !~ '^[A-Za-z0-9_-]{1,40}$' then 'format' end` },
    { field: 'productName', value: sql`x.product_name`, code: tooLong('x.product_name', 100), detail: sql`'100'` },
    { field: 'cardNo', value: sql`x.card_raw`, code: sql`case when x.card_no !~ '^[0-9]{12,19}$' then 'format' end` },
    { field: 'balance', value: sql`x.balance_raw`, code: sql`case when x.balance_raw is null then 'required' when x.balance !~ ${MONEY} then 'money' end` },
    { field: 'openedOn', value: sql`x.opened_raw`, code: futureOrBad('x.opened_raw', 'x.opened_on', c.today) },
    {
      field: 'maturesOn', value: sql`x.matures_raw`,
      code: sql`case when x.matures_raw is null then null when x.matures_on is null then 'date' when x.matures_on < x.opened_on then 'before_opening' end`,
    },
    { field: 'status', value: sql`x.status_raw`, code: enumBad('x.status_raw', 'x.status') },
  ]);
}

export async function checkBalances(trx: DbOrTrx, c: RunContext): Promise<void> {
  const scoped = c.scope.kind !== 'bank';
  const from = sql`
    from (
      select s.row_no, s.customer_no, s.day as day_raw, import_date(s.day) as day, s.aum as aum_raw, ${moneyText(sql`s.aum`)} as aum
      from customer_import_stage_balances s
      where s.import_id = ${c.id}
      offset 0
    ) x
    left join ${repeats('customer_import_stage_balances', c.id, sql`s.customer_no || '|' || s.day`, sql`import_date(s.day) is not null`)} dd on dd.k = x.customer_no || '|' || x.day_raw
    left join customers cu on cu.customer_no = x.customer_no
    ${scoped ? sql`left join branches cb on cb.id = cu.branch_id` : sql``}`;
  const outs: Out[] = [
    { name: 'customer_id', type: 'bigint', expr: sql`cu.id` },
    { name: 'day', type: 'date', expr: sql`x.day` },
    { name: 'aum', type: 'numeric(20,2)', expr: money(sql`x.aum`) },
  ];
  await check(trx, c.id, from, outs, [
    {
      field: 'customerNo', value: sql`x.customer_no`,
      code: sql`case when x.customer_no is null then 'required' when cu.id is null then 'unknown_customer' when ${scoped ? sql`not (${inScope(c.scope, 'cb')})` : sql`false`} then 'out_of_scope' end`,
    },
    {
      field: 'day', value: sql`x.day_raw`, detail: sql`dd.first`,
      code: sql`case when x.day_raw is null then 'required' when x.day is null then 'date' when x.day > ${c.today}::date then 'future_date' when dd.first <> x.row_no then 'duplicate' end`,
    },
    { field: 'aum', value: sql`x.aum_raw`, code: sql`case when x.aum_raw is null then 'required' when x.aum !~ ${MONEY} then 'money' end` },
  ]);
}
