// Books an appointment for a customer (a slot for large cash or a wealth consultation): the lobby
// manager finds the customer by mobile tail or name, picks the business and the time.
// data-testid: appointment-book, appointment-dialog, appointment-customer, appointment-business, appointment-at,
// appointment-amount, appointment-note, appointment-submit
import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNamePick } from '../../app/lang';
import { CustomerPicker } from '../../components/customer-picker';
import { useApiError } from '../../components/use-api-error';
import { useBookAppointment, useBusinessTypes } from './api';

type Values = { customerId: number; businessCode: string; at: Dayjs; amount?: string; note?: string };

export function BookAppointmentButton({ branchId }: { branchId: number }) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const { message } = App.useApp();
  const showError = useApiError();
  const types = useBusinessTypes();
  const book = useBookAppointment();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const business = Form.useWatch('businessCode', form);
  const needsAmount = types.data?.find((b) => b.code === business)?.needsAmount ?? false;
  const choices = (types.data ?? []).filter((b) => b.active && !b.selfService);

  const submit = async () => {
    const v = await form.validateFields();
    try {
      await book.mutateAsync({ branchId, customerId: v.customerId, businessCode: v.businessCode, at: v.at.toISOString(), amount: v.amount || undefined, note: v.note ?? '' });
      message.success(t('lobby.console.booked'));
      setOpen(false);
      form.resetFields();
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <>
      <Button size="small" icon={<CalendarOutlined />} onClick={() => setOpen(true)} data-testid="appointment-book">
        {t('lobby.console.book')}
      </Button>
      <Modal
        open={open}
        title={t('lobby.console.bookTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        okText={t('common.save')}
        okButtonProps={{ loading: book.isPending, ...({ 'data-testid': 'appointment-submit' } as Record<`data-${string}`, string>) }}
        destroyOnHidden
      >
        <div data-testid="appointment-dialog">
          <Form form={form} layout="vertical" initialValues={{ at: dayjs().add(1, 'hour').startOf('hour') }}>
            <Form.Item name="customerId" label={t('lobby.console.customer')} rules={[{ required: true, message: t('lobby.actions.required') }]}>
              <CustomerPicker data-testid="appointment-customer" />
            </Form.Item>
            <Form.Item name="businessCode" label={t('lobby.actions.business')} rules={[{ required: true, message: t('lobby.actions.required') }]}>
              <Select data-testid="appointment-business" options={choices.map((b) => ({ value: b.code, label: pick(b.nameZh, b.nameEn) }))} />
            </Form.Item>
            <Form.Item name="at" label={t('lobby.console.slot')} rules={[{ required: true, message: t('lobby.actions.required') }]}>
              <DatePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="appointment-at" />
            </Form.Item>
            {needsAmount ? (
              <Form.Item name="amount" label={t('lobby.actions.amount')} rules={[{ required: true, message: t('lobby.actions.required') }, { pattern: /^\d{1,15}(\.\d{1,2})?$/, message: t('lobby.actions.badAmount') }]}>
                <Input inputMode="decimal" data-testid="appointment-amount" />
              </Form.Item>
            ) : null}
            <Form.Item name="note" label={t('lobby.actions.note')}>
              <Input maxLength={200} data-testid="appointment-note" />
            </Form.Item>
          </Form>
        </div>
      </Modal>
    </>
  );
}
