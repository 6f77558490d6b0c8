// Handovers: a marketing RM sends a customer to a wealth RM; the receiver opens the file from here.
// data-testid: handovers-page, handover-new, handover-customer, handover-receiver, handover-note, handover-send, handover-row-<id>, handover-tab-<dir>
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Table, Tabs, Tag } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { HandoverItem } from '@contracts/engagement';
import { useMe } from '../../app/auth';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';
import { useCandidates, useCreateHandover, useHandovers, useReceivers } from './api';

type Direction = 'incoming' | 'outgoing' | 'team';
const STATUS_COLOR: Record<string, string> = { pending: 'orange', accepted: 'green', returned: 'red', cancelled: 'default' };

function NewHandover({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ customerId: number; toStaffId: number; note?: string }>();
  const [q, setQ] = useState('');
  const candidates = useCandidates(q, open);
  const receivers = useReceivers(open);
  const create = useCreateHandover();
  const onError = useApiError();
  const send = async () => {
    const v = await form.validateFields();
    try {
      await create.mutateAsync({ customerId: v.customerId, toStaffId: v.toStaffId, note: v.note ?? '' });
      void message.success(t('engagement.handover.created'));
      form.resetFields();
      onClose();
    } catch (e) {
      onError(e, form);
    }
  };
  return (
    <Modal open={open} title={t('engagement.handover.create')} onCancel={onClose} onOk={() => void send()} confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'handover-send' } as Record<string, string>} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="customerId" label={t('engagement.handover.customer')} rules={[{ required: true }]}>
          <Select showSearch filterOption={false} onSearch={setQ} placeholder={t('engagement.handover.searchCustomer')} data-testid="handover-customer" loading={candidates.isFetching}
            options={(candidates.data ?? []).map((c) => ({ value: c.customerId, label: `${c.name} · ${c.customerNo}${c.rmName ? ` (${c.rmName})` : ''}` }))} />
        </Form.Item>
        <Form.Item name="toStaffId" label={t('engagement.handover.receiver')} rules={[{ required: true }]}>
          <Select data-testid="handover-receiver" loading={receivers.isLoading}
            options={(receivers.data ?? []).map((s) => ({
              value: s.staffId,
              label: `${s.name} · ${s.staffNo} · ${t('engagement.handover.book', { n: s.bookSize })}${s.maxCustomers ? ` / ${t('engagement.handover.limit', { n: s.maxCustomers })}` : ''}`,
            }))} />
        </Form.Item>
        <Form.Item name="note" label={t('engagement.handover.note')}>
          <Input.TextArea rows={3} maxLength={500} data-testid="handover-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function HandoverTable({ direction }: { direction: Direction }) {
  const { t } = useTranslation();
  const list = useHandovers(direction);
  return (
    <Table<HandoverItem> size="small" rowKey="id" loading={list.isLoading} dataSource={list.data ?? []} pagination={{ pageSize: 20 }}
      onRow={(r) => ({ 'data-testid': `handover-row-${r.id}` }) as object}
      columns={[
        { title: t('engagement.handover.customer'), render: (_, r) => <Link to={`/engagement/handovers/${r.id}`}>{r.customerName} · {r.customerNo}</Link> },
        { title: t('engagement.handover.from'), dataIndex: 'fromName' },
        { title: t('engagement.handover.to'), dataIndex: 'toName' },
        { title: t('engagement.handover.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`engagement.handover.statuses.${s}`)}</Tag> },
        { title: t('engagement.handover.createdAt'), dataIndex: 'createdAt', render: (v: string) => v.slice(0, 16).replace('T', ' ') },
        { title: t('engagement.handover.pendingDays'), dataIndex: 'pendingDays', render: (n: number, r) => (r.status === 'pending' ? <Tag color={n > 3 ? 'red' : 'default'}>{t('engagement.workbench.days', { n })}</Tag> : '—') },
      ]} />
  );
}

export function HandoversPage() {
  const { t } = useTranslation();
  const me = useMe();
  const perms = me.permissions;
  const [open, setOpen] = useState(false);
  const tabs: { key: Direction; show: boolean }[] = [
    { key: 'incoming', show: perms['handover.receive'] !== undefined },
    { key: 'outgoing', show: perms['handover.send'] !== undefined },
    { key: 'team', show: perms['handover.reassign'] !== undefined },
  ];
  const shown = tabs.filter((x) => x.show);
  return (
    <div data-testid="handovers-page">
      <PageTitle title={t('engagement.handover.title')} subtitle={t('engagement.handover.subtitle')}
        extra={perms['handover.send'] ? <Button type="primary" data-testid="handover-new" onClick={() => setOpen(true)}>{t('engagement.handover.create')}</Button> : null} />
      <Tabs destroyOnHidden items={shown.map((x) => ({ key: x.key, label: <span data-testid={`handover-tab-${x.key}`}>{t(`engagement.handover.${x.key}`)}</span>, children: <HandoverTable direction={x.key} /> }))} />
      <NewHandover open={open} onClose={() => setOpen(false)} />
    </div>
  );
}
