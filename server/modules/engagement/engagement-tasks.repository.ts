// SQL of the RM's tasks that other modules create through engagement-tasks.service.ts.
import { sql, type DbOrTrx } from '../../platform/db';
import type { NewTask } from './engagement-tasks.service';

/**
 * One INSERT for the whole list; the branch and (unless given) the assignee come from the
 * customer's current record. An existing task for the same customer, kind and reason is kept.
 */
export async function insertTasks(db: DbOrTrx, tasks: readonly NewTask[]): Promise<number[]> {
  if (tasks.length === 0) return [];
  const rows = tasks.map((t) => ({
    customer_id: t.customerId,
    staff_id: t.staffId ?? null,
    kind: t.kind,
    reason_key: t.reasonKey,
    title: t.title,
    title_en: t.titleEn ?? '',
    detail: t.detail ?? {},
    due_on: t.dueOn,
    source_type: t.sourceType ?? null,
    source_id: t.sourceId === undefined || t.sourceId === null ? null : String(t.sourceId),
    created_by: t.createdBy ?? null,
  }));
  const res = await sql<{ id: number }>`
    insert into engagement_tasks (customer_id, branch_id, staff_id, kind, reason_key, title, title_en, detail, due_on, source_type, source_id, created_by)
    select t.customer_id, c.branch_id, coalesce(t.staff_id, c.rm_staff_id), t.kind, t.reason_key, t.title, t.title_en,
           coalesce(t.detail, '{}'::jsonb), t.due_on, t.source_type, t.source_id, t.created_by
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as t(
             customer_id bigint, staff_id bigint, kind text, reason_key text, title text, title_en text,
             detail jsonb, due_on date, source_type text, source_id text, created_by bigint)
      join customers c on c.id = t.customer_id
    on conflict (customer_id, kind, reason_key) do nothing
    returning id`.execute(db);
  return res.rows.map((r) => Number(r.id));
}
