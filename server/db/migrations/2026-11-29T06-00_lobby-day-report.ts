// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
// A closed lobby day records whom its figures were sent to (the wealth-centre heads over the outlet).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table lobby_day_closes add column sent_to jsonb not null default '[]'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table lobby_day_closes drop column sent_to`.execute(db);
}
