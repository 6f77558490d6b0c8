// The contests list, and for managers the form that sets one up: metrics from the KPI library with
// weights that must add up to 100 (the sum shown live), participating roles and branches, minimums,
// tie-break and prizes.
// data-testid: contests-page, contests-table, contest-row-<id>, contest-create, contest-form, contest-name, contest-period,
// contest-roles, contest-branches, metric-kpi-<i>, metric-weight-<i>, weight-sum, add-metric, contest-submit
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App, Button, Card, DatePicker, Drawer, Flex, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ContestSummary, SaveContestBody } from '@contracts/contests';
import { ROLE_LABELS, type RoleCode } from '@contracts/roles';
import { useMe } from '../../app/auth';
import { useBi, useNamePick } from '../../app/lang';
import { useBranchList } from '../../components/branch-select';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';
import { useContests, useCreateContest, useKpis } from './api';
import { StatusTag } from './shared';

type FormValues = {
  name: string; description?: string; period: [Dayjs, Dayjs]; mode: 'individual' | 'team'; participantRoles: RoleCode[]; participantBranchIds: number[];
  metrics: { kpiCode: string; weight: number }[]; minimums: { kpiCode: string; min: number }[]; tieMetrics: string[]; earlierReach: boolean;
  prizes: { name: string; fromRank: number; toRank: number; reward?: string }[];
};
const DEFAULT_METRICS = [{ kpiCode: 'sales_amount', weight: 50 }, { kpiCode: 'new_premium', weight: 30 }, { kpiCode: 'referrals_converted', weight: 20 }];

function CreateContest({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const pick = useNamePick();
  const bi = useBi();
  const { message } = App.useApp();
  const onError = useApiError();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const kpis = useKpis(open);
  const branches = useBranchList();
  const create = useCreateContest();
  const metrics = Form.useWatch('metrics', form) ?? [];
  const sum = metrics.reduce((s, m) => s + (Number(m?.weight) || 0), 0);
  const chosen = metrics.map((m) => m?.kpiCode).filter(Boolean);
  const kpiOptions = (kpis.data ?? []).map((k) => ({ value: k.code, label: pick(k.nameZh, k.nameEn) }));
  const chosenOptions = kpiOptions.filter((o) => chosen.includes(o.value));
  const branchOptions = useMemo(() => (branches.data ?? []).filter((b) => b.status === 'open').map((b) => ({ value: b.id, label: `${b.name}（${b.code}）` })), [branches.data]);
  const known = new Set((kpis.data ?? []).map((k) => k.code));
  const initial: Partial<FormValues> = {
    mode: 'individual', period: [dayjs().startOf('month'), dayjs().endOf('month')], participantRoles: ['wealth_rm'], participantBranchIds: [me.branchId],
    metrics: DEFAULT_METRICS, minimums: [], tieMetrics: [], earlierReach: true, prizes: [{ name: '一等奖', fromRank: 1, toRank: 1 }, { name: '二等奖', fromRank: 2, toRank: 3 }],
  };

  const submit = (v: FormValues) => {
    const body: SaveContestBody = {
      name: v.name, description: v.description ?? '', periodFrom: v.period[0].format('YYYY-MM-DD'), periodTo: v.period[1].format('YYYY-MM-DD'), mode: v.mode,
      participantRoles: v.participantRoles, participantBranchIds: v.participantBranchIds, metrics: v.metrics.map((m) => ({ kpiCode: m.kpiCode, weight: Number(m.weight) })),
      rules: { minimums: (v.minimums ?? []).map((m) => ({ kpiCode: m.kpiCode, min: String(m.min) })), tieBreak: { metrics: v.tieMetrics ?? [], earlierReach: v.earlierReach } },
      prizes: (v.prizes ?? []).map((p) => ({ name: p.name, fromRank: Number(p.fromRank), toRank: Number(p.toRank), reward: p.reward ?? '' })),
    };
    create.mutate(body, {
      onSuccess: (c) => {
        void message.success(t('contests.form.created'));
        form.resetFields();
        onClose();
        void navigate(`/contests/${c.id}`);
      },
      onError: (e) => onError(e, form),
    });
  };

  return (
    <Drawer open={open} onClose={onClose} title={t('contests.form.title')} size={720} destroyOnHidden
      extra={<Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="contest-submit">{t('common.save')}</Button>}>
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} onFinish={submit} data-testid="contest-form"
        onValuesChange={(changed) => { if ('metrics' in changed) void form.validateFields(['metrics']).catch(() => undefined); }}>
        <Form.Item name="name" label={t('contests.list.name')} rules={[{ required: true, min: 2 }]}><Input data-testid="contest-name" maxLength={80} /></Form.Item>
        <Flex gap={12}>
          <Form.Item name="period" label={t('contests.list.period')} rules={[{ required: true }]} style={{ flex: 1 }}><DatePicker.RangePicker data-testid="contest-period" /></Form.Item>
          <Form.Item name="mode" label={t('contests.list.mode')}>
            <Select style={{ width: 140 }} options={(['individual', 'team'] as const).map((m) => ({ value: m, label: t(`contests.mode.${m}`) }))} />
          </Form.Item>
        </Flex>
        <Form.Item name="participantRoles" label={t('contests.form.roles')} rules={[{ required: true }]}>
          <Select mode="multiple" data-testid="contest-roles" options={(Object.keys(ROLE_LABELS) as RoleCode[]).map((r) => ({ value: r, label: bi(ROLE_LABELS[r]) }))} />
        </Form.Item>
        <Form.Item name="participantBranchIds" label={t('contests.form.branches')} rules={[{ required: true }]}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} data-testid="contest-branches" options={branchOptions} loading={branches.isPending} />
        </Form.Item>
        <Typography.Title level={5}>{t('contests.form.metrics')}</Typography.Title>
        <Form.List name="metrics">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="baseline">
                  <Form.Item name={[f.name, 'kpiCode']} rules={[{ required: true }]} style={{ flex: 1 }}>
                    <Select showSearch={{ optionFilterProp: 'label' }} options={kpiOptions} loading={kpis.isPending} data-testid={`metric-kpi-${i}`}
                      status={metrics[i]?.kpiCode && kpis.data && !known.has(metrics[i]!.kpiCode) ? 'error' : undefined} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'weight']} rules={[{ required: true }]}>
                    <InputNumber min={1} max={100} suffix="%" data-testid={`metric-weight-${i}`} style={{ width: 110 }} />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('contests.form.remove')} />
                </Flex>
              ))}
              <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
                <Button icon={<PlusOutlined />} onClick={() => add({ weight: 10 })} data-testid="add-metric">{t('contests.form.addMetric')}</Button>
                <Tag color={sum === 100 ? 'success' : 'error'} data-testid="weight-sum" style={{ fontSize: 14, padding: '2px 10px' }}>{t('contests.form.weightSum', { sum })}</Tag>
              </Flex>
            </>
          )}
        </Form.List>
        <Typography.Title level={5}>{t('contests.form.minimums')}</Typography.Title>
        <Form.List name="minimums">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="baseline">
                  <Form.Item name={[f.name, 'kpiCode']} rules={[{ required: true }]} style={{ flex: 1 }}><Select options={chosenOptions} /></Form.Item>
                  <Form.Item name={[f.name, 'min']} rules={[{ required: true }]}><InputNumber placeholder={t('contests.form.min')} style={{ width: 160 }} /></Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('contests.form.remove')} />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add()} style={{ marginBottom: 16 }}>{t('contests.form.addMinimum')}</Button>
            </>
          )}
        </Form.List>
        <Flex gap={16} align="center">
          <Form.Item name="tieMetrics" label={t('contests.form.tieBreak')} style={{ flex: 1 }}><Select mode="multiple" options={chosenOptions} /></Form.Item>
          <Form.Item name="earlierReach" label={t('contests.form.earlierReach')} valuePropName="checked"><Switch /></Form.Item>
        </Flex>
        <Typography.Title level={5}>{t('contests.form.prizes')}</Typography.Title>
        <Form.List name="prizes">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}><Input placeholder={t('contests.form.prizeName')} style={{ width: 120 }} /></Form.Item>
                  <Form.Item name={[f.name, 'fromRank']} rules={[{ required: true }]}><InputNumber min={1} placeholder={t('contests.form.fromRank')} /></Form.Item>
                  <Form.Item name={[f.name, 'toRank']} rules={[{ required: true }]}><InputNumber min={1} placeholder={t('contests.form.toRank')} /></Form.Item>
                  <Form.Item name={[f.name, 'reward']}><Input placeholder={t('contests.form.reward')} style={{ width: 200 }} /></Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('contests.form.remove')} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add()}>{t('contests.form.addPrize')}</Button>
            </>
          )}
        </Form.List>
        <Form.Item name="description" label={t('contests.form.description')} style={{ marginTop: 16 }}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      </Form>
    </Drawer>
  );
}

export function ContestsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const pick = useNamePick();
  const q = useContests();
  const [open, setOpen] = useState(false);
  const canCreate = !!me.permissions['contests.manage'];
  return (
    <div data-testid="contests-page">
      <PageTitle title={t('contests.list.title')} subtitle={t('contests.list.subtitle')}
        extra={canCreate ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="contest-create">{t('contests.list.create')}</Button> : null} />
      {q.error ? <ErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Card>
        <Table<ContestSummary> rowKey="id" data-testid="contests-table" loading={q.isPending} dataSource={q.data?.items ?? []} pagination={false}
          locale={{ emptyText: t('contests.list.empty') }} onRow={(r) => ({ 'data-testid': `contest-row-${r.id}` } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('contests.list.name'), dataIndex: 'name', render: (v: string, r) => <Link to={`/contests/${r.id}`}>{v}</Link> },
            { title: t('contests.list.period'), key: 'period', width: 210, render: (_v, r) => `${r.periodFrom} ~ ${r.periodTo}` },
            { title: t('contests.list.status'), dataIndex: 'status', width: 120, render: (_v, r) => <StatusTag status={r.status} /> },
            { title: t('contests.list.mode'), dataIndex: 'mode', width: 90, render: (v: string) => t(`contests.mode.${v}`) },
            { title: t('contests.list.metrics'), key: 'metrics', render: (_v, r) => r.metrics.map((m) => <Tag key={m.kpiCode}>{pick(m.nameZh, m.nameEn)} {m.weight}%</Tag>) },
            { title: t('contests.list.participants'), dataIndex: 'participants', width: 100, align: 'right' },
            { title: t('contests.list.owner'), dataIndex: 'ownerBranchName', width: 140 },
          ]} />
      </Card>
      {canCreate ? <CreateContest open={open} onClose={() => setOpen(false)} /> : null}
    </div>
  );
}
