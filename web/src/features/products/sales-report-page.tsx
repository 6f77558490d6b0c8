// The sales report (by product, category, RM, branch or month) and the cross-sell ratio by RM or
// branch, within the caller's sales.report scope.
// data-testid: sales-report-page, sales-group, sales-report-table, sales-total, cross-sell-table
import { useState } from 'react';
import { Card, Col, DatePicker, Flex, Radio, Row, Segmented, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { SALES_GROUPS, type SalesReportRow } from '@contracts/products';
import { useNamePick } from '../../app/lang';
import { ErrorAlert } from '../../components/error-alert';
import { formatYuan } from '../../components/money';
import { PageTitle } from '../../components/page-title';
import { useCrossSell, useSalesReport } from './api';

type Group = (typeof SALES_GROUPS)[number];

export function SalesReportPage() {
  const { t } = useTranslation();
  const pick = useNamePick();
  const [groupBy, setGroupBy] = useState<Group>('product');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [xsGroup, setXsGroup] = useState<'rm' | 'branch'>('rm');
  const q = useSalesReport({ groupBy, from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') });
  const xs = useCrossSell(xsGroup);
  return (
    <div data-testid="sales-report-page">
      <PageTitle title={t('products.report.title')} subtitle={t('products.report.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card>
            <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
              <Segmented<Group> value={groupBy} onChange={setGroupBy} data-testid="sales-group"
                options={SALES_GROUPS.map((g) => ({ value: g, label: t(`products.report.groups.${g}`) }))} />
              <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} />
            </Flex>
            {q.error ? <ErrorAlert error={q.error} /> : null}
            <Flex gap={32} style={{ marginBottom: 12 }}>
              <Statistic title={t('products.report.sales')} value={q.data?.totalSales ?? 0} />
              <Statistic title={t('products.report.amount')} value={formatYuan(q.data?.totalAmount ?? '0')} data-testid="sales-total" />
              {q.data ? <Statistic title={t('products.report.range')} value={`${q.data.from} ~ ${q.data.to}`} valueStyle={{ fontSize: 16 }} /> : null}
            </Flex>
            <Table<SalesReportRow>
              rowKey="key"
              size="small"
              loading={q.isFetching}
              data-testid="sales-report-table"
              dataSource={q.data?.rows ?? []}
              pagination={{ pageSize: 20 }}
              columns={[
                { title: t('products.report.item'), dataIndex: 'labelZh', render: (_v, r) => pick(r.labelZh, r.labelEn) },
                { title: t('products.report.sales'), dataIndex: 'sales', align: 'right', width: 90 },
                { title: t('products.report.amount'), dataIndex: 'amount', align: 'right', width: 170, render: (v: string) => formatYuan(v) },
                { title: t('products.report.cancelled'), dataIndex: 'cancelled', align: 'right', width: 100 },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('products.report.crossSell')} extra={
            <Radio.Group size="small" value={xsGroup} onChange={(e) => setXsGroup(e.target.value as 'rm' | 'branch')}>
              <Radio.Button value="rm">{t('products.report.byRm')}</Radio.Button>
              <Radio.Button value="branch">{t('products.report.byBranch')}</Radio.Button>
            </Radio.Group>
          }>
            {xs.error ? <ErrorAlert error={xs.error} /> : null}
            <Table
              rowKey="key"
              size="small"
              data-testid="cross-sell-table"
              loading={xs.isFetching}
              dataSource={xs.data?.rows ?? []}
              pagination={{ pageSize: 15 }}
              columns={[
                { title: t('products.report.item'), dataIndex: 'label' },
                { title: t('products.report.customers'), dataIndex: 'customers', align: 'right', width: 80 },
                { title: t('products.report.average'), dataIndex: 'average', align: 'right', width: 110 },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
