// The teller's console (柜员叫号): pick the counter (remembered on this PC), open it, call the next
// ticket (the server makes the call atomic), recall, no-show, start serving, complete with the
// business done, transfer to another zone or counter; flag a possible premium customer (a referral
// to an RM, credited to the teller) and take a complaint on the spot.
// data-testid: teller-page (data-ready once the counter's state is loaded), teller-counter (select), teller-open, teller-current, teller-current-no,
// teller-call-next, teller-recall, teller-no-show, teller-serve, teller-complete, teller-transfer,
// teller-refer, teller-complaint, teller-next-list, teller-served-today, complete-dialog,
// complete-business, complete-note, complete-submit
import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, Modal, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import { CommentOutlined, CrownOutlined, NotificationOutlined, SoundOutlined, SwapOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '@contracts/lobby';
import { useMe } from '../../app/auth';
import { useNamePick } from '../../app/lang';
import { PageTitle } from '../../components/page-title';
import { FullSpin } from '../../components/full-spin';
import { useApiError } from '../../components/use-api-error';
import { ActionDialog, type ActionKind } from './action-dialogs';
import {
  eventsUrl, lobbyKeys, useBusinessTypes, useCallNext, useCompleteTicket, useCounterConsole, useOpenCounter, useSetup, useTicketAction,
} from './api';
import { OutletPicker, TicketStatusTag, shanghaiTime, useMinutes, useOutletChoice } from './shared';
import { useLobbyStream } from './use-lobby-stream';
import './lobby.css';

const COUNTER_KEY = 'patron.lobby.counter';

function storedCounter(): number | null {
  try {
    return Number(localStorage.getItem(COUNTER_KEY)) || null;
  } catch {
    return null;
  }
}

function CompleteDialog({ ticket, onClose }: { ticket: Ticket | null; onClose: () => void }) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const [form] = Form.useForm<{ businessDone: string[]; note: string }>();
  const types = useBusinessTypes();
  const complete = useCompleteTicket();
  const showError = useApiError();
  useEffect(() => {
    if (ticket) form.setFieldsValue({ businessDone: [ticket.businessCode], note: '' });
  }, [ticket, form]);
  return (
    <Modal
      open={!!ticket}
      title={t('lobby.teller.completeTitle', { n: ticket?.number ?? '' })}
      onCancel={onClose}
      okText={t('lobby.teller.complete')}
      cancelText={t('common.cancel')}
      confirmLoading={complete.isPending}
      okButtonProps={{ 'data-testid': 'complete-submit' } as Record<string, string>}
      onOk={async () => {
        if (!ticket) return;
        const v = await form.validateFields();
        try {
          await complete.mutateAsync({ id: ticket.id, body: { businessDone: v.businessDone ?? [], note: v.note ?? '' } });
          onClose();
        } catch (e) {
          showError(e, form);
        }
      }}
    >
      <div data-testid="complete-dialog">
        <Form form={form} layout="vertical">
          <Form.Item name="businessDone" label={t('lobby.teller.businessDone')} rules={[{ required: true, message: t('lobby.actions.required') }]}>
            <Select mode="multiple" data-testid="complete-business" options={(types.data ?? []).map((b) => ({ value: b.code, label: pick(b.nameZh, b.nameEn) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('lobby.actions.note')}>
            <Input.TextArea rows={2} maxLength={500} data-testid="complete-note" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

export function TellerPage() {
  const { t } = useTranslation();
  const pick = useNamePick();
  const me = useMe();
  const minutes = useMinutes();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const showError = useApiError();
  const choice = useOutletChoice();
  const branchId = choice.branchId;
  const setup = useSetup(branchId);
  const counters = setup.data?.counters ?? [];
  const [counterId, setCounterId] = useState<number | null>(storedCounter);
  const mine = counters.find((c) => c.staffId === me.staffId);
  const chosen = counters.find((c) => c.id === counterId) ?? mine ?? null;
  const cons = useCounterConsole(chosen?.id ?? null);
  const callNext = useCallNext();
  const act = useTicketAction();
  const open = useOpenCounter();
  const [completing, setCompleting] = useState<Ticket | null>(null);
  const [action, setAction] = useState<ActionKind | null>(null);

  const refresh = () => void qc.invalidateQueries({ queryKey: lobbyKeys.counter(chosen?.id ?? 0) });
  const live = useLobbyStream(
    branchId ? eventsUrl(branchId) : null,
    { 'ticket.created': refresh, 'ticket.updated': refresh, 'ticket.called': refresh, 'counter.updated': refresh, 'board.reset': refresh },
    refresh,
  );

  const pickCounter = (id: number) => {
    setCounterId(id);
    try {
      localStorage.setItem(COUNTER_KEY, String(id));
    } catch {
      /* remembered for this visit only */
    }
  };

  if (!branchId && choice.loading) return <FullSpin />;
  const counter = cons.data?.counter ?? chosen;
  const current = cons.data?.current ?? null;
  const next = cons.data?.next ?? [];
  const busy = callNext.isPending || act.isPending;
  const run = (p: Promise<unknown>) => p.catch((e: unknown) => showError(e));

  return (
    <div data-testid="teller-page" data-ready={cons.data && !cons.isFetching ? 'true' : 'false'}>
      <PageTitle
        title={t('lobby.teller.title')}
        subtitle={
          <Space size={8}>
            <span>{choice.outlet?.branchName}</span>
            <Tag color={live === 'open' ? 'green' : 'orange'}>{live === 'open' ? t('lobby.common.live') : t('lobby.common.reconnecting')}</Tag>
          </Space>
        }
        extra={
          <>
            <OutletPicker choice={choice} />
            <Select
              style={{ minWidth: 200 }}
              placeholder={t('lobby.teller.chooseCounter')}
              value={counter?.id}
              onChange={pickCounter}
              data-testid="teller-counter"
              options={counters.map((c) => {
                const z = setup.data?.zones.find((x) => x.code === c.zoneCode);
                return { value: c.id, label: `${t('lobby.common.counterNo', { n: c.number })} · ${z ? pick(z.nameZh, z.nameEn) : c.zoneCode}` };
              })}
            />
          </>
        }
      />
      {!counter ? (
        <Card>
          <Empty description={t('lobby.teller.noCounter')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={15}>
            <Card
              title={
                <Space>
                  {t('lobby.common.counterNo', { n: counter.number })}
                  <Tag color={counter.status === 'open' ? 'green' : counter.status === 'paused' ? 'orange' : 'default'} data-testid="teller-counter-status">
                    {t(`lobby.counterStatus.${counter.status}`)}
                  </Tag>
                  {counter.staffName ? <Typography.Text type="secondary">{counter.staffName}</Typography.Text> : null}
                </Space>
              }
              extra={<Statistic title={t('lobby.teller.servedToday')} value={cons.data?.servedToday ?? 0} data-testid="teller-served-today" />}
            >
              {counter.status === 'closed' ? (
                <Flex vertical align="center" gap={12} style={{ padding: 24 }}>
                  <Typography.Text type="secondary">{t('lobby.teller.closedHint')}</Typography.Text>
                  <Button
                    type="primary"
                    size="large"
                    className="teller-big"
                    loading={open.isPending}
                    onClick={() => run(open.mutateAsync({ id: counter.id }))}
                    data-testid="teller-open"
                  >
                    {t('lobby.teller.openCounter')}
                  </Button>
                </Flex>
              ) : (
                <>
                  <div className="teller-current" data-testid="teller-current" data-ticket-id={current?.id ?? ''} data-status={current?.status ?? ''}>
                    {current ? (
                      <>
                        <div className="teller-current-no" data-testid="teller-current-no">
                          {current.number}
                        </div>
                        <Space size={6} wrap style={{ justifyContent: 'center' }}>
                          <TicketStatusTag status={current.status} />
                          <span>{pick(current.businessNameZh, current.businessNameEn)}</span>
                          {current.amount ? <Tag>{t('lobby.teller.amount', { amount: current.amount })}</Tag> : null}
                          {current.customerName ? (
                            <Tag icon={current.priority ? <CrownOutlined /> : undefined} color={current.priority ? 'gold' : undefined}>
                              {current.customerName}
                            </Tag>
                          ) : (
                            <Tag>{t('lobby.common.walkIn')}</Tag>
                          )}
                        </Space>
                        <Descriptions
                          size="small"
                          column={{ xs: 1, sm: 3 }}
                          style={{ marginTop: 12 }}
                          items={[
                            { key: 'a', label: t('lobby.teller.arrived'), children: shanghaiTime(current.arrivedAt) },
                            { key: 'w', label: t('lobby.common.waited'), children: minutes(current.waitedMinutes) },
                            { key: 'r', label: t('lobby.teller.recalls'), children: current.recalls },
                          ]}
                        />
                      </>
                    ) : (
                      <Typography.Title level={3} type="secondary" style={{ margin: '24px 0' }}>
                        {t('lobby.teller.idle')}
                      </Typography.Title>
                    )}
                  </div>
                  <Row gutter={[8, 8]} style={{ marginTop: 12 }}>
                    <Col xs={24} sm={12}>
                      <Button
                        block
                        type="primary"
                        className="teller-big"
                        icon={<NotificationOutlined />}
                        loading={callNext.isPending}
                        disabled={busy || (!!current && current.status !== 'done')}
                        onClick={() =>
                          run(
                            callNext.mutateAsync(counter.id).then((r) => {
                              if (!r.ticket) void message.info(t('lobby.teller.nobody'));
                            }),
                          )
                        }
                        data-testid="teller-call-next"
                      >
                        {t('lobby.teller.callNext')}
                      </Button>
                    </Col>
                    <Col xs={12} sm={6}>
                      <Button block className="teller-big" icon={<SoundOutlined />} disabled={busy || current?.status !== 'called'} onClick={() => current && run(act.mutateAsync({ id: current.id, action: 'recall' }))} data-testid="teller-recall">
                        {t('lobby.teller.recall')}
                      </Button>
                    </Col>
                    <Col xs={12} sm={6}>
                      <Button block className="teller-big" danger disabled={busy || current?.status !== 'called'} onClick={() => current && run(act.mutateAsync({ id: current.id, action: 'no-show' }))} data-testid="teller-no-show">
                        {t('lobby.teller.noShow')}
                      </Button>
                    </Col>
                    <Col xs={12} sm={8}>
                      <Button block size="large" disabled={busy || current?.status !== 'called'} onClick={() => current && run(act.mutateAsync({ id: current.id, action: 'serve' }))} data-testid="teller-serve">
                        {t('lobby.teller.serve')}
                      </Button>
                    </Col>
                    <Col xs={12} sm={8}>
                      <Button block size="large" type="primary" ghost disabled={busy || !current || (current.status !== 'serving' && current.status !== 'called')} onClick={() => setCompleting(current)} data-testid="teller-complete">
                        {t('lobby.teller.complete')}
                      </Button>
                    </Col>
                    <Col xs={24} sm={8}>
                      <Button block size="large" icon={<SwapOutlined />} disabled={busy || !current || (current.status !== 'serving' && current.status !== 'called')} onClick={() => setAction('transfer')} data-testid="teller-transfer">
                        {t('lobby.teller.transfer')}
                      </Button>
                    </Col>
                    <Col xs={12}>
                      <Button block icon={<CrownOutlined />} onClick={() => setAction('referral')} data-testid="teller-refer">
                        {t('lobby.teller.refer')}
                      </Button>
                    </Col>
                    <Col xs={12}>
                      <Button block icon={<CommentOutlined />} onClick={() => setAction('complaint')} data-testid="teller-complaint">
                        {t('lobby.teller.complaint')}
                      </Button>
                    </Col>
                  </Row>
                </>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={9}>
            <Card title={t('lobby.teller.nextUp', { n: next.length })} data-testid="teller-next-list">
              {next.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lobby.console.noneWaiting')} />
              ) : (
                <Flex vertical gap={6}>
                  {next.slice(0, 12).map((n, i) => (
                    <Flex key={n.id} justify="space-between" align="center" data-testid={`teller-next-${n.id}`}>
                      <Space>
                        <Typography.Text type="secondary">{i + 1}.</Typography.Text>
                        <span className="lobby-ticket-no">{n.number}</span>
                        {n.priority ? <CrownOutlined style={{ color: '#c9a45c' }} /> : null}
                        <span>{pick(n.businessNameZh, n.businessNameEn)}</span>
                      </Space>
                      <Typography.Text type={n.waitedMinutes > n.slaMinutes ? 'danger' : 'secondary'}>{minutes(n.waitedMinutes)}</Typography.Text>
                    </Flex>
                  ))}
                </Flex>
              )}
            </Card>
          </Col>
        </Row>
      )}
      <CompleteDialog ticket={completing} onClose={() => setCompleting(null)} />
      {branchId ? (
        <ActionDialog
          kind={action}
          ticket={current}
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
