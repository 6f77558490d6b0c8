// Head office: the KPI library, the scorecards per role (weights must sum to 100, shown live), and the
// monthly runs with freezing and the recomputation of a frozen month (request, then another approves).
// data-testid: perf-tabs, kpi-table, kpi-add, kpi-form, card-select, card-items, weight-<code>, target-<code>, weight-sum, card-save,
// card-add-kpi, runs-table, run-month, run-now, run-freeze, run-recompute, run-approve-<id>, run-reject-<id>
import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { PerfKpi, PerfRun, PerfScorecard, SaveKpiBody, SaveScorecardBody } from '@contracts/performance';
import { PERF_MEASURES, PERF_ROLE_LABELS, PERF_UNITS, PERF_UNIT_LABELS } from '@contracts/performance';
import { useBi, useNamePick } from '../../app/lang';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';
import { useDecideRecompute, useFreeze, usePerfKpis, useRequestRecompute, useRunNow, useRuns, useSaveKpi, useSaveScorecard, useScorecards } from './api';

type Item = SaveScorecardBody['items'][number];

function KpiLibrary() {
  const { t } = useTranslation();
  const bi = useBi();
  const onError = useApiError();
  const { message } = App.useApp();
  const kpis = usePerfKpis();
  const save = useSaveKpi();
  const [editing, setEditing] = useState<PerfKpi | 'new' | null>(null);
  const [form] = Form.useForm<SaveKpiBody>();
  useEffect(() => {
    if (editing && editing !== 'new') form.setFieldsValue({ ...editing });
    else if (editing === 'new') form.setFieldsValue({ code: '', measure: 'sales_amount', params: {}, nameZh: '', nameEn: '', unit: 'amount', direction: 'higher', descriptionZh: '', descriptionEn: '', active: true });
  }, [editing, form]);
  const submit = async () => {
    const body = await form.validateFields();
    const params = Object.fromEntries(Object.entries(body.params ?? {}).filter(([, v]) => v !== undefined && v !== ''));
    save.mutate({ id: editing && editing !== 'new' ? editing.id : undefined, body: { ...body, params } }, {
      onSuccess: () => { void message.success(t('perf.admin.saved')); setEditing(null); },
      onError: (e) => onError(e, form),
    });
  };
  return (
    <>
      {kpis.error ? <ErrorAlert error={kpis.error} /> : null}
      <Flex justify="end" style={{ marginBottom: 8 }}><Button type="primary" data-testid="kpi-add" onClick={() => setEditing('new')}>{t('perf.admin.addKpi')}</Button></Flex>
      <Table<PerfKpi> size="small" rowKey="id" dataSource={kpis.data ?? []} pagination={false} data-testid="kpi-table" scroll={{ x: 900 }}
        columns={[
          { title: t('perf.admin.code'), dataIndex: 'code', width: 190 },
          { title: t('perf.admin.name'), key: 'name', render: (_, k) => <span>{k.nameZh}<Typography.Text type="secondary"> {k.nameEn}</Typography.Text></span> },
          { title: t('perf.admin.measure'), dataIndex: 'measure', width: 170 },
          { title: t('perf.admin.params'), key: 'p', width: 150, render: (_, k) => Object.entries(k.params).map(([a, b]) => <Tag key={a}>{a}={String(b)}</Tag>) },
          { title: t('perf.admin.unit'), dataIndex: 'unit', width: 70, render: (u: PerfKpi['unit']) => bi(PERF_UNIT_LABELS[u]) },
          { title: t('perf.admin.direction'), dataIndex: 'direction', width: 100, render: (d: string) => (d === 'higher' ? t('perf.admin.higher') : t('perf.admin.lower')) },
          { title: t('perf.admin.active'), dataIndex: 'active', width: 70, render: (a: boolean) => (a ? <Tag color="green">✓</Tag> : <Tag>—</Tag>) },
          { title: '', key: 'e', width: 70, render: (_, k) => <Button size="small" type="link" onClick={() => setEditing(k)}>{t('perf.admin.edit')}</Button> },
        ]} />
      <Modal open={editing !== null} title={editing === 'new' ? t('perf.admin.addKpi') : t('perf.admin.edit')} onCancel={() => setEditing(null)} onOk={() => void submit()}
        okText={t('perf.admin.save')} cancelText={t('perf.admin.cancel')} confirmLoading={save.isPending} forceRender>
        <Form form={form} layout="vertical" data-testid="kpi-form">
          <Form.Item name="code" label={t('perf.admin.code')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="nameZh" label={`${t('perf.admin.name')}（中文）`} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="nameEn" label={`${t('perf.admin.name')} (English)`} rules={[{ required: true }]}><Input /></Form.Item>
          <Space wrap>
            <Form.Item name="measure" label={t('perf.admin.measure')}><Select style={{ width: 220 }} options={PERF_MEASURES.map((m) => ({ value: m, label: m }))} /></Form.Item>
            <Form.Item name={['params', 'category']} label="category"><Input style={{ width: 120 }} /></Form.Item>
            <Form.Item name="unit" label={t('perf.admin.unit')}><Select style={{ width: 100 }} options={PERF_UNITS.map((u) => ({ value: u, label: bi(PERF_UNIT_LABELS[u]) }))} /></Form.Item>
            <Form.Item name="direction" label={t('perf.admin.direction')}>
              <Select style={{ width: 130 }} options={[{ value: 'higher', label: t('perf.admin.higher') }, { value: 'lower', label: t('perf.admin.lower') }]} />
            </Form.Item>
            <Form.Item name="active" label={t('perf.admin.active')} valuePropName="checked"><Switch /></Form.Item>
          </Space>
          <Form.Item name="descriptionZh" label="说明"><Input.TextArea rows={2} /></Form.Item>
          <Form.Item name="descriptionEn" label="Description"><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function ruleText(r: Item['rule'], t: (k: string, o?: Record<string, unknown>) => string): string {
  if (r.kind === 'linear') return t('perf.admin.linear', { cap: r.cap });
  if (r.kind === 'thresholds') return `${t('perf.admin.thresholds')} ${r.steps.map((s) => `${s.at}→${s.score}`).join(' / ')}`;
  return `${t('perf.admin.rankRule')} ${r.bands.map((b) => `≤${b.topPct}%→${b.score}`).join(' / ')}`;
}

function ScorecardEditor() {
  const { t } = useTranslation();
  const pick = useNamePick();
  const bi = useBi();
  const onError = useApiError();
  const { message } = App.useApp();
  const cards = useScorecards();
  const kpis = usePerfKpis();
  const save = useSaveScorecard();
  const [cardId, setCardId] = useState<number | null>(null);
  const card = (cards.data ?? []).find((c) => c.id === cardId) ?? (cards.data ?? [])[0] ?? null;
  const [items, setItems] = useState<Item[]>([]);
  useEffect(() => {
    if (card) setItems(card.items.map(({ kpiCode, weight, targetMode, targetValue, rule, gate }) => ({ kpiCode, weight, targetMode, targetValue, rule, gate })));
  }, [card]);
  const sum = useMemo(() => Math.round(items.reduce((a, i) => a + (i.weight || 0), 0) * 100) / 100, [items]);
  const kpiName = (code: string) => {
    const k = (kpis.data ?? []).find((x) => x.code === code);
    return k ? pick(k.nameZh, k.nameEn) : code;
  };
  const set = (i: number, patch: Partial<Item>) => setItems((xs) => xs.map((x, n) => (n === i ? { ...x, ...patch } : x)));
  const submit = (c: PerfScorecard) => {
    const body: SaveScorecardBody = { code: c.code, roleCode: c.roleCode, gradeCode: c.gradeCode, nameZh: c.nameZh, nameEn: c.nameEn, effectiveMonth: c.effectiveMonth, active: c.active, items };
    save.mutate({ id: c.id, body }, { onSuccess: () => void message.success(t('perf.admin.saved')), onError: (e) => onError(e) });
  };
  if (cards.error) return <ErrorAlert error={cards.error} />;
  if (!card) return null;
  const unused = (kpis.data ?? []).filter((k) => k.active && !items.some((i) => i.kpiCode === k.code));
  return (
    <Card size="small"
      title={(
        <Select style={{ minWidth: 320 }} value={card.id} onChange={setCardId} data-testid="card-select"
          options={(cards.data ?? []).map((c) => ({ value: c.id, label: `${pick(c.nameZh, c.nameEn)} · ${bi(PERF_ROLE_LABELS[c.roleCode])}${c.gradeCode ? ` · ${c.gradeCode}` : ''} · ${c.effectiveMonth}` }))} />
      )}
      extra={(
        <Space>
          <Tag color={sum === 100 ? 'green' : 'red'} data-testid="weight-sum" style={{ fontSize: 14, padding: '2px 10px' }}>{t('perf.admin.weightSum', { sum })}</Tag>
          <Button type="primary" disabled={sum !== 100} loading={save.isPending} onClick={() => submit(card)} data-testid="card-save">{t('perf.admin.save')}</Button>
        </Space>
      )}>
      <Table<Item> size="small" rowKey="kpiCode" dataSource={items} pagination={false} data-testid="card-items" scroll={{ x: 900 }}
        columns={[
          { title: t('perf.admin.kpi'), key: 'k', render: (_, r) => kpiName(r.kpiCode) },
          {
            title: t('perf.admin.weight'), key: 'w', width: 120,
            render: (_, r, i) => <InputNumber min={0} max={100} step={1} value={r.weight} onChange={(v) => set(i, { weight: Number(v ?? 0) })} data-testid={`weight-${r.kpiCode}`} />,
          },
          {
            title: t('perf.admin.targetMode'), key: 'm', width: 150,
            render: (_, r, i) => (
              <Select size="small" style={{ width: 130 }} value={r.targetMode} onChange={(v) => set(i, { targetMode: v })}
                options={[{ value: 'fixed', label: t('perf.admin.fixed') }, { value: 'per_person', label: t('perf.admin.perPerson') }, { value: 'last_year_growth', label: t('perf.admin.lastYear') }]} />
            ),
          },
          {
            title: t('perf.admin.targetValue'), key: 'tv', width: 160,
            render: (_, r, i) => <InputNumber style={{ width: 140 }} value={r.targetValue} onChange={(v) => set(i, { targetValue: v === null ? null : Number(v) })} data-testid={`target-${r.kpiCode}`} />,
          },
          { title: t('perf.admin.rule'), key: 'r', render: (_, r) => ruleText(r.rule, t) },
          { title: t('perf.admin.gate'), key: 'g', width: 180, render: (_, r) => (r.gate ? <Tag color="red">{kpiName(r.gate.kpi)} {r.gate.op} {r.gate.value}</Tag> : t('perf.admin.none')) },
          { title: '', key: 'x', width: 70, render: (_, _r, i) => <Button size="small" type="link" danger onClick={() => setItems((xs) => xs.filter((_, n) => n !== i))}>{t('perf.admin.remove')}</Button> },
        ]} />
      <Flex style={{ marginTop: 8 }}>
        <Select style={{ width: 280 }} placeholder={t('perf.admin.addItem')} value={null} data-testid="card-add-kpi"
          options={unused.map((k) => ({ value: k.code, label: pick(k.nameZh, k.nameEn) }))}
          onChange={(code: string) => setItems((xs) => [...xs, { kpiCode: code, weight: 0, targetMode: 'fixed', targetValue: null, rule: { kind: 'thresholds', steps: [{ at: 0, score: 100 }] }, gate: null }])} />
      </Flex>
    </Card>
  );
}

function Runs() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const onError = useApiError();
  const runs = useRuns();
  const runNow = useRunNow();
  const freeze = useFreeze();
  const request = useRequestRecompute();
  const decide = useDecideRecompute();
  const [month, setMonth] = useState(dayjs().subtract(1, 'month').format('YYYY-MM'));
  const [reason, setReason] = useState('');
  const ok = () => void message.success(t('perf.admin.saved'));
  const ask = (title: string, then: (text: string) => void) => {
    let text = '';
    modal.confirm({ title, content: <Input.TextArea rows={3} onChange={(e) => { text = e.target.value; }} data-testid="reason-input" />, onOk: () => then(text) });
  };
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <DatePicker picker="month" value={dayjs(`${month}-01`)} allowClear={false} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} data-testid="run-month" />
        <Button onClick={() => runNow.mutate(month, { onSuccess: ok, onError: (e) => onError(e) })} loading={runNow.isPending} data-testid="run-now">{t('perf.admin.runNow')}</Button>
        <Button onClick={() => modal.confirm({ title: t('perf.admin.confirmFreeze'), onOk: () => freeze.mutate(month, { onSuccess: ok, onError: (e) => onError(e) }) })} data-testid="run-freeze">{t('perf.admin.freeze')}</Button>
        <Input style={{ width: 260 }} placeholder={t('perf.admin.reasonPrompt')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="recompute-reason" />
        <Button onClick={() => request.mutate({ month, reason }, { onSuccess: () => { ok(); setReason(''); }, onError: (e) => onError(e) })} data-testid="run-recompute">{t('perf.admin.recompute')}</Button>
      </Flex>
      {runs.error ? <ErrorAlert error={runs.error} /> : null}
      <Table<PerfRun> size="small" rowKey="id" dataSource={runs.data ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="runs-table" scroll={{ x: 1000 }}
        columns={[
          { title: t('perf.admin.month'), dataIndex: 'month', width: 90 },
          { title: t('perf.admin.version'), dataIndex: 'version', width: 60, align: 'center' },
          {
            title: t('perf.admin.status'), dataIndex: 'status', width: 100,
            render: (s: PerfRun['status']) => <Tag color={s === 'frozen' ? 'green' : s === 'requested' ? 'orange' : s === 'superseded' ? 'default' : 'blue'}>{t(`perf.admin.statusLabel.${s}`)}</Tag>,
          },
          { title: t('perf.admin.kind'), dataIndex: 'kind', width: 110, render: (k: string) => t(`perf.admin.kindLabel.${k}`) },
          { title: t('perf.admin.asOf'), dataIndex: 'asOf', width: 110 },
          { title: t('perf.admin.staffCount'), dataIndex: 'staffCount', width: 70, align: 'right' },
          { title: t('perf.admin.requestedBy'), dataIndex: 'requestedBy', width: 100 },
          { title: t('perf.admin.approvedBy'), dataIndex: 'approvedBy', width: 100 },
          { title: t('perf.admin.reason'), dataIndex: 'reason', ellipsis: true },
          {
            title: '', key: 'a', width: 150,
            render: (_, r) => (r.status === 'requested' ? (
              <Space size={4}>
                <Button size="small" type="primary" data-testid={`run-approve-${r.id}`} onClick={() => decide.mutate({ id: r.id, approve: true }, { onSuccess: ok, onError: (e) => onError(e) })}>{t('perf.admin.approve')}</Button>
                <Button size="small" danger data-testid={`run-reject-${r.id}`} onClick={() => ask(t('perf.admin.rejectPrompt'), (text) => decide.mutate({ id: r.id, approve: false, reason: text }, { onSuccess: ok, onError: (e) => onError(e) }))}>
                  {t('perf.admin.reject')}
                </Button>
              </Space>
            ) : null),
          },
        ]} />
    </>
  );
}

export function ScorecardsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t('perf.admin.title')} subtitle={t('perf.admin.subtitle')} />
      <Tabs data-testid="perf-tabs" items={[
        { key: 'cards', label: t('perf.admin.scorecards'), children: <ScorecardEditor /> },
        { key: 'kpis', label: t('perf.admin.kpis'), children: <KpiLibrary /> },
        { key: 'runs', label: t('perf.admin.runs'), children: <Runs /> },
      ]} />
    </>
  );
}
