// The assessment (考核) part of the performance module: the KPI library, scorecards, targets, runs and
// the views. Routes:
//   GET/POST /api/performance/kpis, PUT /api/performance/kpis/:id             [performance.read / performance.manage]
//   GET/POST /api/performance/scorecards, PUT /api/performance/scorecards/:id [performance.read / performance.manage]
//   PUT /api/performance/targets                                             [performance.manage] per-person targets of a month
//   GET /api/performance/runs, POST /api/performance/runs (run now), POST …/runs/freeze,
//   POST …/runs/recompute (request), POST …/runs/:id/approve | /reject        [performance.read / manage / approve]
//   GET /api/performance/me?month=                                            [performance.self]
//   GET /api/performance/staff/:staffId?month=                                [performance.self (own) or performance.read]
//   GET /api/performance/staff/:staffId/kpis/:kpiCode/facts?month=            same; customer names masked
//   GET /api/performance/dashboard?month=&branchId=                           [performance.read]
//   GET /api/performance/export.xlsx?month=                                   [performance.export] (audited)
import { z } from 'zod';

export const PERF_MEASURES = [
  'sales_amount', 'sales_count', 'aum_growth', 'net_new_money', 'new_premium', 'cross_sell_ratio', 'contact_plan_completion', 'overdue_tasks',
  'referrals_made', 'referrals_converted', 'handovers_in_time', 'satisfaction', 'complaints_count', 'complaints_upheld', 'complaints_on_time',
  'lobby_service_level', 'premium_identified', 'self_service_guidance', 'tickets_served', 'inspection_score',
] as const;
export const perfMeasure = z.enum(PERF_MEASURES);
export const PERF_UNITS = ['amount', 'count', 'percent', 'score', 'ratio'] as const;
export const perfUnit = z.enum(PERF_UNITS);
export const perfDirection = z.enum(['higher', 'lower']);
export const PERF_ROLES = ['wealth_rm', 'marketing_rm', 'lobby_manager', 'teller', 'branch'] as const;
export const perfRole = z.enum(PERF_ROLES);
export type PerfRole = z.infer<typeof perfRole>;
export const PERF_ROLE_LABELS: Record<PerfRole, { zh: string; en: string }> = {
  wealth_rm: { zh: '理财客户经理', en: 'Wealth RM' },
  marketing_rm: { zh: '营销客户经理', en: 'Marketing RM' },
  lobby_manager: { zh: '大堂经理', en: 'Lobby manager' },
  teller: { zh: '柜员', en: 'Teller' },
  branch: { zh: '网点', en: 'Branch' },
};
export const PERF_UNIT_LABELS: Record<z.infer<typeof perfUnit>, { zh: string; en: string }> = {
  amount: { zh: '元', en: 'CNY' }, count: { zh: '个/笔', en: 'count' }, percent: { zh: '%', en: '%' }, score: { zh: '分', en: 'points' }, ratio: { zh: '倍', en: 'ratio' },
};

export const perfMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const code = z.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/, 'code');
const name = z.string().trim().min(1).max(60);

export const kpiParams = z.strictObject({
  category: z.string().trim().min(1).max(30).optional(),
  by: z.enum(['rm', 'marketing']).optional(),
  side: z.enum(['from', 'to']).optional(),
  days: z.number().int().min(1).max(30).optional(),
});
export const perfKpi = z.object({
  id: z.number().int(), code: z.string(), measure: perfMeasure, params: kpiParams, nameZh: z.string(), nameEn: z.string(), unit: perfUnit,
  direction: perfDirection, period: z.literal('month'), descriptionZh: z.string(), descriptionEn: z.string(), active: z.boolean(),
});
export type PerfKpi = z.infer<typeof perfKpi>;
export const saveKpiBody = z.strictObject({
  code, measure: perfMeasure, params: kpiParams.default({}), nameZh: name, nameEn: name, unit: perfUnit, direction: perfDirection,
  descriptionZh: z.string().trim().max(400).default(''), descriptionEn: z.string().trim().max(400).default(''), active: z.boolean().default(true),
});
export type SaveKpiBody = z.infer<typeof saveKpiBody>;

export const scoringRule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('linear'), cap: z.number().min(100).max(300) }),
  z.strictObject({ kind: z.literal('thresholds'), steps: z.array(z.strictObject({ at: z.number(), score: z.number().min(0).max(300) })).min(1).max(10) }),
  z.strictObject({ kind: z.literal('rank'), bands: z.array(z.strictObject({ topPct: z.number().gt(0).max(100), score: z.number().min(0).max(300) })).min(1).max(10), otherwise: z.number().min(0).max(300) }),
]);
export type ScoringRuleDto = z.infer<typeof scoringRule>;
export const scoringGate = z.strictObject({ kpi: code, op: z.enum(['gte', 'gt', 'lte', 'lt']), value: z.number() });
export const targetMode = z.enum(['fixed', 'per_person', 'last_year_growth']);
export const scorecardItemBody = z.strictObject({
  kpiCode: code,
  weight: z.number().gt(0).max(100),
  targetMode,
  targetValue: z.number().nullable().default(null),
  rule: scoringRule,
  gate: scoringGate.nullable().default(null),
});
export const saveScorecardBody = z.strictObject({
  code, roleCode: perfRole, gradeCode: z.string().trim().min(1).max(30).nullable().default(null), nameZh: name, nameEn: name,
  effectiveMonth: perfMonth, active: z.boolean().default(true), items: z.array(scorecardItemBody).min(1).max(20),
});
export type SaveScorecardBody = z.infer<typeof saveScorecardBody>;
export const scorecardItem = scorecardItemBody.extend({ id: z.number().int(), kpiNameZh: z.string(), kpiNameEn: z.string(), unit: perfUnit, direction: perfDirection });
export const perfScorecard = z.object({
  id: z.number().int(), code: z.string(), roleCode: perfRole, gradeCode: z.string().nullable(), nameZh: z.string(), nameEn: z.string(),
  effectiveMonth: z.string(), active: z.boolean(), items: z.array(scorecardItem),
});
export type PerfScorecard = z.infer<typeof perfScorecard>;

export const saveTargetsBody = z.strictObject({
  month: perfMonth,
  targets: z.array(z.strictObject({ staffNo: z.string().trim().min(1).max(30), kpiCode: code, target: z.number() })).min(1).max(20000),
});

export const PERF_RUN_STATUSES = ['requested', 'rejected', 'running', 'done', 'frozen', 'superseded', 'failed'] as const;
export const perfRun = z.object({
  id: z.number().int(), month: z.string(), version: z.number().int(), status: z.enum(PERF_RUN_STATUSES), kind: z.enum(['nightly', 'manual', 'recompute']),
  asOf: z.string(), requestedBy: z.string().nullable(), approvedBy: z.string().nullable(), reason: z.string().nullable(), staffCount: z.number().int(),
  createdAt: z.string(), finishedAt: z.string().nullable(), frozenAt: z.string().nullable(),
});
export type PerfRun = z.infer<typeof perfRun>;
export const runNowBody = z.strictObject({ month: perfMonth });
export const freezeBody = z.strictObject({ month: perfMonth });
export const recomputeRequestBody = z.strictObject({ month: perfMonth, reason: z.string().trim().min(4).max(400) });
export const rejectBody = z.strictObject({ reason: z.string().trim().min(2).max(400) });
export const monthQuery = z.strictObject({ month: perfMonth.optional() });
export const dashboardQuery = z.strictObject({ month: perfMonth.optional(), branchId: z.coerce.number().int().positive().optional(), role: perfRole.optional() });
export const staffParam = z.object({ staffId: z.coerce.number().int().positive() });
export const factsParams = z.object({ staffId: z.coerce.number().int().positive(), kpiCode: code });

export const scorecardLine = z.object({
  kpiCode: z.string(), nameZh: z.string(), nameEn: z.string(), unit: perfUnit, direction: perfDirection, weight: z.string(),
  actual: z.string(), target: z.string().nullable(), score: z.string().nullable(), weighted: z.string().nullable(), gated: z.boolean(),
  gateOnly: z.boolean(), rankBranch: z.number().int(), rankBank: z.number().int(), peersBranch: z.number().int(), peersBank: z.number().int(),
  trend: z.array(z.object({ month: z.string(), actual: z.string() })),
});
export const staffScorecard = z.object({
  month: z.string(), runId: z.number().int().nullable(), runStatus: z.string().nullable(), asOf: z.string().nullable(),
  staff: z.object({ id: z.number().int(), staffNo: z.string(), name: z.string(), branchId: z.number().int(), branchName: z.string() }),
  scorecard: z.object({ id: z.number().int(), code: z.string(), nameZh: z.string(), nameEn: z.string(), roleCode: perfRole }).nullable(),
  total: z.string().nullable(), rankBranch: z.number().int().nullable(), rankBank: z.number().int().nullable(),
  peersBranch: z.number().int(), peersBank: z.number().int(),
  lines: z.array(scorecardLine),
  trend: z.array(z.object({ month: z.string(), total: z.string() })),
});
export type StaffScorecard = z.infer<typeof staffScorecard>;
export const kpiFact = z.object({ at: z.string().nullable(), ref: z.string().nullable(), customerNo: z.string().nullable(), customerName: z.string().nullable(), amount: z.string().nullable(), detail: z.string().nullable() });
export const kpiFacts = z.object({ kpiCode: z.string(), nameZh: z.string(), nameEn: z.string(), from: z.string(), to: z.string(), rows: z.array(kpiFact), truncated: z.boolean() });
export type KpiFacts = z.infer<typeof kpiFacts>;

const performer = z.object({ staffId: z.number().int(), staffNo: z.string(), name: z.string(), branchName: z.string(), roleCode: perfRole, total: z.string(), rankBank: z.number().int() });
export const perfDashboard = z.object({
  month: z.string(), runId: z.number().int().nullable(), runStatus: z.string().nullable(), role: perfRole,
  staffCount: z.number().int(), average: z.string().nullable(),
  histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int() })),
  top: z.array(performer), bottom: z.array(performer),
  trend: z.array(z.object({ month: z.string(), average: z.string(), kpis: z.array(z.object({ kpiCode: z.string(), nameZh: z.string(), nameEn: z.string(), average: z.string() })) })),
  league: z.array(z.object({ branchId: z.number().int(), branchName: z.string(), total: z.string().nullable(), rank: z.number().int().nullable(), staffAverage: z.string().nullable(), staffCount: z.number().int() })),
});
export type PerfDashboard = z.infer<typeof perfDashboard>;
