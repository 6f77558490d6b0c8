// Kysely table types of the quality module (satisfaction surveys) (merged into Database in db-types.ts).
import type { ColumnType, Generated } from 'kysely';

type Id = ColumnType<number, never, never>;
type Int8 = ColumnType<number, number | bigint, number | bigint>;
type DateCol = ColumnType<string, string, string>;
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type DefaultJson<T> = ColumnType<T, string | undefined, string>;
type Num = ColumnType<string, string | number | undefined, string | number>;

export type SurveyQuestionnairesTable = {
  id: Id; code: string; name_zh: string; name_en: string; current_version: Generated<number>; active: Generated<boolean>;
  created_at: Stamp; updated_at: Stamp;
};
export type SurveyQuestionnaireVersionsTable = { questionnaire_id: Int8; version: number; definition: Json<unknown>; created_by: Int8 | null; created_at: Stamp };
export type SurveyProgrammesTable = {
  id: Id; code: string; kind: string; name_zh: string; name_en: string; questionnaire_id: Int8; business_line: string | null;
  confidence: Num; margin: Num; min_sample: Generated<number>; max_sample: Generated<number>; sample_size: number | null; share: Num;
  valid_days: Generated<number>; active: Generated<boolean>; created_at: Stamp; updated_at: Stamp;
};
export type SurveyInvitationsTable = {
  id: Id; programme_id: Int8; wave: string; questionnaire_id: Int8; version: number; customer_id: Int8; branch_id: Int8; rm_staff_id: Int8 | null;
  tier_code: string | null; business_line: string | null; channel: string; source_type: string | null; source_ref: string | null;
  token_hash: string | null; status: Generated<string>; submission_hash: string | null; receipt: string | null;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  answered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Stamp;
};
export type SurveyResponsesTable = {
  answered_on: DateCol; id: Id; invitation_id: Int8 | null; programme_id: Int8; questionnaire_id: Int8; version: number; customer_id: Int8 | null;
  branch_id: Int8; rm_staff_id: Int8 | null; tier_code: string | null; business_line: string | null; competitor: string | null; channel: string;
  overall: number | null; nps: number | null; scores: DefaultJson<Record<string, number>>; answers: Json<unknown>; comment: Generated<string>;
  locale: Generated<string>; entered_by: Int8 | null; created_at: Stamp;
};
export type SurveyImprovementPlansTable = {
  id: Id; title: string; branch_id: Int8; period_from: DateCol; period_to: DateCol; summary: Generated<string>; created_by: Int8 | null; created_at: Stamp;
};
export type SurveyImprovementActionsTable = {
  id: Id; plan_id: Int8; indicator: string | null; action: string; owner_staff_id: Int8; due_on: DateCol; status: Generated<string>;
  done_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>; done_note: Generated<string>; created_at: Stamp;
};

export type SurveysTables = {
  survey_questionnaires: SurveyQuestionnairesTable;
  survey_questionnaire_versions: SurveyQuestionnaireVersionsTable;
  survey_programmes: SurveyProgrammesTable;
  survey_invitations: SurveyInvitationsTable;
  survey_responses: SurveyResponsesTable;
  survey_improvement_plans: SurveyImprovementPlansTable;
  survey_improvement_actions: SurveyImprovementActionsTable;
};
