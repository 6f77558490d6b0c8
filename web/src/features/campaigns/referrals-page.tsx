// Referrals (转介推荐): a teller, lobby manager or RM refers a possible premium customer to a wealth
// RM; the RM works it (contacted, converted, not interested). A referrer without the right to work
// referrals sees only the ones they made.
// data-testid: referrals-page, referral-new, referral-form, referral-customer-no, referral-contact-name, referral-contact-mobile,
// referral-note, referral-rm, referral-submit, referral-box, referrals-table, referral-row-<id>, referral-status-<id>,
// referral-work-<id>-<status>, work-form, work-outcome, work-customer-no, work-submit
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Radio, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CreateReferralBody, GrowthReferral, ReferralStatus, WorkReferralBody } from '@contracts/growth';
import { useAuth } from '../../app/auth';
import { PageTitle } from '../../components/page-title';
import { ErrorAlert } from '../../components/error-alert';
import { formatYuan } from '../../components/money';
import { useApiError } from '../../components/use-api-error';
import { useCreateReferral, useReferralRms, useReferrals, useWorkReferral, type ReferralQuery } from './api';

const STATUS_COLOR: Record<ReferralStatus, string> = { new: 'blue', contacted: 'gold', converted: 'green', not_interested: 'default' };
const NEXT: Record<ReferralStatus, WorkReferralBody['status'][]> = {
  new: ['contacted', 'converted', 'not_interested'],
  contacted: ['converted', 'not_interested'],
  not_interested: ['contacted', 'converted'],
  converted: [],
};

type ReferForm = CreateReferralBody & { who: 'known' | 'walkIn' };

function ReferDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ReferForm>();
  const who = Form.useWatch('who', form) ?? 'known';
  const rms = useReferralRms(open);
  const create = useCreateReferral();
  const showError = useApiError();
  const { message } = App.useApp();
  return (
    <Modal
      open={open}
      title={t('growth.referrals.formTitle')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'referral-submit' } as Record<string, string>}
      destroyOnHidden
      onOk={async () => {
        const { who: kind, ...v } = await form.validateFields();
        const body: CreateReferralBody = kind === 'known'
          ? { customerNo: v.customerNo, note: v.note, estimatedAssets: v.estimatedAssets || undefined, rmStaffId: v.rmStaffId }
          : { contactName: v.contactName || undefined, contactMobile: v.contactMobile || undefined, note: v.note, estimatedAssets: v.estimatedAssets || undefined, rmStaffId: v.rmStaffId };
        try {
          await create.mutateAsync(body);
          void message.success(t('growth.referrals.created'));
          onClose();
        } catch (e) {
          showError(e, form);
        }
      }}
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ who: 'known' }} data-testid="referral-form">
        <Form.Item name="who">
          <Radio.Group options={[{ value: 'known', label: t('growth.referrals.knownCustomer') }, { value: 'walkIn', label: t('growth.referrals.walkIn') }]} />
        </Form.Item>
        {who === 'known' ? (
          <Form.Item name="customerNo" label={t('growth.common.customerNo')} rules={[{ required: true, message: t('growth.common.required') }]}>
            <Input maxLength={32} data-testid="referral-customer-no" />
          </Form.Item>
        ) : (
          <Space.Compact block>
            <Form.Item name="contactName" label={t('growth.referrals.contactName')} style={{ flex: 1 }}>
              <Input maxLength={30} data-testid="referral-contact-name" />
            </Form.Item>
            <Form.Item name="contactMobile" label={t('growth.referrals.contactMobile')} style={{ flex: 1 }}>
              <Input maxLength={11} data-testid="referral-contact-mobile" />
            </Form.Item>
          </Space.Compact>
        )}
        <Form.Item name="estimatedAssets" label={t('growth.prospects.estimatedAssets')}>
          <Input inputMode="decimal" maxLength={20} />
        </Form.Item>
        <Form.Item name="note" label={t('growth.common.note')} rules={[{ required: true, min: 2, message: t('growth.common.required') }]}>
          <Input.TextArea rows={2} maxLength={500} placeholder={t('growth.referrals.noteHint')} data-testid="referral-note" />
        </Form.Item>
        <Form.Item name="rmStaffId" label={t('growth.referrals.receiver')} extra={t('growth.referrals.rmHint')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={rms.isLoading}
            data-testid="referral-rm"
            options={(rms.data ?? []).map((r) => ({ value: r.staffId, label: `${r.name}（${r.staffNo}）· ${r.branchName}` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function WorkDialog({ target, onClose }: { target: { r: GrowthReferral; status: WorkReferralBody['status'] } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<WorkReferralBody>();
  const work = useWorkReferral();
  const showError = useApiError();
  const { message } = App.useApp();
  const needsCustomer = target?.status === 'converted' && target.r.customerId === null;
  return (
    <Modal
      open={!!target}
      title={target ? `${t('growth.referrals.workTitle')} · ${t(`growth.referrals.statuses.${target.status}`)}` : ''}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={work.isPending}
      okButtonProps={{ 'data-testid': 'work-submit' } as Record<string, string>}
      destroyOnHidden
      onOk={async () => {
        if (!target) return;
        const v = await form.validateFields();
        try {
          await work.mutateAsync({ id: target.r.id, body: { status: target.status, outcomeNote: v.outcomeNote || undefined, customerNo: v.customerNo || undefined } });
          void message.success(t('growth.referrals.worked'));
          onClose();
        } catch (e) {
          showError(e, form);
        }
      }}
    >
      <Form form={form} layout="vertical" preserve={false} data-testid="work-form">
        <Form.Item name="outcomeNote" label={t('growth.referrals.outcomeNote')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="work-outcome" />
        </Form.Item>
        {needsCustomer ? (
          <Form.Item name="customerNo" label={t('growth.referrals.newCustomerNo')} rules={[{ required: true, message: t('growth.common.required') }]}>
            <Input maxLength={32} data-testid="work-customer-no" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

export function ReferralsPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const canWork = !!me?.permissions['referrals.work'];
  const canRefer = !!me?.permissions['referrals.create'];
  const [q, setQ] = useState<ReferralQuery>({ box: canWork ? 'inbox' : 'sent', page: 1, pageSize: 20 });
  const [referOpen, setReferOpen] = useState(false);
  const [target, setTarget] = useState<{ r: GrowthReferral; status: WorkReferralBody['status'] } | null>(null);
  const list = useReferrals(q);
  if (list.error) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <div data-testid="referrals-page">
      <PageTitle
        title={t('growth.referrals.title')}
        subtitle={t('growth.referrals.subtitle')}
        extra={canRefer ? <Button type="primary" icon={<UserAddOutlined />} onClick={() => setReferOpen(true)} data-testid="referral-new">{t('growth.referrals.new')}</Button> : null}
      />
      <Space style={{ marginBottom: 12 }} wrap>
        {canWork ? (
          <Segmented
            data-testid="referral-box"
            value={q.box}
            onChange={(v) => setQ({ ...q, box: v as ReferralQuery['box'], page: 1 })}
            options={(['inbox', 'sent', 'all'] as const).map((b) => ({ value: b, label: t(`growth.referrals.boxes.${b}`) }))}
          />
        ) : null}
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('growth.common.status')}
          value={q.status}
          onChange={(v?: ReferralStatus) => setQ({ ...q, status: v, page: 1 })}
          options={(['new', 'contacted', 'converted', 'not_interested'] as const).map((s) => ({ value: s, label: t(`growth.referrals.statuses.${s}`) }))}
        />
      </Space>
      <Table<GrowthReferral>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        data-testid="referrals-table"
        dataSource={list.data?.items ?? []}
        onRow={(r) => ({ 'data-testid': `referral-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
        scroll={{ x: 1000 }}
        pagination={{ current: q.page, pageSize: q.pageSize, total: list.data?.total ?? 0, onChange: (page, pageSize) => setQ({ ...q, page, pageSize }), showTotal: (total) => t('common.total', { total }) }}
        columns={[
          { title: t('growth.common.createdAt'), key: 'at', width: 110, render: (_, r) => r.createdAt.slice(0, 10) },
          {
            title: t('growth.common.customer'), key: 'c',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <span>{r.name ?? '—'} {r.customerNo ? <Typography.Text type="secondary">{r.customerNo}</Typography.Text> : null}</span>
                {r.contactMobile ? <Typography.Text type="secondary">{r.contactMobile}</Typography.Text> : null}
              </Space>
            ),
          },
          { title: t('growth.common.note'), dataIndex: 'note', ellipsis: true },
          { title: t('growth.referrals.estimatedAssets'), key: 'ea', align: 'right', width: 130, render: (_, r) => (r.estimatedAssets ? formatYuan(r.estimatedAssets) : '—') },
          { title: t('growth.referrals.referrer'), key: 'by', width: 150, render: (_, r) => `${r.referredByName} · ${t(`growth.referrals.roles.${r.referrerRole}`, { defaultValue: r.referrerRole })}` },
          { title: t('growth.referrals.receiver'), key: 'rm', width: 100, render: (_, r) => r.rmName ?? '—' },
          {
            title: t('growth.common.status'), key: 's', width: 110,
            render: (_, r) => <Tag color={STATUS_COLOR[r.status]} data-testid={`referral-status-${r.id}`}>{t(`growth.referrals.statuses.${r.status}`)}</Tag>,
          },
          ...(canWork
            ? [{
                title: t('common.actions'), key: 'a', width: 220,
                render: (_: unknown, r: GrowthReferral) => (r.canWork ? (
                  <Space size={4} wrap>
                    {NEXT[r.status].map((s) => (
                      <Button key={s} size="small" type={s === 'converted' ? 'primary' : 'default'} data-testid={`referral-work-${r.id}-${s}`} onClick={() => setTarget({ r, status: s })}>
                        {t(`growth.referrals.statuses.${s}`)}
                      </Button>
                    ))}
                  </Space>
                ) : null),
              }]
            : []),
        ]}
      />
      <ReferDialog open={referOpen} onClose={() => setReferOpen(false)} />
      <WorkDialog target={target} onClose={() => setTarget(null)} />
    </div>
  );
}
