// Table types for Kysely. Generated columns are `Generated<>`; timestamps come back as Date.
import type { ColumnType, Generated } from 'kysely';
import type { ProductsTables } from './db-types-products';
import type { EngagementTables } from './db-types-engagement';
import type { QualityTables } from './db-types-quality';
import type { InsightsTables } from './db-types-insights';
import type { PerformanceTables } from './db-types-performance';
import type { ContestsTables } from './db-types-contests';
import type { GrowthTables } from './db-types-growth';
import type { SurveysTables } from './db-types-surveys';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills by default. */
export type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type DefaultJson<T = Record<string, unknown>> = ColumnType<T, string | T | undefined, string | T>;
export type DateCol = ColumnType<string, string, string>;
export type Int8 = ColumnType<number, number | bigint, number | bigint>;
export type Id = ColumnType<number, never, never>;

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
export type KnownPermissionsTable = { code: string; introduced_at: DefaultTimestamp };
export type CertificateRemindersTable = { certificate_id: Int8; days_ahead: number; sent_at: DefaultTimestamp };

type Money = ColumnType<string, string | number, string | number>;
type DefaultMoney = ColumnType<string, string | number | undefined, string | number>;

export type TiersTable = { code: string; name_zh: string; name_en: string; rank: number; min_aum: Money; color: Generated<string>; updated_at: DefaultTimestamp };
export type TierSettingsTable = { id: Generated<number>; basis: Generated<string>; downgrade_grace_months: Generated<number>; updated_at: DefaultTimestamp; updated_by: Int8 | null };
export type CustomersTable = {
  id: Id;
  customer_no: string;
  name: string;
  gender: string | null;
  birth_date: DateCol | null;
  resident_id: string | null;
  mobile: string | null;
  address: Generated<string>;
  occupation: Generated<string>;
  employer: Generated<string>;
  branch_id: Int8;
  rm_staff_id: Int8 | null;
  marketing_staff_id: Int8 | null;
  status: Generated<string>;
  onboarded_on: DateCol | null;
  tier_code: string;
  tier_since: DateCol | null;
  months_below: Generated<number>;
  /** The evaluation month in which months_below last went up (tiers module). */
  below_counted_for: DateCol | null;
  override_tier_code: string | null;
  override_until: DateCol | null;
  override_reason: string | null;
  override_approved_by: Int8 | null;
  risk_level: string | null;
  risk_assessed_on: DateCol | null;
  temperament: string | null;
  consent_phone: Generated<boolean>;
  consent_sms: Generated<boolean>;
  consent_email: Generated<boolean>;
  consent_wechat: Generated<boolean>;
  preferred_channel: string | null;
  preferred_contact_time: Generated<string>;
  family_notes: Generated<string>;
  aum: DefaultMoney;
  aum_m1: DefaultMoney;
  aum_m3: DefaultMoney;
  aum_m6: DefaultMoney;
  last_contact_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};
export type CustomerRmHistoryTable = { id: Id; customer_id: Int8; staff_id: Int8 | null; assigned_on: DateCol; ended_on: DateCol | null; reason: string; assigned_by: Int8 | null; created_at: DefaultTimestamp };
export type HoldingsTable = {
  id: Id; customer_id: Int8; category: string; product_code: string | null; product_name: string; account_no: string; card_no: string | null;
  balance: DefaultMoney; opened_on: DateCol | null; matures_on: DateCol | null; status: Generated<string>; updated_at: DefaultTimestamp;
};
export type DailyBalancesTable = { customer_id: Int8; day: DateCol; aum: Money };
export type MonthlyBalancesTable = { customer_id: Int8; month: DateCol; avg_aum: Money; end_aum: Money; contribution: DefaultMoney };
export type TierHistoryTable = {
  id: Id; customer_id: Int8; from_code: string | null; to_code: string; changed_on: DateCol; reason: string; basis_aum: Money | null;
  threshold: Money | null; run_id: Int8 | null; changed_by: Int8 | null; note: string | null; created_at: DefaultTimestamp;
};
export type CustomerNeedsTable = {
  id: Id; customer_id: Int8; kind: string; category: string; description: string; recorded_by: Int8 | null; recorded_at: DefaultTimestamp;
  met: Generated<boolean>; met_at: Timestamp | null;
};
export type CustomerQuestionsTable = { id: Id; customer_id: Int8; question: string; created_by: Int8 | null; created_at: DefaultTimestamp; asked_at: Timestamp | null; answer: string | null };
export type TemperamentGuidesTable = {
  code: string; name_zh: string; name_en: string; features_zh: string; strategy_zh: string; features_en: string; strategy_en: string;
  updated_at: DefaultTimestamp; updated_by: Int8 | null;
};
export type RiskAssessmentsTable = { id: Id; customer_id: Int8; level: string; assessed_on: DateCol; valid_until: DateCol; assessed_by: Int8 | null; created_at: DefaultTimestamp };
export type PrivilegesTable = { code: string; name_zh: string; name_en: string; partner: Generated<string>; unit_cost: DefaultMoney; active: Generated<boolean>; updated_at: DefaultTimestamp };
export type PrivilegeQuotasTable = { privilege_code: string; tier_code: string; per_year: number };
export type PrivilegeUsesTable = {
  id: Id; customer_id: Int8; privilege_code: string; year: number; status: string; service_date: DateCol; tier_code: string; branch_id: Int8;
  recorded_by: Int8 | null; cost: DefaultMoney; note: Generated<string>; created_at: DefaultTimestamp; cancelled_at: Timestamp | null;
};
export type CustomerEventsTable = {
  id: Id; customer_id: Int8; at: DefaultTimestamp; kind: string; title: string; detail: DefaultJson; staff_id: Int8 | null; ref_type: string | null; ref_id: string | null;
};

// Customer-data import (customers module): the jobs, their uploaded files, staging and error rows.
type Jsonb<T> = ColumnType<T, string | undefined, string>;
export type CustomerImportsTable = {
  id: Id; kind: string; file_name: string; file_format: string; file_size: Generated<number>; file_sha256: string | null;
  headers: Jsonb<string[]>; status: Generated<string>; mode: string | null; mapping: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  phase: string | null; progress_done: Generated<number>; progress_total: Generated<number>; total_rows: Generated<number>; valid_rows: Generated<number>;
  error_rows: Generated<number>; error_count: Generated<number>; inserted: Generated<number>; updated: Generated<number>; unchanged: Generated<number>;
  failure: ColumnType<{ code: string; zh: string; en: string } | null, string | null | undefined, string | null>;
  created_by: Int8 | null; created_at: DefaultTimestamp; started_at: Timestamp | null; finished_at: Timestamp | null; heartbeat_at: Timestamp | null;
};
export type CustomerImportFilesTable = { import_id: Int8; seq: number; data: Buffer };
export type CustomerImportErrorsTable = { import_id: Int8; row_no: number; field: string; value: string | null; code: string; detail: string | null };
type StageText = string | null;
export type CustomerImportStageCustomersTable = {
  import_id: Int8; row_no: number; customer_no: StageText; name: StageText; resident_id: StageText; gender: StageText; birth_date: StageText; mobile: StageText;
  address: StageText; occupation: StageText; employer: StageText; branch_code: StageText; rm_staff_no: StageText; marketing_staff_no: StageText;
  status: StageText; onboarded_on: StageText; risk_level: StageText;
};
export type CustomerImportStageHoldingsTable = {
  import_id: Int8; row_no: number; customer_no: StageText; account_no: StageText; category: StageText; product_code: StageText; product_name: StageText;
  card_no: StageText; balance: StageText; opened_on: StageText; matures_on: StageText; status: StageText;
};
export type CustomerImportStageBalancesTable = { import_id: Int8; row_no: number; customer_no: StageText; day: StageText; aum: StageText };

export type CoreDatabase = {
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
  known_permissions: KnownPermissionsTable;
  tiers: TiersTable;
  tier_settings: TierSettingsTable;
  customers: CustomersTable;
  customer_rm_history: CustomerRmHistoryTable;
  holdings: HoldingsTable;
  daily_balances: DailyBalancesTable;
  monthly_balances: MonthlyBalancesTable;
  tier_history: TierHistoryTable;
  customer_needs: CustomerNeedsTable;
  customer_questions: CustomerQuestionsTable;
  temperament_guides: TemperamentGuidesTable;
  risk_assessments: RiskAssessmentsTable;
  privileges: PrivilegesTable;
  privilege_quotas: PrivilegeQuotasTable;
  privilege_uses: PrivilegeUsesTable;
  customer_events: CustomerEventsTable;
  customer_imports: CustomerImportsTable;
  customer_import_files: CustomerImportFilesTable;
  customer_import_errors: CustomerImportErrorsTable;
  customer_import_stage_customers: CustomerImportStageCustomersTable;
  customer_import_stage_holdings: CustomerImportStageHoldingsTable;
  customer_import_stage_balances: CustomerImportStageBalancesTable;
};

/** Each later module declares its tables in db-types-<module>.ts. */
export type Database = CoreDatabase & ProductsTables & EngagementTables & QualityTables & InsightsTables & GrowthTables & SurveysTables & PerformanceTables & ContestsTables;
