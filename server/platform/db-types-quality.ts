// Kysely table types of the quality module (merged into Database in db-types.ts).
import type { ColumnType, Generated } from 'kysely';
import type { DateCol, DefaultJson, DefaultTimestamp, Id, Int8 } from './db-types';

type Money = ColumnType<string, string | number, string | number>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type NullableTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type ComplaintsTable = {
  id: Id;
  branch_id: Int8;
  channel: string;
  complainant_type: string;
  customer_id: Nullable<number>;
  contact_name: Nullable<string>;
  contact_mobile: Nullable<string>;
  category: string;
  business_line: string;
  about_staff_ids: ColumnType<number[], number[] | undefined, number[]>;
  amount_in_dispute: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  description: string;
  customer_request: Generated<string>;
  lobby_complaint_id: Nullable<number>;
  status: Generated<string>;
  accepted_on: DateCol;
  accepted_at: DefaultTimestamp;
  due_on: DateCol;
  extension_level: Generated<number>;
  handler_staff_id: Nullable<number>;
  decision: Nullable<string>;
  decided_at: NullableTs;
  decided_on: Nullable<string>;
  told_via: Nullable<string>;
  reopened_count: Generated<number>;
  closed_at: NullableTs;
  closed_on: Nullable<string>;
  withdrawn_at: NullableTs;
  callback_at: NullableTs;
  callback_satisfaction: Nullable<number>;
  callback_note: Nullable<string>;
  root_cause: Nullable<string>;
  root_cause_note: Nullable<string>;
  corrective_action: Nullable<string>;
  corrective_owner_id: Nullable<number>;
  corrective_due_on: Nullable<string>;
  created_by: Nullable<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type ComplaintHistoryTable = {
  id: Id;
  complaint_id: Int8;
  at: DefaultTimestamp;
  staff_id: Nullable<number>;
  action: string;
  from_status: Nullable<string>;
  to_status: Nullable<string>;
  note: Generated<string>;
  detail: DefaultJson;
};

export type FileTable = {
  id: Id;
  file_name: string;
  content_type: string;
  size_bytes: number;
  data: Buffer;
  uploaded_by: Nullable<number>;
  uploaded_at: DefaultTimestamp;
};

export type ComplaintAttachmentsTable = FileTable & { complaint_id: Int8 };
export type InspectionPhotosTable = FileTable & { inspection_id: Int8 };

export type ComplaintRemindersTable = { complaint_id: Int8; milestone: string; due_on: DateCol; sent_at: DefaultTimestamp };

export type InspectionDimensionsTable = { code: string; side: string; name_zh: string; name_en: string; sort_order: Generated<number> };

export type ServiceStandardsTable = {
  id: Id;
  code: string;
  service_step: string;
  step_order: Generated<number>;
  dimension_code: string;
  key_element: Generated<string>;
  specific: Generated<string>;
  measurable: Generated<string>;
  achievable: Generated<string>;
  relevant: Generated<string>;
  time_bound: Generated<string>;
  time_limit_seconds: Nullable<number>;
  reviewed_on: Nullable<string>;
  review_note: Generated<string>;
  source: Generated<string>;
  active: Generated<boolean>;
  updated_at: DefaultTimestamp;
};

export type InspectionsTable = {
  id: Id;
  branch_id: Int8;
  kind: string;
  inspected_on: DateCol;
  staff_id: Nullable<number>;
  inspector_staff_id: Nullable<number>;
  inspector_name: Generated<string>;
  score: Money;
  findings: Generated<string>;
  corrective_actions: Generated<string>;
  created_at: DefaultTimestamp;
};

export type InspectionItemsTable = { inspection_id: Int8; standard_id: Int8; score: number; note: Generated<string> };

export type TeamRatingsTable = {
  id: Id;
  branch_id: Int8;
  period: string;
  rater_staff_id: Int8;
  rater_kind: string;
  score: number;
  note: Generated<string>;
  created_at: DefaultTimestamp;
};

export type TeamFeedbackTable = { id: Id; branch_id: Int8; period: string; note: string; staff_id: Nullable<number>; created_at: DefaultTimestamp };

export type QualityTables = {
  complaints: ComplaintsTable;
  complaint_history: ComplaintHistoryTable;
  complaint_attachments: ComplaintAttachmentsTable;
  complaint_reminders: ComplaintRemindersTable;
  inspection_dimensions: InspectionDimensionsTable;
  service_standards: ServiceStandardsTable;
  inspections: InspectionsTable;
  inspection_items: InspectionItemsTable;
  inspection_photos: InspectionPhotosTable;
  team_ratings: TeamRatingsTable;
  team_feedback: TeamFeedbackTable;
};
