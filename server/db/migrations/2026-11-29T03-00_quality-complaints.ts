// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
// Consumer complaints (消费投诉) under the 2020 regulation: the complaint, its append-only history,
// attachments stored in the database, the reminders and escalations sent (once each), and the
// root cause and corrective action (溯源整改) of every closed complaint.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table complaints (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      channel text not null check (channel in ('lobby', 'counter', 'phone', 'online', 'letter', 'regulator')),
      complainant_type text not null check (complainant_type in ('customer', 'proxy', 'heir', 'walk_in')),
      customer_id bigint references customers(id),
      contact_name text,
      contact_mobile text,
      category text not null,
      business_line text not null,
      -- staff named in the complaint: none of them may handle it (recusal)
      about_staff_ids bigint[] not null default '{}',
      amount_in_dispute numeric(20,2) check (amount_in_dispute is null or amount_in_dispute >= 0),
      description text not null,
      customer_request text not null default '',
      lobby_complaint_id bigint unique,
      status text not null default 'accepted'
        check (status in ('accepted', 'assigned', 'investigating', 'proposed', 'decided', 'review', 'closed', 'withdrawn')),
      accepted_on date not null,
      accepted_at timestamptz not null default now(),
      due_on date not null,
      extension_level smallint not null default 0 check (extension_level between 0 and 2),
      handler_staff_id bigint references staff(id),
      decision text,
      decided_at timestamptz,
      decided_on date,
      told_via text,
      reopened_count int not null default 0,
      closed_at timestamptz,
      closed_on date,
      withdrawn_at timestamptz,
      callback_at timestamptz,
      callback_satisfaction smallint check (callback_satisfaction between 1 and 5),
      callback_note text,
      root_cause text,
      root_cause_note text,
      corrective_action text,
      corrective_owner_id bigint references staff(id),
      corrective_due_on date,
      created_by bigint references staff(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (customer_id is not null or contact_name is not null or contact_mobile is not null)
    )`.execute(db);
  await sql`create index complaints_branch_idx on complaints (branch_id, accepted_on)`.execute(db);
  await sql`create index complaints_handler_idx on complaints (handler_staff_id, status)`.execute(db);
  await sql`create index complaints_open_idx on complaints (due_on) where status not in ('closed', 'withdrawn')`.execute(db);
  await sql`create index complaints_customer_idx on complaints (customer_id) where customer_id is not null`.execute(db);

  await sql`
    create table complaint_history (
      id bigint generated always as identity primary key,
      complaint_id bigint not null references complaints(id),
      at timestamptz not null default now(),
      staff_id bigint references staff(id),
      action text not null,
      from_status text,
      to_status text,
      note text not null default '',
      detail jsonb not null default '{}'
    )`.execute(db);
  await sql`create index complaint_history_complaint_idx on complaint_history (complaint_id, id)`.execute(db);
  // The history is the record of who did what and when: it is never rewritten.
  await sql`
    create function complaint_history_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'complaint_history is append-only';
    end $$`.execute(db);
  await sql`
    create trigger complaint_history_no_change before update or delete on complaint_history
    for each row execute function complaint_history_append_only()`.execute(db);

  await sql`
    create table complaint_attachments (
      id bigint generated always as identity primary key,
      complaint_id bigint not null references complaints(id),
      file_name text not null,
      content_type text not null,
      size_bytes int not null check (size_bytes > 0),
      data bytea not null,
      uploaded_by bigint references staff(id),
      uploaded_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index complaint_attachments_complaint_idx on complaint_attachments (complaint_id)`.execute(db);

  // One row per reminder sent: milestone 50 / 80 / overdue, per deadline (an extension moves it).
  await sql`
    create table complaint_reminders (
      complaint_id bigint not null references complaints(id),
      milestone text not null check (milestone in ('50', '80', 'overdue')),
      due_on date not null,
      sent_at timestamptz not null default now(),
      primary key (complaint_id, milestone, due_on)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists complaint_reminders`.execute(db);
  await sql`drop table if exists complaint_attachments`.execute(db);
  await sql`drop table if exists complaint_history`.execute(db);
  await sql`drop function if exists complaint_history_append_only() cascade`.execute(db);
  await sql`drop table if exists complaints`.execute(db);
}
