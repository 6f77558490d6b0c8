// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Permissions the database has met. Defaults are granted once, when a permission first appears
  // (a new release), so head office's later removals survive restarts.
  await sql`
    create table known_permissions (
      code text primary key,
      introduced_at timestamptz not null default now()
    )`.execute(db);
  await sql`insert into known_permissions (code) select distinct permission from role_permissions`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table known_permissions`.execute(db);
}
