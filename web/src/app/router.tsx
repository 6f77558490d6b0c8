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
const LobbyConsolePage = named(() => import('../features/lobby/console-page'), 'ConsolePage');
const LobbyKioskPage = named(() => import('../features/lobby/kiosk-page'), 'KioskPage');
const LobbyTellerPage = named(() => import('../features/lobby/teller-page'), 'TellerPage');
const LobbyVipPage = named(() => import('../features/lobby/vip-page'), 'VipPage');
const LobbyBoardPage = named(() => import('../features/lobby/board-page'), 'BoardPage');
const LobbyStatsPage = named(() => import('../features/lobby/stats-page'), 'StatsPage');
const LobbyStaffingPage = named(() => import('../features/lobby/staffing-page'), 'StaffingPage');
const LobbyRulePage = named(() => import('../features/lobby/queue-rule-page'), 'QueueRulePage');
const LobbySetupPage = named(() => import('../features/lobby/setup-page'), 'SetupPage');

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
          <Route element={<RequireAuth />}>
            {/* The kiosk and the lobby TV run full screen, without the app frame. */}
            <Route path="lobby/kiosk" element={guarded('lobby.checkin', <LobbyKioskPage />)} />
            <Route path="lobby/board" element={guarded('lobby.board', <LobbyBoardPage />)} />
            <Route element={<AppLayout />}>
              <Route index element={<HomePage />} />
              <Route path="customers" element={guarded('customers.read', <CustomersPage />)} />
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
              <Route path="org/branches" element={guarded('org.branch.read', <BranchesPage />)} />
              <Route path="org/staff" element={guarded('org.staff.read', <StaffPage />)} />
              <Route path="org/staff/:id" element={guarded('org.staff.read', <StaffProfilePage />)} />
              <Route path="org/certificates" element={guarded('org.staff.read', <CertificatesPage />)} />
              <Route path="org/import" element={guarded('org.import', <ImportPage />)} />
              <Route path="org/grades" element={guarded('org.grades.manage', <GradesPage />)} />
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
