// Split from the other cards so echarts is fetched only by users who see this chart (head office).
import { useMemo } from 'react';
import { Card, Col, Row, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { BRANCH_LEVELS, BRANCH_LEVEL_LABELS, type Branch } from '@contracts/org';
import { useBi } from '../../app/lang';
import { EChart, type ChartOption } from '../../components/echart';
import { useBranchList } from './api';
import { PRIMARY, NAVY } from '../../app/theme';

function outletsPerRegion(branches: Branch[]): { name: string; value: number }[] {
  const byId = new Map(branches.map((b) => [b.id, b]));
  const regionOf = (b: Branch): Branch | undefined => {
    let cur: Branch | undefined = b;
    // Guard against a cycle in bad data rather than loop forever.
    for (let i = 0; cur && i < 32; i++) {
      if (cur.level === 'branch') return cur;
      cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
    }
    return undefined;
  };
  const counts = new Map<number, number>();
  for (const b of branches) {
    if (b.level !== 'outlet' || b.status !== 'open') continue;
    const r = regionOf(b);
    if (r) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([id, value]) => ({ name: byId.get(id)?.name ?? String(id), value }))
    .sort((a, b) => b.value - a.value)
    .slice(0, 12);
}

/** data-testid: home-branch-chart */
export function BranchChartCard() {
  const { t } = useTranslation();
  const bi = useBi();
  const q = useBranchList(true);

  const option = useMemo<ChartOption | null>(() => {
    if (!q.data) return null;
    const open = q.data.filter((b) => b.status === 'open');
    const levels = BRANCH_LEVELS.map((l) => ({ name: bi(BRANCH_LEVEL_LABELS[l]), value: open.filter((b) => b.level === l).length }));
    const regions = outletsPerRegion(q.data);
    return {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0, type: 'scroll', data: levels.map((l) => l.name) },
      color: [NAVY, PRIMARY, '#c9a45c', '#5b7ba6', '#8c8c8c'],
      grid: { left: '52%', right: 12, top: 12, bottom: 48, containLabel: true },
      xAxis: { type: 'value', gridIndex: 0 },
      yAxis: { type: 'category', data: regions.map((r) => r.name).reverse(), axisLabel: { width: 80, overflow: 'truncate' } },
      series: [
        { type: 'pie', radius: ['30%', '55%'], center: ['24%', '45%'], data: levels, label: { show: false } },
        { type: 'bar', name: t('home.outlets'), data: regions.map((r) => r.value).reverse(), itemStyle: { color: PRIMARY } },
      ],
    };
  }, [q.data, bi, t]);

  return (
    <Card className="home-card" title={t('home.cards.branchChart.title')} data-testid="home-branch-chart">
      <Row>
        <Col span={24}>{option ? <EChart option={option} height={300} /> : <Skeleton active />}</Col>
      </Row>
    </Card>
  );
}
