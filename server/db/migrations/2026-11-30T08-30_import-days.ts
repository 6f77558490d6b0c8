// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
// Every real day of 1900–2100, as the import writes it ('YYYY-MM-DD') and as a resident ID carries
// it ('YYYYMMDD'). The set-based import checks a file's dates by joining this table instead of
// taking each date apart in SQL: import_ymd(), inlined, evaluated its parts a dozen times per
// date, which came to a third of the checks of a million-row customer file.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table import_days (
      ymd text primary key,
      compact text not null unique,
      day date not null unique
    )`.execute(db);
  await sql`
    insert into import_days (ymd, compact, day)
    select to_char(d, 'YYYY-MM-DD'), to_char(d, 'YYYYMMDD'), d::date
    from generate_series('1900-01-01'::date, '2100-12-31'::date, interval '1 day') as d`.execute(db);
  await sql`analyze import_days`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists import_days`.execute(db);
}
