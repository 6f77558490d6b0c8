// Improvement plans (改进计划) that end each satisfaction report: measures with owners and due
// dates, tracked to done. data-testid: plans-page, plan-create, plan-form, plan-<id>, plan-done-<id>
import { useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ImprovementAction } from '@contracts/surveys';
import { BranchPicker } from '../../components/branch-select';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';
import { useCompleteMeasure, useCreatePlan, usePlans } from './api';

type PlanForm = { title: string; branchId: number; period: [Dayjs, Dayjs]; summary?: string; measures: { measure: string; ownerStaffId: number; dueOn: Dayjs; indicator?: string }[] };

export function PlansPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const plans = usePlans();
  const create = useCreatePlan();
  const complete = useCompleteMeasure();
  const onError = useApiError();
  const [form] = Form.useForm<PlanForm>();
  const [creating, setCreating] = useState(false);
  const [closing, setClosing] = useState<{ planId: number; actionId: number } | null>(null);
  const [note, setNote] = useState('');

  const onFinish = (v: PlanForm) =>
    create.mutate({
      title: v.title, branchId: v.branchId, periodFrom: v.period[0].format('YYYY-MM-DD'), periodTo: v.period[1].format('YYYY-MM-DD'), summary: v.summary ?? '',
      measures: (v.measures ?? []).map((m) => ({ measure: m.measure, ownerStaffId: m.ownerStaffId, dueOn: m.dueOn.format('YYYY-MM-DD'), indicator: m.indicator?.trim() || null })),
    }, { onSuccess: () => { setCreating(false); form.resetFields(); }, onError: (e) => onError(e, form) });

  const status = (a: ImprovementAction) => (a.status === 'done' ? <Tag color="green">{t('surveys.plans.done')}</Tag> : a.overdue ? <Tag color="red">{t('surveys.plans.overdue')}</Tag> : <Tag color="blue">{t('surveys.plans.open')}</Tag>);

  return (
    <div data-testid="plans-page">
      <PageTitle title={t('surveys.plans.title')} extra={<Button type="primary" onClick={() => setCreating(true)} data-testid="plan-create">{t('surveys.plans.create')}</Button>} />
      {creating && (
        <Card style={{ marginBottom: 16 }} data-testid="plan-form">
          <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ measures: [{}] }}>
            <Space wrap align="start">
              <Form.Item name="title" label={t('surveys.plans.planTitle')} rules={[{ required: true, min: 2 }]}><Input style={{ width: 280 }} /></Form.Item>
              <Form.Item name="branchId" label={t('surveys.plans.branch')} rules={[{ required: true }]}><BranchPicker style={{ width: 240 }} /></Form.Item>
              <Form.Item name="period" label={t('surveys.plans.period')} rules={[{ required: true }]}><DatePicker.RangePicker /></Form.Item>
            </Space>
            <Form.Item name="summary" label={t('surveys.plans.summary')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
            <Form.List name="measures">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} wrap align="start">
                      <Form.Item name={[f.name, 'measure']} label={t('surveys.plans.measure')} rules={[{ required: true, min: 2 }]}><Input style={{ width: 300 }} /></Form.Item>
                      <Form.Item name={[f.name, 'ownerStaffId']} label={t('surveys.plans.owner')} rules={[{ required: true }]}><InputNumber min={1} style={{ width: 150 }} /></Form.Item>
                      <Form.Item name={[f.name, 'dueOn']} label={t('surveys.plans.due')} rules={[{ required: true }]}><DatePicker /></Form.Item>
                      <Form.Item name={[f.name, 'indicator']} label={t('surveys.plans.indicator')}><Input style={{ width: 140 }} placeholder="efficiency" /></Form.Item>
                      <Form.Item label=" "><Button onClick={() => remove(f.name)}>{t('surveys.q.remove')}</Button></Form.Item>
                    </Space>
                  ))}
                  <Button onClick={() => add({})} style={{ marginBottom: 12 }}>+ {t('surveys.plans.add')}</Button>
                </>
              )}
            </Form.List>
            <div><Button type="primary" htmlType="submit" loading={create.isPending}>{t('common.save')}</Button></div>
          </Form>
        </Card>
      )}
      {plans.data?.length === 0 && <Empty description={t('surveys.plans.none')} />}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {(plans.data ?? []).map((p) => (
          <Card key={p.id} title={p.title} extra={<Typography.Text type="secondary">{p.branchName} · {p.periodFrom} – {p.periodTo}</Typography.Text>} data-testid={`plan-${p.id}`}>
            {p.summary && <Typography.Paragraph>{p.summary}</Typography.Paragraph>}
            <Table size="small" rowKey="id" pagination={false} dataSource={p.actions} columns={[
              { title: t('surveys.plans.measure'), dataIndex: 'measure', key: 'm' },
              { title: t('surveys.plans.indicator'), dataIndex: 'indicator', key: 'i' },
              { title: t('surveys.plans.owner'), dataIndex: 'ownerName', key: 'o' },
              { title: t('surveys.plans.due'), dataIndex: 'dueOn', key: 'd' },
              { title: t('surveys.plans.status'), key: 's', render: (_: unknown, a: ImprovementAction) => <Space direction="vertical" size={0}>{status(a)}{a.doneNote ? <Typography.Text type="secondary">{a.doneNote}</Typography.Text> : null}</Space> },
              { title: '', key: 'a', render: (_: unknown, a: ImprovementAction) => a.status === 'open' ? <Button size="small" onClick={() => { setClosing({ planId: p.id, actionId: a.id }); setNote(''); }} data-testid={`plan-done-${a.id}`}>{t('surveys.plans.complete')}</Button> : null },
            ]} />
          </Card>
        ))}
      </Space>
      <Modal open={closing !== null} title={t('surveys.plans.doneNote')} onCancel={() => setClosing(null)} confirmLoading={complete.isPending} okButtonProps={{ disabled: note.trim() === '' }}
        onOk={() => closing && complete.mutate({ ...closing, body: { doneNote: note.trim() } }, { onSuccess: () => { setClosing(null); void message.success(t('surveys.plans.done')); }, onError: (e) => onError(e) })}>
        <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} aria-label={t('surveys.plans.doneNote')} />
      </Modal>
    </div>
  );
}
