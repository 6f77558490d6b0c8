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

export type ContactPlanRulesTable = {
  code: string;
  kind: string;
  tier_code: string | null;
  interval_months: number | null;
  lead_days: Generated<number>;
  threshold: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  due_days: Generated<number>;
  active: Generated<boolean>;
  name_zh: string;
  name_en: string;
  updated_at: DefaultTimestamp;
  updated_by: Int8 | null;
};

export type EngagementActivitiesTable = {
  id: Id;
  customer_id: Int8;
  branch_id: Int8;
  staff_id: Int8;
  channel: string;
  occurred_at: ColumnType<Date, Date | string, Date | string>;
  outcome: string;
  summary: Generated<string>;
  needs: DefaultJson<unknown[]>;
  products: DefaultJson<unknown[]>;
  next_step: Generated<string>;
  next_step_on: DateCol | null;
  task_id: Int8 | null;
  follow_up_task_id: Int8 | null;
  created_at: DefaultTimestamp;
};

export type HandoversTable = {
  id: Id;
  customer_id: Int8;
  branch_id: Int8;
  from_staff_id: Int8;
  to_staff_id: Int8;
  status: Generated<string>;
  note: Generated<string>;
  return_reason: string | null;
  created_at: DefaultTimestamp;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  decided_by: Int8 | null;
};

export type RmCapacityTable = {
  grade_code: string;
  max_customers: number;
  updated_at: DefaultTimestamp;
  updated_by: Int8 | null;
};

export type EngagementTables = {
  engagement_tasks: EngagementTasksTable;
  contact_plan_rules: ContactPlanRulesTable;
  engagement_activities: EngagementActivitiesTable;
  handovers: HandoversTable;
  rm_capacity: RmCapacityTable;
};
