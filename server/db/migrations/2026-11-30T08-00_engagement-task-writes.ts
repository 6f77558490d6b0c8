// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
// Less to do for each task the daily contact-plan job writes (thousands a day at a million customers,
// every due task on a bank's first day):
// - Staff and branches are never deleted: a departure disables the staff member, a branch is closed.
//   Triggers now say so (as for customers), and the tasks table drops its foreign keys to the
//   assignee and the branch, which checked each written task against both (a share lock on each
//   row, two lookups: a third of the cost of writing a task). Tasks are only ever written with the
//   RM and branch of a customer row read in the same statement, or of the signed-in caller.
// - The task's author (created_by) goes the same way: it is the signed-in caller, or nobody for the job.
// - A task is unique by kind, reason key and customer, in that order now (was customer first). Most
//   rules give all of a day's tasks one reason key ('contact_plan:tier_gold:2026-3m4', 'birthday:2026'),
//   so the job finds the tasks already there as one range of this index and skips them by hash,
//   instead of one index probe per due customer; a task's customer gets an index of its own.
// - engagement_tasks_open_due_idx (staff_id, due_on) where status = 'open' repeats what
//   engagement_tasks_staff_idx (staff_id, status, due_on) serves: an assignee's open tasks in date
//   order are one range of that index too.
// - engagement_tasks_source_idx finds the tasks a campaign, referral or event created; nothing looks up
//   contact-plan tasks by their rule, so those rows (nearly all of the table) leave it.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One function for every table whose rows are never deleted; the trigger passes what to do instead.
  await sql`
    create function refuse_delete() returns trigger language plpgsql as $$
    begin
      raise exception '%', tg_argv[0] using errcode = 'restrict_violation';
    end $$`.execute(db);
  await sql`create trigger staff_never_deleted before delete on staff for each row
    execute function refuse_delete('staff are never deleted: record the departure instead (员工不可删除，请办理离职)')`.execute(db);
  await sql`create trigger branches_never_deleted before delete on branches for each row
    execute function refuse_delete('branches are never deleted: close the branch instead (机构不可删除，请办理撤并)')`.execute(db);
  await sql`alter table engagement_tasks drop constraint engagement_tasks_staff_id_fkey, drop constraint engagement_tasks_branch_id_fkey, drop constraint engagement_tasks_created_by_fkey`.execute(db);
  await sql`alter table engagement_tasks add constraint engagement_tasks_kind_reason_customer_key unique (kind, reason_key, customer_id)`.execute(db);
  await sql`alter table engagement_tasks drop constraint engagement_tasks_customer_id_kind_reason_key_key`.execute(db);
  await sql`create index engagement_tasks_customer_idx on engagement_tasks (customer_id)`.execute(db);
  await sql`drop index if exists engagement_tasks_open_due_idx`.execute(db);
  await sql`drop index if exists engagement_tasks_source_idx`.execute(db);
  await sql`create index engagement_tasks_source_idx on engagement_tasks (source_type, source_id) where source_type is not null and source_type <> 'contact_plan'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists engagement_tasks_source_idx`.execute(db);
  await sql`create index engagement_tasks_source_idx on engagement_tasks (source_type, source_id) where source_type is not null`.execute(db);
  await sql`create index engagement_tasks_open_due_idx on engagement_tasks (staff_id, due_on) where status = 'open'`.execute(db);
  await sql`drop index if exists engagement_tasks_customer_idx`.execute(db);
  await sql`alter table engagement_tasks add constraint engagement_tasks_customer_id_kind_reason_key_key unique (customer_id, kind, reason_key)`.execute(db);
  await sql`alter table engagement_tasks drop constraint engagement_tasks_kind_reason_customer_key`.execute(db);
  await sql`alter table engagement_tasks add constraint engagement_tasks_created_by_fkey foreign key (created_by) references staff(id)`.execute(db);
  await sql`alter table engagement_tasks add constraint engagement_tasks_staff_id_fkey foreign key (staff_id) references staff(id)`.execute(db);
  await sql`alter table engagement_tasks add constraint engagement_tasks_branch_id_fkey foreign key (branch_id) references branches(id)`.execute(db);
  await sql`drop trigger if exists branches_never_deleted on branches`.execute(db);
  await sql`drop trigger if exists staff_never_deleted on staff`.execute(db);
  await sql`drop function if exists refuse_delete()`.execute(db);
}
