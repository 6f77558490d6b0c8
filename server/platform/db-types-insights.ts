// Kysely table types of the insights module (merged into Database in db-types.ts).
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { DateCol, DefaultTimestamp, Id, Int8 } from './db-types';

type Json<T extends object> = JSONColumnType<T, string | T, string | T>;

export type InsightModelsTable = {
  id: Id;
  target: string;
  version: number;
  learner: string;
  status: Generated<string>;
  window_from: DateCol;
  window_to: DateCol;
  features: Json<string[]>;
  metrics: Json<Record<string, unknown>>;
  model: Json<Record<string, unknown>>;
  training_rows: number;
  positive_rate: number;
  job_run_id: Int8 | null;
  trained_by: Int8 | null;
  trained_by_name: Generated<string>;
  trained_at: DefaultTimestamp;
  retired_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
};

export type InsightScoresTable = {
  customer_id: Int8;
  target: string;
  model_id: Int8;
  run_id: Int8;
  score: number;
  reasons: Json<{ feature: string; contribution: number; value: number | string | null }[]>;
  as_of: DateCol;
  scored_at: DefaultTimestamp;
};

export type InsightScoreRunsTable = {
  run_id: Int8;
  model_id: Int8;
  as_of: DateCol;
  scored: number;
  mean_score: number;
  histogram: Json<number[]>;
  psi: number | null;
  created_at: DefaultTimestamp;
};

export type InsightsTables = {
  insight_models: InsightModelsTable;
  insight_scores: InsightScoresTable;
  insight_score_runs: InsightScoreRunsTable;
};
