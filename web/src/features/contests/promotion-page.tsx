// Grade promotion (职级晋升): the month's list of RMs who qualify for a step up or fall under the
// demotion line, each with the evidence (every figure the rule used), approved or rejected with a
// reason by a manager in reach; head office edits the rules per grade.
// data-testid: promotion-page, promotion-month, promotion-generate, reviews-table, review-row-<id>, review-approve-<id>,
// review-reject-<id>, review-evidence-<id>, decide-reason, decide-ok, rules-table, rule-edit-<id>, rule-form, rule-save
import { useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, List, Modal, Segmented, Select, Switch, Table, Tabs, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { PromotionReview, PromotionRule, SavePromotionRuleBody } from '@contracts/contests';
import { useMe } from '../../app/auth';
import { useLang, useNamePick } from '../../app/lang';
import { ErrorAlert } from '../../components/error-alert';
import { groupYuan } from '../../components/money';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';
import { useCertificateTypes, useDecide, useGenerateReviews, usePromotionRules, useReviews, useSaveRule } from './api';
import './locale';

const STATUS_COLOR = { pending: 'processing', approved: 'success', rejected: 'default' } as const;

/** Certificate codes as the reader's names. */
function useCertName(): (code: string) => string {
  const types = useCertificateTypes();
  const pick = useNamePick();
  return (code) => {
    const t = types.data?.find((x) => x.code === code);
    return t ? pick(t.nameZh, t.nameEn) : code;
  };
}

function Evidence({ r }: { r: PromotionReview }) {
  const { t } = useTranslation();
  const lang = useLang();
  const cert = useCertName();
  const e = r.evidence;
  return (
    <Flex gap={32} wrap data-testid={`review-evidence-${r.id}`}>
      <List size="small" style={{ minWidth: 420 }} dataSource={e.checks} renderItem={(c) => (
        <List.Item>{c.ok ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />} <span style={{ marginLeft: 8 }}>{lang === 'en' ? c.en : c.zh}</span></List.Item>
      )} />
      <div>
        <Typography.Text strong>{t('contests.promotion.scores')}</Typography.Text>
        <div>{e.scores.map((s) => <Tag key={s.month}>{s.month}: {s.total === null ? '—' : s.total.toFixed(2)}</Tag>)}</div>
        <div style={{ marginTop: 8 }}>{t('contests.promotion.avg')}: {e.avgScore === null ? '—' : e.avgScore.toFixed(2)} · {t('contests.promotion.aum')}: {groupYuan(e.aum)}</div>
        <div>{t('contests.promotion.held')}: {e.certificatesHeld.map(cert).join('、') || '—'}</div>
        <div>{t('contests.promotion.upheld')}: {e.upheldComplaints} · {t('contests.promotion.clean')}: {e.cleanRecord ? t('common.yes') : t('common.no')}</div>
      </div>
    </Flex>
  );
}

function Reviews() {
  const { t } = useTranslation();
  const pick = useNamePick();
  const { message } = App.useApp();
  const onError = useApiError();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [status, setStatus] = useState<string>('pending');
  const [page, setPage] = useState(1);
  const m = month.format('YYYY-MM');
  const q = useReviews(m, status === 'all' ? undefined : status, page);
  const gen = useGenerateReviews();
  const decide = useDecide();
  const [deciding, setDeciding] = useState<{ id: number; action: 'approve' | 'reject' } | null>(null);
  const [reason, setReason] = useState('');
  /** Every row's evidence open until the reader folds one. */
  const [expanded, setExpanded] = useState<number[] | null>(null);
  const grade = (g: PromotionReview['from']) => `${pick(g.nameZh, g.nameEn)} ${t('contests.promotion.step', { n: g.step })}`;
  const submit = () => {
    if (!deciding) return;
    if (deciding.action === 'reject' && reason.trim().length < 2) return void message.warning(t('contests.promotion.reasonRequired'));
    decide.mutate({ ...deciding, body: { reason: reason.trim() } }, {
      onSuccess: () => { void message.success(t('common.saved')); setDeciding(null); setReason(''); },
      onError: (e) => onError(e),
    });
  };
  return (
    <Card>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <DatePicker picker="month" value={month} onChange={(v) => { if (v) { setMonth(v); setPage(1); } }} allowClear={false} data-testid="promotion-month" />
        <Segmented value={status} onChange={(v) => { setStatus(v); setPage(1); }} options={(['pending', 'approved', 'rejected', 'all'] as const).map((s) => ({ value: s, label: s === 'all' ? t('common.viewAll') : t(`contests.promotion.${s}`) }))} />
        <Button onClick={() => gen.mutate(m, { onSuccess: (r) => void message.success(t('contests.promotion.generated', r)), onError: (e) => onError(e) })}
          loading={gen.isPending} data-testid="promotion-generate">{t('contests.promotion.generate')}</Button>
      </Flex>
      {q.error ? <ErrorAlert error={q.error} /> : null}
      <Table<PromotionReview> rowKey="id" data-testid="reviews-table" loading={q.isPending} dataSource={q.data?.items ?? []} locale={{ emptyText: t('contests.promotion.empty') }}
        onRow={(r) => ({ 'data-testid': `review-row-${r.id}` } as React.HTMLAttributes<HTMLElement>)}
        expandable={{ expandedRowRender: (r) => <Evidence r={r} />, expandedRowKeys: expanded ?? (q.data?.items ?? []).map((r) => r.id), onExpandedRowsChange: (keys) => setExpanded(keys as number[]) }}
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('contests.promotion.staff'), key: 's', render: (_v, r) => `${r.staffName}（${r.staffNo}）` },
          { title: t('contests.promotion.branch'), dataIndex: 'branchName' },
          { title: t('contests.promotion.direction'), dataIndex: 'direction', width: 90, render: (v: string) => <Tag color={v === 'promote' ? 'red' : 'blue'}>{t(`contests.promotion.${v}`)}</Tag> },
          { title: t('contests.promotion.from'), key: 'f', render: (_v, r) => grade(r.from) },
          { title: t('contests.promotion.to'), key: 't', render: (_v, r) => <strong>{grade(r.to)}</strong> },
          { title: t('contests.promotion.status'), dataIndex: 'status', width: 100, render: (v: PromotionReview['status']) => <Tag color={STATUS_COLOR[v]}>{t(`contests.promotion.${v}`)}</Tag> },
          {
            title: t('common.actions'), key: 'a', width: 170, render: (_v, r) => (r.status === 'pending' ? (
              <Flex gap={6}>
                <Button size="small" type="primary" onClick={() => setDeciding({ id: r.id, action: 'approve' })} data-testid={`review-approve-${r.id}`}>{t('contests.promotion.approve')}</Button>
                <Button size="small" danger onClick={() => setDeciding({ id: r.id, action: 'reject' })} data-testid={`review-reject-${r.id}`}>{t('contests.promotion.reject')}</Button>
              </Flex>
            ) : <Typography.Text type="secondary">{r.decidedByName} {r.reason ?? ''}</Typography.Text>),
          },
        ]} />
      <Modal open={deciding !== null} onCancel={() => setDeciding(null)} onOk={submit} confirmLoading={decide.isPending} okButtonProps={{ 'data-testid': 'decide-ok' } as ButtonProps}
        title={deciding?.action === 'reject' ? t('contests.promotion.reject') : t('contests.promotion.approve')}>
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('contests.promotion.reason')} maxLength={500} data-testid="decide-reason" />
      </Modal>
    </Card>
  );
}

type RuleForm = Omit<SavePromotionRuleBody, 'minAvgScore' | 'minAum' | 'demoteBelowScore'> & { minAvgScore: number; minAum: number; demoteBelowScore: number | null };

function Rules({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const { message } = App.useApp();
  const onError = useApiError();
  const q = usePromotionRules();
  const cert = useCertName();
  const save = useSaveRule();
  const [editing, setEditing] = useState<PromotionRule | null>(null);
  const [form] = Form.useForm<RuleForm>();
  const open = (r: PromotionRule) => {
    setEditing(r);
    form.setFieldsValue({ ...r, minAvgScore: Number(r.minAvgScore), minAum: Number(r.minAum), demoteBelowScore: r.demoteBelowScore === null ? null : Number(r.demoteBelowScore) });
  };
  const submit = (v: RuleForm) => {
    if (!editing) return;
    const body: SavePromotionRuleBody = {
      ...v, gradeCode: editing.gradeCode, step: editing.step, minAvgScore: String(v.minAvgScore), minAum: String(v.minAum),
      demoteBelowScore: v.demoteBelowScore === null || v.demoteBelowScore === undefined ? null : String(v.demoteBelowScore),
    };
    save.mutate({ id: editing.id, body }, { onSuccess: () => { void message.success(t('contests.promotion.saved')); setEditing(null); }, onError: (e) => onError(e, form) });
  };
  return (
    <Card>
      {q.error ? <ErrorAlert error={q.error} /> : null}
      <Table<PromotionRule> rowKey="id" size="small" data-testid="rules-table" loading={q.isPending} dataSource={q.data ?? []} pagination={false}
        columns={[
          { title: t('contests.promotion.grade'), key: 'g', render: (_v, r) => `${pick(r.gradeNameZh, r.gradeNameEn)} ${r.step === null ? t('contests.promotion.allSteps') : t('contests.promotion.step', { n: r.step })}` },
          { title: t('contests.promotion.minMonths'), dataIndex: 'minMonthsInGrade', align: 'right' },
          { title: t('contests.promotion.minAvg'), key: 'avg', align: 'right', render: (_v, r) => `${r.minAvgScore}（${r.scoreMonths}）` },
          { title: t('contests.promotion.minAum'), dataIndex: 'minAum', align: 'right', render: (v: string) => groupYuan(v) },
          { title: t('contests.promotion.certificates'), dataIndex: 'requiredCertificates', render: (v: string[]) => v.map((c) => <Tag key={c}>{cert(c)}</Tag>) },
          { title: t('contests.promotion.demoteBelow'), key: 'd', align: 'right', render: (_v, r) => (r.demoteBelowScore === null ? '—' : `${r.demoteBelowScore}（${r.demoteMonths}）`) },
          { title: t('contests.promotion.active'), dataIndex: 'active', render: (v: boolean) => (v ? t('common.yes') : t('common.no')) },
          ...(canEdit ? [{ title: t('common.actions'), key: 'e', render: (_v: unknown, r: PromotionRule) => <Button size="small" onClick={() => open(r)} data-testid={`rule-edit-${r.id}`}>{t('common.edit')}</Button> }] : []),
        ]} />
      <Modal open={editing !== null} onCancel={() => setEditing(null)} onOk={() => form.submit()} confirmLoading={save.isPending} title={t('contests.promotion.editRule')}
        okButtonProps={{ 'data-testid': 'rule-save' } as ButtonProps} destroyOnHidden>
        <Form<RuleForm> form={form} layout="vertical" onFinish={submit} data-testid="rule-form">
          <Flex gap={12}>
            <Form.Item name="minMonthsInGrade" label={t('contests.promotion.minMonths')} rules={[{ required: true }]}><InputNumber min={0} max={240} /></Form.Item>
            <Form.Item name="scoreMonths" label={t('contests.promotion.scoreMonths')} rules={[{ required: true }]}><InputNumber min={1} max={24} /></Form.Item>
            <Form.Item name="minAvgScore" label={t('contests.promotion.minAvg')} rules={[{ required: true }]}><InputNumber min={0} max={100} /></Form.Item>
          </Flex>
          <Form.Item name="minAum" label={t('contests.promotion.minAum')} rules={[{ required: true }]}><InputNumber min={0} style={{ width: 240 }} /></Form.Item>
          <Form.Item name="requiredCertificates" label={t('contests.promotion.certificates')}><Select mode="tags" /></Form.Item>
          <Flex gap={12}>
            <Form.Item name="cleanMonths" label={t('contests.promotion.cleanMonths')} rules={[{ required: true }]}><InputNumber min={0} max={60} /></Form.Item>
            <Form.Item name="demoteBelowScore" label={t('contests.promotion.demoteBelow')}><InputNumber min={0} max={100} /></Form.Item>
            <Form.Item name="demoteMonths" label={t('contests.promotion.demoteMonths')}><InputNumber min={1} max={24} /></Form.Item>
          </Flex>
          <Form.Item name="active" label={t('contests.promotion.active')} valuePropName="checked"><Switch /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

export function PromotionPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canReview = !!me.permissions['promotion.review'];
  const canEdit = !!me.permissions['promotion.rules'];
  const items = [
    ...(canReview ? [{ key: 'reviews', label: t('contests.promotion.title'), children: <Reviews /> }] : []),
    { key: 'rules', label: t('contests.promotion.rules'), children: <Rules canEdit={canEdit} /> },
  ];
  return (
    <div data-testid="promotion-page">
      <PageTitle title={t('contests.promotion.title')} subtitle={t('contests.promotion.subtitle')} />
      <Tabs items={items} />
    </div>
  );
}
