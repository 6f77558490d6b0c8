// data-testid: password-forced (alert when the change is required), password-current, password-new,
// password-confirm, password-submit, password-rule-length / -classes / -username (data-ok="true|false")
import { App, Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useAuth, useMe } from '../../app/auth';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';
import { checkPassword, MIN_PASSWORD_LENGTH, passwordOk } from './password-rules';

type Values = { currentPassword: string; newPassword: string; confirm: string };

function Rule({ ok, text, testId }: { ok: boolean; text: string; testId: string }) {
  return (
    <div data-testid={testId} data-ok={ok ? 'true' : 'false'}>
      {ok ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <CloseCircleOutlined style={{ color: '#bfbfbf' }} />}{' '}
      <Typography.Text type={ok ? 'success' : 'secondary'}>{text}</Typography.Text>
    </div>
  );
}

export function PasswordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { refresh } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const checks = checkPassword(newPassword, me.username);

  const submit = async (v: Values) => {
    try {
      await api('/api/auth/password', {
        method: 'POST',
        body: { currentPassword: v.currentPassword, newPassword: v.newPassword },
      });
      void message.success(t('password.success'));
      form.resetFields();
      await refresh();
      navigate('/', { replace: true });
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <>
      <PageTitle title={t('password.title')} />
      <Card style={{ maxWidth: 560 }}>
        {me.mustChangePassword ? (
          <Alert type="warning" showIcon title={t('password.forced')} style={{ marginBottom: 16 }} data-testid="password-forced" />
        ) : null}
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item
            name="currentPassword"
            label={t('password.current')}
            rules={[{ required: true, message: t('password.currentRequired') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="password-current" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            rules={[
              { required: true, message: t('password.newRequired') },
              {
                validator: (_, value: string | undefined) =>
                  !value || passwordOk(checkPassword(value, me.username))
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.weak'))),
              },
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-new" />
          </Form.Item>
          <Space orientation="vertical" size={2} style={{ marginBottom: 16 }}>
            <Typography.Text type="secondary">{t('password.rulesTitle')}</Typography.Text>
            <Rule ok={checks.length} text={t('password.ruleLength', { n: MIN_PASSWORD_LENGTH })} testId="password-rule-length" />
            <Rule ok={checks.classes} text={t('password.ruleClasses')} testId="password-rule-classes" />
            <Rule ok={checks.notUsername} text={t('password.ruleUsername')} testId="password-rule-username" />
          </Space>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('password.confirmRequired') },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="password-submit">
            {t('password.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
