// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A two-character fragment of a name (晓明 in 王晓明) has no trigram of its own, so the trigram
  // index cannot find it inside a name; the name's two-character pieces, indexed, can.
  await sql`
    create function name_bigrams(t text) returns text[] language sql immutable parallel safe as $$
      select coalesce(array_agg(distinct substr(lower(t), i, 2)), '{}')
      from generate_series(1, char_length(t) - 1) as i
    $$`.execute(db);
  await sql`alter table customers add column name_bigrams text[] generated always as (name_bigrams(name)) stored`.execute(db);
  await sql`create index customers_name_bigrams on customers using gin (name_bigrams)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table customers drop column name_bigrams`.execute(db);
  await sql`drop function name_bigrams(text)`.execute(db);
}
