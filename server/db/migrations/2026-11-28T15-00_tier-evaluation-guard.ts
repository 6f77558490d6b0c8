// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The evaluation month ('YYYY-MM-01') in which customers.months_below last went up: the tier
  // evaluation may run every night and be rerun after a crash, but a month counts once.
  await sql`alter table customers add column below_counted_for date check (extract(day from below_counted_for) = 1)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table customers drop column below_counted_for`.execute(db);
}
