// The scorecard as one staff member sees it (my scorecard, and a head looking at a staff member):
// every KPI with actual, target, score, ranks and a small trend line, and a drawer with the facts
// behind a figure. data-testid: scorecard-total, scorecard-rank-branch, scorecard-rank-bank, scorecard-run,
// scorecard-table, kpi-row-<code>, kpi-facts-<code>, facts-drawer, facts-table, total-trend, month-picker
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Drawer, Empty, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { StaffScorecard } from '@contracts/performance';
import { useNamePick } from '../../app/lang';
import { EChart, type ChartOption } from '../../components/echart';
import { ErrorAlert } from '../../components/error-alert';
import { groupYuan } from '../../components/money';
import { useKpiFacts } from './api';

type Line = StaffScorecard['lines'][number];

/** A figure in its unit: yuan grouped, percentages and scores to two decimals, counts whole. */
export function figure(value: string | null, unit: Line['unit']): string {
  if (value === null) return '—';
  const n = Number(value);
  if (unit === 'amount') return groupYuan(n.toFixed(2));
  if (unit === 'count') return Number.isInteger(n) ? String(n) : n.toFixed(2);
  if (unit === 'percent') return `${n.toFixed(1)}%`;
  return n.toFixed(2);
}
export const points = (v: string | null) => (v === null ? '—' : Number(v).toFixed(2));

function spark(values: number[], months: string[]): ChartOption {
  return {
    grid: { left: 2, right: 2, top: 4, bottom: 4 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: months, show: false },
    yAxis: { type: 'value', show: false, scale: true },
    series: [{ type: 'line', data: values, smooth: true, symbolSize: 4, lineStyle: { width: 2, color: '#1677ff' }, areaStyle: { opacity: 0.08 } }],
  } as ChartOption;
}

export function MonthPicker({ month, onChange }: { month: string; onChange: (m: string) => void }) {
  return (
    <DatePicker picker="month" value={dayjs(`${month}-01`)} allowClear={false} data-testid="month-picker"
      disabledDate={(d) => d.isAfter(dayjs(), 'month')} onChange={(d) => d && onChange(d.format('YYYY-MM'))} />
  );
}

function FactsDrawer({ staffId, kpi, month, onClose }: { staffId: number; kpi: Line | null; month: string; onClose: () => void }) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const facts = useKpiFacts(staffId, kpi?.kpiCode ?? null, month);
  const f = facts.data;
  return (
    <Drawer open={!!kpi} onClose={onClose} size="large" title={kpi ? t('perf.facts.title', { kpi: pick(kpi.nameZh, kpi.nameEn) }) : ''} data-testid="facts-drawer">
      {facts.error ? <ErrorAlert error={facts.error} /> : null}
      {f ? (
        <>
          <Flex gap={8} wrap style={{ marginBottom: 12 }}>
            <Tag>{t('perf.facts.range', { from: f.from, to: f.to })}</Tag>
            <Tag color="blue">{t('perf.facts.masked')}</Tag>
            {f.truncated ? <Tag color="orange">{t('perf.facts.truncated')}</Tag> : null}
          </Flex>
          <Table size="small" rowKey={(r) => `${r.ref ?? ''}-${r.at ?? ''}-${r.customerNo ?? ''}`} dataSource={f.rows} pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid="facts-table" locale={{ emptyText: <Empty description={t('perf.facts.empty')} /> }}
            columns={[
              { title: t('perf.facts.at'), dataIndex: 'at', width: 110 },
              { title: t('perf.facts.ref'), dataIndex: 'ref', width: 110 },
              { title: t('perf.facts.customer'), key: 'c', render: (_, r) => (r.customerNo ? `${r.customerName ?? ''}（${r.customerNo}）` : '—') },
              { title: t('perf.facts.amount'), dataIndex: 'amount', align: 'right', render: (v: string | null) => (v === null ? '—' : /^-?\d+\.\d{2}$/.test(v) ? groupYuan(v) : v) },
              { title: t('perf.facts.detail'), dataIndex: 'detail', ellipsis: true },
            ]} />
        </>
      ) : null}
    </Drawer>
  );
}

export function ScorecardView({ data, month }: { data: StaffScorecard; month: string }) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const [open, setOpen] = useState<Line | null>(null);
  const trend = useMemo(() => spark(data.trend.map((x) => Number(x.total)), data.trend.map((x) => x.month)), [data]);
  const runText = data.runStatus === 'frozen' ? t('perf.run.frozen') : data.runStatus ? t('perf.run.done', { asOf: data.asOf }) : t('perf.run.none');
  if (!data.scorecard) {
    return <Alert type="info" showIcon title={t('perf.card.noCard')} description={runText} data-testid="scorecard-empty" />;
  }
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('perf.card.total')} value={points(data.total)} data-testid="scorecard-total" valueStyle={{ color: '#1677ff', fontWeight: 700 }} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('perf.card.rankBranch')} value={data.rankBranch ?? '—'} suffix={t('perf.card.of', { n: data.peersBranch })} data-testid="scorecard-rank-branch" /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('perf.card.rankBank')} value={data.rankBank ?? '—'} suffix={t('perf.card.of', { n: data.peersBank })} data-testid="scorecard-rank-bank" /></Card></Col>
        <Col xs={12} md={6}>
          <Card size="small" title={t('perf.card.totalTrend')} styles={{ body: { padding: 4 } }}><EChart option={trend} height={54} testId="total-trend" /></Card>
        </Col>
      </Row>
      <Flex gap={8} wrap style={{ marginBottom: 8 }}>
        <Tag color="geekblue">{pick(data.scorecard.nameZh, data.scorecard.nameEn)}</Tag>
        <Tag color={data.runStatus === 'frozen' ? 'green' : 'gold'} data-testid="scorecard-run">{runText}</Tag>
        <Typography.Text type="secondary">{data.staff.name}（{data.staff.staffNo}）· {data.staff.branchName}</Typography.Text>
      </Flex>
      <Table<Line> size="small" rowKey="kpiCode" dataSource={data.lines} pagination={false} data-testid="scorecard-table" scroll={{ x: 980 }}
        onRow={(r) => ({ 'data-testid': `kpi-row-${r.kpiCode}` } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          {
            title: t('perf.card.kpi'), key: 'kpi', width: 200,
            render: (_, r) => (
              <Flex vertical>
                <span>{pick(r.nameZh, r.nameEn)}</span>
                <Flex gap={4}>{r.gated ? <Tag color="red">{t('perf.card.gated')}</Tag> : null}{r.gateOnly ? <Tag>{t('perf.card.gateOnly')}</Tag> : null}</Flex>
              </Flex>
            ),
          },
          { title: t('perf.card.weight'), dataIndex: 'weight', width: 70, align: 'right', render: (v: string, r) => (r.gateOnly ? '—' : `${Number(v)}%`) },
          { title: t('perf.card.actual'), key: 'actual', align: 'right', render: (_, r) => figure(r.actual, r.unit) },
          { title: t('perf.card.target'), key: 'target', align: 'right', render: (_, r) => figure(r.target, r.unit) },
          { title: t('perf.card.score'), dataIndex: 'score', align: 'right', width: 80, render: points },
          { title: t('perf.card.weighted'), dataIndex: 'weighted', align: 'right', width: 90, render: points },
          { title: t('perf.card.rank'), key: 'rank', width: 120, align: 'center', render: (_, r) => `${r.rankBranch}/${r.peersBranch} · ${r.rankBank}/${r.peersBank}` },
          {
            title: t('perf.card.trend'), key: 'trend', width: 140,
            render: (_, r) => <EChart option={spark(r.trend.map((x) => Number(x.actual)), r.trend.map((x) => x.month))} height={36} />,
          },
          {
            title: '', key: 'facts', width: 90,
            render: (_, r) => <Button size="small" type="link" data-testid={`kpi-facts-${r.kpiCode}`} onClick={() => setOpen(r)}>{t('perf.card.facts')}</Button>,
          },
        ]} />
      <FactsDrawer staffId={data.staff.id} kpi={open} month={month} onClose={() => setOpen(null)} />
    </>
  );
}
