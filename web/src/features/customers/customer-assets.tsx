// Holdings (account and card numbers masked) and the monthly AUM and contribution charts.
// data-testid: customer-holdings, holding-row-<id>, customer-aum-chart, customer-contribution-chart,
// customer-contribution-12m, customer-mix-chart
import { useMemo, type HTMLAttributes } from 'react';
import { Card, Empty, Grid, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { HOLDING_CATEGORIES, HOLDING_CATEGORY_LABELS, type Customer360, type Holding } from '@contracts/customers';
import { useBi, useLang } from '../../app/lang';
import { EChart, type ChartOption } from '../../components/echart';
import { compactYuan, formatYuan, yuanNumber } from '../../components/money';

const CATEGORY_COLOR: Record<Holding['category'], string> = {
  demand: 'blue',
  time_deposit: 'geekblue',
  wealth: 'gold',
  fund: 'purple',
  insurance: 'cyan',
  precious_metal: 'orange',
  loan: 'red',
  credit_card: 'magenta',
};

const balanceCell = (v: string | null, h: Holding) => (
  <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', color: h.category === 'loan' || h.category === 'credit_card' ? '#cf1322' : undefined }}>
    {formatYuan(v)}
  </span>
);

export function HoldingsCard({ c }: { c: Customer360 }) {
  const { t } = useTranslation();
  const bi = useBi();
  // A phone gets two columns: what it is (with its masked numbers) and the balance.
  const phone = Grid.useBreakpoint().md === false;
  const active = c.holdings.filter((h) => h.status === 'active').length;
  if (phone) {
    return (
      <Card title={t('customer.holdings.title', { n: active })} data-testid="customer-holdings-card" styles={{ body: { padding: 12 } }}>
        <Table<Holding>
          data-testid="customer-holdings"
          size="small"
          rowKey="id"
          dataSource={c.holdings}
          pagination={c.holdings.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false}
          onRow={(h) => ({ 'data-testid': `holding-row-${h.id}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('customer.holdings.product'),
              key: 'product',
              render: (_, h) => (
                <div>
                  <Tag color={CATEGORY_COLOR[h.category]}>{bi(HOLDING_CATEGORY_LABELS[h.category])}</Tag>
                  <Typography.Text delete={h.status === 'closed'}>{h.productName}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {[h.accountNo, h.cardNo, h.maturesOn ? t('customer.holdings.maturesOn', { date: h.maturesOn }) : null].filter(Boolean).join(' · ')}
                    </Typography.Text>
                  </div>
                </div>
              ),
            },
            { title: t('customer.holdings.balance'), dataIndex: 'balance', align: 'right', width: 120, render: balanceCell },
          ]}
        />
      </Card>
    );
  }
  return (
    <Card title={t('customer.holdings.title', { n: active })} data-testid="customer-holdings-card">
      <Table<Holding>
        data-testid="customer-holdings"
        size="small"
        rowKey="id"
        dataSource={c.holdings}
        pagination={c.holdings.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        scroll={{ x: 900 }}
        rowClassName={(h) => (h.status === 'closed' ? 'ant-table-row-disabled' : '')}
        onRow={(h) => ({ 'data-testid': `holding-row-${h.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('customer.holdings.category'),
            dataIndex: 'category',
            width: 110,
            render: (k: Holding['category']) => <Tag color={CATEGORY_COLOR[k]}>{bi(HOLDING_CATEGORY_LABELS[k])}</Tag>,
          },
          { title: t('customer.holdings.product'), dataIndex: 'productName', width: 200, ellipsis: true },
          { title: t('customer.holdings.account'), dataIndex: 'accountNo', width: 170, render: (v: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{v}</span> },
          { title: t('customer.holdings.card'), dataIndex: 'cardNo', width: 120, render: (v: string | null) => v ?? '—' },
          {
            title: t('customer.holdings.balance'),
            dataIndex: 'balance',
            width: 150,
            align: 'right',
            render: balanceCell,
          },
          { title: t('customer.holdings.opened'), dataIndex: 'openedOn', width: 110, render: (v: string | null) => v ?? '—' },
          { title: t('customer.holdings.matures'), dataIndex: 'maturesOn', width: 110, render: (v: string | null) => v ?? '—' },
          {
            title: t('customer.holdings.status'),
            dataIndex: 'status',
            width: 80,
            render: (s: Holding['status']) => (s === 'active' ? <Tag color="green">{t('customer.holdings.active')}</Tag> : <Tag>{t('customer.holdings.closed')}</Tag>),
          },
        ]}
      />
    </Card>
  );
}

function Hidden() {
  const { t } = useTranslation();
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer.balancesHidden')} />;
}

export function AumTrendCard({ c }: { c: Customer360 }) {
  const { t } = useTranslation();
  const lang = useLang();
  const option = useMemo<ChartOption>(() => {
    const months = c.aumTrend.map((m) => m.month.slice(0, 7));
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => formatYuan(Number(v).toFixed(2)) },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months, boundaryGap: false },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactYuan(v, lang) } },
      series: [
        { name: t('customer.chart.avgAum'), type: 'line', smooth: true, areaStyle: { opacity: 0.12 }, data: c.aumTrend.map((m) => yuanNumber(m.avgAum)), itemStyle: { color: '#a61b29' } },
        { name: t('customer.chart.endAum'), type: 'line', smooth: true, data: c.aumTrend.map((m) => yuanNumber(m.endAum)), itemStyle: { color: '#12243a' } },
      ],
    } as ChartOption;
  }, [c.aumTrend, t, lang]);
  return (
    <Card title={t('customer.chart.aumTitle')}>
      {!c.balancesVisible ? <Hidden /> : c.aumTrend.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : <EChart option={option} height={260} testId="customer-aum-chart" />}
    </Card>
  );
}

export function ContributionCard({ c }: { c: Customer360 }) {
  const { t } = useTranslation();
  const lang = useLang();
  const option = useMemo<ChartOption>(
    () =>
      ({
        tooltip: { trigger: 'axis', valueFormatter: (v) => formatYuan(Number(v).toFixed(2)) },
        grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: c.aumTrend.map((m) => m.month.slice(0, 7)) },
        yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactYuan(v, lang) } },
        series: [
          {
            name: t('customer.chart.contribution'),
            type: 'bar',
            barMaxWidth: 22,
            data: c.aumTrend.map((m) => yuanNumber(m.contribution)),
            itemStyle: { color: '#c9a45c', borderRadius: [3, 3, 0, 0] },
          },
        ],
      }) as ChartOption,
    [c.aumTrend, t, lang],
  );
  return (
    <Card
      title={t('customer.chart.contributionTitle')}
      extra={
        c.contribution12m !== null ? (
          <Typography.Text type="secondary" data-testid="customer-contribution-12m">
            {t('customer.chart.total12m', { amount: formatYuan(c.contribution12m) })}
          </Typography.Text>
        ) : null
      }
    >
      {!c.balancesVisible ? <Hidden /> : c.aumTrend.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : <EChart option={option} height={260} testId="customer-contribution-chart" />}
    </Card>
  );
}

/** Where the assets sit, by product category (liabilities left out). */
export function AssetMixCard({ c }: { c: Customer360 }) {
  const { t } = useTranslation();
  const bi = useBi();
  const data = useMemo(() => {
    const sums = new Map<Holding['category'], number>();
    for (const h of c.holdings) {
      if (h.status !== 'active' || h.category === 'loan' || h.category === 'credit_card') continue;
      sums.set(h.category, (sums.get(h.category) ?? 0) + yuanNumber(h.balance));
    }
    return HOLDING_CATEGORIES.filter((k) => (sums.get(k) ?? 0) > 0).map((k) => ({ name: bi(HOLDING_CATEGORY_LABELS[k]), value: Math.round((sums.get(k) ?? 0) * 100) / 100 }));
  }, [c.holdings, bi]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const x = p as { name: string; value: number; percent: number };
          return `${x.name}<br/>${formatYuan(Number(x.value).toFixed(2))}（${x.percent}%）`;
        },
      },
      legend: { bottom: 0, type: 'scroll', itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
      series: [{ type: 'pie', radius: ['42%', '70%'], center: ['50%', '44%'], label: { show: false }, data }],
    }),
    [data],
  );
  return (
    <Card title={t('customer.chart.mixTitle')}>
      {!c.balancesVisible ? <Hidden /> : data.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : <EChart option={option} height={260} testId="customer-mix-chart" />}
    </Card>
  );
}
