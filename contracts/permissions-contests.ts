// The productivity contest's and grade promotion's permissions; contracts/roles.ts merges every module's.
import type { ModuleGrants } from './permission-types';

export const CONTESTS_PERMISSIONS = {
  'contests.read': { zh: '查看产能竞赛排行榜', en: 'View productivity-contest leaderboards', module: 'performance' },
  'contests.manage': { zh: '设立与结束产能竞赛', en: 'Set up and close productivity contests', module: 'performance' },
  'promotion.review': { zh: '审批职级晋升/降级名单', en: 'Approve the grade promotion and demotion list', module: 'performance' },
  'promotion.rules': { zh: '维护职级晋升规则', en: 'Maintain the grade promotion rules', module: 'performance' },
} as const;

/** Leaderboards show names and scores only (no customer data): participants see the whole board. */
const READ = { 'contests.read': 'bank' } as const;

export const CONTESTS_GRANTS: ModuleGrants<keyof typeof CONTESTS_PERMISSIONS> = {
  wealth_rm: READ,
  marketing_rm: READ,
  lobby_manager: READ,
  lobby_assistant: READ,
  cash_teller: READ,
  noncash_teller: READ,
  branch_head: { ...READ, 'contests.manage': 'subtree', 'promotion.review': 'subtree' },
  wealth_centre_head: { ...READ, 'contests.manage': 'subtree', 'promotion.review': 'subtree' },
  hq_admin: { ...READ, 'contests.manage': 'bank', 'promotion.review': 'bank', 'promotion.rules': 'bank' },
  auditor: READ,
};
