// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
// The lobby's board notices (posted by head office or the lobby manager) and the service-level
// alerts already sent per ticket (so that the minute job sends each one once).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table lobby_notices (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      text_zh text not null,
      text_en text not null default '',
      created_by bigint references staff(id),
      created_at timestamptz not null default now(),
      updated_by bigint references staff(id),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index lobby_notices_branch_idx on lobby_notices (branch_id, created_at)`.execute(db);

  // The highest share of its service level (percent: 0, 80 or 100) a ticket has been alerted for.
  await sql`alter table lobby_tickets add column sla_alerted smallint not null default 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table lobby_tickets drop column sla_alerted`.execute(db);
  await sql`drop table if exists lobby_notices`.execute(db);
}
