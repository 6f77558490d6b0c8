// Request and response schemas of the quality module (satisfaction surveys, 满意度测定): questionnaires
// as versioned data, programmes and their samples, one-time invitations, the public survey page,
// staff entry of mail/phone answers, the satisfaction report and its improvement plans.
import { z } from 'zod';
import { isoDate, page, paged } from './common';

const code = z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _');
const zhText = z.string().trim().min(1).max(200);
const enText = z.string().trim().min(1).max(300);

export const SURVEY_QUESTION_KINDS = ['rating', 'nps', 'single', 'multiple', 'text'] as const;
export type SurveyQuestionKind = (typeof SURVEY_QUESTION_KINDS)[number];
export const SURVEY_PROGRAMME_KINDS = ['bank', 'competitor', 'branch', 'business_line', 'post_service'] as const;
export type SurveyProgrammeKind = (typeof SURVEY_PROGRAMME_KINDS)[number];
export const SURVEY_INDICATORS = ['environment', 'efficiency', 'attitude', 'professionalism', 'products'] as const;

export const surveyOption = z.strictObject({ code, zh: zhText, en: enText });
export const surveyQuestion = z.strictObject({
  code,
  kind: z.enum(SURVEY_QUESTION_KINDS),
  textZh: zhText,
  textEn: enText,
  required: z.boolean().default(true),
  /** The indicator this question measures (rating questions). */
  indicator: code.optional(),
  /** The question of overall satisfaction (one rating question per questionnaire). */
  overall: z.boolean().optional(),
  options: z.array(surveyOption).max(20).optional(),
});
export type SurveyQuestion = z.infer<typeof surveyQuestion>;
export const surveySection = z.strictObject({ code, titleZh: zhText, titleEn: enText, questions: z.array(surveyQuestion).min(1).max(40) });
export const surveyIndicator = z.strictObject({ code, zh: zhText, en: enText });

export const surveyDefinition = z
  .strictObject({ indicators: z.array(surveyIndicator).max(20), sections: z.array(surveySection).min(1).max(20) })
  .superRefine((d, ctx) => {
    const codes = new Set<string>();
    const indicators = new Set(d.indicators.map((i) => i.code));
    let overall = 0;
    d.sections.forEach((s, si) =>
      s.questions.forEach((q, qi) => {
        const path = ['sections', si, 'questions', qi];
        if (codes.has(q.code)) ctx.addIssue({ code: 'custom', path: [...path, 'code'], message: 'duplicate question code' });
        codes.add(q.code);
        if (q.indicator && !indicators.has(q.indicator)) ctx.addIssue({ code: 'custom', path: [...path, 'indicator'], message: 'unknown indicator' });
        if (q.indicator && q.kind !== 'rating') ctx.addIssue({ code: 'custom', path: [...path, 'indicator'], message: 'only rating questions measure an indicator' });
        if ((q.kind === 'single' || q.kind === 'multiple') && (q.options?.length ?? 0) < 2) ctx.addIssue({ code: 'custom', path: [...path, 'options'], message: 'a choice needs two options' });
        if (q.overall) {
          overall++;
          if (q.kind !== 'rating') ctx.addIssue({ code: 'custom', path: [...path, 'overall'], message: 'overall satisfaction is a rating' });
        }
      }),
    );
    if (overall > 1) ctx.addIssue({ code: 'custom', path: ['sections'], message: 'one overall question at most' });
  });
export type SurveyDefinition = z.infer<typeof surveyDefinition>;

// ---- questionnaires (surveys.manage) ---------------------------------------------------------------

export const surveyQuestionnaire = z.object({
  id: z.number().int(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  currentVersion: z.number().int(),
  active: z.boolean(),
  definition: surveyDefinition,
  responses: z.number().int(),
  updatedAt: z.string(),
});
export type SurveyQuestionnaire = z.infer<typeof surveyQuestionnaire>;

export const createQuestionnaireBody = z.strictObject({ code, nameZh: zhText, nameEn: enText, definition: surveyDefinition });
export type CreateQuestionnaireBody = z.infer<typeof createQuestionnaireBody>;
/** Saving a questionnaire writes its next version; answers keep the version they answered. */
export const updateQuestionnaireBody = z.strictObject({ nameZh: zhText, nameEn: enText, active: z.boolean().default(true), definition: surveyDefinition });
export type UpdateQuestionnaireBody = z.infer<typeof updateQuestionnaireBody>;

// ---- programmes and sampling -------------------------------------------------------------------------

export const surveyProgramme = z.object({
  id: z.number().int(),
  code: z.string(),
  kind: z.enum(SURVEY_PROGRAMME_KINDS),
  nameZh: z.string(),
  nameEn: z.string(),
  questionnaireId: z.number().int(),
  businessLine: z.string().nullable(),
  confidence: z.number(),
  margin: z.number(),
  minSample: z.number().int(),
  maxSample: z.number().int(),
  sampleSize: z.number().int().nullable(),
  share: z.number(),
  validDays: z.number().int(),
  active: z.boolean(),
  invitations: z.number().int(),
  responses: z.number().int(),
});
export type SurveyProgramme = z.infer<typeof surveyProgramme>;

export const saveProgrammeBody = z
  .strictObject({
    code,
    kind: z.enum(SURVEY_PROGRAMME_KINDS),
    nameZh: zhText,
    nameEn: enText,
    questionnaireId: z.number().int().positive(),
    businessLine: code.nullable().default(null),
    confidence: z.union([z.literal(0.9), z.literal(0.95), z.literal(0.99)]).default(0.95),
    margin: z.number().min(0.01).max(0.2).default(0.05),
    minSample: z.number().int().min(1).max(100000).default(100),
    maxSample: z.number().int().min(1).max(100000).default(200),
    sampleSize: z.number().int().min(1).max(1000000).nullable().default(null),
    share: z.number().min(0).max(1).default(0.2),
    validDays: z.number().int().min(1).max(90).default(14),
    active: z.boolean().default(true),
  })
  .refine((p) => p.minSample <= p.maxSample, { path: ['maxSample'], message: 'maxSample below minSample' });
export type SaveProgrammeBody = z.infer<typeof saveProgrammeBody>;

export const surveyStratum = z.object({ tierCode: z.string(), population: z.number().int(), sample: z.number().int() });
export const surveySamplePlan = z.object({
  programmeId: z.number().int(),
  kind: z.enum(SURVEY_PROGRAMME_KINDS),
  population: z.number().int(),
  sample: z.number().int(),
  groups: z.array(z.object({ branchId: z.number().int().nullable(), branchCode: z.string(), branchName: z.string(), population: z.number().int(), sample: z.number().int(), strata: z.array(surveyStratum) })),
});
export type SurveySamplePlan = z.infer<typeof surveySamplePlan>;

/** The wave is the period a draw belongs to: '2026' (yearly), '2026-11' (monthly). */
export const surveyWave = z.string().regex(/^\d{4}(-\d{2})?$/, 'YYYY or YYYY-MM');
export const drawSampleBody = z.strictObject({ wave: surveyWave });
export type DrawSampleBody = z.infer<typeof drawSampleBody>;
export const surveyDrawResult = z.object({ wave: z.string(), invited: z.number().int(), total: z.number().int() });
export type SurveyDrawResult = z.infer<typeof surveyDrawResult>;

// ---- invitations --------------------------------------------------------------------------------------

export const SURVEY_INVITATION_STATUSES = ['drawn', 'sent', 'answered', 'expired'] as const;
export const surveyInvitationListQuery = page.extend({
  programmeId: z.coerce.number().int().positive().optional(),
  invitationStatus: z.enum(SURVEY_INVITATION_STATUSES).optional(),
});
export type SurveyInvitationListQuery = z.infer<typeof surveyInvitationListQuery>;
export const surveyInvitation = z.object({
  id: z.number().int(),
  programmeId: z.number().int(),
  programmeNameZh: z.string(),
  programmeNameEn: z.string(),
  wave: z.string(),
  customerNo: z.string(),
  customerName: z.string(),
  branchName: z.string(),
  tierCode: z.string().nullable(),
  channel: z.string(),
  status: z.enum(SURVEY_INVITATION_STATUSES),
  sentAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
export type SurveyInvitation = z.infer<typeof surveyInvitation>;
export const surveyInvitationPage = paged(surveyInvitation);
export type SurveyInvitationPage = z.infer<typeof surveyInvitationPage>;
/** The link is shown once: only its hash is stored, and issuing again replaces it. */
export const surveyLink = z.object({ invitationId: z.number().int(), path: z.string(), qrSvg: z.string(), expiresAt: z.string() });
export type SurveyLink = z.infer<typeof surveyLink>;

// ---- answering (public page and staff entry) ------------------------------------------------------------

export const surveyAnswerValue = z.union([z.number().int().min(0).max(10), z.string().max(2000), z.array(code).max(20)]);
export const surveyAnswers = z.array(z.strictObject({ question: code, value: surveyAnswerValue })).min(1).max(200);
export type SurveyAnswers = z.infer<typeof surveyAnswers>;

export const surveyTokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'token') });
export const publicSurvey = z.object({
  nameZh: z.string(),
  nameEn: z.string(),
  definition: surveyDefinition,
  expiresAt: z.string(),
});
export type PublicSurvey = z.infer<typeof publicSurvey>;
export const submitSurveyBody = z.strictObject({ answers: surveyAnswers, locale: z.enum(['zh-CN', 'en']).default('zh-CN') });
export type SubmitSurveyBody = z.infer<typeof submitSurveyBody>;
export const surveyReceipt = z.object({ receipt: z.string(), answeredAt: z.string() });
export type SurveyReceipt = z.infer<typeof surveyReceipt>;

export const enterSurveyBody = z.strictObject({
  programmeId: z.number().int().positive(),
  branchId: z.number().int().positive(),
  customerId: z.number().int().positive().nullable().default(null),
  competitor: z.string().trim().min(1).max(60).nullable().default(null),
  answerChannel: z.enum(['mail', 'phone']),
  answeredOn: isoDate,
  answers: surveyAnswers,
});
export type EnterSurveyBody = z.infer<typeof enterSurveyBody>;
/** What a clerk needs to type in mail/phone answers: the programmes with their current questionnaire. */
export const surveyEntryForm = z.object({
  programmeId: z.number().int(), kind: z.enum(SURVEY_PROGRAMME_KINDS), nameZh: z.string(), nameEn: z.string(), definition: surveyDefinition,
});
export type SurveyEntryForm = z.infer<typeof surveyEntryForm>;
export const surveyEntryResult = z.object({ responseId: z.number().int(), answeredOn: z.string() });

// ---- the satisfaction report (surveys.report) ----------------------------------------------------------

export const SURVEY_REPORT_DIMENSIONS = ['branch', 'rm', 'businessLine', 'tier', 'month'] as const;
export const surveyReportQuery = z.object({
  from: isoDate,
  to: isoDate,
  programmeId: z.coerce.number().int().positive().optional(),
  branchId: z.coerce.number().int().positive().optional(),
});
export type SurveyReportQuery = z.infer<typeof surveyReportQuery>;

const interval = { low: z.number().nullable(), high: z.number().nullable() };
export const surveyFigure = z.object({ value: z.number().nullable(), ...interval });
export type SurveyFigure = z.infer<typeof surveyFigure>;
export const surveyOverall = z.object({
  n: z.number().int(),
  csat: surveyFigure,
  mean: surveyFigure,
  npsN: z.number().int(),
  nps: surveyFigure,
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
});
export type SurveyOverall = z.infer<typeof surveyOverall>;
export const surveyIndicatorFigure = z.object({
  code: z.string(), zh: z.string(), en: z.string(), n: z.number().int(), mean: surveyFigure, correlation: z.number().nullable(), impact: z.number().nullable(),
});
export type SurveyIndicatorFigure = z.infer<typeof surveyIndicatorFigure>;
export const surveyDriver = surveyIndicatorFigure.extend({ rank: z.number().int(), comments: z.array(z.string()) });
export type SurveyDriver = z.infer<typeof surveyDriver>;
export const surveyGroup = surveyOverall.extend({
  key: z.string(),
  label: z.string(),
  /** Branches only: the interval is too wide to tell this branch from the bank average. */
  tooSmall: z.boolean(),
  neededN: z.number().int().nullable(),
});
export type SurveyGroup = z.infer<typeof surveyGroup>;
export const surveyReport = z.object({
  from: z.string(),
  to: z.string(),
  scopeLabel: z.string(),
  overall: surveyOverall,
  indicators: z.array(surveyIndicatorFigure),
  drivers: z.array(surveyDriver),
  groups: z.object({ branch: z.array(surveyGroup), rm: z.array(surveyGroup), businessLine: z.array(surveyGroup), tier: z.array(surveyGroup), month: z.array(surveyGroup) }),
});
export type SurveyReport = z.infer<typeof surveyReport>;
export const surveyExportQuery = surveyReportQuery.extend({ format: z.enum(['pdf', 'xlsx']) });
export type SurveyExportQuery = z.infer<typeof surveyExportQuery>;

// ---- improvement plans (improvement.manage) -------------------------------------------------------------

export const improvementAction = z.object({
  id: z.number().int(),
  indicator: z.string().nullable(),
  measure: z.string(),
  ownerStaffId: z.number().int(),
  ownerName: z.string(),
  dueOn: z.string(),
  status: z.enum(['open', 'done']),
  overdue: z.boolean(),
  doneAt: z.string().nullable(),
  doneNote: z.string(),
});
export type ImprovementAction = z.infer<typeof improvementAction>;
export const improvementPlan = z.object({
  id: z.number().int(),
  title: z.string(),
  branchId: z.number().int(),
  branchName: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  summary: z.string(),
  createdAt: z.string(),
  actions: z.array(improvementAction),
});
export type ImprovementPlan = z.infer<typeof improvementPlan>;
const actionInput = z.strictObject({ indicator: code.nullable().default(null), measure: z.string().trim().min(2).max(500), ownerStaffId: z.number().int().positive(), dueOn: isoDate });
export const addImprovementActionBody = actionInput;
export type AddImprovementActionBody = z.infer<typeof addImprovementActionBody>;
export const createImprovementPlanBody = z
  .strictObject({
    title: z.string().trim().min(2).max(200),
    branchId: z.number().int().positive(),
    periodFrom: isoDate,
    periodTo: isoDate,
    summary: z.string().trim().max(2000).default(''),
    measures: z.array(actionInput).max(50).default([]),
  })
  .refine((p) => p.periodFrom <= p.periodTo, { path: ['periodTo'], message: 'periodTo before periodFrom' });
export type CreateImprovementPlanBody = z.infer<typeof createImprovementPlanBody>;
export const completeImprovementActionBody = z.strictObject({ doneNote: z.string().trim().min(1).max(1000) });
export type CompleteImprovementActionBody = z.infer<typeof completeImprovementActionBody>;
export const improvementActionParams = z.object({ id: z.coerce.number().int().positive(), actionId: z.coerce.number().int().positive() });
