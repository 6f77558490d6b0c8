// Table types for Kysely. Generated columns are `Generated<>`; timestamps come back as Date.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills by default. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DefaultJson<T = Record<string, unknown>> = ColumnType<T, string | T | undefined, string | T>;
type DateCol = ColumnType<string, string, string>;
type Int8 = ColumnType<number, number | bigint, number | bigint>;
type Id = ColumnType<number, never, never>;

export type BranchesTable = {
  id: Id;
  code: string;
  name: string;
  level: string;
  parent_id: Int8 | null;
  path: string;
  address: Generated<string>;
  phone: Generated<string>;
  is_wealth_centre: Generated<boolean>;
  status: Generated<string>;
  opened_on: DateCol | null;
  closed_on: DateCol | null;
  close_reason: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};
export type GradeLevelsTable = {
  id: Id;
  code: string;
  name_zh: string;
  name_en: string;
  rank: number;
  steps: number;
  updated_at: DefaultTimestamp;
};
export type StaffTable = {
  id: Id;
  staff_no: string;
  name: string;
  gender: string;
  branch_id: Int8;
  status: Generated<string>;
  sequence: string;
  mobile: Generated<string>;
  email: Generated<string>;
  hired_on: DateCol | null;
  grade_level_id: Int8 | null;
  grade_step: number | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};
export type StaffRolesTable = { staff_id: Int8; role: string };
export type StaffGradeHistoryTable = {
  id: Id;
  staff_id: Int8;
  grade_level_id: Int8;
  step: number;
  effective_on: DateCol;
  reason: string;
  approved_by: Int8 | null;
  created_at: DefaultTimestamp;
};
export type CertificateTypesTable = { code: string; name_zh: string; name_en: string };
export type CertificatesTable = {
  id: Id;
  staff_id: Int8;
  type_code: string;
  number: string;
  issued_on: DateCol;
  expires_on: DateCol | null;
  created_at: DefaultTimestamp;
};
export type StaffQualificationsTable = {
  staff_id: Int8;
  ethics: boolean;
  knowledge: boolean;
  experience: boolean;
  health: boolean;
  clean_record: boolean;
  notes: Generated<string>;
  assessed_on: DateCol;
  assessed_by: Int8 | null;
  updated_at: DefaultTimestamp;
};
export type RolePermissionsTable = { role: string; permission: string; scope: string };
export type UsersTable = {
  id: Id;
  username: string;
  staff_id: Int8;
  password_hash: string;
  must_change_password: Generated<boolean>;
  failed_attempts: Generated<number>;
  locked_until: Timestamp | null;
  password_changed_at: Timestamp | null;
  locale: Generated<string>;
  disabled: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};
export type SessionsTable = {
  token_hash: string;
  user_id: Int8;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
  revoked_at: Timestamp | null;
};
export type AuditLogTable = {
  id: Id;
  at: DefaultTimestamp;
  actor_user_id: Int8 | null;
  actor_username: string | null;
  actor_name: string | null;
  ip: string | null;
  request_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  customer_id: Int8 | null;
  branch_id: Int8 | null;
  reason: string | null;
  outcome: Generated<string>;
  detail: DefaultJson;
  /** Filled by the chaining trigger. */
  chain_seq: Generated<number>;
  prev_hash: Generated<string>;
  hash: Generated<string>;
};
export type NotificationsTable = {
  id: Id;
  user_id: Int8;
  kind: string;
  title: string;
  body: Generated<string>;
  link: string | null;
  data: DefaultJson;
  created_at: DefaultTimestamp;
  read_at: Timestamp | null;
};
export type ImportRunsTable = {
  id: Id;
  kind: string;
  file_name: string;
  file_sha256: string;
  total_rows: number;
  valid_rows: number;
  inserted: number;
  updated: number;
  committed: boolean;
  errors: DefaultJson<unknown[]>;
  created_by: Int8 | null;
  created_at: DefaultTimestamp;
};
export type JobRunsTable = {
  id: Id;
  job: string;
  started_at: DefaultTimestamp;
  finished_at: Timestamp | null;
  status: Generated<string>;
  detail: DefaultJson;
  instance: string | null;
  lease_until: Timestamp | null;
};
export type CertificateRemindersTable = { certificate_id: Int8; days_ahead: number; sent_at: DefaultTimestamp };

export type Database = {
  branches: BranchesTable;
  grade_levels: GradeLevelsTable;
  staff: StaffTable;
  staff_roles: StaffRolesTable;
  staff_grade_history: StaffGradeHistoryTable;
  certificate_types: CertificateTypesTable;
  certificates: CertificatesTable;
  staff_qualifications: StaffQualificationsTable;
  role_permissions: RolePermissionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  notifications: NotificationsTable;
  import_runs: ImportRunsTable;
  job_runs: JobRunsTable;
  certificate_reminders: CertificateRemindersTable;
};
