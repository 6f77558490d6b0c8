// Pages load on demand so that the first paint (login, home) does not carry every module.
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import type { PermissionCode } from '@contracts/roles';
import { AppLayout } from './layout';
import { RequireAuth, RequirePermission } from './guards';
import { FullSpin } from '../components/full-spin';
import { Forbidden, NotFound } from '../components/forbidden';
import { useAuth } from './auth';
import { menuAllows } from './menu';

function named<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const LoginPage = named(() => import('../features/account/login-page'), 'LoginPage');
const AccountPage = named(() => import('../features/account/account-page'), 'AccountPage');
const PasswordPage = named(() => import('../features/account/password-page'), 'PasswordPage');
const HomePage = named(() => import('../features/home/home-page'), 'HomePage');
const BranchesPage = named(() => import('../features/org/branches-page'), 'BranchesPage');
const StaffPage = named(() => import('../features/org/staff-page'), 'StaffPage');
const StaffProfilePage = named(() => import('../features/org/staff-profile-page'), 'StaffProfilePage');
const CertificatesPage = named(() => import('../features/org/certificates-page'), 'CertificatesPage');
const ImportPage = named(() => import('../features/org/import-page'), 'ImportPage');
const GradesPage = named(() => import('../features/org/grades-page'), 'GradesPage');
const RolesPage = named(() => import('../features/admin/roles-page'), 'RolesPage');
const AuditPage = named(() => import('../features/audit/audit-page'), 'AuditPage');
const CustomersPage = named(() => import('../features/customers/customers-page'), 'CustomersPage');
const CustomerPage = named(() => import('../features/customers/customer-page'), 'CustomerPage');
const CustomerImportPage = named(() => import('../features/customers/import-page'), 'CustomerImportPage');
const TiersPage = named(() => import('../features/tiers/tiers-page'), 'TiersPage');
const PrivilegesPage = named(() => import('../features/privileges/privileges-page'), 'PrivilegesPage');
const ProductsPage = named(() => import('../features/products/products-page'), 'ProductsPage');
const ProductRulesPage = named(() => import('../features/products/rules-page'), 'ProductRulesPage');
const SalesReportPage = named(() => import('../features/products/sales-report-page'), 'SalesReportPage');
const WorkbenchPage = named(() => import('../features/engagement/workbench-page'), 'WorkbenchPage');
const EngagementTasksPage = named(() => import('../features/engagement/tasks-page'), 'TasksPage');
const HandoversPage = named(() => import('../features/engagement/handovers-page'), 'HandoversPage');
const HandoverPage = named(() => import('../features/engagement/handover-page'), 'HandoverPage');
const LobbyConsolePage = named(() => import('../features/lobby/console-page'), 'ConsolePage');
const LobbyKioskPage = named(() => import('../features/lobby/kiosk-page'), 'KioskPage');
const LobbyTellerPage = named(() => import('../features/lobby/teller-page'), 'TellerPage');
const LobbyVipPage = named(() => import('../features/lobby/vip-page'), 'VipPage');
const LobbyBoardPage = named(() => import('../features/lobby/board-page'), 'BoardPage');
const LobbyStatsPage = named(() => import('../features/lobby/stats-page'), 'StatsPage');
const LobbyStaffingPage = named(() => import('../features/lobby/staffing-page'), 'StaffingPage');
const LobbyRulePage = named(() => import('../features/lobby/queue-rule-page'), 'QueueRulePage');
const LobbySetupPage = named(() => import('../features/lobby/setup-page'), 'SetupPage');
const GrowthReferralsPage = named(() => import('../features/campaigns/referrals-page'), 'ReferralsPage');
const GrowthPipelinePage = named(() => import('../features/campaigns/pipeline-page'), 'PipelinePage');
const GrowthCampaignsPage = named(() => import('../features/campaigns/campaigns-page'), 'CampaignsPage');
const GrowthEventsPage = named(() => import('../features/campaigns/events-page'), 'EventsPage');
const GrowthResearchPage = named(() => import('../features/campaigns/research-page'), 'ResearchPage');
const ComplaintsPage = named(() => import('../features/quality/complaints-page'), 'ComplaintsPage');
const ComplaintIntakePage = named(() => import('../features/quality/intake-page'), 'IntakePage');
const ComplaintPage = named(() => import('../features/quality/complaint-page'), 'ComplaintPage');
const ComplaintReportPage = named(() => import('../features/quality/report-page'), 'ReportPage');
const StandardsPage = named(() => import('../features/quality/standards-page'), 'StandardsPage');
const InspectionsPage = named(() => import('../features/quality/inspections-page'), 'InspectionsPage');
const TeamsPage = named(() => import('../features/quality/teams-page'), 'TeamsPage');
const SurveysPage = named(() => import('../features/surveys/surveys-page'), 'SurveysPage');
const SurveyReportPage = named(() => import('../features/surveys/report-page'), 'ReportPage');
const ImprovementPlansPage = named(() => import('../features/surveys/plans-page'), 'PlansPage');
const InsightScoresPage = named(() => import('../features/insights/scores-page'), 'ScoresPage');
const InsightModelsPage = named(() => import('../features/insights/models-page'), 'ModelsPage');
const MyScorecardPage = named(() => import('../features/performance/my-scorecard-page'), 'MyScorecardPage');
const StaffScorecardPage = named(() => import('../features/performance/staff-scorecard-page'), 'StaffScorecardPage');
const PerformanceDashboardPage = named(() => import('../features/performance/dashboard-page'), 'PerformanceDashboardPage');
const ScorecardsPage = named(() => import('../features/performance/scorecards-page'), 'ScorecardsPage');
const ContestsPage = named(() => import('../features/contests/contests-page'), 'ContestsPage');
const ContestPage = named(() => import('../features/contests/contest-page'), 'ContestPage');
const ContestBoardPage = named(() => import('../features/contests/board-page'), 'ContestBoardPage');
const PromotionPage = named(() => import('../features/contests/promotion-page'), 'PromotionPage');
const PublicSurveyPage = named(() => import('../features/surveys/public-survey-page'), 'PublicSurveyPage');

const guarded = (permission: PermissionCode, page: ReactNode) => (
  <RequirePermission permission={permission}>{page}</RequirePermission>
);

/** A page that any one of several permissions opens. */
function RequireAny({ permissions, children }: { permissions: readonly PermissionCode[]; children: ReactNode }) {
  const { me } = useAuth();
  return menuAllows(permissions, me?.permissions ?? {}) ? children : <Forbidden />;
}

export function AppRouter() {
  return (
    <BrowserRouter>
      <Suspense fallback={<FullSpin />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          {/* A customer's one-time survey link: no session, no app frame. */}
          <Route path="/s/:token" element={<PublicSurveyPage />} />
          <Route element={<RequireAuth />}>
            {/* The kiosk and the lobby TV run full screen, without the app frame. */}
            <Route path="lobby/kiosk" element={guarded('lobby.checkin', <LobbyKioskPage />)} />
            <Route path="lobby/board" element={guarded('lobby.board', <LobbyBoardPage />)} />
            <Route path="contests/:id/board" element={guarded('contests.read', <ContestBoardPage />)} />
            <Route element={<AppLayout />}>
              <Route index element={<HomePage />} />
              <Route path="customers" element={guarded('customers.read', <CustomersPage />)} />
              <Route path="workbench" element={guarded('engagement.work', <WorkbenchPage />)} />
              <Route path="engagement/tasks" element={<RequireAny permissions={['engagement.work', 'engagement.team']}><EngagementTasksPage /></RequireAny>} />
              <Route path="engagement/handovers" element={<RequireAny permissions={['handover.send', 'handover.receive', 'handover.reassign']}><HandoversPage /></RequireAny>} />
              <Route path="engagement/handovers/:id" element={<RequireAny permissions={['handover.send', 'handover.receive', 'handover.reassign']}><HandoverPage /></RequireAny>} />
              <Route path="customers/import" element={guarded('customers.import', <CustomerImportPage />)} />
              <Route path="customers/:id" element={guarded('customers.read', <CustomerPage />)} />
              <Route path="tiers" element={guarded('tiers.manage', <TiersPage />)} />
              <Route
                path="privileges"
                element={
                  <RequireAny permissions={['privileges.report', 'privileges.manage']}>
                    <PrivilegesPage />
                  </RequireAny>
                }
              />
              <Route path="products" element={guarded('products.read', <ProductsPage />)} />
              <Route path="products/rules" element={guarded('products.read', <ProductRulesPage />)} />
              <Route path="products/sales-report" element={guarded('sales.report', <SalesReportPage />)} />
              <Route path="performance/me" element={guarded('performance.self', <MyScorecardPage />)} />
              <Route path="performance/staff/:staffId" element={guarded('performance.read', <StaffScorecardPage />)} />
              <Route path="performance/dashboard" element={guarded('performance.read', <PerformanceDashboardPage />)} />
              <Route path="performance/scorecards" element={guarded('performance.manage', <ScorecardsPage />)} />
              <Route path="performance/promotion" element={<RequireAny permissions={['promotion.review', 'promotion.rules']}><PromotionPage /></RequireAny>} />
              <Route path="contests" element={<RequireAny permissions={['contests.read', 'contests.manage']}><ContestsPage /></RequireAny>} />
              <Route path="contests/:id" element={<RequireAny permissions={['contests.read', 'contests.manage']}><ContestPage /></RequireAny>} />
              <Route path="insights/scores" element={guarded('insights.read', <InsightScoresPage />)} />
              <Route path="insights/models" element={guarded('insights.manage', <InsightModelsPage />)} />
              <Route path="lobby/console" element={guarded('lobby.manage', <LobbyConsolePage />)} />
              <Route path="lobby/teller" element={guarded('lobby.counter.operate', <LobbyTellerPage />)} />
              <Route path="lobby/vip" element={guarded('lobby.vip', <LobbyVipPage />)} />
              <Route path="lobby/stats" element={guarded('lobby.stats', <LobbyStatsPage />)} />
              <Route path="lobby/staffing" element={guarded('lobby.stats', <LobbyStaffingPage />)} />
              <Route path="lobby/queue-rule" element={guarded('lobby.queue.read', <LobbyRulePage />)} />
              <Route
                path="lobby/setup"
                element={
                  <RequireAny permissions={['lobby.setup', 'lobby.config']}>
                    <LobbySetupPage />
                  </RequireAny>
                }
              />
              <Route path="growth/referrals" element={<RequireAny permissions={['referrals.create', 'referrals.work']}><GrowthReferralsPage /></RequireAny>} />
              <Route path="growth/pipeline" element={guarded('referrals.work', <GrowthPipelinePage />)} />
              <Route path="growth/campaigns" element={guarded('campaigns.manage', <GrowthCampaignsPage />)} />
              <Route path="growth/events" element={guarded('events.manage', <GrowthEventsPage />)} />
              <Route path="growth/research" element={guarded('research.read', <GrowthResearchPage />)} />
              <Route path="org/branches" element={guarded('org.branch.read', <BranchesPage />)} />
              <Route path="org/staff" element={guarded('org.staff.read', <StaffPage />)} />
              <Route path="org/staff/:id" element={guarded('org.staff.read', <StaffProfilePage />)} />
              <Route path="org/certificates" element={guarded('org.staff.read', <CertificatesPage />)} />
              <Route path="org/import" element={guarded('org.import', <ImportPage />)} />
              <Route path="org/grades" element={guarded('org.grades.manage', <GradesPage />)} />
              <Route
                path="quality/complaints"
                element={<RequireAny permissions={['complaints.intake', 'complaints.handle', 'complaints.manage', 'complaints.report']}><ComplaintsPage /></RequireAny>}
              />
              <Route path="quality/complaints/new" element={guarded('complaints.intake', <ComplaintIntakePage />)} />
              <Route
                path="quality/complaints/:id"
                element={<RequireAny permissions={['complaints.intake', 'complaints.handle', 'complaints.manage', 'complaints.report']}><ComplaintPage /></RequireAny>}
              />
              <Route path="quality/complaint-report" element={guarded('complaints.report', <ComplaintReportPage />)} />
              <Route path="quality/standards" element={guarded('standards.read', <StandardsPage />)} />
              <Route path="quality/inspections" element={guarded('inspections.read', <InspectionsPage />)} />
              <Route path="quality/teams" element={guarded('teams.evaluate', <TeamsPage />)} />
              <Route path="quality/surveys" element={<RequireAny permissions={['surveys.manage', 'surveys.enter']}><SurveysPage /></RequireAny>} />
              <Route path="quality/satisfaction" element={guarded('surveys.report', <SurveyReportPage />)} />
              <Route path="quality/improvement-plans" element={guarded('improvement.manage', <ImprovementPlansPage />)} />
              <Route path="admin/roles" element={guarded('admin.roles', <RolesPage />)} />
              <Route path="audit" element={guarded('audit.read', <AuditPage />)} />
              <Route path="account" element={<AccountPage />} />
              <Route path="account/password" element={<PasswordPage />} />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Route>
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}
