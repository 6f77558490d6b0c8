// Logging a call, visit, branch meeting or message; given a task, saving it completes the task.
// data-testid: activity-dialog, activity-channel, activity-outcome, activity-summary, activity-next-step, activity-next-on, activity-save
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { ACTIVITY_CHANNELS, ACTIVITY_OUTCOMES, type LogActivityBody } from '@contracts/engagement';
import { useApiError } from '../../components/use-api-error';
import { useLogActivity } from './api';

type Props = { open: boolean; customerId: number; taskId?: number; title?: string; onClose: () => void };
type Values = { channel: LogActivityBody['channel']; outcome: LogActivityBody['outcome']; summary?: string; products?: string[]; nextStep?: string; nextStepOn?: Dayjs; need?: string };

export function ActivityDialog({ open, customerId, taskId, title, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const log = useLogActivity();
  const onError = useApiError();
  const save = async () => {
    const v = await form.validateFields();
    try {
      await log.mutateAsync({
        customerId, taskId, channel: v.channel, outcome: v.outcome, summary: v.summary ?? '', products: v.products ?? [],
        needs: v.need ? [{ kind: 'explicit', category: 'information', description: v.need }] : [],
        nextStep: v.nextStep ?? '', nextStepOn: v.nextStepOn ? v.nextStepOn.format('YYYY-MM-DD') : undefined,
      });
      void message.success(t('engagement.activity.saved'));
      form.resetFields();
      onClose();
    } catch (e) {
      onError(e, form);
    }
  };
  return (
    <Modal open={open} title={title ? `${t('engagement.activity.title')} · ${title}` : t('engagement.activity.title')} onCancel={onClose} onOk={() => void save()}
      confirmLoading={log.isPending} okButtonProps={{ 'data-testid': 'activity-save' } as Record<string, string>} destroyOnHidden data-testid="activity-dialog">
      <Form form={form} layout="vertical" initialValues={{ channel: 'call', outcome: 'reached' }}>
        <Form.Item name="channel" label={t('engagement.activity.channel')} rules={[{ required: true }]}>
          <Select data-testid="activity-channel" options={ACTIVITY_CHANNELS.map((c) => ({ value: c, label: t(`engagement.activity.channels.${c}`) }))} />
        </Form.Item>
        <Form.Item name="outcome" label={t('engagement.activity.outcome')} rules={[{ required: true }]}>
          <Select data-testid="activity-outcome" options={ACTIVITY_OUTCOMES.map((c) => ({ value: c, label: t(`engagement.activity.outcomes.${c}`) }))} />
        </Form.Item>
        <Form.Item name="summary" label={t('engagement.activity.summary')}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="activity-summary" />
        </Form.Item>
        <Form.Item name="need" label={t('engagement.activity.needs')}>
          <Input maxLength={200} data-testid="activity-need" />
        </Form.Item>
        <Form.Item name="products" label={t('engagement.activity.products')}>
          <Select mode="tags" maxCount={10} data-testid="activity-products" />
        </Form.Item>
        <Form.Item name="nextStep" label={t('engagement.activity.nextStep')}>
          <Input maxLength={200} data-testid="activity-next-step" />
        </Form.Item>
        <Form.Item name="nextStepOn" label={t('engagement.activity.nextStepOn')}>
          <DatePicker data-testid="activity-next-on" disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
