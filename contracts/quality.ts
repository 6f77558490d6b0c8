// The quality module's request and response schemas: complaints (投诉) under the 2020 regulation,
// their reports, service standards, inspections and the team evaluation. Routes:
//   POST /api/complaints                                  [complaints.intake]   complaintIntakeBody -> complaintDetail (201)
//   GET  /api/complaints                                  [any complaints.*]    complaintListQuery -> complaintPage
//   GET  /api/complaints/:id                              [any complaints.*]    complaintDetail
//   POST /api/complaints/:id/assign                       [complaints.manage]   assignComplaintBody
//   POST /api/complaints/:id/steps/:action                [complaints.handle]   complaintStepBody (investigate, propose, reject_proposal, decide, dispute, close, withdraw)
//   POST /api/complaints/:id/extend                       [complaints.handle]   extendComplaintBody
//   POST /api/complaints/:id/callback                     [complaints.handle]   complaintCallbackBody
//   POST /api/complaints/:id/reveal                       [complaints.handle]   revealComplaintBody -> complaintContact
//   POST /api/complaints/:id/attachments?fileName=        [complaints.intake]   raw file body (jpeg, png, pdf; 5 MB)
//   GET  /api/complaints/:id/attachments/:fileId          [any complaints.*]    the file (audited)
//   GET  /api/complaints/report                           [complaints.report]   complaintReportQuery -> complaintReport
//   GET  /api/complaints/regulatory.xlsx?month=           [complaints.report]   monthly regulatory summary (audited)
//   GET  /api/complaints/handlers?branchId=               [complaints.manage]   staff who may be assigned
//   GET/POST/PUT /api/quality/standards                   [standards.read / standards.manage]
//   GET/POST /api/quality/inspections, GET …/:id, POST …/:id/photos, GET …/:id/photos/:fileId, GET /api/quality/inspections/scores
//   GET /api/quality/teams?period=, POST /api/quality/teams/ratings, POST /api/quality/teams/feedback   [teams.evaluate]
import { z } from 'zod';
import { isoDate, page, paged } from './common';

// ---- complaints -----------------------------------------------------------------------------------

export const COMPLAINT_CHANNELS = ['lobby', 'counter', 'phone', 'online', 'letter', 'regulator'] as const;
export const complaintChannel = z.enum(COMPLAINT_CHANNELS);
export type ComplaintChannel = z.infer<typeof complaintChannel>;

export const COMPLAINANT_TYPES = ['customer', 'proxy', 'heir', 'walk_in'] as const;
export const complainantType = z.enum(COMPLAINANT_TYPES);
export type ComplainantType = z.infer<typeof complainantType>;

export const COMPLAINT_CATEGORIES = [
  'service_attitude', 'waiting_time', 'mis_selling', 'fees', 'system_failure', 'privacy', 'business_error', 'environment', 'other',
] as const;
export const complaintCategory = z.enum(COMPLAINT_CATEGORIES);
export type ComplaintCategory = z.infer<typeof complaintCategory>;

export const COMPLAINT_BUSINESS_LINES = ['deposits', 'wealth', 'agency', 'loans', 'cards', 'payments', 'e_banking', 'counter', 'other'] as const;
export const complaintBusinessLine = z.enum(COMPLAINT_BUSINESS_LINES);
export type ComplaintBusinessLine = z.infer<typeof complaintBusinessLine>;

export const COMPLAINT_STATUSES = ['accepted', 'assigned', 'investigating', 'proposed', 'decided', 'review', 'closed', 'withdrawn'] as const;
export const complaintStatus = z.enum(COMPLAINT_STATUSES);
export type ComplaintStatus = z.infer<typeof complaintStatus>;

export const COMPLAINT_ACTIONS = ['assign', 'investigate', 'propose', 'reject_proposal', 'decide', 'dispute', 'close', 'withdraw'] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];
export const COMPLAINT_STEP_ACTIONS = ['investigate', 'propose', 'reject_proposal', 'decide', 'dispute', 'close', 'withdraw'] as const;
export const complaintStepAction = z.enum(COMPLAINT_STEP_ACTIONS);
export type ComplaintStepAction = z.infer<typeof complaintStepAction>;

export const DEADLINE_STATES = ['ok', 'warn50', 'warn80', 'overdue', 'met', 'late', 'ended'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

export const COMPLAINT_TOLD_VIA = ['phone', 'in_person', 'letter', 'sms', 'online'] as const;
export const complaintToldVia = z.enum(COMPLAINT_TOLD_VIA);

export const COMPLAINT_ROOT_CAUSES = ['staff_conduct', 'training_gap', 'process_defect', 'system_defect', 'product_design', 'disclosure', 'capacity', 'policy', 'customer_misunderstanding', 'other'] as const;
export const complaintRootCause = z.enum(COMPLAINT_ROOT_CAUSES);
export type ComplaintRootCause = z.infer<typeof complaintRootCause>;

const money = z.string().trim().regex(/^\d{1,18}(\.\d{1,2})?$/, 'amount');
const mobile = z.string().trim().regex(/^1\d{10}$/, 'mobile');
const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const complaintIntakeBody = z.strictObject({
  /** The outlet the complaint is about; by default the caller's. */
  branchId: z.number().int().positive().optional(),
  channel: complaintChannel,
  complainantType: complainantType,
  customerId: z.number().int().positive().optional(),
  /** Required for a walk-in without a customer record, a proxy or an heir (masked on output). */
  contactName: text(1, 30).optional(),
  contactMobile: mobile.optional(),
  category: complaintCategory,
  businessLine: complaintBusinessLine,
  /** The staff named in the complaint: they never handle it. */
  aboutStaffIds: z.array(z.number().int().positive()).max(10).default([]),
  amountInDispute: money.optional(),
  description: text(4, 4000),
  customerRequest: text(0, 2000).default(''),
});
export type ComplaintIntakeBody = z.infer<typeof complaintIntakeBody>;

export const complaintListQuery = page.extend({
  status: z.enum([...COMPLAINT_STATUSES, 'open']).optional(),
  branchId: z.coerce.number().int().positive().optional(),
  category: complaintCategory.optional(),
  channel: complaintChannel.optional(),
  /** Only the ones assigned to me. */
  mine: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').optional(),
});
export type ComplaintListQuery = z.infer<typeof complaintListQuery>;

export const complaintSummary = z.object({
  id: z.number().int(),
  complaintNo: z.string(),
  branchId: z.number().int(),
  branchName: z.string(),
  channel: complaintChannel,
  complainantType: complainantType,
  customerId: z.number().int().nullable(),
  /** Masked. */
  complainantName: z.string().nullable(),
  category: complaintCategory,
  businessLine: complaintBusinessLine,
  status: complaintStatus,
  acceptedOn: z.string(),
  dueOn: z.string(),
  extensionLevel: z.number().int(),
  decidedOn: z.string().nullable(),
  deadlineState: z.enum(DEADLINE_STATES),
  daysLeft: z.number().int(),
  handlerStaffId: z.number().int().nullable(),
  handlerName: z.string().nullable(),
  amountInDispute: z.string().nullable(),
});
export type ComplaintSummary = z.infer<typeof complaintSummary>;
export const complaintPage = paged(complaintSummary);
export type ComplaintPage = z.infer<typeof complaintPage>;

export const complaintHistoryEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  staffId: z.number().int().nullable(),
  staffName: z.string().nullable(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type ComplaintHistoryEntry = z.infer<typeof complaintHistoryEntry>;

export const complaintFile = z.object({
  id: z.number().int(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: z.string(),
  uploadedByName: z.string().nullable(),
});
export type ComplaintFile = z.infer<typeof complaintFile>;

export const complaintDetail = complaintSummary.extend({
  /** Masked. */
  contactMobile: z.string().nullable(),
  aboutStaff: z.array(z.object({ id: z.number().int(), name: z.string() })),
  description: z.string(),
  customerRequest: z.string(),
  decision: z.string().nullable(),
  toldVia: z.string().nullable(),
  reopenedCount: z.number().int(),
  closedOn: z.string().nullable(),
  callbackAt: z.string().nullable(),
  callbackSatisfaction: z.number().int().nullable(),
  callbackNote: z.string().nullable(),
  rootCause: complaintRootCause.nullable(),
  rootCauseNote: z.string().nullable(),
  correctiveAction: z.string().nullable(),
  correctiveOwnerId: z.number().int().nullable(),
  correctiveOwnerName: z.string().nullable(),
  correctiveDueOn: z.string().nullable(),
  lobbyComplaintId: z.number().int().nullable(),
  history: z.array(complaintHistoryEntry),
  attachments: z.array(complaintFile),
  /** What the caller may do next. */
  allowed: z.array(z.string()),
});
export type ComplaintDetail = z.infer<typeof complaintDetail>;

export const assignComplaintBody = z.strictObject({
  handlerStaffId: z.number().int().positive(),
  note: text(0, 1000).default(''),
});
export type AssignComplaintBody = z.infer<typeof assignComplaintBody>;

/** One body for every workflow step; what a step needs is checked by the step. */
export const complaintStepBody = z.strictObject({
  note: text(0, 2000).default(''),
  /** propose / decide: the decision as told to the complainant. */
  decision: text(4, 4000).optional(),
  /** decide: how the complainant was told. */
  toldVia: complaintToldVia.optional(),
  /** close: the root cause and the corrective action (溯源整改). */
  rootCause: complaintRootCause.optional(),
  rootCauseNote: text(0, 2000).optional(),
  correctiveAction: text(4, 2000).optional(),
  correctiveOwnerId: z.number().int().positive().optional(),
  correctiveDueOn: isoDate.optional(),
});
export type ComplaintStepBody = z.infer<typeof complaintStepBody>;
export const complaintStepParams = z.object({ id: z.coerce.number().int().positive(), action: complaintStepAction });

export const extendComplaintBody = z.strictObject({
  /** 1: to 30 days (complex); 2: 30 more (especially complex, senior approval). */
  extensionLevel: z.union([z.literal(1), z.literal(2)]),
  reason: text(4, 1000),
  toldVia: complaintToldVia,
});
export type ExtendComplaintBody = z.infer<typeof extendComplaintBody>;

export const complaintCallbackBody = z.strictObject({
  satisfaction: z.number().int().min(1).max(5),
  note: text(0, 1000).default(''),
});
export type ComplaintCallbackBody = z.infer<typeof complaintCallbackBody>;

export const revealComplaintBody = z.strictObject({ reason: text(4, 200) });
export const complaintContact = z.object({ name: z.string().nullable(), mobile: z.string().nullable() });

export const complaintFileQuery = z.object({ fileName: text(1, 120) });
export type ComplaintFileQuery = z.infer<typeof complaintFileQuery>;
export const qualityFileParams = z.object({ id: z.coerce.number().int().positive(), fileId: z.coerce.number().int().positive() });

export const complaintHandlersQuery = z.object({ branchId: z.coerce.number().int().positive() });
export const complaintHandler = z.object({ id: z.number().int(), name: z.string(), staffNo: z.string(), roles: z.array(z.string()), openCases: z.number().int() });
export type ComplaintHandler = z.infer<typeof complaintHandler>;

// ---- complaint reports -----------------------------------------------------------------------------

export const complaintReportQuery = z.object({ from: isoDate.optional(), to: isoDate.optional(), branchId: z.coerce.number().int().positive().optional() });
export type ComplaintReportQuery = z.infer<typeof complaintReportQuery>;
const volume = z.object({ key: z.string(), label: z.string(), count: z.number().int() });
export const complaintReport = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number().int(),
  byCategory: z.array(volume),
  byChannel: z.array(volume),
  byBranch: z.array(volume),
  byStaff: z.array(volume),
  byMonth: z.array(volume),
  decided: z.number().int(),
  /** Calendar days from acceptance to the decision told. */
  meanDays: z.number().nullable(),
  p90Days: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  reopenRate: z.number().nullable(),
  overdueOpen: z.number().int(),
  repeatedCauses: z.array(z.object({ rootCause: complaintRootCause, branchId: z.number().int(), branchName: z.string(), count: z.number().int(), openActions: z.number().int() })),
});
export type ComplaintReport = z.infer<typeof complaintReport>;
export const regulatoryExportQuery = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/, 'YYYY-MM') });
export type RegulatoryExportQuery = z.infer<typeof regulatoryExportQuery>;

// ---- service standards ---------------------------------------------------------------------------

export const STANDARD_SIDES = ['procedural', 'personal'] as const;
export const inspectionDimension = z.object({ code: z.string(), side: z.enum(STANDARD_SIDES), nameZh: z.string(), nameEn: z.string(), sortOrder: z.number().int() });
export type InspectionDimension = z.infer<typeof inspectionDimension>;

export const saveStandardBody = z.strictObject({
  code: z.string().trim().regex(/^[a-z0-9_.-]{2,40}$/, 'code'),
  serviceStep: text(2, 100),
  stepOrder: z.number().int().min(0).max(10000).default(100),
  dimensionCode: z.string().trim().min(1).max(40),
  keyElement: text(0, 500).default(''),
  specific: text(0, 1000).default(''),
  measurable: text(0, 500).default(''),
  achievable: text(0, 500).default(''),
  relevant: text(0, 500).default(''),
  timeBound: text(0, 500).default(''),
  timeLimitSeconds: z.number().int().positive().max(86_400).nullable().default(null),
  reviewedOn: isoDate.nullable().default(null),
  reviewNote: text(0, 1000).default(''),
  active: z.boolean().default(true),
});
export type SaveStandardBody = z.infer<typeof saveStandardBody>;
export const serviceStandard = z.object({
  id: z.number().int(),
  code: z.string(),
  serviceStep: z.string(),
  stepOrder: z.number().int(),
  dimensionCode: z.string(),
  keyElement: z.string(),
  specific: z.string(),
  measurable: z.string(),
  achievable: z.string(),
  relevant: z.string(),
  timeBound: z.string(),
  timeLimitSeconds: z.number().int().nullable(),
  reviewedOn: z.string().nullable(),
  reviewNote: z.string(),
  source: z.string(),
  active: z.boolean(),
  /** The SMART letters that are missing; empty when the standard is SMART. */
  smartMissing: z.array(z.string()),
});
export type ServiceStandard = z.infer<typeof serviceStandard>;
export const standardsLibrary = z.object({ dimensions: z.array(inspectionDimension), standards: z.array(serviceStandard) });
export type StandardsLibrary = z.infer<typeof standardsLibrary>;

// ---- inspections ----------------------------------------------------------------------------------

export const INSPECTION_KINDS = ['mystery_shopper', 'supervisor'] as const;
export const inspectionBody = z.strictObject({
  branchId: z.number().int().positive(),
  kind: z.enum(INSPECTION_KINDS),
  inspectedOn: isoDate,
  staffId: z.number().int().positive().optional(),
  inspectorName: text(0, 60).default(''),
  items: z.array(z.strictObject({ standardId: z.number().int().positive(), score: z.number().int().min(0).max(5), note: text(0, 500).default('') })).min(1).max(200),
  findings: text(0, 4000).default(''),
  correctiveActions: text(0, 4000).default(''),
});
export type InspectionBody = z.infer<typeof inspectionBody>;
export const inspectionListQuery = page.extend({ branchId: z.coerce.number().int().positive().optional() });
export type InspectionListQuery = z.infer<typeof inspectionListQuery>;
export const inspectionSummary = z.object({
  id: z.number().int(),
  branchId: z.number().int(),
  branchName: z.string(),
  kind: z.enum(INSPECTION_KINDS),
  inspectedOn: z.string(),
  staffId: z.number().int().nullable(),
  staffName: z.string().nullable(),
  inspectorName: z.string(),
  score: z.string(),
  photos: z.number().int(),
});
export type InspectionSummary = z.infer<typeof inspectionSummary>;
export const inspectionPage = paged(inspectionSummary);
export const inspectionDetail = inspectionSummary.extend({
  findings: z.string(),
  correctiveActions: z.string(),
  items: z.array(z.object({ standardId: z.number().int(), code: z.string(), serviceStep: z.string(), dimensionCode: z.string(), specific: z.string(), score: z.number().int(), note: z.string() })),
  photoFiles: z.array(complaintFile),
});
export type InspectionDetail = z.infer<typeof inspectionDetail>;
export const inspectionScoresQuery = z.object({ from: isoDate.optional(), to: isoDate.optional(), groupBy: z.enum(['branch', 'staff']).default('branch') });
export type InspectionScoresQuery = z.infer<typeof inspectionScoresQuery>;
export const inspectionScores = z.object({
  groupBy: z.enum(['branch', 'staff']),
  months: z.array(z.string()),
  series: z.array(z.object({ key: z.number().int(), name: z.string(), points: z.array(z.number().nullable()), mean: z.string() })),
  byDimension: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), side: z.string(), meanScore: z.string() })),
});
export type InspectionScores = z.infer<typeof inspectionScores>;

// ---- team evaluation -----------------------------------------------------------------------------

const period = z.string().regex(/^\d{4}-\d{2}$/, 'YYYY-MM');
export const teamEvaluationQuery = z.object({ period: period.optional() });
export const teamRatingBody = z.strictObject({ branchId: z.number().int().positive(), period, raterKind: z.enum(['peer', 'manager']), score: z.number().int().min(1).max(5), note: text(0, 500).default('') });
export type TeamRatingBody = z.infer<typeof teamRatingBody>;
export const teamFeedbackBody = z.strictObject({ branchId: z.number().int().positive(), period, note: text(2, 2000) });
export type TeamFeedbackBody = z.infer<typeof teamFeedbackBody>;
export const teamEvaluation = z.object({
  period: z.string(),
  teams: z.array(z.object({
    branchId: z.number().int(),
    branchName: z.string(),
    /** From the satisfaction surveys when there are answers; null otherwise. */
    satisfaction: z.number().nullable(),
    complaints: z.number().int(),
    decided: z.number().int(),
    onTimeRate: z.number().nullable(),
    meanDays: z.number().nullable(),
    teamwork: z.number().nullable(),
    ratings: z.number().int(),
    feedback: z.array(z.object({ id: z.number().int(), note: z.string(), staffName: z.string().nullable(), at: z.string() })),
  })),
});
export type TeamEvaluation = z.infer<typeof teamEvaluation>;
