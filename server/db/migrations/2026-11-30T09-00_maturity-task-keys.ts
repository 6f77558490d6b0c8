// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
// A maturity task's reason key names the maturity date before the holding ('maturity:2026-12-06:4711',
// was 'maturity:4711:2026-12-06'), so the tasks of a week's maturities are one range of the tasks'
// unique index: the daily job reads that range once and skips what is there by hash, instead of
// probing the index once per maturing holding. Existing keys are rewritten the same way, so no
// holding gets a second task.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update engagement_tasks set reason_key = 'maturity:' || split_part(reason_key, ':', 3) || ':' || split_part(reason_key, ':', 2)
    where kind = 'maturity' and reason_key ~ '^maturity:[0-9]+:[0-9]{4}-[0-9]{2}-[0-9]{2}$'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    update engagement_tasks set reason_key = 'maturity:' || split_part(reason_key, ':', 3) || ':' || split_part(reason_key, ':', 2)
    where kind = 'maturity' and reason_key ~ '^maturity:[0-9]{4}-[0-9]{2}-[0-9]{2}:[0-9]+$'`.execute(db);
}
