// Kysely table types of the engagement module (merged into Database in db-types.ts).
import type { ColumnType, Generated } from 'kysely';
import type { DateCol, DefaultJson, DefaultTimestamp, Id, Int8 } from './db-types';

export type EngagementTasksTable = {
  id: Id;
  customer_id: Int8;
  branch_id: Int8;
  staff_id: Int8 | null;
  kind: string;
  reason_key: string;
  title: string;
  title_en: Generated<string>;
  detail: DefaultJson;
  due_on: DateCol;
  status: Generated<string>;
  source_type: string | null;
  source_id: string | null;
  outcome: string | null;
  created_by: Int8 | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  done_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
};

export type EngagementTables = {
  engagement_tasks: EngagementTasksTable;
};
