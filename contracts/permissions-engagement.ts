// The engagement module's permissions and their default grants; contracts/roles.ts merges every module's.
import type { ModuleGrants } from './permission-types';

export const ENGAGEMENT_PERMISSIONS = {
  'engagement.work': { zh: '客户经理工作台（任务、联系记录）', en: 'RM workbench (tasks, contact log)', module: 'engagement' },
  'engagement.team': { zh: '查看团队任务与逾期', en: "View the team's tasks and overdue work", module: 'engagement' },
  'engagement.plans': { zh: '维护联系计划规则', en: 'Manage contact-plan rules', module: 'engagement' },
  'handover.send': { zh: '移交客户', en: 'Hand customers over', module: 'engagement' },
  'handover.receive': { zh: '接收移交客户', en: 'Receive handed-over customers', module: 'engagement' },
  'handover.reassign': { zh: '批量调整客户归属', en: "Reassign an RM's book", module: 'engagement' },
  'referrals.create': { zh: '推荐潜在优质客户', en: 'Refer possible premium customers', module: 'engagement' },
  'referrals.work': { zh: '跟进转介与潜在客户', en: 'Work referrals and prospects', module: 'engagement' },
  'campaigns.manage': { zh: '创建营销活动与客群', en: 'Build segments and campaigns', module: 'engagement' },
  'events.manage': { zh: '组织客户关怀活动', en: 'Run customer care events', module: 'engagement' },
  'research.record': { zh: '登记市场调研', en: 'Record market research', module: 'engagement' },
  'research.read': { zh: '查看市场调研', en: 'View market research', module: 'engagement' },
} as const;

export const ENGAGEMENT_GRANTS: ModuleGrants<keyof typeof ENGAGEMENT_PERMISSIONS> = {
  wealth_rm: { 'engagement.work': 'own', 'handover.send': 'own', 'handover.receive': 'own', 'referrals.create': 'branch', 'referrals.work': 'own', 'events.manage': 'branch', 'research.record': 'branch', 'research.read': 'bank' },
  marketing_rm: { 'engagement.work': 'own', 'handover.send': 'own', 'referrals.create': 'branch', 'referrals.work': 'own', 'research.record': 'branch', 'research.read': 'bank' },
  lobby_manager: { 'referrals.create': 'branch' },
  lobby_assistant: { 'referrals.create': 'branch' },
  cash_teller: { 'referrals.create': 'branch' },
  noncash_teller: { 'referrals.create': 'branch' },
  branch_head: { 'engagement.team': 'subtree', 'handover.reassign': 'subtree', 'referrals.create': 'subtree', 'referrals.work': 'subtree', 'campaigns.manage': 'subtree', 'events.manage': 'subtree', 'research.read': 'bank' },
  wealth_centre_head: { 'engagement.work': 'subtree', 'engagement.team': 'subtree', 'handover.receive': 'subtree', 'handover.reassign': 'subtree', 'referrals.create': 'subtree', 'referrals.work': 'subtree', 'campaigns.manage': 'subtree', 'events.manage': 'subtree', 'research.record': 'subtree', 'research.read': 'bank' },
  hq_admin: { 'engagement.team': 'bank', 'engagement.plans': 'bank', 'handover.reassign': 'bank', 'campaigns.manage': 'bank', 'events.manage': 'bank', 'research.read': 'bank' },
  auditor: { 'engagement.team': 'bank', 'research.read': 'bank' },
};
