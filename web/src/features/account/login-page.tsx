// data-testid: login-username, login-password, login-submit, login-error, lang-switch
import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { Me } from '@contracts/auth';
import { api, errorText } from '../../app/api';
import { ME_KEY, useAuth } from '../../app/auth';
import { useLang } from '../../app/lang';
import { LanguageSwitch } from '../../app/language-switch';
import { setLanguage } from '../../app/i18n';

type Values = { username: string; password: string };

function fromState(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = (state as { from: unknown }).from;
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login')) return from;
  }
  return '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (me) return <Navigate to={me.mustChangePassword ? '/account/password' : fromState(location.state)} replace />;

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api('/api/auth/login', { method: 'POST', body: { username: v.username.trim(), password: v.password } });
      const who = await api<Me>('/api/me');
      if (who.locale !== lang) setLanguage(who.locale);
      // A different user may sign in at the same desk: start from an empty cache.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      qc.setQueryData(ME_KEY, who);
      navigate(who.mustChangePassword ? '/account/password' : fromState(location.state), { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <div style={{ position: 'fixed', top: 12, right: 12 }} className="login-lang">
        <LanguageSwitch compact={false} />
      </div>
      <Card className="login-card">
        <div className="login-brand">
          <span className="app-brand-mark">P</span>
          <Typography.Title level={3} style={{ margin: '12px 0 4px' }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
        </div>
        {error ? (
          <Alert
            type="error"
            showIcon
            title={errorText(error, lang)}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        ) : null}
        <Form<Values> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} size="large">
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <Flex justify="center" style={{ marginTop: 20 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
            {t('login.footer')}
          </Typography.Text>
        </Flex>
      </Card>
    </div>
  );
}
