// Head office's suitability matrix, model allocations per risk level and the sales/review settings.
// Everyone with products.read sees them; only products.manage may save.
// data-testid: product-rules-page, matrix-table, matrix-<level>-<rating>, matrix-save, models-table,
// model-<level>-<class>, models-save, settings-form, settings-save
import { useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Col, Form, InputNumber, Row, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RISK_LEVELS } from '@contracts/customers';
import { ASSET_CLASS_LABELS, RISK_RATINGS, type AllocationModel, type ProductSettingsBody } from '@contracts/products';
import { useAuth } from '../../app/auth';
import { useBi } from '../../app/lang';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';
import { useMatrix, useModels, useSaveMatrix, useSaveModels, useSaveSettings, useSettings } from './api';

type Level = (typeof RISK_LEVELS)[number];
const COLS = ['cash', 'fixedIncome', 'equity', 'alternatives', 'protection'] as const;
const CLASS_OF = { cash: 'cash', fixedIncome: 'fixed_income', equity: 'equity', alternatives: 'alternatives', protection: 'protection' } as const;

function MatrixCard({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const q = useMatrix();
  const save = useSaveMatrix();
  const [cells, setCells] = useState<Record<string, boolean>>({});
  useEffect(() => {
    if (q.data) setCells(Object.fromEntries(q.data.cells.map((c) => [`${c.riskLevel}/${c.riskRating}`, c.allowed])));
  }, [q.data]);
  const submit = () =>
    save
      .mutateAsync({ cells: RISK_LEVELS.flatMap((l) => RISK_RATINGS.map((r) => ({ riskLevel: l, riskRating: r, allowed: !!cells[`${l}/${r}`] }))) })
      .then(() => void message.success(t('common.saved')), (e: unknown) => showError(e));
  return (
    <Card title={t('products.rules.matrix')} extra={canEdit ? <Button type="primary" onClick={() => void submit()} loading={save.isPending} data-testid="matrix-save">{t('common.save')}</Button> : null}>
      <Typography.Paragraph type="secondary">{t('products.rules.matrixHint')}</Typography.Paragraph>
      {q.error ? <ErrorAlert error={q.error} /> : null}
      <Table<{ level: Level }>
        rowKey="level"
        size="small"
        pagination={false}
        data-testid="matrix-table"
        dataSource={RISK_LEVELS.map((level) => ({ level }))}
        columns={[
          { title: t('products.rules.level'), dataIndex: 'level', width: 120 },
          ...RISK_RATINGS.map((r) => ({
            title: r, key: r, align: 'center' as const,
            render: (_v: unknown, row: { level: Level }) => (
              <Checkbox disabled={!canEdit} checked={!!cells[`${row.level}/${r}`]} data-testid={`matrix-${row.level}-${r}`}
                onChange={(e) => setCells((c) => ({ ...c, [`${row.level}/${r}`]: e.target.checked }))} />
            ),
          })),
        ]}
      />
    </Card>
  );
}

function ModelsCard({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const bi = useBi();
  const { message } = App.useApp();
  const showError = useApiError();
  const q = useModels();
  const save = useSaveModels();
  const [rows, setRows] = useState<AllocationModel[]>([]);
  useEffect(() => {
    if (q.data) setRows(q.data);
  }, [q.data]);
  const sum = (m: AllocationModel) => COLS.reduce((s, k) => s + Math.round(Number(m[k]) * 100), 0) / 100;
  return (
    <Card title={t('products.rules.models')} extra={canEdit ? (
      <Button type="primary" loading={save.isPending} data-testid="models-save"
        onClick={() => save.mutateAsync({ models: rows.map((m) => ({ riskLevel: m.riskLevel, cash: m.cash, fixedIncome: m.fixedIncome, equity: m.equity, alternatives: m.alternatives, protection: m.protection })) })
          .then(() => void message.success(t('common.saved')), (e: unknown) => showError(e))}>
        {t('common.save')}
      </Button>
    ) : null}>
      <Typography.Paragraph type="secondary">{t('products.rules.modelsHint')}</Typography.Paragraph>
      {q.error ? <ErrorAlert error={q.error} /> : null}
      <Table<AllocationModel>
        rowKey="riskLevel"
        size="small"
        pagination={false}
        data-testid="models-table"
        scroll={{ x: 720 }}
        dataSource={rows}
        columns={[
          { title: t('products.rules.level'), dataIndex: 'riskLevel', width: 110 },
          ...COLS.map((k) => ({
            title: bi(ASSET_CLASS_LABELS[CLASS_OF[k]]), key: k,
            render: (_v: unknown, m: AllocationModel) => (
              <InputNumber<string> stringMode min="0" max="100" precision={2} size="small" disabled={!canEdit} value={m[k]} style={{ width: 90 }}
                data-testid={`model-${m.riskLevel}-${k}`}
                onChange={(v) => setRows((rs) => rs.map((r) => (r.riskLevel === m.riskLevel ? { ...r, [k]: v ?? '0' } : r)))} />
            ),
          })),
          { title: t('products.rules.sum'), key: 'sum', width: 80, render: (_v: unknown, m: AllocationModel) => <Typography.Text type={sum(m) === 100 ? undefined : 'danger'}>{sum(m)}%</Typography.Text> },
        ]}
      />
    </Card>
  );
}

function SettingsCard({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const q = useSettings();
  const save = useSaveSettings();
  const [form] = Form.useForm<ProductSettingsBody>();
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data);
  }, [q.data, form]);
  return (
    <Card title={t('products.rules.settings')} extra={canEdit ? <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="settings-save">{t('common.save')}</Button> : null}>
      <Form<ProductSettingsBody> form={form} layout="vertical" disabled={!canEdit} data-testid="settings-form"
        onFinish={(v) => save.mutateAsync({ ...v, driftThreshold: String(v.driftThreshold) }).then(() => void message.success(t('common.saved')), (e: unknown) => showError(e, form))}>
        <Row gutter={12}>
          <Col xs={24} sm={8}><Form.Item name="coolingOffHours" label={t('products.rules.coolingOffHours')} rules={[{ required: true }]}><InputNumber min={0} max={720} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={24} sm={8}><Form.Item name="driftThreshold" label={t('products.rules.driftThreshold')} rules={[{ required: true }]}><InputNumber<string> stringMode min="0" max="100" precision={2} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={24} sm={8}><Form.Item name="reviewPeriodMonths" label={t('products.rules.reviewPeriodMonths')} rules={[{ required: true }]}><InputNumber min={1} max={36} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
      </Form>
    </Card>
  );
}

export function ProductRulesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const canEdit = can('products.manage');
  return (
    <div data-testid="product-rules-page">
      <PageTitle title={t('products.rules.title')} subtitle={t('products.rules.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}><MatrixCard canEdit={canEdit} /></Col>
        <Col xs={24} xl={14}><ModelsCard canEdit={canEdit} /></Col>
        <Col xs={24}><SettingsCard canEdit={canEdit} /></Col>
      </Row>
    </div>
  );
}
