// Roles, permissions and data scopes: the vocabulary of access, shared by server and web.
import { z } from 'zod';
import { PRODUCTS_GRANTS, PRODUCTS_PERMISSIONS } from './permissions-products';
import { ENGAGEMENT_GRANTS, ENGAGEMENT_PERMISSIONS } from './permissions-engagement';
import { QUALITY_GRANTS, QUALITY_PERMISSIONS } from './permissions-quality';
import { INSIGHTS_GRANTS, INSIGHTS_PERMISSIONS } from './permissions-insights';
import { PERFORMANCE_GRANTS, PERFORMANCE_PERMISSIONS } from './permissions-performance';
import { CONTESTS_GRANTS, CONTESTS_PERMISSIONS } from './permissions-contests';

export const ROLE_CODES = [
  'wealth_rm',
  'marketing_rm',
  'lobby_manager',
  'lobby_assistant',
  'security_guard',
  'cash_teller',
  'noncash_teller',
  'branch_head',
  'wealth_centre_head',
  'hq_admin',
  'auditor',
] as const;
export const roleCode = z.enum(ROLE_CODES);
export type RoleCode = z.infer<typeof roleCode>;

export const ROLE_LABELS: Record<RoleCode, { zh: string; en: string }> = {
  wealth_rm: { zh: '理财客户经理', en: 'Wealth RM' },
  marketing_rm: { zh: '营销客户经理', en: 'Marketing RM' },
  lobby_manager: { zh: '大堂经理', en: 'Lobby manager' },
  lobby_assistant: { zh: '大堂助理', en: 'Lobby assistant' },
  security_guard: { zh: '保安', en: 'Security guard' },
  cash_teller: { zh: '现金柜员', en: 'Cash teller' },
  noncash_teller: { zh: '非现金柜员', en: 'Non-cash teller' },
  branch_head: { zh: '网点负责人', en: 'Branch head' },
  wealth_centre_head: { zh: '理财中心负责人', en: 'Wealth-centre head' },
  hq_admin: { zh: '总行管理员', en: 'Head-office administrator' },
  auditor: { zh: '审计员', en: 'Auditor' },
};

/** Data scope, narrowest first. A permission held through several roles takes the widest scope. */
export const SCOPES = ['own', 'branch', 'subtree', 'bank'] as const;
export const scope = z.enum(SCOPES);
export type Scope = z.infer<typeof scope>;
export const SCOPE_LABELS: Record<Scope, { zh: string; en: string }> = {
  own: { zh: '本人名下', en: 'Own book' },
  branch: { zh: '本网点', en: 'Own branch' },
  subtree: { zh: '本机构及下辖', en: 'Branch and sub-branches' },
  bank: { zh: '全行', en: 'Whole bank' },
};

const CORE_PERMISSIONS = {
  'org.branch.read': { zh: '查看机构', en: 'View branches', module: 'org' },
  'org.branch.manage': { zh: '维护机构', en: 'Manage branches', module: 'org' },
  'org.staff.read': { zh: '查看员工', en: 'View staff', module: 'org' },
  'org.staff.manage': { zh: '维护员工', en: 'Manage staff', module: 'org' },
  'org.staff.grade': { zh: '调整职级', en: 'Change RM grades', module: 'org' },
  'org.grades.manage': { zh: '维护职级体系', en: 'Manage the grade ladder', module: 'org' },
  'org.import': { zh: '导入员工与机构', en: 'Import staff and branches', module: 'org' },
  'admin.roles': { zh: '角色权限管理', en: 'Manage role permissions', module: 'admin' },
  'admin.users': { zh: '用户管理', en: 'Manage users', module: 'admin' },
  'audit.read': { zh: '查看审计日志', en: 'View the audit log', module: 'audit' },
  'audit.export': { zh: '导出审计日志', en: 'Export the audit log', module: 'audit' },
  'customers.read': { zh: '查看客户', en: 'View customers', module: 'customers' },
  'customers.reveal': { zh: '查看客户完整信息（留痕）', en: "Reveal a customer's full personal data (audited)", module: 'customers' },
  'customers.edit': { zh: '维护客户档案', en: 'Edit customer records', module: 'customers' },
  'customers.assign': { zh: '分配专属客户经理', en: 'Assign the dedicated RM', module: 'customers' },
  'customers.export': { zh: '导出客户清单', en: 'Export customer lists', module: 'customers' },
  'customers.import': { zh: '导入客户数据', en: 'Import customer data', module: 'customers' },
  'tiers.manage': { zh: '维护分层规则并运行评级', en: 'Manage tier rules and run the evaluation', module: 'customers' },
  'tiers.override': { zh: '审批人工调级', en: 'Approve manual tier overrides', module: 'customers' },
  'temperament.manage': { zh: '维护性格类型服务策略', en: 'Edit temperament strategies', module: 'customers' },
  'privileges.book': { zh: '预约/登记增值服务', en: 'Book or record value-added services', module: 'privileges' },
  'privileges.manage': { zh: '维护增值服务目录与额度', en: 'Manage the service catalogue and quotas', module: 'privileges' },
  'privileges.report': { zh: '查看增值服务报表', en: 'View value-added service reports', module: 'privileges' },
  'lobby.queue.read': { zh: '查看大堂排队', en: 'View the lobby queue', module: 'lobby' },
  'lobby.checkin': { zh: '取号/分流登记', en: 'Check customers in and issue tickets', module: 'lobby' },
  'lobby.counter.operate': { zh: '柜台叫号与办理', en: 'Operate a counter (call, serve, transfer)', module: 'lobby' },
  'lobby.refer': { zh: '推荐潜在优质客户/登记投诉', en: 'Refer possible premium customers and take complaints', module: 'lobby' },
  'lobby.manage': { zh: '大堂管理（设备故障、突发事件）', en: 'Run the lobby (device faults, incidents)', module: 'lobby' },
  'lobby.vip': { zh: '接收贵宾到店提醒', en: 'Receive VIP arrival alerts', module: 'lobby' },
  'lobby.board': { zh: '叫号显示屏', en: 'Lobby display board', module: 'lobby' },
  'lobby.setup': { zh: '维护网点大堂设置', en: "Maintain an outlet's lobby set-up", module: 'lobby' },
  'lobby.config': { zh: '维护业务类型、分流规则与服务时限', en: 'Manage business types, routing defaults and service levels', module: 'lobby' },
  'lobby.stats': { zh: '查看大堂统计与排班建议', en: 'View lobby statistics and staffing advice', module: 'lobby' },
  'lobby.stats.close': { zh: '日终关账与更正大堂统计', en: 'Close and amend the daily lobby statistics', module: 'lobby' },
} as const;

/** Every module's permissions; a module keeps its own in contracts/permissions-<module>.ts. */
export const PERMISSIONS = {
  ...CORE_PERMISSIONS,
  ...PRODUCTS_PERMISSIONS,
  ...ENGAGEMENT_PERMISSIONS,
  ...QUALITY_PERMISSIONS,
  ...INSIGHTS_PERMISSIONS,
  ...PERFORMANCE_PERMISSIONS,
  ...CONTESTS_PERMISSIONS,
} as const;
export type PermissionCode = keyof typeof PERMISSIONS;
export const PERMISSION_CODES = Object.keys(PERMISSIONS) as PermissionCode[];
export const permissionCode = z.enum(PERMISSION_CODES as [PermissionCode, ...PermissionCode[]]);

// The core modules' defaults (org, customers, privileges, lobby).
const CORE_ROLE_PERMISSIONS: Record<RoleCode, Partial<Record<PermissionCode, Scope>>> = {
  wealth_rm: { 'org.branch.read': 'bank', 'org.staff.read': 'branch', 'customers.read': 'own', 'customers.reveal': 'own', 'customers.edit': 'own', 'privileges.book': 'own', 'lobby.queue.read': 'branch', 'lobby.vip': 'own', 'lobby.refer': 'branch', 'lobby.board': 'branch' },
  marketing_rm: { 'org.branch.read': 'bank', 'org.staff.read': 'branch', 'customers.read': 'own', 'customers.edit': 'own' },
  lobby_manager: { 'org.branch.read': 'bank', 'org.staff.read': 'branch', 'customers.read': 'branch', 'privileges.book': 'branch', 'lobby.queue.read': 'branch', 'lobby.checkin': 'branch', 'lobby.counter.operate': 'branch', 'lobby.refer': 'branch', 'lobby.manage': 'branch', 'lobby.vip': 'branch', 'lobby.board': 'branch', 'lobby.setup': 'branch', 'lobby.stats': 'branch', 'lobby.stats.close': 'branch' },
  lobby_assistant: { 'org.branch.read': 'bank', 'org.staff.read': 'branch', 'lobby.queue.read': 'branch', 'lobby.checkin': 'branch', 'lobby.refer': 'branch', 'lobby.manage': 'branch', 'lobby.board': 'branch' },
  security_guard: {},
  cash_teller: { 'org.branch.read': 'bank', 'org.staff.read': 'branch', 'lobby.queue.read': 'branch', 'lobby.counter.operate': 'branch', 'lobby.refer': 'branch', 'lobby.board': 'branch' },
  noncash_teller: { 'org.branch.read': 'bank', 'org.staff.read': 'branch', 'lobby.queue.read': 'branch', 'lobby.counter.operate': 'branch', 'lobby.refer': 'branch', 'lobby.board': 'branch' },
  branch_head: {
    'org.branch.read': 'bank',
    'org.staff.read': 'subtree',
    'org.staff.manage': 'subtree',
    'org.staff.grade': 'subtree',
    'customers.read': 'subtree',
    'customers.reveal': 'subtree',
    'customers.edit': 'subtree',
    'customers.assign': 'subtree',
    'customers.export': 'subtree',
    'tiers.override': 'subtree',
    'privileges.book': 'subtree',
    'privileges.report': 'subtree',
    'lobby.queue.read': 'subtree',
    'lobby.manage': 'subtree',
    'lobby.vip': 'subtree',
    'lobby.board': 'subtree',
    'lobby.setup': 'subtree',
    'lobby.stats': 'subtree',
    'lobby.stats.close': 'subtree',
  },
  wealth_centre_head: { 'org.branch.read': 'bank', 'org.staff.read': 'subtree', 'org.staff.grade': 'subtree', 'customers.read': 'subtree', 'customers.reveal': 'subtree', 'customers.edit': 'subtree', 'customers.assign': 'subtree', 'customers.export': 'subtree', 'tiers.override': 'subtree', 'privileges.book': 'subtree', 'privileges.report': 'subtree', 'lobby.queue.read': 'subtree', 'lobby.vip': 'subtree', 'lobby.board': 'subtree', 'lobby.stats': 'subtree', 'lobby.stats.close': 'subtree' },
  hq_admin: {
    'org.branch.read': 'bank',
    'org.branch.manage': 'bank',
    'org.staff.read': 'bank',
    'org.staff.manage': 'bank',
    'org.staff.grade': 'bank',
    'org.grades.manage': 'bank',
    'org.import': 'bank',
    'admin.roles': 'bank',
    'admin.users': 'bank',
    'customers.read': 'bank',
    'customers.assign': 'bank',
    'customers.export': 'bank',
    'customers.import': 'bank',
    'tiers.manage': 'bank',
    'tiers.override': 'bank',
    'temperament.manage': 'bank',
    'privileges.manage': 'bank',
    'privileges.report': 'bank',
    'lobby.queue.read': 'bank',
    'lobby.board': 'bank',
    'lobby.setup': 'bank',
    'lobby.config': 'bank',
    'lobby.stats': 'bank',
  },
  auditor: { 'org.branch.read': 'bank', 'org.staff.read': 'bank', 'audit.read': 'bank', 'audit.export': 'bank', 'customers.read': 'bank' },
};

/** Seeded defaults; head office edits them on the role-permissions page. */
export const DEFAULT_ROLE_PERMISSIONS: Record<RoleCode, Partial<Record<PermissionCode, Scope>>> = Object.fromEntries(
  ROLE_CODES.map((role) => [
    role,
    Object.assign({}, CORE_ROLE_PERMISSIONS[role], ...[PRODUCTS_GRANTS, ENGAGEMENT_GRANTS, QUALITY_GRANTS, INSIGHTS_GRANTS, PERFORMANCE_GRANTS, CONTESTS_GRANTS].map((g) => g[role] ?? {})),
  ]),
) as Record<RoleCode, Partial<Record<PermissionCode, Scope>>>;

export const rolePermissionRow = z.object({ role: roleCode, permission: permissionCode, scope });
export type RolePermissionRow = z.infer<typeof rolePermissionRow>;
export const rolePermissionsBody = z.strictObject({
  role: roleCode,
  grants: z.array(z.object({ permission: permissionCode, scope })),
});
export type RolePermissionsBody = z.infer<typeof rolePermissionsBody>;
