// One handover's complete file (profile, needs, holdings, contacts, open tasks, recent events) and,
// for its receiver while pending, accept or return with a reason.
// data-testid: handover-file, handover-accept, handover-return, handover-return-reason, handover-return-ok, handover-status
import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Input, List, Modal, Row, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { TASK_KIND_LABELS } from '@contracts/engagement';
import { useMe } from '../../app/auth';
import { useNamePick } from '../../app/lang';
import { PageTitle } from '../../components/page-title';
import { ErrorAlert } from '../../components/error-alert';
import { formatYuan } from '../../components/money';
import { useApiError } from '../../components/use-api-error';
import { useAcceptHandover, useHandover, useReturnHandover } from './api';

export function HandoverPage() {
  const { t } = useTranslation();
  const pick = useNamePick();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const me = useMe();
  const nav = useNavigate();
  const file = useHandover(id);
  const accept = useAcceptHandover();
  const ret = useReturnHandover();
  const onError = useApiError();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  if (file.error) return <ErrorAlert error={file.error} />;
  const f = file.data;
  if (!f) return <Card loading />;
  const h = f.handover;
  const mine = h.status === 'pending' && h.toStaffId === me.staffId;
  const doAccept = async () => {
    try {
      await accept.mutateAsync(id);
      void message.success(t('engagement.handover.accepted'));
      void nav('/workbench');
    } catch (e) {
      onError(e);
    }
  };
  const doReturn = async () => {
    try {
      await ret.mutateAsync({ id, reason });
      void message.success(t('engagement.handover.returned'));
      setReturning(false);
    } catch (e) {
      onError(e);
    }
  };
  const p = f.profile;
  return (
    <div data-testid="handover-file">
      <PageTitle
        title={`${t('engagement.handover.file')} · ${p.name} · ${p.customerNo}`}
        subtitle={<Space>{t('engagement.workbench.from', { name: h.fromName })} → {h.toName}<Tag data-testid="handover-status">{t(`engagement.handover.statuses.${h.status}`)}</Tag>{h.returnReason ? <Typography.Text type="danger">{h.returnReason}</Typography.Text> : null}</Space>}
        extra={mine ? [
          <Button key="a" type="primary" loading={accept.isPending} data-testid="handover-accept" onClick={() => void doAccept()}>{t('engagement.handover.accept')}</Button>,
          <Button key="r" danger data-testid="handover-return" onClick={() => setReturning(true)}>{t('engagement.handover.return')}</Button>,
        ] : null}
      />
      {h.note ? <Card size="small" style={{ marginBottom: 16 }}><Typography.Text>{t('engagement.handover.note')}：{h.note}</Typography.Text></Card> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('engagement.handover.profile')}>
            <Descriptions size="small" column={2} items={[
              { key: 'tier', label: t('engagement.handover.fields.tier'), children: p.tierCode },
              { key: 'age', label: t('engagement.handover.fields.age'), children: p.age ?? '—' },
              { key: 'occ', label: t('engagement.handover.fields.occupation'), children: [p.occupation, p.employer].filter(Boolean).join(' · ') || '—' },
              { key: 'risk', label: t('engagement.handover.fields.risk'), children: p.riskLevel ? `${p.riskLevel}（${p.riskAssessedOn}）` : '—' },
              { key: 'ch', label: t('engagement.handover.fields.channel'), children: p.preferredChannel ?? '—' },
              { key: 'time', label: t('engagement.handover.fields.contactTime'), children: p.preferredContactTime || '—' },
              { key: 'aum', label: t('engagement.handover.fields.aum'), children: p.aum ? formatYuan(p.aum) : t('engagement.handover.balanceHidden') },
              { key: 'branch', label: t('engagement.handover.fields.branch'), children: p.branchName },
              { key: 'family', label: t('engagement.handover.fields.family'), span: 2, children: p.familyNotes || '—' },
            ]} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('engagement.handover.needs')}>
            <List size="small" dataSource={f.needs} locale={{ emptyText: '—' }} renderItem={(n) => (
              <List.Item><Space><Tag>{t(`engagement.activity.needKinds.${n.kind}`)}</Tag>{n.description}{n.met ? <Tag color="green">✓</Tag> : null}</Space></List.Item>
            )} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('engagement.handover.holdings')}>
            <Table size="small" pagination={false} rowKey={(r) => `${r.productName}-${r.maturesOn}-${r.balance}`} dataSource={f.holdings} columns={[
              { title: t('engagement.handover.holdings'), dataIndex: 'productName' },
              { title: t('engagement.handover.fields.aum'), dataIndex: 'balance', align: 'right', render: (v: string | null) => (v ? formatYuan(v) : t('engagement.handover.balanceHidden')) },
              { title: t('engagement.tasks.dueOn'), dataIndex: 'maturesOn', render: (v: string | null) => v ?? '—' },
            ]} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('engagement.handover.openTasks')}>
            <List size="small" dataSource={f.openTasks} locale={{ emptyText: '—' }} renderItem={(x) => (
              <List.Item><Space><Tag>{pick(TASK_KIND_LABELS[x.kind].zh, TASK_KIND_LABELS[x.kind].en)}</Tag>{pick(x.title, x.titleEn || x.title)} · {x.dueOn}</Space></List.Item>
            )} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('engagement.handover.activities')}>
            <List size="small" dataSource={f.activities} locale={{ emptyText: '—' }} renderItem={(a) => (
              <List.Item><Space direction="vertical" size={0}><span>{a.occurredAt.slice(0, 10)} · {t(`engagement.activity.channels.${a.channel}`)} · {t(`engagement.activity.outcomes.${a.outcome}`)} · {a.staffName}</span><Typography.Text type="secondary">{a.summary}</Typography.Text></Space></List.Item>
            )} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('engagement.handover.notes')} extra={h.status === 'accepted' ? <Link to={`/customers/${h.customerId}`}>360</Link> : null}>
            <List size="small" dataSource={f.notes} locale={{ emptyText: '—' }} renderItem={(n) => <List.Item><Typography.Text type="secondary">{n.at.slice(0, 10)}</Typography.Text>&nbsp;{n.title}</List.Item>} />
          </Card>
        </Col>
      </Row>
      <Modal open={returning} title={t('engagement.handover.return')} onCancel={() => setReturning(false)} onOk={() => void doReturn()} confirmLoading={ret.isPending}
        okButtonProps={{ 'data-testid': 'handover-return-ok', disabled: reason.trim().length < 2 } as { disabled: boolean }}>
        <Input.TextArea rows={3} maxLength={200} placeholder={t('engagement.handover.returnReason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="handover-return-reason" />
      </Modal>
    </div>
  );
}
