// The model registry: every version with its metrics (cross-validation and out-of-time holdout),
// the calibration chart, and the drift of the score distribution between scoring runs.
// data-testid: insight-models, insight-model-row, insight-train, calibration-chart, insight-drift
import { lazy, Suspense, useMemo, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Row, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { INSIGHT_TARGET_LABELS, type InsightModel, type MetricSet } from '@contracts/insights';
import { useAuth } from '../../app/auth';
import { useBi } from '../../app/lang';
import type { ChartOption } from '../../components/echart';
import { ErrorAlert } from '../../components/error-alert';
import { useApiError } from '../../components/use-api-error';
import { useInsightModel, useInsightModels, useTrain } from './api';

const EChart = lazy(async () => ({ default: (await import('../../components/echart')).EChart }));
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(3));

function Metrics({ m, title }: { m: MetricSet | null; title: string }) {
  const { t } = useTranslation();
  if (!m) return null;
  return (
    <Descriptions size="small" column={5} title={title} bordered>
      <Descriptions.Item label={t('insights.models.metric.auc')}>{num(m.auc)}</Descriptions.Item>
      <Descriptions.Item label={t('insights.models.metric.alift')}>{num(m.alift)}</Descriptions.Item>
      <Descriptions.Item label={t('insights.models.metric.ap')}>{num(m.ap)}</Descriptions.Item>
      <Descriptions.Item label={t('insights.models.metric.top10')}>{pct(m.top10)}</Descriptions.Item>
      <Descriptions.Item label={t('insights.models.metric.top50')}>{pct(m.top50)}</Descriptions.Item>
    </Descriptions>
  );
}

function ModelDetail({ id }: { id: number }) {
  const { t } = useTranslation();
  const q = useInsightModel(id);
  const d = q.data;
  const option = useMemo<ChartOption | null>(() => {
    if (!d || d.calibration.length === 0) return null;
    const labels = d.calibration.map((_, i) => `${(i + 1) * (100 / d.calibration.length)}%`);
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${(Number(v) * 100).toFixed(1)}%` },
      legend: { data: [t('insights.models.predicted'), t('insights.models.observed')], bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: labels },
      // Rare outcomes (attrition) have ticks below 1%: keep their decimals so no two ticks read the same.
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${Number((v * 100).toFixed(2))}%` } },
      series: [
        { name: t('insights.models.predicted'), type: 'line', data: d.calibration.map((b) => b.meanPredicted), itemStyle: { color: '#8c8c8c' } },
        { name: t('insights.models.observed'), type: 'bar', data: d.calibration.map((b) => b.observedRate), itemStyle: { color: '#1677ff' } },
      ],
    };
  }, [d, t]);
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!d) return null;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}><Metrics m={d.cv} title={t('insights.models.cv')} /></Col>
      <Col xs={24}><Metrics m={d.holdout} title={t('insights.models.holdout')} /></Col>
      <Col xs={24} lg={12}>
        <Typography.Title level={5}>{t('insights.models.calibration')}</Typography.Title>
        {option ? <Suspense fallback={<div style={{ height: 260 }} />}><EChart option={option} testId="calibration-chart" /></Suspense> : <Empty />}
      </Col>
      <Col xs={24} lg={12}>
        <Typography.Title level={5}>{t('insights.models.drift')}</Typography.Title>
        <Typography.Text type="secondary">{t('insights.models.psiHint')}</Typography.Text>
        <Table size="small" rowKey="runId" data-testid="insight-drift" pagination={false} dataSource={d.drift}
          columns={[
            { title: t('insights.models.runAt'), key: 'at', render: (_, r) => r.createdAt.slice(0, 16).replace('T', ' ') },
            { title: t('insights.models.scored'), dataIndex: 'scored' },
            { title: t('insights.models.meanScore'), key: 'm', render: (_, r) => pct(r.meanScore) },
            { title: t('insights.models.psi'), key: 'psi', render: (_, r) => (r.psi === null ? '—' : <Tag color={r.psi > 0.25 ? 'red' : r.psi > 0.1 ? 'orange' : 'green'}>{r.psi.toFixed(3)}</Tag>) },
          ]} />
      </Col>
      <Col xs={24}>
        <Typography.Title level={5}>{t('insights.models.outcomes')}</Typography.Title>
        <Table size="small" rowKey="asOf" data-testid="insight-outcomes" pagination={false} dataSource={d.outcomes} locale={{ emptyText: t('insights.models.outcomesPending') }}
          columns={[
            { title: t('insights.models.asOf'), dataIndex: 'asOf' },
            { title: t('insights.models.rows'), dataIndex: 'rows' },
            { title: t('insights.models.predicted'), key: 'p', render: (_, r) => pct(r.meanPredicted) },
            { title: t('insights.models.observed'), key: 'o', render: (_, r) => pct(r.realisedRate) },
            { title: 'AUC', key: 'auc', render: (_, r) => num(r.auc) },
          ]} />
      </Col>
    </Row>
  );
}

export function ModelsPage() {
  const { t } = useTranslation();
  const bi = useBi();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const models = useInsightModels();
  const train = useTrain();
  const [selected, setSelected] = useState<number | null>(null);
  const active = selected ?? models.data?.find((m) => m.status === 'active')?.id ?? null;
  const start = () =>
    train.mutateAsync({ learner: 'auto' }).then(
      (run) => (run.status === 'done' ? void message.success(t('insights.models.trained')) : void message.error(t('insights.models.failed', { e: String(run.detail.error ?? '') }))),
      (e: unknown) => showError(e),
    );
  return (
    <Card title={t('insights.models.title')} data-testid="insight-models"
      extra={can('insights.manage') ? <Button type="primary" loading={train.isPending} onClick={start} data-testid="insight-train">{train.isPending ? t('insights.models.training') : t('insights.models.train')}</Button> : null}>
      {models.error ? <ErrorAlert error={models.error} /> : null}
      {models.data && models.data.length === 0 ? <Empty description={t('insights.models.noModels')} /> : null}
      <Table<InsightModel>
        rowKey="id" size="small" pagination={false} dataSource={models.data ?? []}
        onRow={(r) => ({ onClick: () => setSelected(r.id), 'data-testid': 'insight-model-row', style: { cursor: 'pointer', background: r.id === active ? '#e6f4ff' : undefined } })}
        columns={[
          { title: t('insights.scores.target'), key: 't', render: (_, r) => bi(INSIGHT_TARGET_LABELS[r.target]) },
          { title: t('insights.models.version'), dataIndex: 'version' },
          { title: t('insights.models.learner'), dataIndex: 'learner' },
          { title: t('insights.models.status'), key: 's', render: (_, r) => (r.status === 'active' ? <Tag color="green">{t('insights.models.active')}</Tag> : <Tag>{t('insights.models.retired')}</Tag>) },
          { title: 'AUC', key: 'auc', render: (_, r) => num(r.cv?.auc) },
          { title: 'ALIFT', key: 'alift', render: (_, r) => num(r.cv?.alift) },
          { title: t('insights.models.window'), key: 'w', render: (_, r) => `${r.windowFrom.slice(0, 7)} ~ ${r.windowTo.slice(0, 7)}` },
          { title: t('insights.models.rows'), dataIndex: 'trainingRows' },
          { title: t('insights.models.positiveRate'), key: 'p', render: (_, r) => pct(r.positiveRate) },
          { title: t('insights.models.trainedBy'), dataIndex: 'trainedByName' },
          { title: t('insights.models.trainedAt'), key: 'at', render: (_, r) => r.trainedAt.slice(0, 16).replace('T', ' ') },
        ]}
      />
      {active !== null ? <div style={{ marginTop: 16 }}><ModelDetail id={active} /></div> : null}
    </Card>
  );
}
