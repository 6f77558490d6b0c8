// data-testid: staff-account, account-username, account-state, account-open, account-open-username,
// account-open-submit, account-reset, account-reset-reason, account-reset-submit, account-unlock,
// account-disable, account-enable, account-temp-password
// Head office (admin.users) opens, resets, unlocks and disables a staff member's sign-in account.
// A one-time password is shown once, here, and never again.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { KeyOutlined, LockOutlined, StopOutlined, UnlockOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Account, StaffDetail } from '@contracts/org';
import { api } from '../../app/api';
import { useApiError } from '../../components/use-api-error';
import { useWrite } from './api';

const accountKey = (staffId: number) => ['staff', 'account', staffId] as const;

function AccountState({ a }: { a: Account }) {
  const { t } = useTranslation();
  if (a.disabled) return <Tag color="default">{t('account.admin.disabled')}</Tag>;
  if (a.locked) return <Tag color="red">{t('account.admin.locked', { until: a.lockedUntil?.slice(11, 16) ?? '' })}</Tag>;
  if (a.mustChangePassword) return <Tag color="gold">{t('account.admin.mustChange')}</Tag>;
  return <Tag color="green">{t('account.admin.active')}</Tag>;
}

export function StaffAccountCard({ staff }: { staff: StaffDetail }) {
  const { t } = useTranslation();
  const showError = useApiError();
  const key = accountKey(staff.id);
  const q = useQuery({ queryKey: key, queryFn: () => api<{ account: Account | null }>(`/api/staff/${staff.id}/account`) });
  const [temp, setTemp] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'open' | 'reset' | null>(null);
  const [openForm] = Form.useForm<{ username: string }>();
  const [resetForm] = Form.useForm<{ reason: string }>();

  const open = useWrite((b: { username: string }) => api<{ temporaryPassword: string }>(`/api/staff/${staff.id}/account`, { method: 'POST', body: b }), [key]);
  const reset = useWrite((b: { reason: string }) => api<{ temporaryPassword: string }>(`/api/staff/${staff.id}/account/reset-password`, { method: 'POST', body: b }), [key]);
  const unlock = useWrite(() => api(`/api/staff/${staff.id}/account/unlock`, { method: 'POST', body: {} }), [key]);
  const disable = useWrite((disabled: boolean) => api(`/api/staff/${staff.id}/account/disabled`, { method: 'POST', body: { disabled } }), [key]);

  const a = q.data?.account ?? null;
  return (
    <Card title={t('account.admin.title')} data-testid="staff-account" loading={q.isPending}>
      {temp ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('account.admin.tempTitle')}
          description={
            <Space direction="vertical">
              <Typography.Text code copyable data-testid="account-temp-password">
                {temp}
              </Typography.Text>
              <Typography.Text type="secondary">{t('account.admin.tempHint')}</Typography.Text>
            </Space>
          }
          closable
          onClose={() => setTemp(null)}
        />
      ) : null}
      {a === null ? (
        <Space direction="vertical">
          <Typography.Text type="secondary">{t('account.admin.none')}</Typography.Text>
          {staff.status !== 'departed' ? (
            <Button icon={<UserAddOutlined />} onClick={() => { openForm.setFieldsValue({ username: staff.staffNo.toLowerCase() }); setDialog('open'); }} data-testid="account-open">
              {t('account.admin.open')}
            </Button>
          ) : null}
        </Space>
      ) : (
        <>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'u', label: t('account.admin.username'), children: <span data-testid="account-username">{a.username}</span> },
              { key: 's', label: t('account.admin.state'), children: <span data-testid="account-state"><AccountState a={a} /></span> },
              { key: 'l', label: t('account.admin.lastLogin'), children: a.lastLoginAt ? a.lastLoginAt.slice(0, 16).replace('T', ' ') : '—' },
            ]}
          />
          <Space wrap style={{ marginTop: 8 }}>
            <Button icon={<KeyOutlined />} onClick={() => setDialog('reset')} data-testid="account-reset">
              {t('account.admin.reset')}
            </Button>
            {a.locked ? (
              <Button icon={<UnlockOutlined />} loading={unlock.isPending} onClick={() => unlock.mutate(undefined, { onError: (e) => showError(e) })} data-testid="account-unlock">
                {t('account.admin.unlock')}
              </Button>
            ) : null}
            {a.disabled ? (
              <Button icon={<LockOutlined />} onClick={() => disable.mutate(false, { onError: (e) => showError(e) })} data-testid="account-enable">
                {t('account.admin.enable')}
              </Button>
            ) : (
              <Popconfirm title={t('account.admin.disableConfirm')} onConfirm={() => disable.mutate(true, { onError: (e) => showError(e) })}>
                <Button danger icon={<StopOutlined />} data-testid="account-disable">
                  {t('account.admin.disable')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        </>
      )}
      <Modal
        open={dialog === 'open'}
        title={t('account.admin.open')}
        onCancel={() => setDialog(null)}
        onOk={() => openForm.submit()}
        confirmLoading={open.isPending}
        okButtonProps={{ 'data-testid': 'account-open-submit' }}
        destroyOnHidden
      >
        <Form
          form={openForm}
          layout="vertical"
          onFinish={(v) =>
            open.mutate(v, {
              onSuccess: (r) => { setTemp(r.temporaryPassword); setDialog(null); },
              onError: (e) => showError(e, openForm),
            })
          }
        >
          <Form.Item name="username" label={t('account.admin.username')} rules={[{ required: true, pattern: /^[a-z0-9._-]{3,64}$/, message: t('account.admin.usernameRule') }]}>
            <Input data-testid="account-open-username" autoComplete="off" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={dialog === 'reset'}
        title={t('account.admin.reset')}
        onCancel={() => setDialog(null)}
        onOk={() => resetForm.submit()}
        confirmLoading={reset.isPending}
        okButtonProps={{ 'data-testid': 'account-reset-submit' }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('account.admin.resetHint')}</Typography.Paragraph>
        <Form
          form={resetForm}
          layout="vertical"
          onFinish={(v) =>
            reset.mutate(v, {
              onSuccess: (r) => { setTemp(r.temporaryPassword); setDialog(null); resetForm.resetFields(); },
              onError: (e) => showError(e, resetForm),
            })
          }
        >
          <Form.Item name="reason" label={t('account.admin.reason')} rules={[{ required: true, min: 2, message: t('account.admin.reasonRule') }]}>
            <Input.TextArea rows={2} data-testid="account-reset-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
