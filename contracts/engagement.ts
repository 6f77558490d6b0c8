// The engagement module's request and response schemas: tasks, activities, handovers, referrals,
// prospects, campaigns, care events, market research and the RM workbench.
import { z } from 'zod';

/** Why a task exists. Every module that gives an RM work adds its kind here. */
export const TASK_KINDS = [
  'contact_plan',
  'birthday',
  'maturity',
  'large_outflow',
  'tier_change',
  'risk_expiring',
  'complaint_callback',
  'allocation_review',
  'introduction',
  'campaign',
  'insights',
  'referral',
  'follow_up',
] as const;
export const taskKind = z.enum(TASK_KINDS);
export type TaskKind = z.infer<typeof taskKind>;

export const TASK_KIND_LABELS: Record<TaskKind, { zh: string; en: string }> = {
  contact_plan: { zh: '定期联系', en: 'Planned contact' },
  birthday: { zh: '生日关怀', en: 'Birthday' },
  maturity: { zh: '产品到期挽留', en: 'Maturity retention' },
  large_outflow: { zh: '大额资金流出', en: 'Large outflow' },
  tier_change: { zh: '等级变动', en: 'Tier change' },
  risk_expiring: { zh: '风险评估到期', en: 'Risk assessment expiring' },
  complaint_callback: { zh: '投诉办结回访', en: 'Complaint call-back' },
  allocation_review: { zh: '资产配置检视', en: 'Allocation review' },
  introduction: { zh: '新客户首次见面', en: 'Introduction' },
  campaign: { zh: '营销活动', en: 'Campaign' },
  insights: { zh: '模型推荐', en: 'Model recommendation' },
  referral: { zh: '转介客户跟进', en: 'Referral follow-up' },
  follow_up: { zh: '跟进', en: 'Follow-up' },
};

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export const taskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof taskStatus>;

const dateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const money = z.string();
const text = (max: number) => z.string().trim().max(max);

// ---- contact plans ----------------------------------------------------------------------------

export const PLAN_RULE_KINDS = ['tier', 'birthday', 'maturity', 'large_outflow', 'tier_change', 'risk_expiring'] as const;
export const planRuleKind = z.enum(PLAN_RULE_KINDS);
export type PlanRuleKind = z.infer<typeof planRuleKind>;
export const PLAN_INTERVALS = [1, 2, 3, 4, 6, 12] as const;

export const planRule = z.object({
  code: z.string(),
  kind: planRuleKind,
  tierCode: z.string().nullable(),
  intervalMonths: z.number().int().nullable(),
  leadDays: z.number().int(),
  threshold: money.nullable(),
  dueDays: z.number().int(),
  active: z.boolean(),
  nameZh: z.string(),
  nameEn: z.string(),
  updatedAt: z.string(),
});
export type PlanRule = z.infer<typeof planRule>;
export const planRuleParam = z.object({ code: z.string().regex(/^[a-z0-9_]{1,40}$/) });
export const updatePlanRuleBody = z.strictObject({
  active: z.boolean().optional(),
  intervalMonths: z.literal(PLAN_INTERVALS).optional(),
  leadDays: z.number().int().min(0).max(60).optional(),
  dueDays: z.number().int().min(0).max(90).optional(),
  threshold: z.string().regex(/^\d{1,18}(\.\d{1,2})?$/).optional(),
});
export type UpdatePlanRuleBody = z.infer<typeof updatePlanRuleBody>;

// ---- tasks ------------------------------------------------------------------------------------

export const TASK_VIEWS = ['mine', 'team', 'overdue'] as const;
export const taskListQuery = z.strictObject({
  view: z.enum(TASK_VIEWS).default('mine'),
  status: taskStatus.optional(),
  kind: taskKind.optional(),
  customerId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TaskListQuery = z.infer<typeof taskListQuery>;

export const taskItem = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  customerNo: z.string(),
  customerName: z.string(),
  tierCode: z.string(),
  kind: taskKind,
  title: z.string(),
  titleEn: z.string(),
  dueOn: z.string(),
  status: taskStatus,
  overdue: z.boolean(),
  staffId: z.number().int().nullable(),
  staffName: z.string().nullable(),
  outcome: z.string().nullable(),
  doneAt: z.string().nullable(),
});
export type TaskItem = z.infer<typeof taskItem>;
export const taskList = z.object({ items: z.array(taskItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type TaskList = z.infer<typeof taskList>;

export const completeTaskBody = z.strictObject({ outcome: text(500).min(1) });
export const cancelTaskBody = z.strictObject({ reason: text(200).min(2) });
export const reassignTaskBody = z.strictObject({ staffId: z.number().int().positive(), reason: text(200).min(2) });
export type ReassignTaskBody = z.infer<typeof reassignTaskBody>;

// ---- activities -------------------------------------------------------------------------------

export const ACTIVITY_CHANNELS = ['call', 'visit', 'branch_meeting', 'message'] as const;
export const activityChannel = z.enum(ACTIVITY_CHANNELS);
export type ActivityChannel = z.infer<typeof activityChannel>;
export const ACTIVITY_OUTCOMES = ['reached', 'not_reached', 'interested', 'declined', 'sold', 'other'] as const;
export const activityOutcome = z.enum(ACTIVITY_OUTCOMES);
export type ActivityOutcome = z.infer<typeof activityOutcome>;

export const discoveredNeed = z.strictObject({
  kind: z.enum(['explicit', 'hidden']),
  category: z.enum(['information', 'emotional', 'environment', 'convenience']),
  description: text(200).min(2),
});
export const logActivityBody = z.strictObject({
  customerId: z.number().int().positive(),
  channel: activityChannel,
  outcome: activityOutcome,
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  summary: text(1000).default(''),
  needs: z.array(discoveredNeed).max(10).default([]),
  products: z.array(text(60).min(1)).max(10).default([]),
  nextStep: text(200).default(''),
  nextStepOn: dateStr.optional(),
  taskId: z.number().int().positive().optional(),
});
export type LogActivityBody = z.infer<typeof logActivityBody>;
export const activityItem = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  staffId: z.number().int(),
  staffName: z.string(),
  channel: activityChannel,
  outcome: activityOutcome,
  occurredAt: z.string(),
  summary: z.string(),
  needs: z.array(z.object({ kind: z.string(), category: z.string(), description: z.string() })),
  products: z.array(z.string()),
  nextStep: z.string(),
  nextStepOn: z.string().nullable(),
  taskId: z.number().int().nullable(),
  followUpTaskId: z.number().int().nullable(),
});
export type ActivityItem = z.infer<typeof activityItem>;
export const loggedActivity = z.object({ id: z.number().int(), followUpTaskId: z.number().int().nullable(), completedTaskId: z.number().int().nullable() });
export const customerActivitiesParam = z.object({ id: z.coerce.number().int().positive() });

// ---- handovers --------------------------------------------------------------------------------

export const HANDOVER_STATUSES = ['pending', 'accepted', 'returned', 'cancelled'] as const;
export const handoverStatus = z.enum(HANDOVER_STATUSES);
export const createHandoverBody = z.strictObject({
  customerId: z.number().int().positive(),
  toStaffId: z.number().int().positive(),
  note: text(500).default(''),
});
export type CreateHandoverBody = z.infer<typeof createHandoverBody>;
export const returnHandoverBody = z.strictObject({ reason: text(200).min(2) });
export const handoverListQuery = z.strictObject({ direction: z.enum(['incoming', 'outgoing', 'team']).default('incoming'), status: handoverStatus.optional() });
export type HandoverListQuery = z.infer<typeof handoverListQuery>;
export const handoverItem = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  customerNo: z.string(),
  customerName: z.string(),
  tierCode: z.string(),
  fromStaffId: z.number().int(),
  fromName: z.string(),
  toStaffId: z.number().int(),
  toName: z.string(),
  status: handoverStatus,
  note: z.string(),
  returnReason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  pendingDays: z.number().int(),
});
export type HandoverItem = z.infer<typeof handoverItem>;
export const handoverFile = z.object({
  handover: handoverItem,
  profile: z.object({
    customerNo: z.string(), name: z.string(), gender: z.string().nullable(), age: z.number().int().nullable(), tierCode: z.string(),
    occupation: z.string(), employer: z.string(), riskLevel: z.string().nullable(), riskAssessedOn: z.string().nullable(),
    preferredChannel: z.string().nullable(), preferredContactTime: z.string(), familyNotes: z.string(), aum: money.nullable(),
    branchName: z.string(),
  }),
  needs: z.array(z.object({ kind: z.string(), category: z.string(), description: z.string(), met: z.boolean() })),
  holdings: z.array(z.object({ category: z.string(), productName: z.string(), balance: money.nullable(), maturesOn: z.string().nullable() })),
  activities: z.array(activityItem),
  openTasks: z.array(taskItem),
  notes: z.array(z.object({ at: z.string(), title: z.string() })),
});
export type HandoverFile = z.infer<typeof handoverFile>;
export const staffOption = z.object({ staffId: z.number().int(), staffNo: z.string(), name: z.string(), branchName: z.string(), bookSize: z.number().int(), maxCustomers: z.number().int().nullable() });
export type StaffOption = z.infer<typeof staffOption>;
export const handoverCandidate = z.object({ customerId: z.number().int(), customerNo: z.string(), name: z.string(), tierCode: z.string(), rmName: z.string().nullable() });
export type HandoverCandidate = z.infer<typeof handoverCandidate>;

// ---- bulk reassignment and capacity -----------------------------------------------------------

export const reassignBookBody = z.strictObject({
  fromStaffId: z.number().int().positive(),
  toStaffIds: z.array(z.number().int().positive()).min(1).max(50),
  reason: text(200).min(2),
});
export type ReassignBookBody = z.infer<typeof reassignBookBody>;
export const reassignPreview = z.object({
  fromStaffId: z.number().int(),
  customers: z.number().int(),
  openTasks: z.number().int(),
  targets: z.array(z.object({
    staffId: z.number().int(), name: z.string(), gradeCode: z.string().nullable(), current: z.number().int(), incoming: z.number().int(),
    after: z.number().int(), maxCustomers: z.number().int().nullable(), exceeded: z.boolean(),
  })),
  warnings: z.array(z.object({ zh: z.string(), en: z.string() })),
});
export type ReassignPreview = z.infer<typeof reassignPreview>;
export const reassignResult = reassignPreview.extend({ moved: z.number().int(), tasksMoved: z.number().int() });
export const capacityItem = z.object({ gradeCode: z.string(), nameZh: z.string(), nameEn: z.string(), maxCustomers: z.number().int().nullable() });
export const replaceCapacityBody = z.strictObject({
  limits: z.array(z.strictObject({ gradeCode: z.string().min(1).max(40), maxCustomers: z.number().int().min(1).max(100000) })).min(1).max(50),
});
export type ReplaceCapacityBody = z.infer<typeof replaceCapacityBody>;

export const staleHandovers = z.array(handoverItem);
export const unassignedCustomers = z.object({ total: z.number().int(), items: z.array(handoverCandidate) });

// ---- the RM workbench -------------------------------------------------------------------------

export const workbenchCustomer = z.object({ customerId: z.number().int(), customerNo: z.string(), name: z.string(), tierCode: z.string() });
export const workbench = z.object({
  today: z.string(),
  lobby: z.array(workbenchCustomer.extend({ ticketNumber: z.string(), arrivedAt: z.string(), received: z.boolean() })),
  tasks: z.object({ overdue: z.number().int(), dueToday: z.number().int(), open: z.number().int(), items: z.array(taskItem) }),
  maturities: z.array(workbenchCustomer.extend({ productName: z.string(), category: z.string(), maturesOn: z.string(), balance: money.nullable() })),
  birthdays: z.array(workbenchCustomer.extend({ birthday: z.string() })),
  handovers: z.array(handoverItem),
  allocationReviews: z.array(taskItem),
  book: z.object({
    customers: z.number().int(),
    byTier: z.array(z.object({ tierCode: z.string(), nameZh: z.string(), nameEn: z.string(), customers: z.number().int(), aum: money })),
    aum: money,
    aumLastMonth: money,
    aumChange: money,
    crossSellRatio: z.string(),
  }),
  teamOverdue: z.number().int().nullable(),
});
export type Workbench = z.infer<typeof workbench>;
