// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing of the app.
// Engagement at a national bank's volume.
// - Customers are never deleted: a customer leaves by being closed (and a PIPL erasure anonymises the
//   record in place). A trigger now says so, and the tasks table drops its foreign key to customers: that
//   key took a share lock on the customer's row for every task written, dirtying one customer page per task
//   (40% of the daily task generation at a million customers) to guard against a delete that cannot happen.
//   Tasks are only ever written for a customer row read in the same statement or request.
// - The activities' references to tasks get indexes: a task's activities are looked up by task, and deleting
//   a task row (a purge of a test copy) would otherwise scan the whole contact log once per task.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function customers_never_deleted() returns trigger language plpgsql as $$
    begin
      raise exception 'customers are never deleted: close the customer instead (客户不可删除，请办理销户)' using errcode = 'restrict_violation';
    end $$`.execute(db);
  await sql`create trigger customers_never_deleted before delete on customers for each row execute function customers_never_deleted()`.execute(db);
  await sql`alter table engagement_tasks drop constraint engagement_tasks_customer_id_fkey`.execute(db);
  await sql`create index engagement_activities_task_idx on engagement_activities (task_id) where task_id is not null`.execute(db);
  await sql`create index engagement_activities_follow_up_idx on engagement_activities (follow_up_task_id) where follow_up_task_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists engagement_activities_follow_up_idx`.execute(db);
  await sql`drop index if exists engagement_activities_task_idx`.execute(db);
  await sql`alter table engagement_tasks add constraint engagement_tasks_customer_id_fkey foreign key (customer_id) references customers(id)`.execute(db);
  await sql`drop trigger if exists customers_never_deleted on customers`.execute(db);
  await sql`drop function if exists customers_never_deleted()`.execute(db);
}
