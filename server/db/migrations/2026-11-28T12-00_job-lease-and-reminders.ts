// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // At most one running execution of a job across all instances: the unique index is the lease.
  await sql`alter table job_runs add column instance text`.execute(db);
  await sql`alter table job_runs add column lease_until timestamptz`.execute(db);
  await sql`create unique index job_runs_one_running on job_runs (job) where status = 'running'`.execute(db);
  await sql`create index job_runs_job_idx on job_runs (job, started_at desc)`.execute(db);

  // Which expiry reminder (60, 30 or 7 days ahead) went out for which certificate: never twice.
  await sql`
    create table certificate_reminders (
      certificate_id bigint not null references certificates(id),
      days_ahead int not null,
      sent_at timestamptz not null default now(),
      primary key (certificate_id, days_ahead)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table certificate_reminders`.execute(db);
  await sql`drop index job_runs_one_running`.execute(db);
  await sql`drop index job_runs_job_idx`.execute(db);
  await sql`alter table job_runs drop column instance, drop column lease_until`.execute(db);
}
