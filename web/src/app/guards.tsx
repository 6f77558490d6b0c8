import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PermissionCode } from '@contracts/roles';
import { useAuth } from './auth';
import { errorText } from './api';
import { useLang } from './lang';
import { FullSpin } from '../components/full-spin';
import { Forbidden } from '../components/forbidden';

export const PASSWORD_PATH = '/account/password';

/** Signed-in pages; a user who must change the password is held on the password page. */
export function RequireAuth() {
  const { me, loading, error, refresh, signedOut } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  const lang = useLang();
  if (loading) return <FullSpin />;
  if (!me && error) {
    return (
      <Result
        status="warning"
        title={t('errors.serverDown')}
        subTitle={errorText(error, lang)}
        extra={<Button onClick={() => void refresh()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!me) {
    // After a session expiry, come back to the same page; after a sign-out, start afresh.
    return <Navigate to="/login" replace state={signedOut ? null : { from: `${location.pathname}${location.search}` }} />;
  }
  if (me.mustChangePassword && location.pathname !== PASSWORD_PATH) {
    return <Navigate to={PASSWORD_PATH} replace />;
  }
  return <Outlet />;
}

export function RequirePermission({ permission, children }: { permission: PermissionCode; children: ReactNode }) {
  const { can } = useAuth();
  return can(permission) ? children : <Forbidden />;
}
