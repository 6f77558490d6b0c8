// The performance module's permissions (KPIs, scorecards, dashboards); contracts/roles.ts merges every module's.
import type { ModuleGrants } from './permission-types';

export const PERFORMANCE_PERMISSIONS = {
  'performance.self': { zh: '查看本人考核记分卡', en: 'View my own scorecard', module: 'performance' },
  'performance.read': { zh: '查看辖内员工考核与看板', en: 'View the scorecards and dashboards of staff within reach', module: 'performance' },
  'performance.manage': { zh: '维护考核指标库、记分卡与目标，冻结月度结果', en: 'Maintain the KPI library, scorecards and targets; freeze months', module: 'performance' },
  'performance.approve': { zh: '审批已冻结月份的重算', en: 'Approve the recomputation of a frozen month', module: 'performance' },
  'performance.export': { zh: '导出考核结果（人力/薪酬）', en: 'Export scorecards (HR/payroll)', module: 'performance' },
} as const;

const SELF = { 'performance.self': 'own' } as const;

export const PERFORMANCE_GRANTS: ModuleGrants<keyof typeof PERFORMANCE_PERMISSIONS> = {
  wealth_rm: SELF,
  marketing_rm: SELF,
  lobby_manager: SELF,
  lobby_assistant: SELF,
  cash_teller: SELF,
  noncash_teller: SELF,
  branch_head: { ...SELF, 'performance.read': 'subtree', 'performance.export': 'subtree' },
  wealth_centre_head: { ...SELF, 'performance.read': 'subtree', 'performance.export': 'subtree' },
  hq_admin: { 'performance.read': 'bank', 'performance.manage': 'bank', 'performance.approve': 'bank', 'performance.export': 'bank' },
  auditor: { 'performance.read': 'bank' },
};
