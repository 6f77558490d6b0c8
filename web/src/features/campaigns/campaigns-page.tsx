// Campaigns (营销活动): build a segment with a live count, save the campaign, launch it once as one
// task per customer for their RM, and follow the results (contacted, sold, amount).
// data-testid: campaigns-page, campaign-new, campaign-form, campaign-name, campaign-description, campaign-due, campaign-save,
// campaigns-table, campaign-row-<id>, campaign-status-<id>, campaign-launch-<id>, campaign-launch-confirm
import { useState } from 'react';
import { App, Button, DatePicker, Drawer, Form, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { Campaign } from '@contracts/growth';
import { PageTitle } from '../../components/page-title';
import { ErrorAlert } from '../../components/error-alert';
import { formatYuan } from '../../components/money';
import { useApiError } from '../../components/use-api-error';
import { useCampaigns, useCreateCampaign, useLaunchCampaign } from './api';
import { SegmentBuilder, toFilters, type SegmentFormValues } from './segment-builder';

type CampaignForm = SegmentFormValues & { name: string; description?: string; dueOn: Dayjs };

const STATUS_COLOR = { draft: 'default', launched: 'processing', closed: 'success' } as const;

function CampaignDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CampaignForm>();
  const create = useCreateCampaign();
  const showError = useApiError();
  const { message } = App.useApp();
  const save = async () => {
    const v = await form.validateFields();
    const filters = toFilters(v);
    if (!filters) return;
    try {
      await create.mutateAsync({ name: v.name, description: v.description || undefined, dueOn: v.dueOn.format('YYYY-MM-DD'), filters });
      void message.success(t('growth.campaigns.created'));
      onClose();
    } catch (e) {
      showError(e, form);
    }
  };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      title={t('growth.campaigns.new')}
      destroyOnHidden
      extra={<Button type="primary" loading={create.isPending} onClick={() => void save()} data-testid="campaign-save">{t('common.save')}</Button>}
    >
      <Form form={form} layout="vertical" preserve={false} data-testid="campaign-form" initialValues={{ consentChannel: 'phone', dueOn: dayjs().add(14, 'day') }}>
        <Form.Item name="name" label={t('growth.campaigns.name')} rules={[{ required: true, min: 2, message: t('growth.common.required') }]}>
          <Input maxLength={60} data-testid="campaign-name" />
        </Form.Item>
        <Form.Item name="description" label={t('growth.campaigns.description')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="campaign-description" />
        </Form.Item>
        <Form.Item name="dueOn" label={t('growth.campaigns.dueOn')} rules={[{ required: true, message: t('growth.common.required') }]}>
          <DatePicker data-testid="campaign-due" disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <h4>{t('growth.campaigns.builder')}</h4>
        <SegmentBuilder />
      </Form>
    </Drawer>
  );
}

export function CampaignsPage() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const list = useCampaigns();
  const launch = useLaunchCampaign();
  const showError = useApiError();
  const { message } = App.useApp();
  if (list.error) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <div data-testid="campaigns-page">
      <PageTitle
        title={t('growth.campaigns.title')}
        subtitle={t('growth.campaigns.subtitle')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="campaign-new">{t('growth.campaigns.new')}</Button>}
      />
      <Table<Campaign>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        data-testid="campaigns-table"
        onRow={(r) => ({ 'data-testid': `campaign-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
        scroll={{ x: 1100 }}
        columns={[
          { title: t('growth.campaigns.name'), key: 'n', width: 280, render: (_, r) => <Space orientation="vertical" size={0}><b>{r.name}</b><span style={{ color: 'rgba(0,0,0,0.45)' }}>{r.description}</span></Space> },
          { title: t('growth.common.branch'), dataIndex: 'branchName', width: 140 },
          { title: t('growth.campaigns.dueOn'), dataIndex: 'dueOn', width: 110 },
          { title: t('growth.common.status'), key: 's', width: 100, render: (_, r) => <Tag color={STATUS_COLOR[r.status]} data-testid={`campaign-status-${r.id}`}>{t(`growth.campaigns.statuses.${r.status}`)}</Tag> },
          { title: t('growth.campaigns.members'), dataIndex: 'memberCount', align: 'right', width: 90 },
          { title: t('growth.campaigns.tasks'), key: 'tk', align: 'right', width: 80, render: (_, r) => r.results.tasks },
          { title: t('growth.campaigns.contacted'), key: 'ct', align: 'right', width: 90, render: (_, r) => r.results.contacted },
          { title: t('growth.campaigns.sold'), key: 'sd', align: 'right', width: 90, render: (_, r) => r.results.sold },
          { title: t('growth.campaigns.soldAmount'), key: 'am', align: 'right', width: 140, render: (_, r) => formatYuan(r.results.amount) },
          {
            title: t('common.actions'), key: 'a', width: 110,
            render: (_, r) => (r.status === 'draft' ? (
              <Popconfirm
                title={t('growth.campaigns.launchConfirm')}
                okButtonProps={{ 'data-testid': 'campaign-launch-confirm' } as Record<string, string>}
                onConfirm={async () => {
                  try {
                    const res = await launch.mutateAsync(r.id);
                    void message.success(t('growth.campaigns.launched', res));
                  } catch (e) {
                    showError(e);
                  }
                }}
              >
                <Button size="small" type="primary" icon={<SendOutlined />} data-testid={`campaign-launch-${r.id}`}>{t('growth.campaigns.launch')}</Button>
              </Popconfirm>
            ) : (r.launchedAt ? r.launchedAt.slice(0, 10) : null)),
          },
        ]}
      />
      <CampaignDrawer open={open} onClose={() => setOpen(false)} />
    </div>
  );
}
