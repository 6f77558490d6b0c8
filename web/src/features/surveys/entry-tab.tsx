// Staff entry of answers received by mail or phone (e.g. the survey of competitors' customers).
// data-testid: se-form, se-programme, se-branch, se-channel, se-competitor, se-date, se-q-<code>, se-submit
import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { SurveyQuestion } from '@contracts/surveys';
import { useNamePick } from '../../app/lang';
import { BranchPicker } from '../../components/branch-select';
import { useApiError } from '../../components/use-api-error';
import { useEnterAnswers, useEntryForms } from './api';

type Values = { programmeId: number; branchId: number; answerChannel: 'mail' | 'phone'; competitor?: string; answeredOn: Dayjs; a: Record<string, number | string | string[] | undefined> };

function Field({ q }: { q: SurveyQuestion }) {
  const pick = useNamePick();
  const label = pick(q.textZh, q.textEn);
  const name = ['a', q.code];
  const rules = q.required ? [{ required: true }] : [];
  if (q.kind === 'rating') return <Form.Item name={name} label={label} rules={rules}><Radio.Group options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n) }))} data-testid={`se-q-${q.code}`} /></Form.Item>;
  if (q.kind === 'nps') return <Form.Item name={name} label={label} rules={rules}><InputNumber min={0} max={10} data-testid={`se-q-${q.code}`} /></Form.Item>;
  if (q.kind === 'text') return <Form.Item name={name} label={label} rules={rules}><Input.TextArea rows={2} maxLength={2000} data-testid={`se-q-${q.code}`} /></Form.Item>;
  return (
    <Form.Item name={name} label={label} rules={rules}>
      <Select mode={q.kind === 'multiple' ? 'multiple' : undefined} allowClear options={(q.options ?? []).map((o) => ({ value: o.code, label: pick(o.zh, o.en) }))} data-testid={`se-q-${q.code}`} />
    </Form.Item>
  );
}

export function EntryTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const pick = useNamePick();
  const forms = useEntryForms();
  const enter = useEnterAnswers();
  const onError = useApiError();
  const [form] = Form.useForm<Values>();
  const [programmeId, setProgrammeId] = useState<number | null>(null);
  const chosen = forms.data?.find((f) => f.programmeId === programmeId);

  const onFinish = (v: Values) => {
    const answers = Object.entries(v.a ?? {}).filter(([, x]) => x !== undefined && x !== '' && !(Array.isArray(x) && x.length === 0)).map(([question, value]) => ({ question, value: value as number | string | string[] }));
    enter.mutate({
      programmeId: v.programmeId, branchId: v.branchId, customerId: null, competitor: v.competitor?.trim() || null, answerChannel: v.answerChannel,
      answeredOn: v.answeredOn.format('YYYY-MM-DD'), answers,
    }, {
      onSuccess: () => {
        void message.success(t('surveys.e.saved'));
        form.resetFields(['a', 'competitor']);
      },
      onError: (e) => onError(e, form),
    });
  };

  return (
    <Card title={t('surveys.e.title')} data-testid="se-form">
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ answerChannel: 'phone', answeredOn: dayjs() }} style={{ maxWidth: 720 }}>
        <Space wrap align="start">
          <Form.Item name="programmeId" label={t('surveys.e.programme')} rules={[{ required: true }]}>
            <Select style={{ width: 280 }} onChange={(v: number) => setProgrammeId(v)} options={(forms.data ?? []).map((f) => ({ value: f.programmeId, label: pick(f.nameZh, f.nameEn) }))} data-testid="se-programme" />
          </Form.Item>
          <Form.Item name="branchId" label={t('surveys.e.branch')} rules={[{ required: true }]}><BranchPicker testId="se-branch" style={{ width: 240 }} /></Form.Item>
          <Form.Item name="answerChannel" label={t('surveys.e.channel')}>
            <Radio.Group options={[{ value: 'mail', label: t('surveys.e.mail') }, { value: 'phone', label: t('surveys.e.phone') }]} data-testid="se-channel" />
          </Form.Item>
          <Form.Item name="answeredOn" label={t('surveys.e.date')} rules={[{ required: true }]}><DatePicker disabledDate={(d) => d.isAfter(dayjs())} data-testid="se-date" /></Form.Item>
          {chosen?.kind === 'competitor' && <Form.Item name="competitor" label={t('surveys.e.competitor')} rules={[{ required: true }]}><Input style={{ width: 220 }} data-testid="se-competitor" /></Form.Item>}
        </Space>
        {chosen?.definition.sections.flatMap((s) => s.questions).map((q) => <Field key={q.code} q={q} />)}
        <Button type="primary" htmlType="submit" loading={enter.isPending} disabled={!chosen} data-testid="se-submit">{t('surveys.e.submit')}</Button>
      </Form>
    </Card>
  );
}
