// Kysely table types of the contests and grade-promotion tables (merged into Database in db-types.ts).
import type { ColumnType, Generated } from 'kysely';
import type { DateCol, DefaultJson, DefaultTimestamp, Id, Int8, Timestamp } from './db-types';

type NullableTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Decimal = ColumnType<string, string | number, string | number>;
type DefaultDecimal = ColumnType<string, string | number | undefined, string | number>;
/** bigint[] arrives as numbers or strings depending on the driver: read through Number(). */
type IdArray = ColumnType<(number | string)[], number[], number[]>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export type ContestsTable = {
  id: Id;
  name: string;
  description: Generated<string>;
  period_from: DateCol;
  period_to: DateCol;
  status: Generated<string>;
  mode: Generated<string>;
  participant_roles: TextArray;
  participant_branch_ids: IdArray;
  rules: DefaultJson;
  prizes: DefaultJson<unknown[]>;
  branch_id: Int8;
  created_by: Nullable<number>;
  version: Generated<number>;
  participants: Generated<number>;
  teams: Generated<number>;
  refreshed_at: NullableTs;
  closed_at: NullableTs;
  frozen_at: NullableTs;
  frozen_by: Nullable<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type ContestMetricsTable = {
  contest_id: Int8;
  kpi_code: string;
  weight: number;
  position: number;
  name_zh: string;
  name_en: string;
  unit: Generated<string>;
  direction: Generated<string>;
};

type StandingCols = {
  contest_id: Int8;
  kind: string;
  position: number;
  subject_id: Int8;
  branch_id: Int8;
  name: string;
  branch_name: Generated<string>;
  members: Generated<number>;
  metrics: DefaultJson<unknown[]>;
  total: Decimal;
  rank: number | null;
  qualified: boolean;
};

export type ContestStandingsTable = StandingCols & {
  previous_rank: number | null;
  reached_at: Timestamp;
  version: number;
  computed_at: Timestamp;
};

export type ContestResultsTable = StandingCols & { prize: string | null; frozen_at: DefaultTimestamp };

export type PromotionRulesTable = {
  id: Id;
  grade_level_id: Int8;
  step: number | null;
  min_months_in_grade: number;
  score_months: number;
  min_avg_score: DefaultDecimal;
  min_aum: DefaultDecimal;
  required_certificates: TextArray;
  clean_months: number;
  demote_below_score: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  demote_months: number;
  active: Generated<boolean>;
  updated_by: Nullable<number>;
  updated_at: DefaultTimestamp;
};

export type PromotionReviewsTable = {
  id: Id;
  month: DateCol;
  staff_id: Int8;
  branch_id: Int8;
  direction: string;
  from_grade_level_id: Int8;
  from_step: number;
  to_grade_level_id: Int8;
  to_step: number;
  evidence: DefaultJson;
  status: Generated<string>;
  decided_by: Nullable<number>;
  decided_at: NullableTs;
  reason: Nullable<string>;
  created_at: DefaultTimestamp;
};

export type ContestsTables = {
  contests: ContestsTable;
  contest_metrics: ContestMetricsTable;
  contest_standings: ContestStandingsTable;
  contest_results: ContestResultsTable;
  promotion_rules: PromotionRulesTable;
  promotion_reviews: PromotionReviewsTable;
};
