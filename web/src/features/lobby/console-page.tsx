// The lobby manager's console (大堂经理工作台), laid out for a tablet: today's figures, VIP arrivals to
// receive personally, the live queue per zone (tickets past 80% of their service level in amber,
// past it in red), counters and their state, device faults and incidents, and the quick actions.
// Live through the outlet's SSE stream: any event refetches the console (debounced); a VIP arrival
// also pops up, and so does a service-level alert (ticket.sla, pushed by the server's minute job at
// 80% and 100% of a ticket's level); the alerts card lists every ticket near or past its level.
// data-testid: lobby-console, console-live (data-state), console-today-<key>, console-sla,
// sla-row-<ticketId> (data-level), lobby-notices (notices-card.tsx),
// console-vip, vip-<arrivalId> (data-received), vip-receive-<arrivalId>, console-zone-<code>,
// queue-row-<ticketId> (data-sla), ticket-transfer-<id>, ticket-cancel-<id>, console-counters,
// counter-row-<id>, counter-open-<id>, counter-close-<id>, console-faults, fault-<id>,
// console-incidents, quick-<kind>
import { useEffect, useMemo, useRef, useState } from 'react';
import { App, Badge, Button, Card, Checkbox, Col, Empty, Flex, Popconfirm, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import {
  AlertOutlined, CommentOutlined, CrownOutlined, GiftOutlined, SwapOutlined, ToolOutlined, UserAddOutlined, WarningOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BookAppointmentButton } from './appointment-dialog';
import { DEVICE_KIND_LABELS, INCIDENT_KIND_LABELS, type LobbyEventData, type Ticket, type VipArrival, type ZoneQueue } from '@contracts/lobby';
import { useAuth } from '../../app/auth';
import { useBi, useNamePick } from '../../app/lang';
import { PageTitle } from '../../components/page-title';
import { ErrorAlert } from '../../components/error-alert';
import { FullSpin } from '../../components/full-spin';
import { TierTag } from '../../components/tier-tag';
import { useApiError } from '../../components/use-api-error';
import { ActionDialog, type ActionKind } from './action-dialogs';
import {
  eventsUrl, lobbyKeys, useAppointments, useBusinessTypes, useCancelTicket, useCheckIn, useCloseCounter, useCloseIncident, useConsole, useFaultProgress, useOpenCounter, useReceiveVip, useSetup,
} from './api';
import { NoticesCard } from './notices-card';
import { OutletPicker, SlaTag, shanghaiTime, useMinutes, useOutletChoice } from './shared';
import { useLobbyStream } from './use-lobby-stream';
import './lobby.css';

export function VipCard({ v }: { v: VipArrival }) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const receive = useReceiveVip();
  const showError = useApiError();
  const [room, setRoom] = useState(false);
  return (
    <Card size="small" data-testid={`vip-${v.arrivalId}`} data-received={v.receivedAt ? 'true' : 'false'} style={{ borderColor: v.receivedAt ? undefined : '#c9a45c' }}>
      <Flex justify="space-between" align="flex-start" gap={8} wrap>
        <div>
          <Space size={6} wrap>
            <CrownOutlined style={{ color: '#c9a45c' }} />
            <Typography.Text strong>{v.customerName}</Typography.Text>
            <TierTag code={v.tierCode} nameZh={v.tierNameZh} nameEn={v.tierNameEn} />
            <span className="lobby-ticket-no">{v.ticketNumber}</span>
            {v.birthdayToday ? <Tag color="magenta" icon={<GiftOutlined />}>{t('lobby.console.birthday')}</Tag> : null}
          </Space>
          <div style={{ marginTop: 4 }}>
            <Typography.Text type="secondary">
              {t('lobby.console.vipLine', {
                aum: pick(v.aumBandZh, v.aumBandEn),
                rm: v.rmName ?? t('lobby.console.noRm'),
                time: shanghaiTime(v.arrivedAt),
              })}
            </Typography.Text>
          </div>
          <Space size={4} wrap style={{ marginTop: 4 }}>
            {v.openNeeds > 0 ? <Tag color="blue">{t('lobby.console.openNeeds', { n: v.openNeeds })}</Tag> : null}
            {v.expiringProducts > 0 ? <Tag color="orange">{t('lobby.console.expiring', { n: v.expiringProducts })}</Tag> : null}
            {v.lastContactOn ? <Tag>{t('lobby.console.lastContact', { date: v.lastContactOn })}</Tag> : null}
          </Space>
        </div>
        {v.receivedAt ? (
          <Tag color="green" data-testid={`vip-received-${v.arrivalId}`}>
            {t('lobby.console.received', { name: v.receivedByName ?? '', time: shanghaiTime(v.receivedAt) })}
            {v.vipRoom ? ` · ${t('lobby.console.vipRoom')}` : ''}
          </Tag>
        ) : (
          <Space orientation="vertical" size={4} align="end">
            <Checkbox checked={room} onChange={(e) => setRoom(e.target.checked)} data-testid={`vip-room-${v.arrivalId}`}>
              {t('lobby.console.toVipRoom')}
            </Checkbox>
            <Button
              type="primary"
              loading={receive.isPending}
              onClick={() => receive.mutate({ id: v.arrivalId, vipRoom: room, note: '' }, { onError: (e) => showError(e) })}
              data-testid={`vip-receive-${v.arrivalId}`}
            >
              {t('lobby.console.receive')}
            </Button>
          </Space>
        )}
      </Flex>
    </Card>
  );
}

function ZoneCard({ z, onAction }: { z: ZoneQueue; onAction: (kind: ActionKind, ticket: Ticket) => void }) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const minutes = useMinutes();
  const cancel = useCancelTicket();
  const showError = useApiError();
  return (
    <Card
      size="small"
      data-testid={`console-zone-${z.zoneCode}`}
      title={
        <Space size={8} wrap>
          <span>{pick(z.nameZh, z.nameEn)}</span>
          <Badge count={z.waiting} showZero color={z.overSla > 0 ? 'red' : z.overSlaWarn > 0 ? 'orange' : 'blue'} data-testid={`console-zone-waiting-${z.zoneCode}`} />
        </Space>
      }
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('lobby.console.zoneLine', { counters: z.openCounters, longest: minutes(z.longestWaitMinutes), est: minutes(z.estimatedWaitMinutes) })}
        </Typography.Text>
      }
    >
      {z.overSla > 0 || z.overSlaWarn > 0 ? (
        <Space style={{ marginBottom: 8 }}>
          {z.overSla > 0 ? <Tag color="red" icon={<WarningOutlined />}>{t('lobby.console.overSla', { n: z.overSla })}</Tag> : null}
          {z.overSlaWarn > 0 ? <Tag color="orange">{t('lobby.console.nearSla', { n: z.overSlaWarn })}</Tag> : null}
        </Space>
      ) : null}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 560, y: 320 }}
        dataSource={z.tickets}
        locale={{ emptyText: t('lobby.console.noneWaiting') }}
        rowClassName={(r) => (r.slaState === 'breach' ? 'lobby-over-sl' : r.slaState === 'warn' ? 'lobby-near-sl' : '')}
        onRow={(r) => ({ 'data-testid': `queue-row-${r.id}`, 'data-sla': r.slaState }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('lobby.common.ticket'), dataIndex: 'number', width: 72, render: (n: string) => <span className="lobby-ticket-no">{n}</span> },
          { title: t('lobby.common.business'), key: 'b', render: (_: unknown, r) => pick(r.businessNameZh, r.businessNameEn) },
          {
            title: t('lobby.common.customer'),
            key: 'c',
            render: (_: unknown, r) =>
              r.customerName ? (
                <Space size={4}>
                  {r.customerName}
                  {r.priority ? <CrownOutlined style={{ color: '#c9a45c' }} /> : null}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('lobby.common.walkIn')}</Typography.Text>
              ),
          },
          {
            title: t('lobby.common.waited'),
            key: 'w',
            width: 120,
            render: (_: unknown, r) => (
              <Space size={4}>
                {`${Math.round(r.waitedMinutes)}/${r.slaMinutes}′`}
                <SlaTag state={r.slaState} />
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            key: 'a',
            width: 150,
            render: (_: unknown, r) => (
              <Space size={0}>
                <Button size="small" type="link" icon={<SwapOutlined />} onClick={() => onAction('transfer', r)} data-testid={`ticket-transfer-${r.id}`}>
                  {t('lobby.console.reroute')}
                </Button>
                <Popconfirm
                  title={t('lobby.console.cancelConfirm', { n: r.number })}
                  onConfirm={() => cancel.mutate({ id: r.id, reason: '' }, { onError: (e) => showError(e) })}
                  okText={t('common.yes')}
                  cancelText={t('common.no')}
                >
                  <Button size="small" type="link" danger data-testid={`ticket-cancel-${r.id}`}>
                    {t('lobby.console.cancelTicket')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** Today's appointments: the lobby manager checks a booked customer in when they arrive. */
function AppointmentsCard({ branchId }: { branchId: number }) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const { message } = App.useApp();
  const showError = useApiError();
  const list = useAppointments(branchId);
  const types = useBusinessTypes();
  const checkIn = useCheckIn();
  const items = [...(list.data ?? [])].sort((a, b) => a.at.localeCompare(b.at));
  const businessName = (code: string) => {
    const b = types.data?.find((x) => x.code === code);
    return b ? pick(b.nameZh, b.nameEn) : code;
  };
  return (
    <Card size="small" title={t('lobby.console.appointments')} extra={<BookAppointmentButton branchId={branchId} />} data-testid="console-appointments">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lobby.console.noAppointments')} />
      ) : (
        <Flex vertical gap={6}>
          {items.map((a) => (
            <Flex key={a.id} justify="space-between" align="center" gap={8} wrap data-testid={`appointment-${a.id}`} data-status={a.status}>
              <Space size={6} wrap>
                <Typography.Text strong>{shanghaiTime(a.at)}</Typography.Text>
                <span>{a.customerName}</span>
                <Typography.Text type="secondary">{businessName(a.businessCode)}</Typography.Text>
                {a.amount ? <Tag>{t('lobby.teller.amount', { amount: a.amount })}</Tag> : null}
              </Space>
              {a.status === 'booked' ? (
                <Button
                  size="small"
                  type="primary"
                  ghost
                  loading={checkIn.isPending && checkIn.variables?.appointmentId === a.id}
                  onClick={() =>
                    checkIn.mutate(
                      { branchId, appointmentId: a.id, businessCode: a.businessCode, amount: a.amount ?? undefined, channel: 'lobby', note: '' },
                      {
                        onSuccess: (r) => void message.success(r.kind === 'ticket' ? t('lobby.console.checkedIn', { n: r.ticket.number }) : t('lobby.actions.recorded')),
                        onError: (e) => showError(e),
                      },
                    )
                  }
                  data-testid={`appointment-checkin-${a.id}`}
                >
                  {t('lobby.console.checkInAppointment')}
                </Button>
              ) : (
                <Tag>{t(`lobby.appointmentStatus.${a.status}`)}</Tag>
              )}
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}

/** Tickets near (amber) or past (red) their service level, the latest state of each: past first, longest wait first. */
function SlaAlertsCard({ zones }: { zones: ZoneQueue[] }) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const minutes = useMinutes();
  const items = zones
    .flatMap((z) => z.tickets.filter((x) => x.slaState !== 'ok').map((x) => ({ ...x, zoneName: pick(z.nameZh, z.nameEn) })))
    .sort((a, b) => Number(b.slaState === 'breach') - Number(a.slaState === 'breach') || b.waitedMinutes - a.waitedMinutes);
  return (
    <Card
      size="small"
      title={
        <Space>
          <WarningOutlined style={{ color: items.some((x) => x.slaState === 'breach') ? '#cf1322' : '#d48806' }} />
          {t('lobby.console.slaAlerts')}
          <Badge count={items.length} color={items.some((x) => x.slaState === 'breach') ? 'red' : 'orange'} />
        </Space>
      }
      data-testid="console-sla"
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lobby.console.noSlaAlerts')} />
      ) : (
        <Flex vertical gap={6} style={{ maxHeight: 240, overflowY: 'auto' }}>
          {items.map((x) => (
            <Flex key={x.id} gap={8} align="center" wrap data-testid={`sla-row-${x.id}`} data-level={x.slaState === 'breach' ? 100 : 80}>
              <Tag color={x.slaState === 'breach' ? 'red' : 'orange'}>{x.slaState === 'breach' ? t('lobby.console.slaBreach') : t('lobby.console.slaWarn')}</Tag>
              <span className="lobby-ticket-no">{x.number}</span>
              {x.priority ? <CrownOutlined style={{ color: '#c9a45c' }} /> : null}
              <Typography.Text type="secondary">{t('lobby.console.slaLine', { zone: x.zoneName, waited: minutes(x.waitedMinutes), limit: x.slaMinutes })}</Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}

const QUICK: { kind: ActionKind; icon: React.ReactNode }[] = [
  { kind: 'guidance', icon: <UserAddOutlined /> },
  { kind: 'complaint', icon: <CommentOutlined /> },
  { kind: 'referral', icon: <CrownOutlined /> },
  { kind: 'incident', icon: <AlertOutlined /> },
  { kind: 'fault', icon: <ToolOutlined /> },
];

export function ConsolePage() {
  const { t } = useTranslation();
  const bi = useBi();
  const pick = useNamePick();
  const { can } = useAuth();
  const { message, notification } = App.useApp();
  const qc = useQueryClient();
  const choice = useOutletChoice();
  const branchId = choice.branchId;
  const cons = useConsole(branchId);
  const setup = useSetup(branchId);
  const openCounter = useOpenCounter();
  const closeCounter = useCloseCounter();
  const progress = useFaultProgress();
  const closeIncident = useCloseIncident();
  const showError = useApiError();
  const [action, setAction] = useState<{ kind: ActionKind; ticket?: Ticket } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const refresh = useMemo(
    () => () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void qc.invalidateQueries({ queryKey: lobbyKeys.console(branchId ?? 0) }), 250);
    },
    [qc, branchId],
  );
  useEffect(() => () => clearTimeout(timer.current), []);

  const live = useLobbyStream(
    branchId && can('lobby.board') ? eventsUrl(branchId) : null,
    {
      'ticket.created': refresh,
      'ticket.called': refresh,
      'ticket.updated': refresh,
      'counter.updated': refresh,
      'device.fault': refresh,
      incident: refresh,
      'board.reset': refresh,
      notice: () => void qc.invalidateQueries({ queryKey: lobbyKeys.notices(branchId ?? 0) }),
      'notice.removed': () => void qc.invalidateQueries({ queryKey: lobbyKeys.notices(branchId ?? 0) }),
      'ticket.sla': (raw) => {
        refresh();
        const d = raw as LobbyEventData<'ticket.sla'> | null;
        if (!d) return;
        const a = d.alert;
        const open = a.level === 100 ? notification.error : notification.warning;
        open({
          key: `sla-${a.ticketId}-${a.level}`,
          title: t(a.level === 100 ? 'lobby.console.slaBreachToast' : 'lobby.console.slaWarnToast', { n: a.number }),
          description: t('lobby.console.slaLine', { zone: pick(a.zoneNameZh, a.zoneNameEn), waited: t('lobby.common.minutes', { n: Math.floor(a.waitedMinutes) }), limit: a.slaMinutes }),
          duration: a.level === 100 ? 0 : 10,
        });
      },
      'vip.arrival': (raw) => {
        refresh();
        const d = raw as LobbyEventData<'vip.arrival'> | null;
        if (!d) return;
        notification.warning({
          title: t('lobby.console.vipArrived', { name: d.alert.customerName, tier: pick(d.alert.tierNameZh, d.alert.tierNameEn) }),
          description: t('lobby.console.vipLine', { aum: pick(d.alert.aumBandZh, d.alert.aumBandEn), rm: d.alert.rmName ?? t('lobby.console.noRm'), time: shanghaiTime(d.alert.arrivedAt) }),
          duration: 8,
        });
      },
    },
    refresh,
  );

  if (!branchId && choice.loading) return <FullSpin />;
  if (cons.isError && !cons.data) return <ErrorAlert error={cons.error} onRetry={() => void cons.refetch()} />;
  const c = cons.data;

  return (
    <div data-testid="lobby-console">
      <PageTitle
        title={t('lobby.console.title')}
        subtitle={
          <Space size={8} wrap>
            <span>{choice.outlet?.branchName}</span>
            <Badge status={live === 'open' ? 'success' : 'warning'} text={live === 'open' ? t('lobby.common.live') : t('lobby.common.reconnecting')} data-testid="console-live" data-state={live} />
          </Space>
        }
        extra={
          <>
            <OutletPicker choice={choice} />
            <Link to={`/lobby/kiosk?from=console${branchId ? `&branch=${branchId}` : ''}`}>
              <Button data-testid="console-open-kiosk">{t('lobby.console.checkInForCustomer')}</Button>
            </Link>
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        {QUICK.map((q) => (
          <Button key={q.kind} icon={q.icon} onClick={() => setAction({ kind: q.kind })} data-testid={`quick-${q.kind}`}>
            {t(`lobby.actions.${q.kind}`)}
          </Button>
        ))}
      </Flex>
      {!c ? (
        <FullSpin />
      ) : (
        <Row gutter={[12, 12]}>
          <Col span={24}>
            <Card size="small">
              <Row gutter={[12, 8]}>
                {(['arrivals', 'served', 'noShows', 'guidance', 'referrals', 'complaints'] as const).map((k) => (
                  <Col key={k} xs={8} md={4}>
                    <Statistic title={t(`lobby.console.today.${k}`)} value={c.today[k]} data-testid={`console-today-${k}`} />
                  </Col>
                ))}
              </Row>
            </Card>
          </Col>
          <Col span={24}>
            <Card
              size="small"
              title={
                <Space>
                  <CrownOutlined style={{ color: '#c9a45c' }} />
                  {t('lobby.console.vipArrivals')}
                  <Badge count={c.vipArrivals.filter((v) => !v.receivedAt).length} />
                </Space>
              }
              data-testid="console-vip"
            >
              {c.vipArrivals.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lobby.console.noVip')} />
              ) : (
                <Flex vertical gap={8}>
                  {[...c.vipArrivals]
                    .sort((a, b) => Number(!!a.receivedAt) - Number(!!b.receivedAt) || b.arrivedAt.localeCompare(a.arrivedAt))
                    .slice(0, 8)
                    .map((v) => (
                      <VipCard key={v.arrivalId} v={v} />
                    ))}
                </Flex>
              )}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <SlaAlertsCard zones={c.queue.zones} />
          </Col>
          <Col xs={24} xl={12}>
            <NoticesCard branchId={branchId!} />
          </Col>
          <Col span={24}>
            <AppointmentsCard branchId={branchId!} />
          </Col>
          {c.queue.zones.map((z) => (
            <Col key={z.zoneCode} xs={24} xl={12}>
              <ZoneCard z={z} onAction={(kind, ticket) => setAction({ kind, ticket })} />
            </Col>
          ))}
          <Col xs={24} xl={12}>
            <Card size="small" title={t('lobby.console.counters')} data-testid="console-counters">
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={c.counters}
                scroll={{ x: 560 }}
                onRow={(r) => ({ 'data-testid': `counter-row-${r.id}`, 'data-status': r.status }) as React.HTMLAttributes<HTMLElement>}
                columns={[
                  { title: t('lobby.common.counter'), dataIndex: 'number', render: (n: string) => t('lobby.common.counterNo', { n }) },
                  {
                    title: t('lobby.common.zone'),
                    dataIndex: 'zoneCode',
                    render: (code: string) => {
                      const z = setup.data?.zones.find((x) => x.code === code);
                      return z ? pick(z.nameZh, z.nameEn) : code;
                    },
                  },
                  {
                    title: t('lobby.common.status'),
                    dataIndex: 'status',
                    render: (s: string) => <Tag color={s === 'open' ? 'green' : s === 'paused' ? 'orange' : 'default'}>{t(`lobby.counterStatus.${s}`)}</Tag>,
                  },
                  { title: t('lobby.console.teller'), dataIndex: 'staffName', render: (n: string | null) => n ?? '—' },
                  { title: t('lobby.console.current'), dataIndex: 'currentTicketNumber', render: (n: string | null) => (n ? <span className="lobby-ticket-no">{n}</span> : '—') },
                  {
                    title: t('common.actions'),
                    key: 'a',
                    render: (_: unknown, r) =>
                      r.status === 'closed' ? (
                        <Button size="small" onClick={() => openCounter.mutate({ id: r.id }, { onError: (e) => showError(e) })} data-testid={`counter-open-${r.id}`}>
                          {t('lobby.console.openCounter')}
                        </Button>
                      ) : (
                        <Popconfirm title={t('lobby.console.closeCounterConfirm')} onConfirm={() => closeCounter.mutate(r.id, { onError: (e) => showError(e) })} okText={t('common.yes')} cancelText={t('common.no')}>
                          <Button size="small" data-testid={`counter-close-${r.id}`}>
                            {t('lobby.console.closeCounter')}
                          </Button>
                        </Popconfirm>
                      ),
                  },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('lobby.console.faults')} data-testid="console-faults" style={{ marginBottom: 12 }}>
              {c.faults.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lobby.console.noFaults')} />
              ) : (
                <Flex vertical gap={8}>
                  {c.faults.map((f) => (
                    <Flex key={f.id} justify="space-between" align="center" gap={8} wrap data-testid={`fault-${f.id}`}>
                      <div>
                        <Space size={6}>
                          <ToolOutlined />
                          <Typography.Text strong>{f.deviceLabel}</Typography.Text>
                          <Typography.Text type="secondary">{bi(DEVICE_KIND_LABELS[f.deviceKind])}</Typography.Text>
                          <Tag color={f.status === 'reported' ? 'red' : f.status === 'repairing' ? 'orange' : 'green'}>{t(`lobby.faultStatus.${f.status}`)}</Tag>
                        </Space>
                        <div>
                          <Typography.Text type="secondary">
                            {f.description} · {shanghaiTime(f.reportedAt)}
                          </Typography.Text>
                        </div>
                      </div>
                      <Space size={4}>
                        {f.status === 'reported' ? (
                          <Button size="small" onClick={() => progress.mutate({ id: f.id, body: { status: 'repairing', note: '' } }, { onError: (e) => showError(e) })}>
                            {t('lobby.console.repairing')}
                          </Button>
                        ) : null}
                        <Button size="small" onClick={() => progress.mutate({ id: f.id, body: { status: 'resolved', note: '' } }, { onError: (e) => showError(e) })}>
                          {t('lobby.console.resolved')}
                        </Button>
                      </Space>
                    </Flex>
                  ))}
                </Flex>
              )}
            </Card>
            <Card size="small" title={t('lobby.console.incidents')} data-testid="console-incidents">
              {c.incidents.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lobby.console.noIncidents')} />
              ) : (
                <Flex vertical gap={8}>
                  {c.incidents.map((i) => (
                    <Flex key={i.id} justify="space-between" align="center" gap={8} wrap data-testid={`incident-${i.id}`}>
                      <div>
                        <Space size={6}>
                          <AlertOutlined />
                          <Typography.Text strong>{bi(INCIDENT_KIND_LABELS[i.kind])}</Typography.Text>
                          <Typography.Text type="secondary">{shanghaiTime(i.openedAt)}</Typography.Text>
                          {i.closedAt ? <Tag color="green">{t('lobby.console.closed')}</Tag> : <Tag color="red">{t('lobby.console.open')}</Tag>}
                        </Space>
                        <div>
                          <Typography.Text type="secondary">{i.description}</Typography.Text>
                        </div>
                      </div>
                      {i.closedAt ? null : (
                        <Button
                          size="small"
                          onClick={() =>
                            closeIncident.mutate(
                              { id: i.id, actionsTaken: i.actionsTaken || t('lobby.console.handled') },
                              { onError: (e) => showError(e), onSuccess: () => void message.success(t('lobby.actions.recorded')) },
                            )
                          }
                        >
                          {t('lobby.console.closeIncident')}
                        </Button>
                      )}
                    </Flex>
                  ))}
                </Flex>
              )}
            </Card>
          </Col>
        </Row>
      )}
      {branchId ? (
        <ActionDialog
          kind={action?.kind ?? null}
          ticket={action?.ticket}
          branchId={branchId}
          zones={setup.data?.zones}
          counters={setup.data?.counters}
          devices={setup.data?.devices}
          onClose={() => setAction(null)}
          onDone={(m) => void message.success(m)}
        />
      ) : null}
    </div>
  );
}
