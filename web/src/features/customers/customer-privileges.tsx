// The customer's value-added services this year: quota of the current tier, used, booked and left per
// service; booking (or recording a use), marking a booking used, cancelling it.
// data-testid: customer-privileges, privileges-book, privilege-row-<code> (data-remaining),
// book-<code>, use-row-<id> (data-status), use-mark-used-<id>, use-cancel-<id>, use-cancel-confirm,
// book-dialog, book-form-service, book-form-status (book-status-booked / book-status-used),
// book-form-date, book-form-note, book-form-submit
import { useState, type HTMLAttributes } from 'react';
import type { ColumnsType } from 'antd/es/table';
import { App, Button, Card, DatePicker, Empty, Flex, Form, Grid, Input, Modal, Popconfirm, Progress, Radio, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { CalendarOutlined, CheckOutlined, CloseOutlined, GiftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { PRIVILEGE_STATUS_LABELS, type CustomerPrivilegeLine, type PrivilegeUse, type PrivilegeUseStatus } from '@contracts/privileges';
import { useAuth } from '../../app/auth';
import { useBi, useNamePick } from '../../app/lang';
import { ErrorAlert } from '../../components/error-alert';
import { formatYuan } from '../../components/money';
import { useApiError } from '../../components/use-api-error';
import { bookPrivilege, cancelPrivilegeUse, markPrivilegeUsed, useCustomerPrivileges, useCustomerWrite } from './api';

const ISO = 'YYYY-MM-DD';
const STATUS_COLOR: Record<PrivilegeUseStatus, string> = { booked: 'blue', used: 'green', cancelled: 'default' };

type BookValues = { privilegeCode: string; status: 'booked' | 'used'; serviceDate: Dayjs; note?: string };

function BookDialog({
  customerId,
  lines,
  initial,
  open,
  onClose,
}: {
  customerId: number;
  lines: CustomerPrivilegeLine[];
  initial: string | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<BookValues>();
  const status = Form.useWatch('status', form) ?? 'booked';
  const code = Form.useWatch('privilegeCode', form);
  const line = lines.find((l) => l.code === code);
  const write = useCustomerWrite(customerId, (v: BookValues) =>
    bookPrivilege(customerId, { privilegeCode: v.privilegeCode, status: v.status, serviceDate: v.serviceDate.format(ISO), note: (v.note ?? '').trim() }),
  );
  const today = dayjs().startOf('day');

  const submit = async (v: BookValues) => {
    try {
      const r = await write.mutateAsync(v);
      void message.success(t(v.status === 'used' ? 'customer.privileges.recorded' : 'customer.privileges.booked', { n: r.remaining }));
      onClose();
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <Modal
      open={open}
      title={
        <Space>
          <CalendarOutlined />
          {t('customer.privileges.bookTitle')}
        </Space>
      }
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={status === 'used' ? t('customer.privileges.recordUse') : t('customer.privileges.book')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: write.isPending, 'data-testid': 'book-form-submit' }}
    >
      <div data-testid="book-dialog">
        <Form<BookValues>
          form={form}
          layout="vertical"
          initialValues={{ privilegeCode: initial ?? undefined, status: 'booked', serviceDate: today.add(1, 'day') }}
          onFinish={(v) => void submit(v)}
          onValuesChange={(changed: Partial<BookValues>) => {
            // A use took place today or earlier; a booking is for today or later.
            if (changed.status === 'used') form.setFieldsValue({ serviceDate: today });
            if (changed.status === 'booked') form.setFieldsValue({ serviceDate: today.add(1, 'day') });
          }}
        >
          <Form.Item name="privilegeCode" label={t('customer.privileges.service')} rules={[{ required: true, message: t('customer.privileges.serviceRequired') }]}>
            <Select
              data-testid="book-form-service"
              options={lines.map((l) => ({
                value: l.code,
                disabled: !l.active || l.remaining <= 0,
                label: (
                  <Flex justify="space-between" gap={8}>
                    <span>{pick(l.nameZh, l.nameEn)}</span>
                    <Typography.Text type={l.remaining > 0 ? 'secondary' : 'danger'}>{t('customer.privileges.left', { n: l.remaining, quota: l.quota })}</Typography.Text>
                  </Flex>
                ),
              }))}
            />
          </Form.Item>
          <Form.Item name="status" label={t('customer.privileges.kind')}>
            <Radio.Group optionType="button" buttonStyle="solid" data-testid="book-form-status">
              <Radio.Button value="booked">
                <span data-testid="book-status-booked">{t('customer.privileges.kindBooked')}</span>
              </Radio.Button>
              <Radio.Button value="used">
                <span data-testid="book-status-used">{t('customer.privileges.kindUsed')}</span>
              </Radio.Button>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="serviceDate" label={t('customer.privileges.date')} rules={[{ required: true }]}>
            <DatePicker
              style={{ width: '100%' }}
              allowClear={false}
              disabledDate={(d) => (status === 'used' ? d.isAfter(today, 'day') : d.isBefore(today, 'day'))}
              data-testid="book-form-date"
            />
          </Form.Item>
          <Form.Item name="note" label={t('customer.privileges.note')}>
            <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('customer.privileges.notePlaceholder')} data-testid="book-form-note" />
          </Form.Item>
          {line ? (
            <Typography.Text type="secondary">
              {t('customer.privileges.costHint', { partner: line.partner || '—', cost: formatYuan(line.unitCost) })}
            </Typography.Text>
          ) : null}
        </Form>
      </div>
    </Modal>
  );
}

function Uses({ customerId, uses, canBook }: { customerId: number; uses: PrivilegeUse[]; canBook: boolean }) {
  const { t } = useTranslation();
  const bi = useBi();
  const { message } = App.useApp();
  const showError = useApiError();
  const cancel = useCustomerWrite(customerId, (useId: number) => cancelPrivilegeUse(customerId, useId));
  const markUsed = useCustomerWrite(customerId, (useId: number) => markPrivilegeUsed(customerId, useId));
  const today = dayjs().format(ISO);
  if (uses.length === 0) return <Typography.Text type="secondary">{t('customer.privileges.noUses')}</Typography.Text>;
  const sorted = [...uses].sort((a, b) => b.serviceDate.localeCompare(a.serviceDate) || b.id - a.id);
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      {sorted.map((u) => (
        <Flex key={u.id} justify="space-between" align="center" gap={8} wrap data-testid={`use-row-${u.id}`} data-status={u.status}>
          <Space size={6} wrap>
            <Tag color={STATUS_COLOR[u.status]}>{bi(PRIVILEGE_STATUS_LABELS[u.status])}</Tag>
            <Typography.Text delete={u.status === 'cancelled'}>{u.serviceDate}</Typography.Text>
            {u.recordedByName ? <Typography.Text type="secondary">{u.recordedByName}</Typography.Text> : null}
            {u.note ? <Typography.Text type="secondary">“{u.note}”</Typography.Text> : null}
          </Space>
          {canBook && u.status === 'booked' ? (
            <Space size={4}>
              {u.serviceDate <= today ? (
                <Button
                  size="small"
                  icon={<CheckOutlined />}
                  loading={markUsed.isPending && markUsed.variables === u.id}
                  onClick={() =>
                    markUsed
                      .mutateAsync(u.id)
                      .then(() => message.success(t('customer.privileges.markedUsed')))
                      .catch((e: unknown) => showError(e))
                  }
                  data-testid={`use-mark-used-${u.id}`}
                >
                  {t('customer.privileges.markUsed')}
                </Button>
              ) : null}
              <Popconfirm
                title={t('customer.privileges.cancelConfirm')}
                okText={t('customer.privileges.cancelBooking')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true, 'data-testid': 'use-cancel-confirm' }}
                onConfirm={() =>
                  cancel
                    .mutateAsync(u.id)
                    .then(() => message.success(t('customer.privileges.cancelled')))
                    .catch((e: unknown) => showError(e))
                }
              >
                <Button size="small" danger icon={<CloseOutlined />} loading={cancel.isPending && cancel.variables === u.id} data-testid={`use-cancel-${u.id}`}>
                  {t('customer.privileges.cancelBooking')}
                </Button>
              </Popconfirm>
            </Space>
          ) : null}
        </Flex>
      ))}
    </Space>
  );
}

export function PrivilegesCard({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const { can } = useAuth();
  const q = useCustomerPrivileges(customerId);
  const canBook = can('privileges.book');
  // A phone keeps the name (with the usage under it), what is left and the book button.
  const phone = Grid.useBreakpoint().md === false;
  const [booking, setBooking] = useState<{ code: string | null } | null>(null);
  const lines = q.data?.items ?? [];
  // Services with nothing to offer this tier and no history stay out of the way.
  const shown = lines.filter((l) => l.quota > 0 || l.uses.length > 0);
  const columns: ColumnsType<CustomerPrivilegeLine> = [
    {
      title: t('customer.privileges.service'),
      key: 'name',
      render: (_, l) => (
        <div>
          <Typography.Text strong>{pick(l.nameZh, l.nameEn)}</Typography.Text>
          {!l.active ? <Tag style={{ marginInlineStart: 6 }}>{t('customer.privileges.inactive')}</Tag> : null}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {phone ? t('customer.privileges.usageShort', { used: l.used, booked: l.booked, quota: l.quota }) : l.partner}
            </Typography.Text>
          </div>
        </div>
      ),
    },
  ];
  if (!phone) {
    columns.push(
      {
        title: t('customer.privileges.usage'),
        key: 'usage',
        width: 220,
        render: (_, l) => (
          <Tooltip title={t('customer.privileges.usageTip', { used: l.used, booked: l.booked, quota: l.quota })}>
            <Progress
              size="small"
              percent={l.quota > 0 ? Math.min(100, ((l.used + l.booked) / l.quota) * 100) : 0}
              success={{ percent: l.quota > 0 ? Math.min(100, (l.used / l.quota) * 100) : 0 }}
              format={() => `${l.used + l.booked}/${l.quota}`}
            />
          </Tooltip>
        ),
      },
      { title: t('customer.privileges.used'), dataIndex: 'used', width: 70, align: 'center' },
      { title: t('customer.privileges.bookedCol'), dataIndex: 'booked', width: 70, align: 'center' },
    );
  }
  columns.push({
    title: t('customer.privileges.remaining'),
    dataIndex: 'remaining',
    width: phone ? 56 : 80,
    align: 'center',
    render: (n: number) => (
      <Typography.Text type={n > 0 ? 'success' : 'secondary'} strong={n > 0}>
        {n}
      </Typography.Text>
    ),
  });
  if (canBook) {
    columns.push({
      title: phone ? '' : t('common.actions'),
      key: 'act',
      width: phone ? 64 : 90,
      render: (_, l) => (
        <Button size="small" disabled={!l.active || l.remaining <= 0} onClick={() => setBooking({ code: l.code })} data-testid={`book-${l.code}`}>
          {t('customer.privileges.book')}
        </Button>
      ),
    });
  }

  return (
    <Card
      title={
        <Space>
          <GiftOutlined style={{ color: '#c9a45c' }} />
          {t('customer.privileges.title', { year: q.data?.year ?? dayjs().year() })}
        </Space>
      }
      extra={
        canBook && shown.some((l) => l.active && l.remaining > 0) ? (
          <Button type="primary" size="small" icon={<CalendarOutlined />} onClick={() => setBooking({ code: null })} data-testid="privileges-book">
            {t('customer.privileges.book')}
          </Button>
        ) : null
      }
    >
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<CustomerPrivilegeLine>
          data-testid="customer-privileges"
          size="small"
          rowKey="code"
          loading={q.isPending}
          dataSource={shown}
          pagination={false}
          scroll={phone ? undefined : { x: 640 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer.privileges.none')} /> }}
          onRow={(l) => ({ 'data-testid': `privilege-row-${l.code}`, 'data-remaining': String(l.remaining) }) as HTMLAttributes<HTMLElement>}
          expandable={{
            expandedRowRender: (l) => <Uses customerId={customerId} uses={l.uses} canBook={canBook} />,
            rowExpandable: (l) => l.uses.length > 0,
          }}
          columns={columns}
        />
      )}
      {/* Mounted per opening, so the form starts from the service that was clicked. */}
      {booking ? <BookDialog customerId={customerId} lines={lines} initial={booking.code} open onClose={() => setBooking(null)} /> : null}
    </Card>
  );
}
