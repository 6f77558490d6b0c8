// Complaint reports: volumes by category, channel, branch, staff and month; handling time (mean,
// p90), on-time and review rates; repeated root causes; the monthly regulatory summary as xlsx.
// data-testid: report-range, report-total, report-decided, report-mean, report-p90, report-ontime, report-reopen, report-overdue,
// report-month-chart, report-category-chart, report-causes, report-month, report-export
import { useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Flex, Row, Statistic, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { ComplaintReport } from '@contracts/quality';
import { download } from '../../app/api';
import { EChart, type ChartOption } from '../../components/echart';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';
import { useComplaintReport } from './api';

type Volume = ComplaintReport['byCategory'][number];
const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);

function bars(rows: Volume[], label: (v: Volume) => string, color: string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map(label), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: rows.map((r) => r.count), itemStyle: { color }, barMaxWidth: 32 }],
  } as ChartOption;
}

export function ReportPage() {
  const { t } = useTranslation();
  const onError = useApiError();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [month, setMonth] = useState<Dayjs>(dayjs().subtract(1, 'month'));
  const report = useComplaintReport(range ? { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') } : {});
  const r = report.data;
  const monthChart = useMemo(() => bars(r?.byMonth ?? [], (v) => v.label, '#1677ff'), [r]);
  const categoryChart = useMemo(() => bars(r?.byCategory ?? [], (v) => t(`quality.category.${v.key}`), '#c9a45c'), [r, t]);
  const channelChart = useMemo(() => bars(r?.byChannel ?? [], (v) => t(`quality.channel.${v.key}`), '#389e0d'), [r, t]);
  const small = (rows: Volume[], testId: string) => (
    <Table<Volume> size="small" rowKey="key" pagination={false} dataSource={rows.slice(0, 10)} data-testid={testId}
      columns={[{ title: t('quality.list.branch'), dataIndex: 'label' }, { title: t('quality.report.count'), dataIndex: 'count', align: 'right' }]} />
  );

  return (
    <>
      <PageTitle
        title={t('quality.report.title')}
        subtitle={t('quality.report.subtitle')}
        extra={(
          <Flex gap={8} wrap>
            <DatePicker picker="month" value={month} onChange={(v) => v && setMonth(v)} allowClear={false} data-testid="report-month" />
            <Button icon={<DownloadOutlined />} data-testid="report-export"
              onClick={() => void download('/api/complaints/regulatory.xlsx', { month: month.format('YYYY-MM') }, `complaints-${month.format('YYYY-MM')}.xlsx`).catch(onError)}>
              {t('quality.report.export')}
            </Button>
          </Flex>
        )}
      />
      <Flex style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker value={range ?? (r ? [dayjs(r.from), dayjs(r.to)] : null)} onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : null)} data-testid="report-range" />
      </Flex>
      {report.error ? <ErrorAlert error={report.error} onRetry={() => void report.refetch()} /> : null}
      {r ? (
        <>
          <Row gutter={[16, 16]}>
            {([
              ['total', t('quality.report.total'), r.total],
              ['decided', t('quality.report.decided'), r.decided],
              ['mean', t('quality.report.meanDays'), r.meanDays ?? '-'],
              ['p90', t('quality.report.p90Days'), r.p90Days ?? '-'],
              ['ontime', t('quality.report.onTime'), pct(r.onTimeRate)],
              ['reopen', t('quality.report.reopen'), pct(r.reopenRate)],
              ['overdue', t('quality.report.overdue'), r.overdueOpen],
            ] as const).map(([key, title, value]) => (
              <Col xs={12} md={6} xl={3} key={key}>
                <Card size="small"><Statistic title={title} value={value} data-testid={`report-${key}`} /></Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} lg={12}><Card title={t('quality.report.byMonth')}><EChart option={monthChart} testId="report-month-chart" /></Card></Col>
            <Col xs={24} lg={12}><Card title={t('quality.report.byCategory')}><EChart option={categoryChart} testId="report-category-chart" /></Card></Col>
            <Col xs={24} lg={12}><Card title={t('quality.report.byChannel')}><EChart option={channelChart} /></Card></Col>
            <Col xs={24} lg={6}><Card title={t('quality.report.byBranch')}>{small(r.byBranch, 'report-branches')}</Card></Col>
            <Col xs={24} lg={6}><Card title={t('quality.report.byStaff')}>{small(r.byStaff, 'report-staff')}</Card></Col>
          </Row>
          <Card title={t('quality.report.causes')} style={{ marginTop: 16 }}>
            <Table
              size="small"
              data-testid="report-causes"
              rowKey={(x) => `${x.rootCause}-${x.branchId}`}
              dataSource={r.repeatedCauses}
              pagination={{ pageSize: 10 }}
              columns={[
                { title: t('quality.report.cause'), dataIndex: 'rootCause', render: (v: string) => t(`quality.rootCause.${v}`) },
                { title: t('quality.list.branch'), dataIndex: 'branchName' },
                { title: t('quality.report.count'), dataIndex: 'count', align: 'right' },
                { title: t('quality.report.openActions'), dataIndex: 'openActions', align: 'right' },
              ]}
            />
          </Card>
        </>
      ) : null}
    </>
  );
}
