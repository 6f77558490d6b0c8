// Usage of value-added services with their cost, by service, branch, tier or month, within the
// reader's report scope.
// data-testid: report-range, report-group (segmented), report-total-<uses|used|booked|cancelled|totalCost>,
// report-chart, report-table, report-row-<key>
import { useMemo, type HTMLAttributes } from 'react';
import { Card, Col, DatePicker, Flex, Row, Segmented, Statistic, Table, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { PRIVILEGE_REPORT_GROUPS, type PrivilegeReportGroup, type PrivilegeReportRow } from '@contracts/privileges';
import { useLang, useNamePick } from '../../app/lang';
import { EChart, type ChartOption } from '../../components/echart';
import { ErrorAlert } from '../../components/error-alert';
import { compactYuan, formatYuan, yuanNumber } from '../../components/money';
import { useReport } from './api';

const ISO = 'YYYY-MM-DD';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TOTALS = ['uses', 'used', 'booked', 'cancelled'] as const;

export function ReportTab() {
  const { t } = useTranslation();
  const lang = useLang();
  const pick = useNamePick();
  const [params, setParams] = useSearchParams();
  const groupBy = (PRIVILEGE_REPORT_GROUPS as readonly string[]).includes(params.get('groupBy') ?? '') ? (params.get('groupBy') as PrivilegeReportGroup) : 'service';
  const from = DATE.test(params.get('from') ?? '') ? (params.get('from') as string) : undefined;
  const to = DATE.test(params.get('to') ?? '') ? (params.get('to') as string) : undefined;
  const report = useReport({ groupBy, from, to }, true);
  const data = report.data;

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const rows = useMemo(() => data?.rows ?? [], [data]);
  const option = useMemo<ChartOption>(() => {
    // Months read left to right in time; other groupings biggest first, capped for legibility.
    const shown = groupBy === 'month' ? rows : [...rows].sort((a, b) => b.uses - a.uses).slice(0, 15);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: shown.map((r) => pick(r.labelZh, r.labelEn)), axisLabel: { interval: 0, rotate: shown.length > 6 ? 30 : 0 } },
      yAxis: [
        { type: 'value', name: t('privileges.report.count'), minInterval: 1 },
        { type: 'value', name: t('privileges.report.cost'), axisLabel: { formatter: (v: number) => compactYuan(v, lang) }, splitLine: { show: false } },
      ],
      series: [
        { name: t('privileges.report.used'), type: 'bar', stack: 'n', data: shown.map((r) => r.used), itemStyle: { color: '#389e0d' }, barMaxWidth: 28 },
        { name: t('privileges.report.booked'), type: 'bar', stack: 'n', data: shown.map((r) => r.booked), itemStyle: { color: '#1677ff' }, barMaxWidth: 28 },
        {
          name: t('privileges.report.totalCost'),
          type: 'line',
          yAxisIndex: 1,
          data: shown.map((r) => yuanNumber(r.totalCost)),
          itemStyle: { color: '#c9a45c' },
          tooltip: { valueFormatter: (v) => formatYuan(Number(v).toFixed(2)) },
        },
      ],
    } as ChartOption;
  }, [rows, groupBy, pick, t, lang]);

  const range: [Dayjs, Dayjs] | null = data ? [dayjs(data.from), dayjs(data.to)] : null;

  return (
    <>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          value={from && to ? [dayjs(from), dayjs(to)] : range}
          allowClear
          onChange={(v) => set({ from: v?.[0]?.format(ISO), to: v?.[1]?.format(ISO) })}
          data-testid="report-range"
        />
        <Segmented<PrivilegeReportGroup>
          value={groupBy}
          onChange={(v) => set({ groupBy: v === 'service' ? undefined : v })}
          options={PRIVILEGE_REPORT_GROUPS.map((g) => ({ value: g, label: t(`privileges.report.by.${g}`) }))}
          data-testid="report-group"
        />
      </Flex>
      {report.isError ? (
        <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {TOTALS.map((k) => (
              <Col key={k} xs={12} sm={8} lg={4}>
                <Card size="small">
                  <Statistic title={t(`privileges.report.${k}`)} value={data?.total[k] ?? 0} loading={report.isPending} data-testid={`report-total-${k}`} />
                </Card>
              </Col>
            ))}
            <Col xs={24} sm={16} lg={8}>
              <Card size="small">
                <Statistic
                  title={t('privileges.report.totalCost')}
                  value={data ? formatYuan(data.total.totalCost) : '—'}
                  loading={report.isPending}
                  data-testid="report-total-totalCost"
                />
                {data ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('privileges.report.costSplit', { used: formatYuan(data.total.usedCost), booked: formatYuan(data.total.bookedCost) })}
                  </Typography.Text>
                ) : null}
              </Card>
            </Col>
          </Row>
          {rows.length > 0 ? (
            <Card size="small" style={{ marginBottom: 16 }}>
              <EChart option={option} height={300} testId="report-chart" />
            </Card>
          ) : null}
          <Table<PrivilegeReportRow>
            data-testid="report-table"
            size="small"
            rowKey="key"
            loading={report.isFetching}
            dataSource={rows}
            pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 820 }}
            onRow={(r) => ({ 'data-testid': `report-row-${r.key}` }) as HTMLAttributes<HTMLElement>}
            summary={() =>
              data && rows.length > 1 ? (
                <Table.Summary.Row style={{ fontWeight: 600 }}>
                  <Table.Summary.Cell index={0}>{t('privileges.report.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">{data.total.uses}</Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">{data.total.used}</Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">{data.total.booked}</Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">{data.total.cancelled}</Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">{formatYuan(data.total.usedCost)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={6} align="right">{formatYuan(data.total.totalCost)}</Table.Summary.Cell>
                </Table.Summary.Row>
              ) : null
            }
            columns={[
              { title: t(`privileges.report.by.${groupBy}`), key: 'label', render: (_, r) => pick(r.labelZh, r.labelEn) },
              { title: t('privileges.report.uses'), dataIndex: 'uses', width: 90, align: 'right', sorter: (a, b) => a.uses - b.uses },
              { title: t('privileges.report.used'), dataIndex: 'used', width: 90, align: 'right' },
              { title: t('privileges.report.booked'), dataIndex: 'booked', width: 90, align: 'right' },
              { title: t('privileges.report.cancelled'), dataIndex: 'cancelled', width: 90, align: 'right' },
              { title: t('privileges.report.usedCost'), dataIndex: 'usedCost', width: 140, align: 'right', render: (v: string) => formatYuan(v) },
              {
                title: t('privileges.report.totalCost'),
                dataIndex: 'totalCost',
                width: 140,
                align: 'right',
                render: (v: string) => formatYuan(v),
                sorter: (a, b) => yuanNumber(a.totalCost) - yuanNumber(b.totalCost),
              },
            ]}
          />
        </>
      )}
    </>
  );
}
