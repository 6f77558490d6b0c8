// VIP arrivals (贵宾到店): for a dedicated RM, the premium customers of their book who checked in at
// the outlet today, live: the outlet's stream sends vip.arrival to holders of lobby.vip, and to an RM
// (lobby.vip on their own book) those of their own customers only; the RM's inbox gets the same
// alert as a notification on every other page. Receive personally from here.
// data-testid: lobby-vip-page, vip-live (data-state), vip-list, vip-<arrivalId>, vip-receive-<id>
import { useMemo, useRef } from 'react';
import { App, Badge, Card, Empty, Flex, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { LobbyEventData, VipArrival } from '@contracts/lobby';
import { useAuth } from '../../app/auth';
import { useNamePick } from '../../app/lang';
import { PageTitle } from '../../components/page-title';
import { ErrorAlert } from '../../components/error-alert';
import { FullSpin } from '../../components/full-spin';
import { eventsUrl, lobbyKeys, useDayList } from './api';
import { VipCard } from './console-page';
import { OutletPicker, shanghaiTime, useOutletChoice } from './shared';
import { useLobbyStream } from './use-lobby-stream';

export function VipPage() {
  const { t } = useTranslation();
  const pick = useNamePick();
  const { can, me } = useAuth();
  const { notification } = App.useApp();
  const qc = useQueryClient();
  const choice = useOutletChoice();
  const branchId = choice.branchId;
  const list = useDayList<VipArrival>('vip-arrivals', branchId);
  const seenIds = useRef(new Set<number>());
  const refresh = useMemo(() => () => void qc.invalidateQueries({ queryKey: lobbyKeys.day('vip-arrivals', branchId ?? 0, undefined) }), [qc, branchId]);

  const live = useLobbyStream(
    branchId && can('lobby.board') ? eventsUrl(branchId) : null,
    {
      'vip.arrival': (raw) => {
        refresh();
        const d = raw as LobbyEventData<'vip.arrival'> | null;
        if (!d || seenIds.current.has(d.alert.arrivalId)) return;
        seenIds.current.add(d.alert.arrivalId);
        // The customer's own RM already gets the alert from the bell (an inbox notification): one pop-up is enough.
        if (d.alert.rmStaffId !== null && d.alert.rmStaffId === me?.staffId) return;
        notification.warning({
          title: t('lobby.console.vipArrived', { name: d.alert.customerName, tier: pick(d.alert.tierNameZh, d.alert.tierNameEn) }),
          description: t('lobby.console.vipLine', { aum: pick(d.alert.aumBandZh, d.alert.aumBandEn), rm: d.alert.rmName ?? t('lobby.console.noRm'), time: shanghaiTime(d.alert.arrivedAt) }),
          duration: 10,
        });
      },
    },
    refresh,
  );

  if (!branchId && choice.loading) return <FullSpin />;
  const items = [...(list.data ?? [])].sort((a, b) => Number(!!a.receivedAt) - Number(!!b.receivedAt) || b.arrivedAt.localeCompare(a.arrivedAt));
  return (
    <div data-testid="lobby-vip-page">
      <PageTitle
        title={t('lobby.vip.title')}
        subtitle={
          <Space size={8}>
            <span>{choice.outlet?.branchName}</span>
            <Badge status={live === 'open' ? 'success' : 'warning'} text={live === 'open' ? t('lobby.common.live') : t('lobby.common.reconnecting')} data-testid="vip-live" data-state={live} />
          </Space>
        }
        extra={<OutletPicker choice={choice} />}
      />
      {list.isError && !list.data ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Card data-testid="vip-list">
        {list.isPending ? (
          <FullSpin />
        ) : items.length === 0 ? (
          <Empty description={t('lobby.vip.none')} />
        ) : (
          <Flex vertical gap={8}>
            {items.map((v) => (
              <VipCard key={v.arrivalId} v={v} />
            ))}
          </Flex>
        )}
      </Card>
    </div>
  );
}
