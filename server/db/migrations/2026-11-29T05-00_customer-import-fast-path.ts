// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
// Cheaper bulk imports of customers:
// - name_bigrams(), which every inserted or renamed customer computes for its generated column,
//   ran a set-returning subquery per row. Nearly every name has two or three characters: those
//   now take a plain expression that the planner inlines, with exactly the result of the general
//   form (sorted, distinct), so the stored column and its index stay valid as they are.
// - import_date_text(): the SQL twin of dateText() in customer-import.ts for text cells, so a csv
//   file can go into staging as raw text by COPY and be normalised in the set-based checks.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function name_bigrams_any(t text) returns text[] language sql immutable parallel safe as $$
      select coalesce(array_agg(distinct substr(lower(t), i, 2)), '{}')
      from generate_series(1, char_length(t) - 1) as i
    $$`.execute(db);
  await sql`
    create or replace function name_bigrams(t text) returns text[] language sql immutable parallel safe as $$
      select case char_length(t)
        when 2 then array[substr(lower(t), 1, 2)]
        when 3 then case
          when substr(lower(t), 1, 2) = substr(lower(t), 2, 2) then array[substr(lower(t), 1, 2)]
          when substr(lower(t), 1, 2) < substr(lower(t), 2, 2) then array[substr(lower(t), 1, 2), substr(lower(t), 2, 2)]
          else array[substr(lower(t), 2, 2), substr(lower(t), 1, 2)] end
        else name_bigrams_any(t) end
    $$`.execute(db);
  // '2024-3-1', '2024/03/01', '2024.3.1', '2024年3月1日' (a time may follow) and '20240301' become
  // 'YYYY-MM-DD'; anything else comes back as it is, for import_date() to refuse.
  await sql`
    create function import_date_text(v text) returns text language sql immutable parallel safe as $$
      select case
        when v ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then v
        when v ~ '^[0-9]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?$'
          then regexp_replace(
            regexp_replace(v, '^([0-9]{4})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2}).*$', '\\1-0\\2-0\\3'),
            '-0([0-9]{2})', '-\\1', 'g')
        when v ~ '^[0-9]{8}$' then substr(v, 1, 4) || '-' || substr(v, 5, 2) || '-' || substr(v, 7, 2)
        else v end
    $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function import_date_text(text)`.execute(db);
  await sql`
    create or replace function name_bigrams(t text) returns text[] language sql immutable parallel safe as $$
      select coalesce(array_agg(distinct substr(lower(t), i, 2)), '{}')
      from generate_series(1, char_length(t) - 1) as i
    $$`.execute(db);
  await sql`drop function name_bigrams_any(text)`.execute(db);
}
