// The insights module's permissions and their default grants; contracts/roles.ts merges every module's.
import type { ModuleGrants } from './permission-types';

export const INSIGHTS_PERMISSIONS = {
  'insights.read': { zh: '查看模型评分与原因', en: 'View model scores and their reasons', module: 'insights' },
  'insights.campaign': { zh: '按模型评分生成营销任务', en: 'Turn model scores into campaign tasks', module: 'insights' },
  'insights.manage': { zh: '训练、发布与监控模型', en: 'Train, publish and monitor models', module: 'insights' },
} as const;

export const INSIGHTS_GRANTS: ModuleGrants<keyof typeof INSIGHTS_PERMISSIONS> = {
  wealth_rm: { 'insights.read': 'own' },
  marketing_rm: { 'insights.read': 'own' },
  branch_head: { 'insights.read': 'subtree', 'insights.campaign': 'subtree' },
  wealth_centre_head: { 'insights.read': 'subtree', 'insights.campaign': 'subtree' },
  hq_admin: { 'insights.read': 'bank', 'insights.campaign': 'bank', 'insights.manage': 'bank' },
  auditor: { 'insights.read': 'bank' },
};
