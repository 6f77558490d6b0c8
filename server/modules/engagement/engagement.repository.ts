// SQL of the RM's task lists, task moves and the contact log.
import { sql, scopeSql, type DbOrTrx } from '../../platform/db';
import type { DataScope } from '../../platform/access';

export type TaskRow = {
  id: number; customerId: number; customerNo: string; customerName: string; tierCode: string; kind: string; title: string; titleEn: string;
  dueOn: string; status: string; overdue: boolean; staffId: number | null; staffName: string | null; outcome: string | null; doneAt: Date | null;
};

export const taskCols = (today: string) => sql`t.id, t.customer_id as "customerId", c.customer_no as "customerNo", c.name as "customerName",
  c.tier_code as "tierCode", t.kind, t.title, t.title_en as "titleEn", t.due_on as "dueOn", t.status,
  (t.status = 'open' and t.due_on < ${today}::date) as overdue, t.staff_id as "staffId", s.name as "staffName", t.outcome, t.done_at as "doneAt"`;

/** Tasks (alias t) a scope reaches: own = assigned to the caller, otherwise by the task's branch. */
export function taskScopeSql(scope: DataScope) {
  return scopeSql(scope, { branch: 't.branch_id', owner: 't.staff_id' });
}

export type TaskFilter = { scope: DataScope; overdueOnly: boolean; status?: string; kind?: string; customerId?: number };

export async function listTasks(db: DbOrTrx, f: TaskFilter, today: string, page: number, pageSize: number): Promise<{ items: TaskRow[]; total: number }> {
  const where = sql.join(
    [
      taskScopeSql(f.scope),
      f.overdueOnly ? sql`t.status = 'open' and t.due_on < ${today}::date` : sql`true`,
      f.status ? sql`t.status = ${f.status}` : sql`true`,
      f.kind ? sql`t.kind = ${f.kind}` : sql`true`,
      f.customerId ? sql`t.customer_id = ${f.customerId}` : sql`true`,
    ],
    sql` and `,
  );
  const [items, total] = await Promise.all([
    sql<TaskRow>`
      select ${taskCols(today)} from engagement_tasks t join customers c on c.id = t.customer_id left join staff s on s.id = t.staff_id
       where ${where} order by (t.status = 'open') desc, t.due_on, t.id limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db),
    sql<{ n: string }>`select count(*) as n from engagement_tasks t where ${where}`.execute(db),
  ]);
  return { items: items.rows, total: Number(total.rows[0].n) };
}

export type TaskRef = { id: number; customerId: number; branchId: number; staffId: number | null; status: string; kind: string; title: string };

/** A task the scope reaches, locked for a change. */
export async function taskRef(db: DbOrTrx, scope: DataScope, id: number): Promise<TaskRef | null> {
  const r = await sql<TaskRef>`
    select t.id, t.customer_id as "customerId", t.branch_id as "branchId", t.staff_id as "staffId", t.status, t.kind, t.title
      from engagement_tasks t where t.id = ${id} and ${taskScopeSql(scope)} for update`.execute(db);
  return r.rows[0] ?? null;
}

export async function closeTask(trx: DbOrTrx, id: number, status: 'done' | 'cancelled', outcome: string): Promise<void> {
  await sql`update engagement_tasks set status = ${status}, outcome = ${outcome}, done_at = now(), updated_at = now() where id = ${id}`.execute(trx);
}

export async function assignTask(trx: DbOrTrx, id: number, staffId: number): Promise<void> {
  await sql`update engagement_tasks set staff_id = ${staffId}, updated_at = now() where id = ${id}`.execute(trx);
}

/** An active staff member holding an RM role, with their branch path (for scope checks). */
export async function activeRm(db: DbOrTrx, staffId: number, role: 'wealth_rm' | 'any' = 'any'): Promise<{ id: number; name: string; branchId: number; branchPath: string } | null> {
  const r = await sql<{ id: number; name: string; branchId: number; branchPath: string }>`
    select s.id, s.name, s.branch_id as "branchId", b.path as "branchPath" from staff s join branches b on b.id = s.branch_id
     where s.id = ${staffId} and s.status = 'active'
       and exists (select 1 from staff_roles r where r.staff_id = s.id
                   and r.role ${role === 'wealth_rm' ? sql`= 'wealth_rm'` : sql`in ('wealth_rm', 'marketing_rm', 'wealth_centre_head')`})`.execute(db);
  return r.rows[0] ?? null;
}

// ---- activities -------------------------------------------------------------------------------

export type ActivityWrite = {
  customerId: number; branchId: number; staffId: number; channel: string; outcome: string; occurredAt: string; summary: string;
  needs: unknown[]; products: string[]; nextStep: string; nextStepOn: string | null; taskId: number | null; followUpTaskId: number | null;
};

export async function insertActivity(trx: DbOrTrx, a: ActivityWrite): Promise<number> {
  const r = await trx
    .insertInto('engagement_activities')
    .values({
      customer_id: a.customerId, branch_id: a.branchId, staff_id: a.staffId, channel: a.channel, outcome: a.outcome, occurred_at: a.occurredAt,
      summary: a.summary, needs: JSON.stringify(a.needs), products: JSON.stringify(a.products), next_step: a.nextStep, next_step_on: a.nextStepOn,
      task_id: a.taskId, follow_up_task_id: a.followUpTaskId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** The customer's latest contact moves forward only (a back-dated entry never rewinds it). */
export async function touchLastContact(trx: DbOrTrx, customerId: number, at: string): Promise<void> {
  await sql`update customers set last_contact_at = greatest(coalesce(last_contact_at, ${at}::timestamptz), ${at}::timestamptz), updated_at = now() where id = ${customerId}`.execute(trx);
}

export type ActivityRow = {
  id: number; customerId: number; staffId: number; staffName: string; channel: string; outcome: string; occurredAt: Date; summary: string;
  needs: { kind: string; category: string; description: string }[]; products: string[]; nextStep: string; nextStepOn: string | null;
  taskId: number | null; followUpTaskId: number | null;
};

export async function activitiesOf(db: DbOrTrx, customerId: number, limit: number): Promise<ActivityRow[]> {
  const r = await sql<ActivityRow>`
    select a.id, a.customer_id as "customerId", a.staff_id as "staffId", s.name as "staffName", a.channel, a.outcome, a.occurred_at as "occurredAt",
           a.summary, a.needs, a.products, a.next_step as "nextStep", a.next_step_on as "nextStepOn", a.task_id as "taskId", a.follow_up_task_id as "followUpTaskId"
      from engagement_activities a join staff s on s.id = a.staff_id
     where a.customer_id = ${customerId} order by a.occurred_at desc, a.id desc limit ${limit}`.execute(db);
  return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
}

export async function openTasksOf(db: DbOrTrx, customerId: number, today: string): Promise<TaskRow[]> {
  const r = await sql<TaskRow>`
    select ${taskCols(today)} from engagement_tasks t join customers c on c.id = t.customer_id left join staff s on s.id = t.staff_id
     where t.customer_id = ${customerId} and t.status = 'open' order by t.due_on, t.id`.execute(db);
  return r.rows;
}
