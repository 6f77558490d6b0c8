// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
// import_date_text() tested every date cell of an import against '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
// first. Bounded repetitions cost PostgreSQL's regex engine several times an unbounded pattern, and
// a million-row customer file has two date columns. A ten-character cell of digits and dashes now
// comes back as it is without that test: it is what the first branch returns for a canonical date,
// and any other such cell (e.g. '12345-67-8') came back unchanged before too (the other branches
// need 8 digits, or month and day of one or two digits, which at ten characters is the canonical
// form). The day lookup after it refuses what is not a real day, as before.
import { type Kysely, sql } from 'kysely';

// The branches after the first, as they were and stay.
const OTHER_FORMS = `
        when v ~ '^[0-9]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?$'
          then regexp_replace(
            regexp_replace(v, '^([0-9]{4})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2}).*$', '\\1-0\\2-0\\3'),
            '-0([0-9]{2})', '-\\1', 'g')
        when v ~ '^[0-9]{8}$' then substr(v, 1, 4) || '-' || substr(v, 5, 2) || '-' || substr(v, 7, 2)
        else v end`;

const withFirst = (first: string) => sql`
    create or replace function import_date_text(v text) returns text language sql immutable parallel safe as $$
      select case
        ${sql.raw(first)}${sql.raw(OTHER_FORMS)}
    $$`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await withFirst(`when octet_length(v) = 10 and v ~ '^[0-9]+-[0-9]+-[0-9]+$' then v`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await withFirst(`when v ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then v`).execute(db);
}
