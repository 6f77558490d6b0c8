// Customer care events (关怀活动): create a salon, seminar or appreciation event, invite a consenting
// segment, record RSVPs, check guests in at the door, and close the event (follow-up tasks for the
// attendees' RMs). The list shows cost per attendee and sales in the 30 days after.
// data-testid: events-page, event-new, event-form, event-title, event-submit, events-table, event-row-<id>, event-guests-<id>,
// event-invite-<id>, invite-form, invite-submit, guests-drawer, guest-rsvp-<customerId>, guest-checkin-<customerId>, event-close
import { useState } from 'react';
import { App, Button, DatePicker, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { CARE_EVENT_KINDS, type CareEvent, type CareEventKind, type Invitation } from '@contracts/growth';
import { PageTitle } from '../../components/page-title';
import { ErrorAlert } from '../../components/error-alert';
import { formatYuan } from '../../components/money';
import { useApiError } from '../../components/use-api-error';
import { useCareEvents, useCreateEvent, useEventAction, useInvitations } from './api';
import { SegmentBuilder, toFilters, type SegmentFormValues } from './segment-builder';

type EventForm = { kind: CareEventKind; title: string; venue?: string; startsAt: Dayjs; capacity?: number; cost?: string };

function NewEventDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EventForm>();
  const create = useCreateEvent();
  const showError = useApiError();
  return (
    <Modal
      open={open}
      title={t('growth.events.new')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'event-submit' } as Record<string, string>}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await create.mutateAsync({ kind: v.kind, title: v.title, venue: v.venue || undefined, startsAt: v.startsAt.format(), capacity: v.capacity ?? undefined, cost: v.cost || undefined });
          onClose();
        } catch (e) {
          showError(e, form);
        }
      }}
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: 'salon' }} data-testid="event-form">
        <Form.Item name="kind" label={t('growth.events.kind')}>
          <Select options={CARE_EVENT_KINDS.map((k) => ({ value: k, label: t(`growth.events.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('growth.events.eventTitle')} rules={[{ required: true, min: 2, message: t('growth.common.required') }]}><Input maxLength={100} data-testid="event-title" /></Form.Item>
        <Form.Item name="venue" label={t('growth.events.venue')}><Input maxLength={100} /></Form.Item>
        <Form.Item name="startsAt" label={t('growth.events.startsAt')} rules={[{ required: true, message: t('growth.common.required') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="event-starts" />
        </Form.Item>
        <Space>
          <Form.Item name="capacity" label={t('growth.events.capacity')}><InputNumber min={1} max={10000} precision={0} /></Form.Item>
          <Form.Item name="cost" label={t('growth.events.cost')}><Input inputMode="decimal" maxLength={20} /></Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function InviteDialog({ event, onClose }: { event: CareEvent | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SegmentFormValues>();
  const act = useEventAction();
  const showError = useApiError();
  const { message } = App.useApp();
  return (
    <Modal
      open={!!event}
      width={760}
      title={`${t('growth.events.invite')} · ${event?.title ?? ''}`}
      onCancel={onClose}
      destroyOnHidden
      okText={t('growth.events.invite')}
      cancelText={t('common.cancel')}
      confirmLoading={act.isPending}
      okButtonProps={{ 'data-testid': 'invite-submit' } as Record<string, string>}
      onOk={async () => {
        const filters = toFilters(await form.validateFields());
        if (!event || !filters) return;
        try {
          const res = await act.mutateAsync({ id: event.id, action: 'invitations', body: { filters } });
          void message.success(t('growth.events.inviteDone', { count: res.count ?? 0 }));
          onClose();
        } catch (e) {
          showError(e, form);
        }
      }}
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ consentChannel: 'phone' }} data-testid="invite-form">
        <SegmentBuilder previewPath="events/segment-preview" />
      </Form>
    </Modal>
  );
}

function GuestsDrawer({ event, onClose }: { event: CareEvent | null; onClose: () => void }) {
  const { t } = useTranslation();
  const guests = useInvitations(event?.id ?? null);
  const act = useEventAction();
  const showError = useApiError();
  const { message } = App.useApp();
  const run = async (action: 'rsvp' | 'attendance', body: unknown) => {
    if (!event) return;
    try {
      await act.mutateAsync({ id: event.id, action, body });
      void guests.refetch();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Drawer
      open={!!event}
      onClose={onClose}
      size="large"
      title={`${t('growth.events.guests')} · ${event?.title ?? ''}`}
      destroyOnHidden
      extra={event?.status === 'planned' ? (
        <Popconfirm
          title={t('growth.events.closeConfirm')}
          onConfirm={async () => {
            try {
              const res = await act.mutateAsync({ id: event.id, action: 'close' });
              void message.success(t('growth.events.closed', { count: res.count ?? 0 }));
              onClose();
            } catch (e) {
              showError(e);
            }
          }}
        >
          <Button danger data-testid="event-close">{t('growth.events.close')}</Button>
        </Popconfirm>
      ) : null}
    >
      <div data-testid="guests-drawer">
        <Table<Invitation>
          rowKey="customerId"
          size="small"
          loading={guests.isLoading}
          dataSource={guests.data ?? []}
          pagination={{ pageSize: 50 }}
          columns={[
            { title: t('growth.common.customer'), key: 'c', render: (_, r) => `${r.name} · ${r.customerNo}` },
            { title: t('growth.common.rm'), key: 'rm', width: 90, render: (_, r) => r.rmName ?? '—' },
            {
              title: t('growth.events.rsvp'), key: 'r', width: 130,
              render: (_, r) => (event?.status === 'planned' && !r.checkedInAt ? (
                <Select size="small" value={r.rsvp} style={{ width: 110 }} data-testid={`guest-rsvp-${r.customerId}`} onChange={(v) => void run('rsvp', { customerId: r.customerId, rsvp: v })}
                  options={(['pending', 'yes', 'no'] as const).map((s) => ({ value: s, label: t(`growth.events.rsvps.${s}`), disabled: s === 'pending' }))} />
              ) : <Tag>{t(`growth.events.rsvps.${r.rsvp}`)}</Tag>),
            },
            {
              title: t('growth.events.checkIn'), key: 'ci', width: 150,
              render: (_, r) => (r.checkedInAt ? <Tag color="green">{t('growth.events.checkedIn')} {dayjs(r.checkedInAt).format('HH:mm')}</Tag> : event?.status === 'planned' ? (
                <Button size="small" type="primary" data-testid={`guest-checkin-${r.customerId}`} onClick={() => void run('attendance', { customerId: r.customerId })}>{t('growth.events.checkIn')}</Button>
              ) : null),
            },
          ]}
        />
      </div>
    </Drawer>
  );
}

export function EventsPage() {
  const { t } = useTranslation();
  const list = useCareEvents();
  const [creating, setCreating] = useState(false);
  const [inviting, setInviting] = useState<CareEvent | null>(null);
  const [guests, setGuests] = useState<CareEvent | null>(null);
  if (list.error) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <div data-testid="events-page">
      <PageTitle
        title={t('growth.events.title')}
        subtitle={t('growth.events.subtitle')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="event-new">{t('growth.events.new')}</Button>}
      />
      <Table<CareEvent>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        data-testid="events-table"
        onRow={(r) => ({ 'data-testid': `event-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
        scroll={{ x: 1200 }}
        columns={[
          { title: t('growth.events.eventTitle'), key: 't', render: (_, r) => <Space orientation="vertical" size={0}><b>{r.title}</b><span>{t(`growth.events.kinds.${r.kind}`)} · {r.venue}</span></Space> },
          { title: t('growth.events.startsAt'), key: 's', width: 150, render: (_, r) => dayjs(r.startsAt).format('YYYY-MM-DD HH:mm') },
          { title: t('growth.common.status'), key: 'st', width: 90, render: (_, r) => <Tag color={r.status === 'planned' ? 'blue' : 'default'}>{t(`growth.events.statuses.${r.status}`)}</Tag> },
          { title: t('growth.events.invited'), dataIndex: 'invited', align: 'right', width: 80 },
          { title: t('growth.events.accepted'), dataIndex: 'accepted', align: 'right', width: 90 },
          { title: t('growth.events.attended'), dataIndex: 'attended', align: 'right', width: 70 },
          { title: t('growth.events.cost'), key: 'c', align: 'right', width: 120, render: (_, r) => formatYuan(r.cost) },
          { title: t('growth.events.costPerAttendee'), key: 'cpa', align: 'right', width: 110, render: (_, r) => (r.costPerAttendee ? formatYuan(r.costPerAttendee) : '—') },
          { title: t('growth.events.salesAfter'), key: 'sa', align: 'right', width: 170, render: (_, r) => `${r.salesAfter.customers} · ${formatYuan(r.salesAfter.amount)}` },
          {
            title: t('common.actions'), key: 'a', width: 200,
            render: (_, r) => (
              <Space size={4}>
                <Button size="small" icon={<TeamOutlined />} data-testid={`event-guests-${r.id}`} onClick={() => setGuests(r)}>{t('growth.events.guests')}</Button>
                {r.status === 'planned' ? <Button size="small" data-testid={`event-invite-${r.id}`} onClick={() => setInviting(r)}>{t('growth.events.invite')}</Button> : null}
              </Space>
            ),
          },
        ]}
      />
      <NewEventDialog open={creating} onClose={() => setCreating(false)} />
      <InviteDialog event={inviting} onClose={() => setInviting(null)} />
      <GuestsDrawer event={guests} onClose={() => setGuests(null)} />
    </div>
  );
}
