// The queue-order rule (排队规则), written out for staff and customers who ask "why was he called
// before me?": tier head start, ageing, appointments, service-level protection, transfers. Every
// figure comes from the server (GET /api/lobby/queue-rule: head starts, warn share, service levels;
// the tier ladder) and the live queue of a zone shows the rule at work. The rule itself is
// server/modules/lobby/lobby.queue-order.ts.
// data-testid: queue-rule-page, rule-steps, rule-levels, rule-headstarts, rule-live, rule-live-zone
import { useState } from 'react';
import { Card, Col, Empty, Row, Segmented, Steps, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QueueRuleParams, ServiceLevel, ZoneQueue } from '@contracts/lobby';
import type { Tier } from '@contracts/tiers';
import { useNamePick } from '../../app/lang';
import { PageTitle } from '../../components/page-title';
import { ErrorAlert } from '../../components/error-alert';
import { FullSpin } from '../../components/full-spin';
import { TierTag } from '../../components/tier-tag';
import { useTierLadder } from '../../components/use-tiers';
import { useQueue, useQueueRule } from './api';
import { OutletPicker, SlaTag, useOutletChoice } from './shared';
import './lobby.css';

type HeadStarts = Pick<QueueRuleParams, 'tierHeadStartMinutes' | 'appointmentHeadStartMinutes'>;

/** The score the rule gives a waiting ticket: waited minutes + tier head start (+ appointment due). */
export function ruleScore(waitedMinutes: number, tierRank: number, appointmentDue: boolean, p: HeadStarts): number {
  return waitedMinutes + tierRank * p.tierHeadStartMinutes + (appointmentDue ? p.appointmentHeadStartMinutes : 0);
}

/** The written rule with the live figures: usable without a server (tests), hence plain props. */
export function QueueRuleText({ params, tiers }: { params: QueueRuleParams; tiers: Tier[] }) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const levels = params.serviceLevels;
  const head = params.tierHeadStartMinutes;
  const appt = params.appointmentHeadStartMinutes;
  const steps = (['score', 'ageing', 'appointment', 'protect', 'ties', 'transfer'] as const).map((k) => ({
    title: t(`lobby.rule.steps.${k}.title`),
    content: t(`lobby.rule.steps.${k}.desc`, { head, appt }),
  }));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card title={t('lobby.rule.howTitle')}>
          <div className="rule-formula" data-testid="rule-formula">
            {t('lobby.rule.formula', { head, appt })}
          </div>
          <Steps orientation="vertical" size="small" current={-1} style={{ marginTop: 16 }} items={steps} data-testid="rule-steps" />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('lobby.rule.levelsTitle')} style={{ marginBottom: 16 }}>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            data-testid="rule-levels"
            dataSource={[...levels].sort((a, b) => a.minTierRank - b.minTierRank)}
            columns={[
              { title: t('lobby.rule.level'), key: 'n', render: (_: unknown, l: ServiceLevel) => pick(l.nameZh, l.nameEn) },
              { title: t('lobby.rule.fromRank'), dataIndex: 'minTierRank', align: 'right' as const },
              { title: t('lobby.rule.maxWait'), dataIndex: 'maxWaitMinutes', align: 'right' as const, render: (n: number) => t('lobby.common.minutes', { n }) },
              { title: t('lobby.rule.targetShare'), dataIndex: 'targetShare', align: 'right' as const, render: (x: number) => `${Math.round(x * 100)}%` },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('lobby.rule.warnNote', { warn: Math.round(params.slaWarnShare * 100) })}
          </Typography.Paragraph>
        </Card>
        <Card title={t('lobby.rule.headStartTitle')}>
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            data-testid="rule-headstarts"
            dataSource={[...tiers].sort((a, b) => a.rank - b.rank)}
            columns={[
              { title: t('lobby.common.tier'), key: 't', render: (_: unknown, x: Tier) => <TierTag code={x.code} nameZh={x.nameZh} nameEn={x.nameEn} color={x.color} /> },
              { title: t('lobby.rule.rank'), dataIndex: 'rank', align: 'right' as const },
              { title: t('lobby.rule.headStart'), key: 'h', align: 'right' as const, render: (_: unknown, x: Tier) => t('lobby.common.minutes', { n: x.rank * head }) },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

function LiveOrder({ zones, params }: { zones: ZoneQueue[]; params: HeadStarts }) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const withTickets = zones.filter((z) => z.tickets.length > 0);
  const [code, setCode] = useState<string | null>(null);
  const zone = withTickets.find((z) => z.zoneCode === code) ?? withTickets[0];
  if (!zone) return <Empty description={t('lobby.console.noneWaiting')} />;
  return (
    <>
      <Segmented
        value={zone.zoneCode}
        onChange={(v) => setCode(String(v))}
        data-testid="rule-live-zone"
        options={withTickets.map((z) => ({ value: z.zoneCode, label: `${pick(z.nameZh, z.nameEn)} (${z.waiting})` }))}
        style={{ marginBottom: 12 }}
      />
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: true }}
        data-testid="rule-live"
        dataSource={zone.tickets.map((x, i) => ({ ...x, position: i + 1 }))}
        columns={[
          { title: t('lobby.rule.position'), dataIndex: 'position', width: 60 },
          { title: t('lobby.common.ticket'), dataIndex: 'number', render: (n: string) => <span className="lobby-ticket-no">{n}</span> },
          { title: t('lobby.rule.rank'), dataIndex: 'tierRank', align: 'right' as const },
          { title: t('lobby.common.waited'), dataIndex: 'waitedMinutes', align: 'right' as const, render: (m: number) => t('lobby.common.minutes', { n: Math.round(m) }) },
          {
            title: t('lobby.rule.score'),
            key: 's',
            align: 'right' as const,
            render: (_: unknown, x) => ruleScore(x.waitedMinutes, x.tierRank, !!x.appointmentAt && x.appointmentAt <= new Date().toISOString(), params).toFixed(1),
          },
          {
            title: t('lobby.rule.sla'),
            key: 'l',
            render: (_: unknown, x) => (
              <>
                {t('lobby.common.minutes', { n: x.slaMinutes })} <SlaTag state={x.slaState} />
                {x.priority ? <Tag color="gold" style={{ marginInlineStart: 4 }}>{t('lobby.rule.priority')}</Tag> : null}
              </>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('lobby.rule.liveNote')}
      </Typography.Paragraph>
    </>
  );
}

export function QueueRulePage() {
  const { t } = useTranslation();
  const choice = useOutletChoice();
  const rule = useQueueRule();
  const tiers = useTierLadder();
  const queue = useQueue(choice.branchId);
  return (
    <div data-testid="queue-rule-page">
      <PageTitle title={t('lobby.rule.title')} subtitle={t('lobby.rule.subtitle')} extra={<OutletPicker choice={choice} />} />
      {rule.data ? (
        <>
          <QueueRuleText params={rule.data} tiers={tiers.data ?? []} />
          <Card title={t('lobby.rule.liveTitle')} style={{ marginTop: 16 }}>
            {queue.data ? <LiveOrder zones={queue.data.zones} params={rule.data} /> : <Empty description={t('common.noData')} />}
          </Card>
        </>
      ) : rule.isError ? (
        <ErrorAlert error={rule.error} onRetry={() => void rule.refetch()} />
      ) : (
        <FullSpin />
      )}
    </div>
  );
}
