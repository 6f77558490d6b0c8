// The one way any module gives an RM work: products (allocation reviews), quality (complaint
// call-backs), insights (model-driven campaigns) and engagement's own plans all call createTasks.
import type { DbOrTrx } from '../../platform/db';
import type { TaskKind } from '../../../contracts/engagement';
import { insertTasks } from './engagement-tasks.repository';

export type NewTask = {
  customerId: number;
  kind: TaskKind;
  /** The reason and its period, unique per customer and kind: 'birthday:2026', 'campaign:12'. */
  reasonKey: string;
  /** What the RM reads (Chinese); titleEn for the English UI. */
  title: string;
  titleEn?: string;
  /** 'YYYY-MM-DD' (Asia/Shanghai business day). */
  dueOn: string;
  /** The assignee; by default the customer's dedicated RM at the time of creation. */
  staffId?: number | null;
  detail?: Record<string, unknown>;
  /** What created it, e.g. sourceType 'campaign', sourceId 12. */
  sourceType?: string | null;
  sourceId?: string | number | null;
  createdBy?: number | null;
};

const CHUNK = 5000;

/**
 * Creates the tasks that do not exist yet (same customer, kind and reason key: kept as it is) inside
 * the caller's transaction, and returns the ids of the new ones. Safe to call again with the same list.
 */
export async function createTasks(db: DbOrTrx, tasks: readonly NewTask[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < tasks.length; i += CHUNK) ids.push(...(await insertTasks(db, tasks.slice(i, i + CHUNK))));
  return ids;
}
