// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
// The RM's tasks: one table every module feeds (contact plans, events, campaigns, allocation
// reviews, model-driven campaigns, handovers). A task exists once per customer, kind and reason
// (the reason key carries its period, e.g. 'birthday:2026'), so that every generator is idempotent.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table engagement_tasks (
      id bigint generated always as identity primary key,
      customer_id bigint not null references customers(id),
      branch_id bigint not null references branches(id),
      staff_id bigint references staff(id),
      kind text not null,
      reason_key text not null,
      title text not null,
      title_en text not null default '',
      detail jsonb not null default '{}',
      due_on date not null,
      status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
      source_type text,
      source_id text,
      outcome text,
      created_by bigint references staff(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      done_at timestamptz,
      unique (customer_id, kind, reason_key)
    )`.execute(db);
  await sql`create index engagement_tasks_staff_idx on engagement_tasks (staff_id, status, due_on)`.execute(db);
  await sql`create index engagement_tasks_branch_idx on engagement_tasks (branch_id, status, due_on)`.execute(db);
  await sql`create index engagement_tasks_source_idx on engagement_tasks (source_type, source_id) where source_type is not null`.execute(db);
}
