// Kysely table types of the performance tables (merged into Database in db-types.ts).
import type { ColumnType, Generated } from 'kysely';
import type { DateCol, DefaultJson, DefaultTimestamp, Id, Int8 } from './db-types';

type Num = ColumnType<string, string | number, string | number>;
type NullableNum = ColumnType<string | null, string | number | null | undefined, string | number | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type NullableTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type PerfKpisTable = {
  id: Id;
  code: string;
  measure: string;
  params: DefaultJson;
  name_zh: string;
  name_en: string;
  unit: string;
  direction: string;
  period: Generated<string>;
  description_zh: Generated<string>;
  description_en: Generated<string>;
  active: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  updated_by: Nullable<number>;
};
export type PerfScorecardsTable = {
  id: Id;
  code: string;
  role_code: string;
  grade_code: Nullable<string>;
  name_zh: string;
  name_en: string;
  effective_month: DateCol;
  active: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  updated_by: Nullable<number>;
};
export type PerfScorecardItemsTable = {
  id: Id;
  scorecard_id: Int8;
  kpi_id: Int8;
  weight: Num;
  target_mode: string;
  target_value: NullableNum;
  rule: ColumnType<Record<string, unknown>, string, string>;
  gate: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  sort_order: Generated<number>;
};
export type PerfTargetsTable = {
  staff_id: Int8;
  kpi_id: Int8;
  month: DateCol;
  target: Num;
  updated_at: DefaultTimestamp;
  updated_by: Nullable<number>;
};
export type PerfRunsTable = {
  id: Id;
  month: DateCol;
  version: number;
  status: string;
  kind: string;
  as_of: DateCol;
  requested_by: Nullable<number>;
  approved_by: Nullable<number>;
  reason: Nullable<string>;
  job_run_id: Nullable<number>;
  staff_count: Generated<number>;
  detail: DefaultJson;
  created_at: DefaultTimestamp;
  finished_at: NullableTs;
  frozen_at: NullableTs;
};
export type PerfValuesTable = {
  run_id: Int8;
  scorecard_id: Int8;
  staff_id: Nullable<number>;
  branch_id: Int8;
  kpi_id: Int8;
  item_id: Nullable<number>;
  num: Generated<string>;
  den: NullableNum;
  actual: Generated<string>;
  target: NullableNum;
  score: NullableNum;
  weight: Generated<string>;
  weighted: NullableNum;
  gated: Generated<boolean>;
};
export type PerfScoresTable = {
  run_id: Int8;
  scorecard_id: Int8;
  role_code: string;
  staff_id: Nullable<number>;
  branch_id: Int8;
  total: Num;
  rank_branch: Nullable<number>;
  rank_bank: number;
};

export type PerformanceTables = {
  perf_kpis: PerfKpisTable;
  perf_scorecards: PerfScorecardsTable;
  perf_scorecard_items: PerfScorecardItemsTable;
  perf_targets: PerfTargetsTable;
  perf_runs: PerfRunsTable;
  perf_values: PerfValuesTable;
  perf_scores: PerfScoresTable;
};
