// The productivity contest (产能竞赛) and grade promotion (职级晋升): requests and responses.
// API: GET/POST /api/contests, GET/PUT /api/contests/:id, POST /api/contests/:id/{publish,refresh,close,freeze},
// GET /api/contests/:id/leaderboard, GET /api/contests/:id/me, GET /api/contests/:id/participants/:staffId,
// GET /api/contests/:id/results.xlsx, GET /api/contests/kpis; GET/POST /api/promotion/rules, PUT /api/promotion/rules/:id,
// GET /api/promotion/reviews, POST /api/promotion/reviews/generate, POST /api/promotion/reviews/:id/{approve,reject}.
import { z } from 'zod';
import { isoDate, page } from './common';
import { roleCode } from './roles';

export const CONTEST_STATUSES = ['draft', 'live', 'closed', 'frozen'] as const;
export const contestStatus = z.enum(CONTEST_STATUSES);
export type ContestStatus = z.infer<typeof contestStatus>;
export const CONTEST_STATUS_LABELS: Record<ContestStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  live: { zh: '进行中', en: 'Live' },
  closed: { zh: '已结束', en: 'Closed' },
  frozen: { zh: '结果已冻结', en: 'Results frozen' },
};
export const CONTEST_MODES = ['individual', 'team'] as const;
export const contestMode = z.enum(CONTEST_MODES);
export type ContestMode = z.infer<typeof contestMode>;
export const standingKind = z.enum(['individual', 'team']);
export type StandingKind = z.infer<typeof standingKind>;

const decimal = z.string().trim().regex(/^-?\d{1,16}(\.\d{1,4})?$/, 'decimal');
const kpiCode = z.string().trim().min(1).max(60);

export const contestMetricInput = z.strictObject({ kpiCode, weight: z.number().int().min(1).max(100) });
export const contestRules = z.strictObject({
  /** A participant below any minimum is not qualified: ranked after the qualified ones, no prize. */
  minimums: z.array(z.strictObject({ kpiCode, min: decimal })).max(10).default([]),
  tieBreak: z.strictObject({
    /** Equal totals: compare these metrics' actual values in order (by each KPI's direction). */
    metrics: z.array(kpiCode).max(5).default([]),
    /** Then whoever reached the total earlier ranks first. */
    earlierReach: z.boolean().default(true),
  }).default({ metrics: [], earlierReach: true }),
});
export type ContestRules = z.infer<typeof contestRules>;
export const contestPrize = z.strictObject({
  name: z.string().trim().min(1).max(40),
  fromRank: z.number().int().min(1).max(100_000),
  toRank: z.number().int().min(1).max(100_000),
  reward: z.string().trim().max(200).default(''),
});
export type ContestPrize = z.infer<typeof contestPrize>;

export const saveContestBody = z.strictObject({
  name: z.string().trim().min(2).max(80),
  description: z.string().trim().max(2000).default(''),
  periodFrom: isoDate,
  periodTo: isoDate,
  mode: contestMode.default('individual'),
  participantRoles: z.array(roleCode).min(1).max(11),
  /** Roots of the branch sub-trees whose staff take part; each inside the caller's reach. */
  participantBranchIds: z.array(z.number().int().positive()).min(1).max(50),
  metrics: z.array(contestMetricInput).min(1).max(8),
  rules: contestRules.default({ minimums: [], tieBreak: { metrics: [], earlierReach: true } }),
  prizes: z.array(contestPrize).max(10).default([]),
});
export type SaveContestBody = z.infer<typeof saveContestBody>;

export const contestMetric = z.object({
  kpiCode: z.string(), nameZh: z.string(), nameEn: z.string(), unit: z.string(), direction: z.enum(['higher', 'lower']), weight: z.number().int(),
});
export type ContestMetric = z.infer<typeof contestMetric>;

export const contestSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  status: contestStatus,
  mode: contestMode,
  ownerBranchId: z.number().int(),
  ownerBranchName: z.string(),
  metrics: z.array(contestMetric),
  participants: z.number().int(),
  version: z.number().int(),
  refreshedAt: z.string().nullable(),
  /** Whether the caller may edit, publish, refresh, close and export it. */
  canManage: z.boolean(),
});
export type ContestSummary = z.infer<typeof contestSummary>;

export const contestDetail = contestSummary.extend({
  description: z.string(),
  participantRoles: z.array(roleCode),
  participantBranches: z.array(z.object({ id: z.number().int(), name: z.string() })),
  rules: contestRules,
  prizes: z.array(contestPrize),
  createdByName: z.string().nullable(),
  frozenAt: z.string().nullable(),
});
export type ContestDetail = z.infer<typeof contestDetail>;

export const contestListQuery = page.extend({ status: contestStatus.optional() });
export type ContestListQuery = z.infer<typeof contestListQuery>;

export const leaderboardQuery = z.object({
  kind: standingKind.default('individual'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export type LeaderboardQuery = z.infer<typeof leaderboardQuery>;

export const standingMetric = z.object({
  kpiCode: z.string(),
  points: z.string(),
  /** The measured value: only on the caller's own row, or for a manager whose reach covers the row. */
  actual: z.string().nullable(),
});
export const standingRow = z.object({
  position: z.number().int(),
  rank: z.number().int().nullable(),
  previousRank: z.number().int().nullable(),
  /** previousRank − rank: positive moved up; null when new on the board. */
  rankChange: z.number().int().nullable(),
  subjectId: z.number().int(),
  name: z.string(),
  branchId: z.number().int(),
  branchName: z.string(),
  members: z.number().int(),
  total: z.string(),
  qualified: z.boolean(),
  metrics: z.array(standingMetric),
  isMine: z.boolean(),
  prize: z.string().nullable(),
});
export type StandingRow = z.infer<typeof standingRow>;

export const leaderboard = z.object({
  contestId: z.number().int(),
  kind: standingKind,
  version: z.number().int(),
  computedAt: z.string().nullable(),
  frozen: z.boolean(),
  items: z.array(standingRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type Leaderboard = z.infer<typeof leaderboard>;

export const myPosition = z.object({ individual: standingRow.nullable(), team: standingRow.nullable(), participants: z.number().int(), teams: z.number().int() });
export type MyPosition = z.infer<typeof myPosition>;

export const participantParams = z.object({ id: z.coerce.number().int().positive(), staffId: z.coerce.number().int().positive() });
export const participantDetail = z.object({
  staffId: z.number().int(),
  name: z.string(),
  branchName: z.string(),
  rank: z.number().int().nullable(),
  total: z.string(),
  qualified: z.boolean(),
  metrics: z.array(z.object({
    kpiCode: z.string(), nameZh: z.string(), nameEn: z.string(), unit: z.string(), weight: z.number().int(),
    actual: z.string(), points: z.string(), min: z.string().nullable(), meetsMin: z.boolean(),
  })),
});
export type ParticipantDetail = z.infer<typeof participantDetail>;

export const contestKpi = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), unit: z.string(), direction: z.enum(['higher', 'lower']) });
export type ContestKpi = z.infer<typeof contestKpi>;
export const refreshResult = z.object({ version: z.number().int(), participants: z.number().int(), teams: z.number().int(), computedAt: z.string() });
export type RefreshResult = z.infer<typeof refreshResult>;

// ---- grade promotion ---------------------------------------------------------------------------

export const promotionRule = z.object({
  id: z.number().int(),
  gradeCode: z.string(),
  gradeNameZh: z.string(),
  gradeNameEn: z.string(),
  gradeRank: z.number().int(),
  step: z.number().int().nullable(),
  minMonthsInGrade: z.number().int(),
  scoreMonths: z.number().int(),
  minAvgScore: z.string(),
  minAum: z.string(),
  requiredCertificates: z.array(z.string()),
  cleanMonths: z.number().int(),
  demoteBelowScore: z.string().nullable(),
  demoteMonths: z.number().int(),
  active: z.boolean(),
});
export type PromotionRule = z.infer<typeof promotionRule>;

const score = z.string().trim().regex(/^\d{1,3}(\.\d{1,2})?$/, 'score');
export const savePromotionRuleBody = z.strictObject({
  gradeCode: z.string().trim().min(1).max(40),
  step: z.number().int().min(1).max(20).nullable().default(null),
  minMonthsInGrade: z.number().int().min(0).max(240),
  scoreMonths: z.number().int().min(1).max(24),
  minAvgScore: score,
  minAum: z.string().trim().regex(/^\d{1,18}(\.\d{1,2})?$/, 'amount'),
  requiredCertificates: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
  cleanMonths: z.number().int().min(0).max(60),
  demoteBelowScore: score.nullable().default(null),
  demoteMonths: z.number().int().min(1).max(24).default(3),
  active: z.boolean().default(true),
});
export type SavePromotionRuleBody = z.infer<typeof savePromotionRuleBody>;

export const promotionCheck = z.object({ code: z.string(), ok: z.boolean(), zh: z.string(), en: z.string() });
export type PromotionCheck = z.infer<typeof promotionCheck>;
export const promotionEvidence = z.object({
  ruleId: z.number().int(),
  asOf: z.string(),
  gradeSince: z.string().nullable(),
  monthsInGrade: z.number().int(),
  minMonthsInGrade: z.number().int(),
  scores: z.array(z.object({ month: z.string(), total: z.number().nullable() })),
  avgScore: z.number().nullable(),
  minAvgScore: z.string(),
  aum: z.string(),
  minAum: z.string(),
  certificatesHeld: z.array(z.string()),
  certificatesRequired: z.array(z.string()),
  upheldComplaints: z.number().int(),
  cleanRecord: z.boolean(),
  cleanMonths: z.number().int(),
  demoteBelowScore: z.string().nullable(),
  demoteMonths: z.number().int(),
  checks: z.array(promotionCheck),
});
export type PromotionEvidence = z.infer<typeof promotionEvidence>;

const gradeRef = z.object({ gradeCode: z.string(), nameZh: z.string(), nameEn: z.string(), step: z.number().int() });
export const promotionReview = z.object({
  id: z.number().int(),
  month: z.string(),
  staffId: z.number().int(),
  staffNo: z.string(),
  staffName: z.string(),
  branchId: z.number().int(),
  branchName: z.string(),
  direction: z.enum(['promote', 'demote']),
  from: gradeRef,
  to: gradeRef,
  evidence: promotionEvidence,
  status: z.enum(['pending', 'approved', 'rejected']),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
});
export type PromotionReview = z.infer<typeof promotionReview>;

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
export const promotionReviewsQuery = page.extend({ month: month.optional(), status: z.enum(['pending', 'approved', 'rejected']).optional() });
export type PromotionReviewsQuery = z.infer<typeof promotionReviewsQuery>;
export const generateReviewsBody = z.strictObject({ month: month.optional() });
export const generateReviewsResult = z.object({ month: z.string(), evaluated: z.number().int(), created: z.number().int() });
export const decideReviewBody = z.strictObject({ reason: z.string().trim().max(500).default('') });
export type DecideReviewBody = z.infer<typeof decideReviewBody>;
