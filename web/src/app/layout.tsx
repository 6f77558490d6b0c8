// The signed-in frame. Phone (<768px): the menu lives in a Drawer opened from the header;
// tablet (768–991px): a collapsed icon Sider; desktop: the full Sider.
// data-testid: app-sider, app-menu-button, app-drawer, app-menu, menu-<key>, app-content
import { Suspense, useMemo, useState, type ReactNode } from 'react';
import { Drawer, Grid, Layout, Menu, type MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  CloudUploadOutlined,
  CrownOutlined,
  GiftOutlined,
  HomeOutlined,
  IdcardOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UploadOutlined,
  UserOutlined,
  RiseOutlined,
  SolutionOutlined,
  BarChartOutlined,
  DashboardOutlined,
  DesktopOutlined,
  NotificationOutlined,
  OrderedListOutlined,
  ScheduleOutlined,
  SettingOutlined,
  StarOutlined,
  TabletOutlined,
  AlertOutlined,
  FormOutlined,
  FundOutlined,
  ProfileOutlined,
  FileSearchOutlined,
  UsergroupAddOutlined,
  SmileOutlined,
  PieChartOutlined,
  CheckSquareOutlined,
  ShareAltOutlined,
  FunnelPlotOutlined,
  SoundOutlined,
  CalendarOutlined,
  BankOutlined,
  ShoppingOutlined,
  SafetyOutlined,
  LineChartOutlined,
  AimOutlined,
  ExperimentOutlined,
  CarryOutOutlined,
  SwapOutlined,
  ThunderboltOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from './auth';
import { menuItemForPath, visibleMenu, type MenuItem, type MenuKey } from './menu';
import { HeaderBar } from './header-bar';
import { FullSpin } from '../components/full-spin';

const ICONS: Record<MenuKey, ReactNode> = {
  home: <HomeOutlined />,
  customers: <SolutionOutlined />,
  tiers: <CrownOutlined />,
  privileges: <GiftOutlined />,
  customerImport: <CloudUploadOutlined />,
  branches: <ApartmentOutlined />,
  staff: <TeamOutlined />,
  certificates: <SafetyCertificateOutlined />,
  import: <UploadOutlined />,
  grades: <RiseOutlined />,
  roles: <IdcardOutlined />,
  audit: <AuditOutlined />,
  account: <UserOutlined />,
  lobbyConsole: <DashboardOutlined />,
  lobbyKiosk: <TabletOutlined />,
  lobbyTeller: <NotificationOutlined />,
  lobbyVip: <StarOutlined />,
  lobbyBoard: <DesktopOutlined />,
  lobbyStats: <BarChartOutlined />,
  lobbyStaffing: <ScheduleOutlined />,
  lobbyRule: <OrderedListOutlined />,
  lobbySetup: <SettingOutlined />,
  growthReferrals: <ShareAltOutlined />,
  growthPipeline: <FunnelPlotOutlined />,
  growthCampaigns: <SoundOutlined />,
  growthEvents: <CalendarOutlined />,
  growthResearch: <BankOutlined />,
  complaints: <AlertOutlined />,
  complaintNew: <FormOutlined />,
  complaintReport: <FundOutlined />,
  standards: <ProfileOutlined />,
  inspections: <FileSearchOutlined />,
  teams: <UsergroupAddOutlined />,
  surveys: <SmileOutlined />,
  surveyReport: <PieChartOutlined />,
  improvementPlans: <CheckSquareOutlined />,
  products: <ShoppingOutlined />,
  productRules: <SafetyOutlined />,
  salesReport: <LineChartOutlined />,
  insightScores: <AimOutlined />,
  insightModels: <ExperimentOutlined />,
  workbench: <ThunderboltOutlined />,
  engagementTasks: <CarryOutOutlined />,
  handovers: <SwapOutlined />,
  myScorecard: <IdcardOutlined />,
  perfDashboard: <DashboardOutlined />,
  perfScorecards: <ProfileOutlined />,
  contests: <TrophyOutlined />,
  promotion: <RiseOutlined />,
};

const GROUP_TITLE: Record<MenuItem['group'], string | null> = {
  main: null,
  customers: 'menu.groupCustomers',
  products: 'menu.groupProducts',
  growth: 'menu.groupGrowth',
  lobby: 'menu.groupLobby',
  quality: 'menu.groupQuality',
  performance: 'menu.groupPerformance',
  org: 'menu.groupOrg',
  admin: 'menu.groupAdmin',
  me: null,
};

function NavMenu({ onNavigate, collapsed }: { onNavigate?: () => void; collapsed: boolean }) {
  const { me } = useAuth();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const visible = useMemo(() => visibleMenu(me?.permissions ?? {}), [me]);
  const selected = menuItemForPath(location.pathname);

  const items = useMemo<MenuProps['items']>(() => {
    const out: NonNullable<MenuProps['items']> = [];
    for (const group of ['main', 'customers', 'products', 'growth', 'lobby', 'quality', 'performance', 'org', 'admin', 'me'] as const) {
      const inGroup = visible.filter((m) => m.group === group);
      if (inGroup.length === 0) continue;
      const children = inGroup.map((m) => ({
        key: m.key,
        icon: ICONS[m.key],
        label: t(m.labelKey),
        'data-testid': m.testId,
      }));
      const title = GROUP_TITLE[group];
      if (title && !collapsed) out.push({ type: 'group', key: `g-${group}`, label: t(title), children });
      else out.push(...children);
    }
    return out;
  }, [visible, t, collapsed]);

  return (
    <Menu
      theme="dark"
      mode="inline"
      className="app-menu"
      data-testid="app-menu"
      selectedKeys={selected ? [selected.key] : []}
      items={items}
      onClick={({ key }) => {
        const m = visible.find((x) => x.key === key);
        if (m) navigate(m.path);
        onNavigate?.();
      }}
    />
  );
}

function Brand({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="app-brand">
      <span className="app-brand-mark">P</span>
      {collapsed ? null : <span className="app-brand-name">{t('app.shortName')}</span>}
    </div>
  );
}

export function AppLayout() {
  const screens = Grid.useBreakpoint();
  // Before the first measurement every flag is undefined: assume desktop rather than flash a drawer.
  const phone = screens.md === false;
  const tablet = !phone && screens.lg === false;
  const [userCollapsed, setUserCollapsed] = useState<boolean | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const collapsed = userCollapsed ?? tablet;

  return (
    <Layout className="app-shell">
      {phone ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          closable={false}
          className="app-drawer"
          styles={{ body: { padding: 0, background: 'var(--patron-navy)' } }}
          data-testid="app-drawer"
        >
          <Brand collapsed={false} />
          <NavMenu collapsed={false} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      ) : (
        <Layout.Sider
          width={224}
          collapsedWidth={64}
          collapsed={collapsed}
          className="app-sider"
          data-testid="app-sider"
          trigger={null}
        >
          <Brand collapsed={collapsed} />
          <NavMenu collapsed={collapsed} />
        </Layout.Sider>
      )}
      <Layout>
        <HeaderBar
          phone={phone}
          collapsed={collapsed}
          onMenuButton={() => (phone ? setDrawerOpen(true) : setUserCollapsed(!collapsed))}
        />
        <Layout.Content className="app-content" data-testid="app-content">
          <Suspense fallback={<FullSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
