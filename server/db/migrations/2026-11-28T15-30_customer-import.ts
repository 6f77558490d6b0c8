// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
// Importing the bank's existing customers, holdings and daily balances: the import jobs, the uploaded
// files, unindexed staging tables that COPY fills, the per-row error report, and the SQL validators
// that the set-based checks call (the twins of contracts/personal-data.ts).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table customer_imports (
      id bigint generated always as identity primary key,
      kind text not null check (kind in ('customers', 'holdings', 'balances')),
      file_name text not null,
      file_format text not null check (file_format in ('csv', 'xlsx')),
      file_size bigint not null default 0,
      file_sha256 text,
      -- the file's header row as detected (made unique), which a mapping refers to
      headers jsonb not null default '[]'::jsonb,
      status text not null default 'uploaded' check (status in ('uploaded', 'running', 'committed', 'rejected', 'failed')),
      mode text check (mode in ('all', 'valid')),
      mapping jsonb,
      phase text,
      progress_done bigint not null default 0,
      progress_total bigint not null default 0,
      total_rows int not null default 0,
      valid_rows int not null default 0,
      error_rows int not null default 0,
      error_count int not null default 0,
      inserted int not null default 0,
      updated int not null default 0,
      unchanged int not null default 0,
      failure jsonb,
      created_by bigint references users(id),
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz,
      -- a running import beats this; one whose beat is old died with its process and may be rerun
      heartbeat_at timestamptz
    )`.execute(db);
  await sql`create index customer_imports_created_idx on customer_imports (created_at desc)`.execute(db);

  // The uploaded file in pieces of a few MB, so that any instance can run the import and a file is
  // streamed back without holding it in memory; deleted once the import has committed.
  await sql`
    create table customer_import_files (
      import_id bigint not null references customer_imports(id) on delete cascade,
      seq int not null,
      data bytea not null,
      primary key (import_id, seq)
    )`.execute(db);

  // Staging: text as it came (after mapping), no indexes, no constraints, not WAL-logged; rows live
  // only while their import runs. row_no is the spreadsheet row (the header is row 1).
  await sql`
    create unlogged table customer_import_stage_customers (
      import_id bigint not null,
      row_no int not null,
      customer_no text, name text, resident_id text, gender text, birth_date text, mobile text,
      address text, occupation text, employer text, branch_code text, rm_staff_no text,
      marketing_staff_no text, status text, onboarded_on text, risk_level text
    )`.execute(db);
  await sql`
    create unlogged table customer_import_stage_holdings (
      import_id bigint not null,
      row_no int not null,
      customer_no text, account_no text, category text, product_code text, product_name text,
      card_no text, balance text, opened_on text, matures_on text, status text
    )`.execute(db);
  await sql`
    create unlogged table customer_import_stage_balances (
      import_id bigint not null,
      row_no int not null,
      customer_no text, day text, aum text
    )`.execute(db);

  // One row per problem; the reason's words live in the code (customer-import.ts), keyed by code.
  // No foreign key: a million-row report would pay a trigger per row.
  await sql`
    create table customer_import_errors (
      import_id bigint not null,
      row_no int not null,
      field text not null,
      value text,
      code text not null,
      detail text
    )`.execute(db);
  await sql`create index customer_import_errors_idx on customer_import_errors (import_id, row_no)`.execute(db);

  // Calendar check without exceptions: null unless y-m-d is a real day of 1900–2100. A plain SQL
  // expression, so the planner inlines it into set-based checks (no per-row function call).
  await sql`
    create function import_ymd(y int, m int, d int) returns date
    language sql immutable parallel safe as $$
      select case when y between 1900 and 2100 and m between 1 and 12 and d >= 1
        and d <= case when m = 2 then 28 + case when y % 4 = 0 and (y % 100 <> 0 or y % 400 = 0) then 1 else 0 end
                      else 30 + (m + m / 8) % 2 end
        then make_date(y, m, d) end
    $$`.execute(db);
  // 'YYYY-MM-DD' (what the file reader normalises every date to) as a date, or null.
  await sql`
    create function import_date(v text) returns date
    language sql immutable parallel safe as $$
      select case when v ~ '^\\d{4}-\\d{2}-\\d{2}$'
        then import_ymd(substr(v, 1, 4)::int, substr(v, 6, 2)::int, substr(v, 9, 2)::int) end
    $$`.execute(db);
  // GB 11643: the check character of the first 17 digits. The weights add up to 100, so the sum
  // over ascii codes is offset by 48 * 100.
  await sql`
    create function gb11643_check_char(first17 text) returns text
    language sql immutable parallel safe as $$
      select substr('10X98765432', (
          7 * ascii(substr(first17, 1, 1)) + 9 * ascii(substr(first17, 2, 1)) + 10 * ascii(substr(first17, 3, 1))
        + 5 * ascii(substr(first17, 4, 1)) + 8 * ascii(substr(first17, 5, 1)) + 4 * ascii(substr(first17, 6, 1))
        + 2 * ascii(substr(first17, 7, 1)) + 1 * ascii(substr(first17, 8, 1)) + 6 * ascii(substr(first17, 9, 1))
        + 3 * ascii(substr(first17, 10, 1)) + 7 * ascii(substr(first17, 11, 1)) + 9 * ascii(substr(first17, 12, 1))
        + 10 * ascii(substr(first17, 13, 1)) + 5 * ascii(substr(first17, 14, 1)) + 8 * ascii(substr(first17, 15, 1))
        + 4 * ascii(substr(first17, 16, 1)) + 2 * ascii(substr(first17, 17, 1)) - 4800) % 11 + 1, 1)
    $$`.execute(db);
  // The SQL twin of residentIdProblem(): null when valid (or null), else 'format', 'birth_date' or
  // 'checksum', checked in that order. Takes the ID trimmed; a lower-case x is accepted, as there.
  // Each reference to `id` stays a plain column reference once inlined, which keeps it cheap.
  await sql`
    create function resident_id_problem(id text, today date) returns text
    language sql immutable parallel safe as $$
      select case
        when id is null then null
        when id !~ '^[0-9]{17}[0-9Xx]$' then 'format'
        when coalesce(import_ymd(substr(id, 7, 4)::int, substr(id, 11, 2)::int, substr(id, 13, 2)::int) > today, true)
          then 'birth_date'
        when gb11643_check_char(id) <> upper(substr(id, 18, 1)) then 'checksum'
      end
    $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function resident_id_problem(text, date)`.execute(db);
  await sql`drop function gb11643_check_char(text)`.execute(db);
  await sql`drop function import_date(text)`.execute(db);
  await sql`drop function import_ymd(int, int, int)`.execute(db);
  await sql`drop table customer_import_errors, customer_import_stage_balances, customer_import_stage_holdings, customer_import_stage_customers, customer_import_files, customer_imports`.execute(db);
}
