// Branch and bank dashboards: the distribution of total scores, the top and bottom ten, the average
// KPI scores over six months, and the branch league table; export of all scorecards for HR/payroll.
// data-testid: dash-role, dash-branch, dash-count, dash-average, dash-histogram, dash-top, dash-bottom, dash-trend, dash-league, dash-export
import { useMemo, useState } from 'react';
import { Button, Card, Col, Empty, Row, Select, Statistic, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PerfDashboard, PerfRole } from '@contracts/performance';
import { PERF_ROLE_LABELS } from '@contracts/performance';
import { useBi, useNamePick } from '../../app/lang';
import { BranchPicker } from '../../components/branch-select';
import { EChart, type ChartOption } from '../../components/echart';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';
import { exportScorecards, useDashboard } from './api';
import { MonthPicker, points } from './shared';

type Performer = PerfDashboard['top'][number];
const ROLES: PerfRole[] = ['wealth_rm', 'marketing_rm', 'lobby_manager', 'teller'];

function histogram(d: PerfDashboard): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: d.histogram.map((h) => `${h.from}–${h.to}`) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: d.histogram.map((h) => h.count), itemStyle: { color: '#1677ff' }, barMaxWidth: 36 }],
  } as ChartOption;
}

function trend(d: PerfDashboard, pick: (zh: string, en: string) => string, avgLabel: string): ChartOption {
  const months = d.trend.map((x) => x.month);
  const codes = [...new Set(d.trend.flatMap((x) => x.kpis.map((k) => k.kpiCode)))];
  const nameOf = (code: string) => {
    const k = d.trend.flatMap((x) => x.kpis).find((y) => y.kpiCode === code);
    return k ? pick(k.nameZh, k.nameEn) : code;
  };
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value' },
    series: [
      { type: 'line', name: avgLabel, data: d.trend.map((x) => Number(x.average)), lineStyle: { width: 4 }, symbolSize: 8 },
      ...codes.map((code) => ({ type: 'line' as const, name: nameOf(code), data: d.trend.map((x) => Number(x.kpis.find((k) => k.kpiCode === code)?.average ?? 0)), smooth: true })),
    ],
  } as ChartOption;
}

export function PerformanceDashboardPage() {
  const { t } = useTranslation();
  const pick = useNamePick();
  const bi = useBi();
  const onError = useApiError();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const [role, setRole] = useState<PerfRole>('wealth_rm');
  const [branchId, setBranchId] = useState<number | undefined>();
  const dash = useDashboard(month, role, branchId);
  const d = dash.data;
  const hist = useMemo(() => (d ? histogram(d) : null), [d]);
  const lines = useMemo(() => (d ? trend(d, pick, t('perf.dash.averageLine')) : null), [d, pick, t]);
  const people = (rows: Performer[], testId: string) => (
    <Table<Performer> size="small" rowKey="staffId" dataSource={rows} pagination={false} data-testid={testId}
      columns={[
        { title: t('perf.dash.bankRank'), dataIndex: 'rankBank', width: 80, align: 'center' },
        { title: t('perf.dash.name'), key: 'n', render: (_, r) => <Link to={`/performance/staff/${r.staffId}?month=${month}`}>{r.name}（{r.staffNo}）</Link> },
        { title: t('perf.dash.branchName'), dataIndex: 'branchName', ellipsis: true },
        { title: t('perf.dash.total'), dataIndex: 'total', align: 'right', width: 90, render: points },
      ]} />
  );
  return (
    <>
      <PageTitle title={t('perf.dash.title')} subtitle={t('perf.dash.subtitle')}
        extra={(
          <>
            <MonthPicker month={month} onChange={setMonth} />
            <Select<PerfRole> value={role} onChange={setRole} style={{ width: 150 }} data-testid="dash-role"
              options={ROLES.map((r) => ({ value: r, label: bi(PERF_ROLE_LABELS[r]) }))} />
            <BranchPicker value={branchId} onChange={setBranchId} placeholder={t('perf.dash.allBranches')} testId="dash-branch" style={{ width: 240 }} />
            <Button icon={<DownloadOutlined />} data-testid="dash-export" onClick={() => void exportScorecards(month).catch(onError)}>{t('perf.dash.export')}</Button>
          </>
        )} />
      {dash.error ? <ErrorAlert error={dash.error} onRetry={() => void dash.refetch()} /> : null}
      {d && !d.runId ? <Empty description={t('perf.run.none')} /> : null}
      {d && d.runId ? (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('perf.dash.staffCount')} value={d.staffCount} data-testid="dash-count" /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('perf.dash.average')} value={points(d.average)} data-testid="dash-average" /></Card></Col>
            <Col xs={24} md={12}>
              <Card size="small" styles={{ body: { height: 58, display: 'flex', alignItems: 'center' } }}>
                <Tag color={d.runStatus === 'frozen' ? 'green' : 'gold'}>{d.runStatus === 'frozen' ? t('perf.run.frozen') : t('perf.admin.statusLabel.done')}</Tag>
                <span>{bi(PERF_ROLE_LABELS[d.role])}</span>
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}><Card size="small" title={t('perf.dash.histogram')}>{hist ? <EChart option={hist} testId="dash-histogram" /> : null}</Card></Col>
            <Col xs={24} xl={12}><Card size="small" title={t('perf.dash.trend')}>{lines ? <EChart option={lines} testId="dash-trend" /> : null}</Card></Col>
            <Col xs={24} xl={12}><Card size="small" title={t('perf.dash.top')}>{people(d.top, 'dash-top')}</Card></Col>
            <Col xs={24} xl={12}><Card size="small" title={t('perf.dash.bottom')}>{people(d.bottom, 'dash-bottom')}</Card></Col>
            <Col xs={24}>
              <Card size="small" title={t('perf.dash.league')}>
                <Table size="small" rowKey="branchId" dataSource={d.league} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="dash-league"
                  columns={[
                    { title: t('perf.dash.rank'), dataIndex: 'rank', width: 70, align: 'center' },
                    { title: t('perf.dash.branchName'), dataIndex: 'branchName' },
                    { title: t('perf.dash.total'), dataIndex: 'total', align: 'right', render: points },
                    { title: t('perf.dash.staffAverage'), dataIndex: 'staffAverage', align: 'right', render: points },
                    { title: t('perf.dash.staffCount'), dataIndex: 'staffCount', align: 'right' },
                  ]} />
              </Card>
            </Col>
          </Row>
        </>
      ) : null}
    </>
  );
}
