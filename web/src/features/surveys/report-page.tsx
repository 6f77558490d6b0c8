// The satisfaction report (满意度报告): the source's three parts (overall satisfaction, satisfaction
// per indicator, improvement suggestions), breakdowns with 95% intervals, the monthly trend, the
// branches whose sample is too small to tell from the bank average, and PDF / xlsx exports.
// data-testid: survey-report, sr-from, sr-to, sr-branch, sr-answers, sr-csat, sr-mean, sr-nps,
// sr-indicators, sr-trend, sr-drivers, sr-breakdown, sr-export-pdf, sr-export-xlsx
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Empty, List, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { SurveyFigure, SurveyGroup } from '@contracts/surveys';
import { errorText } from '../../app/api';
import { useLang } from '../../app/lang';
import { BranchPicker } from '../../components/branch-select';
import { EChart, type ChartOption } from '../../components/echart';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { exportReport, useReport, type ReportFilter } from './api';

const DIMS = ['branch', 'rm', 'businessLine', 'tier', 'month'] as const;
const interval = (f: SurveyFigure, d = 1) => (f.low === null || f.high === null ? '—' : `${f.low.toFixed(d)} – ${f.high.toFixed(d)}`);

export function ReportPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [filter, setFilter] = useState<ReportFilter>({ from: dayjs().subtract(5, 'month').startOf('month').format('YYYY-MM-DD'), to: dayjs().format('YYYY-MM-DD') });
  const [dim, setDim] = useState<(typeof DIMS)[number]>('branch');
  const [exportError, setExportError] = useState<unknown>(null);
  const report = useReport(filter);
  const r = report.data;

  const indicatorChart = useMemo<ChartOption>(() => ({
    grid: { left: 100, right: 24, top: 16, bottom: 24 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', min: 1, max: 5 },
    yAxis: { type: 'category', data: (r?.indicators ?? []).map((i) => (lang === 'en' ? i.en : i.zh)) },
    series: [
      { type: 'bar', name: t('surveys.r.mean'), data: (r?.indicators ?? []).map((i) => i.mean.value), itemStyle: { color: '#1f3a5f' }, label: { show: true, position: 'right' } },
    ],
  }), [r, lang, t]);
  const trendChart = useMemo<ChartOption>(() => ({
    grid: { left: 48, right: 48, top: 56, bottom: 24 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('surveys.r.csat'), t('surveys.r.nps')] },
    xAxis: { type: 'category', data: (r?.groups.month ?? []).map((g) => g.key) },
    yAxis: [{ type: 'value', min: 0, max: 100, name: '%' }, { type: 'value', min: -100, max: 100, name: 'NPS' }],
    series: [
      { type: 'line', name: t('surveys.r.csat'), data: (r?.groups.month ?? []).map((g) => g.csat.value), itemStyle: { color: '#a3162b' } },
      { type: 'line', name: t('surveys.r.nps'), yAxisIndex: 1, data: (r?.groups.month ?? []).map((g) => g.nps.value), itemStyle: { color: '#d48806' } },
    ],
  }), [r, t]);

  const doExport = (format: 'pdf' | 'xlsx') => {
    setExportError(null);
    exportReport(filter, format).catch(setExportError);
  };
  const columns = [
    { title: t(`surveys.r.by.${dim}`), dataIndex: 'label', key: 'label' },
    { title: t('surveys.r.n'), dataIndex: 'n', key: 'n', width: 90 },
    { title: t('surveys.r.csat'), key: 'csat', render: (_: unknown, g: SurveyGroup) => `${g.csat.value ?? '—'}%（${interval(g.csat)}）` },
    { title: t('surveys.r.mean'), key: 'mean', render: (_: unknown, g: SurveyGroup) => `${g.mean.value?.toFixed(2) ?? '—'}（${interval(g.mean, 2)}）` },
    { title: 'NPS', key: 'nps', render: (_: unknown, g: SurveyGroup) => `${g.nps.value ?? '—'}（${interval(g.nps)}）` },
    ...(dim === 'branch'
      ? [{ title: '', key: 'flag', render: (_: unknown, g: SurveyGroup) => (g.tooSmall ? <Tag color="orange">{t('surveys.r.tooSmall')}{g.neededN ? ` · ${t('surveys.r.needed', { n: g.neededN })}` : ''}</Tag> : null) }]
      : []),
  ];

  return (
    <div data-testid="survey-report">
      <PageTitle
        title={t('surveys.r.title')}
        subtitle={r ? `${r.scopeLabel} · ${r.from} – ${r.to}` : undefined}
        extra={
          <Space wrap>
            <DatePicker.RangePicker
              value={[dayjs(filter.from), dayjs(filter.to)]}
              allowClear={false}
              onChange={(v) => v?.[0] && v[1] && setFilter((f) => ({ ...f, from: v[0]!.format('YYYY-MM-DD'), to: v[1]!.format('YYYY-MM-DD') }))}
              id={{ start: 'sr-from', end: 'sr-to' }}
            />
            <BranchPicker value={filter.branchId} onChange={(b) => setFilter((f) => ({ ...f, branchId: b }))} testId="sr-branch" placeholder={t('surveys.r.allBranches')} style={{ minWidth: 200 }} />
            <Button onClick={() => doExport('pdf')} data-testid="sr-export-pdf">PDF</Button>
            <Button onClick={() => doExport('xlsx')} data-testid="sr-export-xlsx">Excel</Button>
          </Space>
        }
      />
      {exportError ? <Alert type="error" showIcon message={errorText(exportError, lang)} style={{ marginBottom: 12 }} /> : null}
      {report.error ? <ErrorAlert error={report.error} onRetry={() => void report.refetch()} /> : null}
      {r && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('surveys.r.overall')}>
            <Row gutter={16}>
              <Col xs={12} md={6}><Statistic title={t('surveys.r.answers')} value={r.overall.n} data-testid="sr-answers" /></Col>
              <Col xs={12} md={6}><Statistic title={t('surveys.r.csat')} value={r.overall.csat.value ?? '—'} suffix="%" data-testid="sr-csat" /><Typography.Text type="secondary">{t('surveys.r.ci')} {interval(r.overall.csat)}</Typography.Text></Col>
              <Col xs={12} md={6}><Statistic title={t('surveys.r.mean')} value={r.overall.mean.value ?? '—'} precision={2} data-testid="sr-mean" /><Typography.Text type="secondary">{t('surveys.r.ci')} {interval(r.overall.mean, 2)}</Typography.Text></Col>
              <Col xs={12} md={6}><Statistic title={t('surveys.r.nps')} value={r.overall.nps.value ?? '—'} data-testid="sr-nps" /><Typography.Text type="secondary">{t('surveys.r.ci')} {interval(r.overall.nps)}</Typography.Text></Col>
            </Row>
          </Card>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card title={t('surveys.r.perIndicator')}>
                {r.indicators.length ? <EChart option={indicatorChart} height={240} testId="sr-indicators" /> : <Empty />}
                <Table size="small" pagination={false} rowKey="code" dataSource={r.indicators} columns={[
                  { title: '', key: 'name', render: (_: unknown, i) => (lang === 'en' ? i.en : i.zh) },
                  { title: t('surveys.r.mean'), key: 'm', render: (_: unknown, i) => `${i.mean.value?.toFixed(2) ?? '—'}（${interval(i.mean, 2)}）` },
                  { title: t('surveys.r.correlation'), dataIndex: 'correlation', key: 'c' },
                  { title: t('surveys.r.impact'), dataIndex: 'impact', key: 'i' },
                ]} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('surveys.r.trend')}>
                <EChart option={trendChart} height={300} testId="sr-trend" />
              </Card>
            </Col>
          </Row>
          <Card title={t('surveys.r.suggestions')} data-testid="sr-drivers">
            {r.drivers.length === 0 ? <Typography.Text>{t('surveys.r.noDrivers')}</Typography.Text> : (
              <List
                dataSource={r.drivers}
                renderItem={(d) => (
                  <List.Item>
                    <List.Item.Meta
                      title={`${d.rank}. ${lang === 'en' ? d.en : d.zh} · ${t('surveys.r.mean')} ${d.mean.value?.toFixed(2) ?? '—'} · ${t('surveys.r.impact')} ${d.impact ?? '—'}`}
                      description={d.comments.length ? d.comments.map((c) => <div key={c}>“{c}”</div>) : null}
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Card title={t('surveys.r.breakdown')} extra={<Segmented value={dim} onChange={(v) => setDim(v as typeof dim)} options={DIMS.map((d) => ({ value: d, label: t(`surveys.r.by.${d}`) }))} />}>
            <Table size="small" rowKey="key" dataSource={r.groups[dim]} columns={columns} pagination={{ pageSize: 20 }} data-testid="sr-breakdown" scroll={{ x: 720 }} />
          </Card>
        </Space>
      )}
    </div>
  );
}
