// Staffing advice (排班建议): for the coming week, the counters each zone needs per 30-minute slot to
// meet its service level, by Erlang C (M/M/c) from the last 8 weeks' arrivals and service times.
// A heat map per zone (weekday × slot, the figure in each cell = counters); the tooltip gives the
// arrivals, offered load, probability of waiting and the service level reached.
// data-testid: lobby-staffing, staffing-week, staffing-zone (segmented), staffing-heatmap,
// staffing-zone-info, staffing-peak
import { lazy, Suspense, useMemo, useState } from 'react';
import { Alert, Card, DatePicker, Descriptions, Segmented, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { StaffingAdvice, StaffingZone } from '@contracts/lobby';
import { useNamePick } from '../../app/lang';
import type { ChartOption } from '../../components/echart';
import { PageTitle } from '../../components/page-title';
import { ErrorAlert } from '../../components/error-alert';
import { FullSpin } from '../../components/full-spin';
import { useStaffing } from './api';
import { OutletPicker, shanghaiToday, useOutletChoice } from './shared';

const EChart = lazy(async () => ({ default: (await import('../../components/echart')).EChart }));

/** The Monday after today (Asia/Shanghai): the week the advice is for by default. */
export function nextMonday(today = shanghaiToday()): string {
  const d = dayjs(today);
  const dow = (d.day() + 6) % 7; // 0 = Monday
  return d.add(7 - dow, 'day').format('YYYY-MM-DD');
}

function heatmapOption(zone: StaffingZone, slots: string[], days: string[], labels: { counters: string; arrivals: string; load: string; pw: string; sl: string }): ChartOption {
  const data = zone.cells.map((c) => [slots.indexOf(c.slot), c.weekday, c.counters]);
  const max = Math.max(1, ...zone.cells.map((c) => c.counters));
  const cellOf = new Map(zone.cells.map((c) => [`${slots.indexOf(c.slot)}:${c.weekday}`, c]));
  return {
    tooltip: {
      position: 'top',
      formatter: (p: unknown) => {
        const v = (p as { value: [number, number, number] }).value;
        const c = cellOf.get(`${v[0]}:${v[1]}`);
        if (!c) return '';
        return [
          `<b>${days[c.weekday]} ${c.slot}</b>`,
          `${labels.counters}: <b>${c.counters}</b>`,
          `${labels.arrivals}: ${c.arrivalsPerSlot.toFixed(1)}`,
          `${labels.load}: ${c.offeredLoad.toFixed(2)} Erl`,
          `${labels.pw}: ${(c.probabilityWait * 100).toFixed(0)}%`,
          `${labels.sl}: ${(c.serviceLevel * 100).toFixed(0)}%`,
        ].join('<br/>');
      },
    },
    grid: { left: 70, right: 20, top: 10, bottom: 70 },
    xAxis: { type: 'category', data: slots, splitArea: { show: true }, axisLabel: { rotate: 45 } },
    yAxis: { type: 'category', data: days, inverse: true, splitArea: { show: true } },
    visualMap: {
      min: 0,
      max,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      inRange: { color: ['#f7f3ea', '#f3d9a4', '#e3a04f', '#c0452f', '#8b1a24'] },
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: { show: true, fontSize: 11 },
        emphasis: { itemStyle: { shadowBlur: 8, shadowColor: 'rgba(0,0,0,0.4)' } },
      },
    ],
  };
}

function ZoneHeatmap({ advice, zoneCode }: { advice: StaffingAdvice; zoneCode: string }) {
  const { t } = useTranslation();
  const zone = advice.zones.find((z) => z.zoneCode === zoneCode) ?? advice.zones[0];
  const days = useMemo(() => [0, 1, 2, 3, 4, 5, 6].map((i) => t(`lobby.staffing.weekday.${i}`)), [t]);
  const option = useMemo(
    () =>
      zone
        ? heatmapOption(zone, advice.slots, days, {
            counters: t('lobby.staffing.counters'),
            arrivals: t('lobby.staffing.arrivals'),
            load: t('lobby.staffing.load'),
            pw: t('lobby.staffing.probabilityWait'),
            sl: t('lobby.staffing.serviceLevel'),
          })
        : null,
    [zone, advice.slots, days, t],
  );
  if (!zone || !option) return null;
  const peak = zone.cells.reduce((a, b) => (b.counters > a.counters ? b : a), zone.cells[0]);
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        data-testid="staffing-zone-info"
        items={[
          { key: 's', label: t('lobby.staffing.meanService'), children: t('lobby.common.minutes', { n: zone.meanServiceMinutes.toFixed(1) }) },
          { key: 't', label: t('lobby.staffing.target'), children: t('lobby.staffing.targetText', { share: Math.round(zone.targetShare * 100), n: zone.targetWaitMinutes }) },
          {
            key: 'p',
            label: t('lobby.staffing.peak'),
            children: peak ? <span data-testid="staffing-peak">{t('lobby.staffing.peakText', { day: days[peak.weekday], slot: peak.slot, n: peak.counters })}</span> : '—',
          },
        ]}
      />
      <Suspense fallback={<Skeleton active />}>
        <EChart option={option} height={380} testId="staffing-heatmap" />
      </Suspense>
    </>
  );
}

export function StaffingPage() {
  const { t } = useTranslation();
  const pick = useNamePick();
  const choice = useOutletChoice();
  const [week, setWeek] = useState(nextMonday());
  const advice = useStaffing(choice.branchId, week);
  const [zoneCode, setZoneCode] = useState<string | null>(null);
  const a = advice.data;
  const current = zoneCode ?? a?.zones[0]?.zoneCode ?? null;

  return (
    <div data-testid="lobby-staffing">
      <PageTitle
        title={t('lobby.staffing.title')}
        subtitle={t('lobby.staffing.subtitle')}
        extra={
          <>
            <OutletPicker choice={choice} />
            <DatePicker
              picker="week"
              allowClear={false}
              value={dayjs(week)}
              onChange={(d: Dayjs | null) => {
                if (!d) return;
                const dow = (d.day() + 6) % 7;
                setWeek(d.subtract(dow, 'day').format('YYYY-MM-DD'));
              }}
              data-testid="staffing-week"
            />
          </>
        }
      />
      {advice.isError && !a ? <ErrorAlert error={advice.error} onRetry={() => void advice.refetch()} /> : null}
      {!a ? (
        advice.isPending ? <FullSpin /> : null
      ) : (
        <Card>
          <Space orientation="vertical" style={{ width: '100%' }} size={12}>
            <Alert
              type="info"
              showIcon
              title={t('lobby.staffing.basis', { from: a.historyFrom, to: dayjs(a.historyTo).subtract(1, 'day').format('YYYY-MM-DD'), week: a.weekStart })}
            />
            <Segmented
              value={current ?? undefined}
              onChange={(v) => setZoneCode(String(v))}
              data-testid="staffing-zone"
              options={a.zones.map((z) => ({ value: z.zoneCode, label: pick(z.nameZh, z.nameEn) }))}
            />
            {current ? <ZoneHeatmap advice={a} zoneCode={current} /> : <Typography.Text type="secondary">{t('common.noData')}</Typography.Text>}
          </Space>
        </Card>
      )}
    </div>
  );
}
