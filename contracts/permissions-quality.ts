// The quality module's permissions and their default grants; contracts/roles.ts merges every module's.
import type { ModuleGrants } from './permission-types';

export const QUALITY_PERMISSIONS = {
  'complaints.intake': { zh: '登记投诉', en: 'Take complaints', module: 'quality' },
  'complaints.handle': { zh: '处理投诉', en: 'Handle complaints', module: 'quality' },
  'complaints.manage': { zh: '分派投诉、审批延期', en: 'Assign complaints and approve extensions', module: 'quality' },
  'complaints.report': { zh: '查看投诉报表与监管报送', en: 'View complaint reports and the regulatory summary', module: 'quality' },
  'surveys.manage': { zh: '维护问卷与调查计划', en: 'Manage questionnaires and survey programmes', module: 'quality' },
  'surveys.enter': { zh: '代录调查答卷', en: 'Enter survey answers received by mail or phone', module: 'quality' },
  'surveys.report': { zh: '查看满意度报告', en: 'View satisfaction reports', module: 'quality' },
  'improvement.manage': { zh: '维护改进计划', en: 'Manage improvement plans', module: 'quality' },
  'standards.manage': { zh: '维护服务标准', en: 'Manage service standards', module: 'quality' },
  'standards.read': { zh: '查看服务标准', en: 'View service standards', module: 'quality' },
  'inspections.perform': { zh: '开展服务检查', en: 'Carry out inspections', module: 'quality' },
  'inspections.read': { zh: '查看检查结果', en: 'View inspection results', module: 'quality' },
  'teams.evaluate': { zh: '团队评价', en: 'Evaluate teams', module: 'quality' },
} as const;

export const QUALITY_GRANTS: ModuleGrants<keyof typeof QUALITY_PERMISSIONS> = {
  wealth_rm: { 'complaints.intake': 'branch', 'complaints.handle': 'own', 'standards.read': 'bank' },
  marketing_rm: { 'complaints.intake': 'branch', 'standards.read': 'bank' },
  lobby_manager: { 'complaints.intake': 'branch', 'complaints.handle': 'own', 'surveys.enter': 'branch', 'standards.read': 'bank', 'inspections.read': 'branch' },
  lobby_assistant: { 'complaints.intake': 'branch', 'standards.read': 'bank' },
  cash_teller: { 'complaints.intake': 'branch', 'standards.read': 'bank' },
  noncash_teller: { 'complaints.intake': 'branch', 'standards.read': 'bank' },
  branch_head: { 'complaints.intake': 'subtree', 'complaints.handle': 'subtree', 'complaints.manage': 'subtree', 'complaints.report': 'subtree', 'surveys.enter': 'subtree', 'surveys.report': 'subtree', 'improvement.manage': 'subtree', 'standards.read': 'bank', 'inspections.perform': 'subtree', 'inspections.read': 'subtree', 'teams.evaluate': 'subtree' },
  wealth_centre_head: { 'complaints.intake': 'subtree', 'complaints.handle': 'subtree', 'complaints.report': 'subtree', 'surveys.report': 'subtree', 'improvement.manage': 'subtree', 'standards.read': 'bank', 'inspections.read': 'subtree', 'teams.evaluate': 'subtree' },
  hq_admin: { 'complaints.manage': 'bank', 'complaints.report': 'bank', 'surveys.manage': 'bank', 'surveys.enter': 'bank', 'surveys.report': 'bank', 'improvement.manage': 'bank', 'standards.manage': 'bank', 'standards.read': 'bank', 'inspections.perform': 'bank', 'inspections.read': 'bank', 'teams.evaluate': 'bank' },
  auditor: { 'complaints.report': 'bank', 'surveys.report': 'bank', 'standards.read': 'bank', 'inspections.read': 'bank' },
};
