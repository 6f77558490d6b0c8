// The outlet's opening hours (营业时间): the staffing advice plans the half-hour slots between them.
// Holders of lobby.setup edit them; everyone else sees them.
// data-testid: lobby-hours, hours-opens, hours-closes, hours-save
import { App, Button, Form, Space, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { OutletSetup } from '@contracts/lobby';
import { useAuth } from '../../app/auth';
import { useApiError } from '../../components/use-api-error';
import { useSetOutletHours } from './api';

type Values = { opensAt: Dayjs; closesAt: Dayjs };
const FORMAT = 'HH:mm';

export function HoursCard({ setup }: { setup: OutletSetup }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const save = useSetOutletHours();
  const [form] = Form.useForm<Values>();
  const editable = can('lobby.setup');

  const submit = async (v: Values) => {
    try {
      await save.mutateAsync({ branchId: setup.branchId, body: { opensAt: v.opensAt.format(FORMAT), closesAt: v.closesAt.format(FORMAT) } });
      message.success(t('lobby.setup.hoursSaved'));
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <div data-testid="lobby-hours">
      <Typography.Paragraph type="secondary">{t('lobby.setup.hoursHelp')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        key={`${setup.branchId}-${setup.opensAt}-${setup.closesAt}`}
        initialValues={{ opensAt: dayjs(setup.opensAt, FORMAT), closesAt: dayjs(setup.closesAt, FORMAT) }}
        onFinish={(v) => void submit(v)}
        disabled={!editable}
      >
        <Form.Item name="opensAt" label={t('lobby.setup.opensAt')} rules={[{ required: true, message: t('lobby.actions.required') }]}>
          <TimePicker format={FORMAT} minuteStep={5} allowClear={false} needConfirm={false} data-testid="hours-opens" />
        </Form.Item>
        <Form.Item name="closesAt" label={t('lobby.setup.closesAt')} rules={[{ required: true, message: t('lobby.actions.required') }]}>
          <TimePicker format={FORMAT} minuteStep={5} allowClear={false} needConfirm={false} data-testid="hours-closes" />
        </Form.Item>
        {editable && (
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="hours-save">
              {t('common.save')}
            </Button>
          </Space>
        )}
      </Form>
    </div>
  );
}
