// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
// The RM's working method: contact-plan rules (data head office edits), the contact log, handovers
// from marketing to wealth RMs, and the book-size limit per RM grade.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per rule; 'tier' rules carry a tier and a period in months, event rules a lead time and
  // (large outflow) a threshold. The daily job reads them, so a change applies from the next run.
  await sql`
    create table contact_plan_rules (
      code text primary key,
      kind text not null check (kind in ('tier','birthday','maturity','large_outflow','tier_change','risk_expiring')),
      tier_code text references tiers(code) on update cascade,
      interval_months int check (interval_months in (1, 2, 3, 4, 6, 12)),
      lead_days int not null default 0 check (lead_days between 0 and 60),
      threshold numeric(20,2) check (threshold >= 0),
      due_days int not null default 7 check (due_days between 0 and 90),
      active boolean not null default true,
      name_zh text not null,
      name_en text not null,
      updated_at timestamptz not null default now(),
      updated_by bigint references staff(id),
      check ((kind = 'tier') = (tier_code is not null and interval_months is not null))
    )`.execute(db);

  // Append-only contact log; (customer_id, occurred_at) keeps a later monthly partitioning possible.
  await sql`
    create table engagement_activities (
      id bigint generated always as identity,
      customer_id bigint not null references customers(id),
      branch_id bigint not null references branches(id),
      staff_id bigint not null references staff(id),
      channel text not null check (channel in ('call','visit','branch_meeting','message')),
      occurred_at timestamptz not null,
      outcome text not null check (outcome in ('reached','not_reached','interested','declined','sold','other')),
      summary text not null default '',
      needs jsonb not null default '[]',
      products jsonb not null default '[]',
      next_step text not null default '',
      next_step_on date,
      task_id bigint references engagement_tasks(id),
      follow_up_task_id bigint references engagement_tasks(id),
      created_at timestamptz not null default now(),
      primary key (id, occurred_at)
    )`.execute(db);
  await sql`create index engagement_activities_customer_idx on engagement_activities (customer_id, occurred_at desc)`.execute(db);
  await sql`create index engagement_activities_staff_idx on engagement_activities (staff_id, occurred_at desc)`.execute(db);

  await sql`
    create table handovers (
      id bigint generated always as identity primary key,
      customer_id bigint not null references customers(id),
      branch_id bigint not null references branches(id),
      from_staff_id bigint not null references staff(id),
      to_staff_id bigint not null references staff(id),
      status text not null default 'pending' check (status in ('pending','accepted','returned','cancelled')),
      note text not null default '',
      return_reason text,
      created_at timestamptz not null default now(),
      decided_at timestamptz,
      decided_by bigint references staff(id)
    )`.execute(db);
  // At most one open handover per customer: two senders cannot race the same customer.
  await sql`create unique index handovers_one_pending on handovers (customer_id) where status = 'pending'`.execute(db);
  await sql`create index handovers_to_idx on handovers (to_staff_id, status)`.execute(db);
  await sql`create index handovers_from_idx on handovers (from_staff_id, created_at desc)`.execute(db);
  await sql`create index handovers_pending_idx on handovers (branch_id, created_at) where status = 'pending'`.execute(db);

  await sql`
    create table rm_capacity (
      grade_code text primary key references grade_levels(code) on update cascade,
      max_customers int not null check (max_customers between 1 and 100000),
      updated_at timestamptz not null default now(),
      updated_by bigint references staff(id)
    )`.execute(db);

  // The workbench's overdue and due lists read the assignee's open tasks by date.
  await sql`create index engagement_tasks_open_due_idx on engagement_tasks (staff_id, due_on) where status = 'open'`.execute(db);
}
