// The navigation menu as data: the layout renders it, route guards use it, and E2E tests import it
// to compute which items a user with given permissions must see. Keep it free of React imports.
import type { PermissionCode, Scope } from '@contracts/roles';

export type MenuKey =
  | 'home'
  | 'customers'
  | 'tiers'
  | 'privileges'
  | 'customerImport'
  | 'branches'
  | 'staff'
  | 'certificates'
  | 'import'
  | 'grades'
  | 'roles'
  | 'audit'
  | 'account'
  | 'lobbyConsole'
  | 'lobbyKiosk'
  | 'lobbyTeller'
  | 'lobbyVip'
  | 'lobbyBoard'
  | 'lobbyStats'
  | 'lobbyStaffing'
  | 'lobbyRule'
  | 'lobbySetup'
  | 'growthReferrals'
  | 'growthPipeline'
  | 'growthCampaigns'
  | 'growthEvents'
  | 'growthResearch'
  | 'complaints'
  | 'complaintNew'
  | 'complaintReport'
  | 'standards'
  | 'inspections'
  | 'teams'
  | 'surveys'
  | 'surveyReport'
  | 'improvementPlans'
  | 'products'
  | 'productRules'
  | 'salesReport'
  | 'insightScores'
  | 'insightModels'
  | 'workbench'
  | 'engagementTasks'
  | 'handovers'
  | 'myScorecard'
  | 'perfDashboard'
  | 'perfScorecards'
  | 'contests'
  | 'promotion';

export type MenuItem = {
  key: MenuKey;
  path: string;
  /** null: every signed-in user; a list: any one of them. */
  permission: PermissionCode | readonly PermissionCode[] | null;
  /** i18n key of the label. */
  labelKey: `menu.${MenuKey}`;
  label: { zh: string; en: string };
  /** Menu group, for the layout's sub-menus. */
  group: 'main' | 'customers' | 'products' | 'growth' | 'lobby' | 'quality' | 'performance' | 'org' | 'admin' | 'me';
  testId: `menu-${MenuKey}`;
};

const item = (
  key: MenuKey,
  path: string,
  permission: MenuItem['permission'],
  group: MenuItem['group'],
  label: { zh: string; en: string },
): MenuItem => ({ key, path, permission, group, label, labelKey: `menu.${key}`, testId: `menu-${key}` });

export const MENU_ITEMS: readonly MenuItem[] = [
  item('home', '/', null, 'main', { zh: '首页', en: 'Home' }),
  item('workbench', '/workbench', 'engagement.work', 'main', { zh: '工作台', en: 'Workbench' }),
  item('customers', '/customers', 'customers.read', 'customers', { zh: '客户', en: 'Customers' }),
  item('tiers', '/tiers', 'tiers.manage', 'customers', { zh: '分层规则', en: 'Tier rules' }),
  item('privileges', '/privileges', ['privileges.report', 'privileges.manage'], 'customers', { zh: '增值服务', en: 'Value-added services' }),
  item('customerImport', '/customers/import', 'customers.import', 'customers', { zh: '客户数据导入', en: 'Customer import' }),
  item('products', '/products', 'products.read', 'products', { zh: '产品目录', en: 'Product catalogue' }),
  item('productRules', '/products/rules', 'products.read', 'products', { zh: '适当性与配置', en: 'Suitability & allocation' }),
  item('salesReport', '/products/sales-report', 'sales.report', 'products', { zh: '销售报表', en: 'Sales report' }),
  item('engagementTasks', '/engagement/tasks', ['engagement.work', 'engagement.team'], 'growth', { zh: '任务', en: 'Tasks' }),
  item('handovers', '/engagement/handovers', ['handover.send', 'handover.receive', 'handover.reassign'], 'growth', { zh: '客户移交', en: 'Handovers' }),
  item('growthReferrals', '/growth/referrals', ['referrals.create', 'referrals.work'], 'growth', { zh: '转介推荐', en: 'Referrals' }),
  item('growthPipeline', '/growth/pipeline', 'referrals.work', 'growth', { zh: '潜在客户与商机', en: 'Prospects & pipeline' }),
  item('growthCampaigns', '/growth/campaigns', 'campaigns.manage', 'growth', { zh: '营销活动', en: 'Campaigns' }),
  item('growthEvents', '/growth/events', 'events.manage', 'growth', { zh: '客户关怀活动', en: 'Care events' }),
  item('growthResearch', '/growth/research', 'research.read', 'growth', { zh: '市场调研', en: 'Market research' }),
  item('lobbyConsole', '/lobby/console', 'lobby.manage', 'lobby', { zh: '大堂工作台', en: 'Lobby console' }),
  item('lobbyKiosk', '/lobby/kiosk', 'lobby.checkin', 'lobby', { zh: '取号机', en: 'Check-in kiosk' }),
  item('lobbyTeller', '/lobby/teller', 'lobby.counter.operate', 'lobby', { zh: '柜台叫号', en: 'Teller console' }),
  item('lobbyVip', '/lobby/vip', 'lobby.vip', 'lobby', { zh: '贵宾到店', en: 'VIP arrivals' }),
  item('lobbyBoard', '/lobby/board', 'lobby.board', 'lobby', { zh: '叫号显示屏', en: 'Display board' }),
  item('lobbyStats', '/lobby/stats', 'lobby.stats', 'lobby', { zh: '厅堂日报', en: 'Daily lobby statistics' }),
  item('lobbyStaffing', '/lobby/staffing', 'lobby.stats', 'lobby', { zh: '排班建议', en: 'Staffing advice' }),
  item('lobbyRule', '/lobby/queue-rule', 'lobby.queue.read', 'lobby', { zh: '排队规则', en: 'Queue order rule' }),
  item('lobbySetup', '/lobby/setup', ['lobby.setup', 'lobby.config'], 'lobby', { zh: '大堂设置', en: 'Lobby set-up' }),
  item('complaints', '/quality/complaints', ['complaints.intake', 'complaints.handle', 'complaints.manage', 'complaints.report'], 'quality', { zh: '投诉管理', en: 'Complaints' }),
  item('complaintNew', '/quality/complaints/new', 'complaints.intake', 'quality', { zh: '登记投诉', en: 'Record a complaint' }),
  item('complaintReport', '/quality/complaint-report', 'complaints.report', 'quality', { zh: '投诉报表', en: 'Complaint report' }),
  item('standards', '/quality/standards', 'standards.read', 'quality', { zh: '服务标准', en: 'Service standards' }),
  item('inspections', '/quality/inspections', 'inspections.read', 'quality', { zh: '服务检查', en: 'Inspections' }),
  item('teams', '/quality/teams', 'teams.evaluate', 'quality', { zh: '团队评价', en: 'Team evaluation' }),
  item('surveys', '/quality/surveys', ['surveys.manage', 'surveys.enter'], 'quality', { zh: '满意度调查', en: 'Satisfaction surveys' }),
  item('surveyReport', '/quality/satisfaction', 'surveys.report', 'quality', { zh: '满意度报告', en: 'Satisfaction report' }),
  item('improvementPlans', '/quality/improvement-plans', 'improvement.manage', 'quality', { zh: '改进计划', en: 'Improvement plans' }),
  item('insightScores', '/insights/scores', 'insights.read', 'customers', { zh: '模型评分', en: 'Model scores' }),
  item('insightModels', '/insights/models', 'insights.manage', 'customers', { zh: '模型管理', en: 'Models' }),
  item('myScorecard', '/performance/me', 'performance.self', 'performance', { zh: '我的记分卡', en: 'My scorecard' }),
  item('perfDashboard', '/performance/dashboard', 'performance.read', 'performance', { zh: '考核看板', en: 'Performance dashboard' }),
  item('perfScorecards', '/performance/scorecards', 'performance.manage', 'performance', { zh: '指标与记分卡', en: 'KPIs & scorecards' }),
  item('contests', '/contests', ['contests.read', 'contests.manage'], 'performance', { zh: '产能竞赛', en: 'Productivity contests' }),
  item('promotion', '/performance/promotion', ['promotion.review', 'promotion.rules'], 'performance', { zh: '职级晋升', en: 'Grade promotion' }),
  item('branches', '/org/branches', 'org.branch.read', 'org', { zh: '机构', en: 'Branch tree' }),
  item('staff', '/org/staff', 'org.staff.read', 'org', { zh: '员工', en: 'Staff directory' }),
  item('certificates', '/org/certificates', 'org.staff.read', 'org', { zh: '证书到期', en: 'Expiring certificates' }),
  item('import', '/org/import', 'org.import', 'org', { zh: '导入', en: 'Import' }),
  item('grades', '/org/grades', 'org.grades.manage', 'org', { zh: '职级体系', en: 'Grade ladder' }),
  item('roles', '/admin/roles', 'admin.roles', 'admin', { zh: '角色权限', en: 'Role permissions' }),
  item('audit', '/audit', 'audit.read', 'admin', { zh: '审计日志', en: 'Audit log' }),
  item('account', '/account', null, 'me', { zh: '我的账户', en: 'My account' }),
];

export type PermissionMap = Partial<Record<PermissionCode, Scope>>;

/** The items a user with these permissions sees, in menu order. */
export function visibleMenu(permissions: PermissionMap): MenuItem[] {
  return MENU_ITEMS.filter((m) => menuAllows(m.permission, permissions));
}

/** Whether permissions open an item (or a route) that needs `permission`. */
export function menuAllows(permission: MenuItem['permission'], permissions: PermissionMap): boolean {
  if (permission === null) return true;
  const any: readonly PermissionCode[] = typeof permission === 'string' ? [permission] : permission;
  return any.some((p) => permissions[p] !== undefined);
}

/** The menu item a path belongs to (longest matching prefix), for highlighting. */
export function menuItemForPath(pathname: string): MenuItem | undefined {
  let best: MenuItem | undefined;
  for (const m of MENU_ITEMS) {
    const hit = m.path === '/' ? pathname === '/' : pathname === m.path || pathname.startsWith(`${m.path}/`);
    if (hit && (!best || m.path.length > best.path.length)) best = m;
  }
  return best;
}
