// Prospects and the pipeline: prospective premium customers computed by the server (signals), people
// who are not customers yet collected by marketing RMs, and the RM's own opportunities by stage.
// data-testid: pipeline-page, prospects-tabs, prospects-table, prospect-signal, outside-table, outside-new, outside-form,
// outside-name, outside-submit, pipeline-stages, pipeline-table, opportunity-new, opportunity-form, opportunity-target,
// opportunity-title, opportunity-stage, opportunity-amount, opportunity-submit, opportunity-stage-<id>
import { useState } from 'react';
import { Button, Card, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Statistic, Table, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { PIPELINE_STAGES, PROSPECT_SIGNALS, type Opportunity, type OutsideProspect, type PipelineStage, type ProspectCustomer, type ProspectSignal } from '@contracts/growth';
import { PageTitle } from '../../components/page-title';
import { ErrorAlert } from '../../components/error-alert';
import { formatYuan } from '../../components/money';
import { useApiError } from '../../components/use-api-error';
import { useAddProspect, useCreateOpportunity, useOutsideProspects, usePipeline, useProspects, useUpdateOpportunity } from './api';

const STAGE_COLOR: Record<PipelineStage, string> = { lead: 'default', contacted: 'blue', proposal: 'gold', won: 'green', lost: 'red' };

function SignalsTab() {
  const { t } = useTranslation();
  const [q, setQ] = useState<{ signal?: ProspectSignal; page: number; pageSize: number }>({ page: 1, pageSize: 20 });
  const list = useProspects(q);
  if (list.error) return <ErrorAlert error={list.error} />;
  return (
    <>
      <Select
        allowClear
        style={{ width: 220, marginBottom: 12 }}
        placeholder={t('growth.prospects.allSignals')}
        data-testid="prospect-signal"
        value={q.signal}
        onChange={(v?: ProspectSignal) => setQ({ ...q, signal: v, page: 1 })}
        options={PROSPECT_SIGNALS.map((s) => ({ value: s, label: t(`growth.prospects.signals.${s}`) }))}
      />
      <Table<ProspectCustomer>
        rowKey="customerId"
        size="middle"
        loading={list.isLoading}
        data-testid="prospects-table"
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{ current: q.page, pageSize: q.pageSize, total: list.data?.total ?? 0, onChange: (page, pageSize) => setQ({ ...q, page, pageSize }), showTotal: (total) => t('common.total', { total }) }}
        columns={[
          { title: t('growth.common.customer'), key: 'c', render: (_, r) => <Link to={`/customers/${r.customerId}`}>{r.name} · {r.customerNo}</Link> },
          { title: t('growth.common.branch'), dataIndex: 'branchName', width: 150 },
          { title: t('growth.common.rm'), key: 'rm', width: 100, render: (_, r) => r.rmName ?? '—' },
          { title: t('growth.prospects.aum'), key: 'aum', align: 'right', width: 140, render: (_, r) => formatYuan(r.aum) },
          { title: t('growth.prospects.inflow'), key: 'in', align: 'right', width: 140, render: (_, r) => formatYuan(r.inflow) },
          { title: t('growth.prospects.threshold'), key: 'th', align: 'right', width: 120, render: (_, r) => formatYuan(r.threshold) },
          { title: t('growth.prospects.signal'), key: 's', render: (_, r) => r.signals.map((s) => <Tag key={s} color="purple">{t(`growth.prospects.signals.${s}`)}</Tag>) },
        ]}
      />
    </>
  );
}

function OutsideTab() {
  const { t } = useTranslation();
  const list = useOutsideProspects();
  const add = useAddProspect();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const showError = useApiError();
  if (list.error) return <ErrorAlert error={list.error} />;
  return (
    <>
      <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setOpen(true)} data-testid="outside-new">{t('growth.prospects.addOutside')}</Button>
      <Table<OutsideProspect>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        data-testid="outside-table"
        dataSource={list.data ?? []}
        columns={[
          { title: t('growth.prospects.prospectName'), dataIndex: 'name', width: 100 },
          { title: t('growth.prospects.mobile'), key: 'm', width: 140, render: (_, r) => r.mobile ?? '—' },
          { title: t('growth.prospects.source'), dataIndex: 'source', width: 150 },
          { title: t('growth.prospects.estimatedAssets'), key: 'ea', align: 'right', width: 140, render: (_, r) => (r.estimatedAssets ? formatYuan(r.estimatedAssets) : '—') },
          { title: t('growth.prospects.notes'), dataIndex: 'notes', ellipsis: true },
          { title: t('growth.common.status'), key: 's', width: 100, render: (_, r) => <Tag>{t(`growth.prospects.outsideStatus.${r.status}`)}</Tag> },
          { title: t('growth.prospects.collectedBy'), dataIndex: 'staffName', width: 100 },
        ]}
      />
      <Modal
        open={open}
        title={t('growth.prospects.addOutside')}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'outside-submit' } as Record<string, string>}
        onOk={async () => {
          const v = await form.validateFields();
          try {
            await add.mutateAsync(Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')) as { prospectName: string });
            setOpen(false);
          } catch (e) {
            showError(e, form);
          }
        }}
      >
        <Form form={form} layout="vertical" preserve={false} data-testid="outside-form">
          <Form.Item name="prospectName" label={t('growth.prospects.prospectName')} rules={[{ required: true, message: t('growth.common.required') }]}><Input maxLength={30} data-testid="outside-name" /></Form.Item>
          <Form.Item name="mobile" label={t('growth.prospects.mobile')}><Input maxLength={11} /></Form.Item>
          <Form.Item name="source" label={t('growth.prospects.source')}><Input maxLength={60} /></Form.Item>
          <Form.Item name="estimatedAssets" label={t('growth.prospects.estimatedAssets')}><Input inputMode="decimal" maxLength={20} /></Form.Item>
          <Form.Item name="notes" label={t('growth.prospects.notes')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

type OppForm = { target: string; title: string; stage: PipelineStage; expectedAmount?: string; product?: string; nextStep?: string; nextStepOn?: Dayjs };

function PipelineTab() {
  const { t } = useTranslation();
  const view = usePipeline();
  const prospects = useProspects({ page: 1, pageSize: 100 });
  const outside = useOutsideProspects();
  const create = useCreateOpportunity();
  const update = useUpdateOpportunity();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<OppForm>();
  const showError = useApiError();
  if (view.error) return <ErrorAlert error={view.error} />;
  const targets = [
    ...(prospects.data?.items ?? []).map((p) => ({ value: `c:${p.customerId}`, label: `${t('growth.prospects.targetCustomer')} · ${p.name} · ${p.customerNo}` })),
    ...(outside.data ?? []).filter((p) => p.status === 'open').map((p) => ({ value: `p:${p.id}`, label: `${t('growth.prospects.targetProspect')} · ${p.name}` })),
  ];
  return (
    <>
      <Row gutter={12} style={{ marginBottom: 12 }} data-testid="pipeline-stages">
        {(view.data?.stages ?? []).map((s) => (
          <Col key={s.stage} xs={12} md={4}>
            <Card size="small"><Statistic title={t(`growth.prospects.stages.${s.stage}`)} value={s.count} suffix={<span style={{ fontSize: 12 }}>· {formatYuan(s.amount)}</span>} /></Card>
          </Col>
        ))}
        <Col xs={24} md={4}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="opportunity-new">{t('growth.prospects.addOpportunity')}</Button>
        </Col>
      </Row>
      <Table<Opportunity>
        rowKey="id"
        size="middle"
        loading={view.isLoading}
        data-testid="pipeline-table"
        dataSource={view.data?.items ?? []}
        scroll={{ x: 1000 }}
        columns={[
          { title: t('growth.prospects.opportunity'), key: 'o', render: (_, r) => <Space orientation="vertical" size={0}><b>{r.title}</b><span>{r.name}</span></Space> },
          { title: t('growth.prospects.product'), dataIndex: 'product', width: 110 },
          { title: t('growth.prospects.expectedAmount'), key: 'a', align: 'right', width: 140, render: (_, r) => (r.expectedAmount ? formatYuan(r.expectedAmount) : '—') },
          { title: t('growth.prospects.nextStep'), key: 'n', render: (_, r) => <span>{r.nextStep || '—'} {r.nextStepOn ? <Tag color={r.overdue ? 'red' : 'default'}>{r.nextStepOn}{r.overdue ? ` · ${t('growth.prospects.overdue')}` : ''}</Tag> : null}</span> },
          { title: t('growth.common.rm'), dataIndex: 'staffName', width: 90 },
          {
            title: t('growth.prospects.stage'), key: 's', width: 150,
            render: (_, r) => (r.stage === 'won' || r.stage === 'lost' ? <Tag color={STAGE_COLOR[r.stage]}>{t(`growth.prospects.stages.${r.stage}`)}</Tag> : (
              <Select
                size="small"
                style={{ width: 130 }}
                value={r.stage}
                data-testid={`opportunity-stage-${r.id}`}
                onChange={async (stage: PipelineStage) => {
                  try {
                    await update.mutateAsync({ id: r.id, body: { stage } });
                  } catch (e) {
                    showError(e);
                  }
                }}
                options={PIPELINE_STAGES.map((s) => ({ value: s, label: t(`growth.prospects.stages.${s}`) }))}
              />
            )),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('growth.prospects.addOpportunity')}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'opportunity-submit' } as Record<string, string>}
        onOk={async () => {
          const v = await form.validateFields();
          const [kind, id] = v.target.split(':');
          try {
            await create.mutateAsync({
              ...(kind === 'c' ? { customerId: Number(id) } : { prospectId: Number(id) }),
              title: v.title, stage: v.stage, expectedAmount: v.expectedAmount || undefined, product: v.product || undefined, nextStep: v.nextStep || undefined,
              nextStepOn: v.nextStepOn ? v.nextStepOn.format('YYYY-MM-DD') : undefined,
            });
            setOpen(false);
          } catch (e) {
            showError(e, form);
          }
        }}
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ stage: 'lead' }} data-testid="opportunity-form">
          <Form.Item name="target" label={t('growth.prospects.target')} rules={[{ required: true, message: t('growth.common.required') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={targets} data-testid="opportunity-target" />
          </Form.Item>
          <Form.Item name="title" label={t('growth.prospects.opportunity')} rules={[{ required: true, min: 2, message: t('growth.common.required') }]}><Input maxLength={100} data-testid="opportunity-title" /></Form.Item>
          <Form.Item name="stage" label={t('growth.prospects.stage')}>
            <Select data-testid="opportunity-stage" options={PIPELINE_STAGES.map((s) => ({ value: s, label: t(`growth.prospects.stages.${s}`) }))} />
          </Form.Item>
          <Form.Item name="expectedAmount" label={t('growth.prospects.expectedAmount')}><Input inputMode="decimal" maxLength={20} data-testid="opportunity-amount" /></Form.Item>
          <Form.Item name="product" label={t('growth.prospects.product')}><Input maxLength={60} /></Form.Item>
          <Form.Item name="nextStep" label={t('growth.prospects.nextStep')}><Input maxLength={200} /></Form.Item>
          <Form.Item name="nextStepOn" label={t('growth.prospects.nextStepOn')}><DatePicker /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function PipelinePage() {
  const { t } = useTranslation();
  return (
    <div data-testid="pipeline-page">
      <PageTitle title={t('growth.prospects.title')} subtitle={t('growth.prospects.subtitle')} />
      <Tabs
        data-testid="prospects-tabs"
        items={[
          { key: 'signals', label: t('growth.prospects.tabs.signals'), children: <SignalsTab /> },
          { key: 'outside', label: t('growth.prospects.tabs.outside'), children: <OutsideTab /> },
          { key: 'pipeline', label: t('growth.prospects.tabs.pipeline'), children: <PipelineTab /> },
        ]}
      />
    </div>
  );
}
