// Tier rules (分层规则): the ladder of customer tiers and their AUM thresholds, which AUM figure
// decides, the downgrade grace, and the evaluation that applies them to every customer.
// data-testid: tiers-page, the ladder's (tier-ladder.tsx), tiers-settings, tiers-basis, tiers-grace, tiers-settings-save,
// tiers-settings-updated, tiers-evaluate, tiers-evaluate-confirm, tiers-run-result,
// tiers-result-<evaluated|upgraded|downgraded|overridesExpired|unchanged|monthsBelowCounted|rmsNotified>,
// tiers-runs, run-row-<id>
import { useEffect, useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, InputNumber, Popconfirm, Row, Select, Statistic, Table, Tag, Typography } from 'antd';
import { PlayCircleOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { TIER_BASES, TIER_BASIS_LABELS, type TierRun, type TierRunSummary, type TierSettings } from '@contracts/tiers';
import { useBi } from '../../app/lang';
import { ErrorAlert } from '../../components/error-alert';
import { FullSpin } from '../../components/full-spin';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';
import { useTierLadder } from '../../components/use-tiers';
import { useEvaluate, useSaveSettings, useTierRuns, useTierSettings } from './api';
import { LadderCard } from './tier-ladder';

function SettingsCard({ settings }: { settings: TierSettings }) {
  const { t } = useTranslation();
  const bi = useBi();
  const { message } = App.useApp();
  const showError = useApiError();
  const save = useSaveSettings();
  const [form] = Form.useForm<{ basis: TierSettings['basis']; downgradeGraceMonths: number }>();
  useEffect(() => {
    form.setFieldsValue({ basis: settings.basis, downgradeGraceMonths: settings.downgradeGraceMonths });
  }, [settings, form]);
  return (
    <Card title={t('tiers.settingsTitle')} data-testid="tiers-settings" style={{ height: '100%' }}>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          save
            .mutateAsync(v)
            .then(() => message.success(t('common.saved')))
            .catch((e: unknown) => showError(e, form))
        }
      >
        <Form.Item name="basis" label={t('tiers.basis')} rules={[{ required: true }]}>
          <Select data-testid="tiers-basis" options={TIER_BASES.map((b) => ({ value: b, label: bi(TIER_BASIS_LABELS[b]) }))} />
        </Form.Item>
        <Form.Item name="downgradeGraceMonths" label={t('tiers.grace')} extra={t('tiers.graceHint')} rules={[{ required: true, type: 'integer', min: 0, max: 24 }]}>
          <InputNumber min={0} max={24} precision={0} suffix={t('tiers.months')} style={{ width: 160 }} data-testid="tiers-grace" />
        </Form.Item>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="tiers-settings-updated">
            {settings.updatedAt
              ? settings.updatedByName
                ? t('tiers.updated', { at: dayjs(settings.updatedAt).format('YYYY-MM-DD HH:mm'), by: settings.updatedByName })
                : t('tiers.updatedAt', { at: dayjs(settings.updatedAt).format('YYYY-MM-DD HH:mm') })
              : null}
          </Typography.Text>
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending} data-testid="tiers-settings-save">
            {t('common.save')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}

const RESULT_KEYS = ['evaluated', 'upgraded', 'downgraded', 'overridesExpired', 'unchanged', 'monthsBelowCounted', 'rmsNotified'] as const;
const RESULT_COLOR: Partial<Record<(typeof RESULT_KEYS)[number], string>> = { upgraded: '#389e0d', downgraded: '#cf1322' };

function EvaluationCard({ result }: { result: TierRunSummary | null }) {
  const { t } = useTranslation();
  return (
    <Card title={t('tiers.lastResult')} style={{ height: '100%' }}>
      {result ? (
        <div data-testid="tiers-run-result">
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('tiers.resultTitle', { month: result.month.slice(0, 7), ms: (result.milliseconds / 1000).toFixed(1) })}
            description={result.resumedFrom ? t('tiers.resumed', { id: result.resumedFrom }) : undefined}
          />
          <Row gutter={[16, 16]}>
            {RESULT_KEYS.map((k) => (
              <Col key={k} xs={12} sm={8}>
                <Statistic
                  title={t(`tiers.result.${k}`)}
                  value={result[k]}
                  styles={{ content: { color: RESULT_COLOR[k] } }}
                  data-testid={`tiers-result-${k}`}
                />
              </Col>
            ))}
          </Row>
        </div>
      ) : (
        <Typography.Paragraph type="secondary">{t('tiers.evaluateHint')}</Typography.Paragraph>
      )}
    </Card>
  );
}

function RunsCard() {
  const { t } = useTranslation();
  const runs = useTierRuns();
  const num = (r: TierRun, k: string) => (typeof r.detail[k] === 'number' ? (r.detail[k] as number) : null);
  return (
    <Card title={t('tiers.runsTitle')}>
      {runs.isError ? (
        <ErrorAlert error={runs.error} onRetry={() => void runs.refetch()} />
      ) : (
        <Table<TierRun>
          data-testid="tiers-runs"
          size="small"
          rowKey="id"
          loading={runs.isPending}
          dataSource={runs.data ?? []}
          pagination={false}
          scroll={{ x: 760 }}
          onRow={(r) => ({ 'data-testid': `run-row-${r.id}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: '#', dataIndex: 'id', width: 70 },
            {
              title: t('tiers.runStatus'),
              dataIndex: 'status',
              width: 100,
              render: (s: string) => <Tag color={s === 'done' ? 'green' : s === 'failed' ? 'red' : 'blue'}>{t(`tiers.status.${s}`, { defaultValue: s })}</Tag>,
            },
            { title: t('tiers.runStarted'), dataIndex: 'startedAt', width: 150, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
            {
              title: t('tiers.runDuration'),
              key: 'dur',
              width: 90,
              render: (_, r) => (r.finishedAt ? `${(dayjs(r.finishedAt).diff(dayjs(r.startedAt)) / 1000).toFixed(1)} s` : '—'),
            },
            { title: t('tiers.result.evaluated'), key: 'evaluated', width: 90, align: 'right', render: (_, r) => num(r, 'evaluated') ?? '—' },
            {
              title: t('tiers.result.upgraded'),
              key: 'upgraded',
              width: 80,
              align: 'right',
              render: (_, r) => <Typography.Text type="success">{num(r, 'upgraded') ?? '—'}</Typography.Text>,
            },
            {
              title: t('tiers.result.downgraded'),
              key: 'downgraded',
              width: 80,
              align: 'right',
              render: (_, r) => <Typography.Text type="danger">{num(r, 'downgraded') ?? '—'}</Typography.Text>,
            },
            {
              title: t('tiers.runNote'),
              key: 'note',
              ellipsis: true,
              render: (_, r) => (typeof r.detail.error === 'string' ? <Typography.Text type="danger">{r.detail.error}</Typography.Text> : null),
            },
          ]}
        />
      )}
    </Card>
  );
}

export function TiersPage() {
  const { t } = useTranslation();
  const showError = useApiError();
  const { message } = App.useApp();
  const ladder = useTierLadder();
  const settings = useTierSettings();
  const evaluate = useEvaluate();
  const [result, setResult] = useState<TierRunSummary | null>(null);

  const run = async () => {
    try {
      const r = await evaluate.mutateAsync();
      setResult(r);
      void message.success(t('tiers.evaluated', { n: r.evaluated }));
    } catch (e) {
      showError(e);
    }
  };

  if (ladder.isPending || settings.isPending) return <FullSpin />;
  if (ladder.isError) return <ErrorAlert error={ladder.error} onRetry={() => void ladder.refetch()} />;
  if (settings.isError) return <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;

  return (
    <div data-testid="tiers-page">
      <PageTitle
        title={t('tiers.title')}
        subtitle={t('tiers.subtitle')}
        extra={
          <Popconfirm
            title={t('tiers.evaluateConfirmTitle')}
            description={t('tiers.evaluateConfirm')}
            okText={t('tiers.evaluate')}
            cancelText={t('common.cancel')}
            okButtonProps={{ 'data-testid': 'tiers-evaluate-confirm' }}
            onConfirm={() => void run()}
          >
            <Button type="primary" danger icon={<PlayCircleOutlined />} loading={evaluate.isPending} data-testid="tiers-evaluate">
              {t('tiers.evaluate')}
            </Button>
          </Popconfirm>
        }
      />
      <LadderCard tiers={ladder.data} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={10}>
          <SettingsCard settings={settings.data} />
        </Col>
        <Col xs={24} lg={14}>
          <EvaluationCard result={result} />
        </Col>
      </Row>
      <RunsCard />
    </div>
  );
}
