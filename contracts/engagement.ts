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
