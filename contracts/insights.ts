// The insights module's request and response schemas: models (registry, metrics, drift), scores
// with their reasons, training runs and campaigns from scores.
import { z } from 'zod';
import { isoDate, queryBool } from './common';

export const INSIGHT_TARGETS = ['premium', 'attrition', 'time_deposit', 'wealth', 'insurance'] as const;
export const insightTarget = z.enum(INSIGHT_TARGETS);
export type InsightTarget = z.infer<typeof insightTarget>;
export const INSIGHT_TARGET_LABELS: Record<InsightTarget, { zh: string; en: string }> = {
  premium: { zh: '升级潜力', en: 'Tier upgrade' },
  attrition: { zh: '流失预警', en: 'Attrition' },
  time_deposit: { zh: '定期存款', en: 'Time deposit' },
  wealth: { zh: '理财产品', en: 'Wealth product' },
  insurance: { zh: '保险', en: 'Insurance' },
};

export const learnerChoice = z.enum(['gbt', 'logreg', 'auto']);

export const metricSet = z.object({
  auc: z.number().nullable(), alift: z.number().nullable(), ap: z.number().nullable(),
  top10: z.number().nullable(), top50: z.number().nullable(), rows: z.number(), positives: z.number(),
});
export type MetricSet = z.infer<typeof metricSet>;
export const calibrationBin = z.object({ from: z.number(), to: z.number(), count: z.number(), meanPredicted: z.number(), observedRate: z.number() });

export const insightModel = z.object({
  id: z.number().int(),
  target: insightTarget,
  version: z.number().int(),
  learner: z.string(),
  status: z.enum(['active', 'retired']),
  windowFrom: z.string(),
  windowTo: z.string(),
  features: z.array(z.string()),
  trainingRows: z.number().int(),
  positiveRate: z.number(),
  cv: metricSet.nullable(),
  holdout: metricSet.nullable(),
  calibration: z.array(calibrationBin),
  trainedByName: z.string(),
  trainedAt: z.string(),
  retiredAt: z.string().nullable(),
});
export type InsightModel = z.infer<typeof insightModel>;

export const driftPoint = z.object({ runId: z.number().int(), asOf: z.string(), scored: z.number().int(), meanScore: z.number(), psi: z.number().nullable(), createdAt: z.string() });
/** A scoring run whose three months of outcomes are now known: what the model predicted vs what happened. */
export const outcomeCheck = z.object({ asOf: z.string(), rows: z.number().int(), meanPredicted: z.number(), realisedRate: z.number(), auc: z.number().nullable() });
export const insightModelDetail = insightModel.extend({ drift: z.array(driftPoint), histogram: z.array(z.number()), outcomes: z.array(outcomeCheck) });
export type InsightModelDetail = z.infer<typeof insightModelDetail>;

export const insightReason = z.object({ feature: z.string(), zh: z.string(), en: z.string(), contribution: z.number(), value: z.union([z.number(), z.string(), z.null()]) });
export type InsightReason = z.infer<typeof insightReason>;

export const customerInsight = z.object({
  target: insightTarget, modelId: z.number().int(), modelVersion: z.number().int(), score: z.number(), percentile: z.number().nullable(),
  reasons: z.array(insightReason), asOf: z.string(), scoredAt: z.string(),
});
export type CustomerInsight = z.infer<typeof customerInsight>;

export const insightScoreRow = z.object({
  customerId: z.number().int(), customerNo: z.string(), name: z.string(), tierCode: z.string(), branchName: z.string(), rmName: z.string().nullable(),
  target: insightTarget, score: z.number(), reasons: z.array(insightReason), consented: z.boolean(),
});
export type InsightScoreRow = z.infer<typeof insightScoreRow>;

export const insightScoresQuery = z.strictObject({
  target: insightTarget,
  minScore: z.coerce.number().min(0).max(1).optional(),
  tierCode: z.string().trim().min(1).max(32).optional(),
  /** Only the caller's own book (the RM workbench). */
  ownBook: queryBool.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type InsightScoresQuery = z.infer<typeof insightScoresQuery>;

export const trainInsightsBody = z.strictObject({
  targets: z.array(insightTarget).min(1).max(INSIGHT_TARGETS.length).optional(),
  learner: learnerChoice.default('auto'),
  /** Learn from every n-th customer only (quicker on a large bank). */
  sampleEvery: z.number().int().min(1).max(1000).optional(),
});
export type TrainInsightsBody = z.infer<typeof trainInsightsBody>;

export const insightRunsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export const insightRun = z.object({ id: z.number().int(), status: z.string(), startedAt: z.string(), finishedAt: z.string().nullable(), detail: z.record(z.string(), z.unknown()) });
export type InsightRun = z.infer<typeof insightRun>;

export const insightCampaignBody = z
  .strictObject({
    target: insightTarget,
    /** The best N customers of each RM's book (within the caller's scope). */
    topPerRm: z.number().int().min(1).max(500).optional(),
    /** Or everyone at or above this score. */
    minScore: z.number().min(0).max(1).optional(),
    dueOn: isoDate,
    note: z.string().trim().max(200).optional(),
  })
  .refine((b) => b.topPerRm !== undefined || b.minScore !== undefined, { message: 'topPerRm or minScore', path: ['topPerRm'] });
export type InsightCampaignBody = z.infer<typeof insightCampaignBody>;

export const insightCampaignResult = z.object({ selected: z.number().int(), withoutConsent: z.number().int(), created: z.number().int(), reasonKey: z.string() });
export type InsightCampaignResult = z.infer<typeof insightCampaignResult>;
