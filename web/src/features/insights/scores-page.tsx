// Model scores within the caller's scope (an RM: their own book), filtered by model, minimum score
// and tier; a campaign from them for those who may create one.
// data-testid: insight-scores, insight-target, insight-min-score, insight-campaign, campaign-topn, campaign-due, campaign-submit
import { useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, InputNumber, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { INSIGHT_TARGETS, INSIGHT_TARGET_LABELS, insightTarget, type InsightScoreRow, type InsightTarget } from '@contracts/insights';
import { useAuth } from '../../app/auth';
import { useBi } from '../../app/lang';
import { ErrorAlert } from '../../components/error-alert';
import { useTierLadder } from '../../components/use-tiers';
import { useApiError } from '../../components/use-api-error';
import { useCampaign, useInsightScores } from './api';

function CampaignDialog({ target, minScore, onClose }: { target: InsightTarget; minScore?: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const campaign = useCampaign();
  const [mode, setMode] = useState<'top' | 'threshold'>(minScore !== undefined ? 'threshold' : 'top');
  const [top, setTop] = useState(10);
  const [threshold, setThreshold] = useState(minScore ?? 0.5);
  const [due, setDue] = useState(dayjs().add(14, 'day'));
  const submit = () =>
    campaign
      .mutateAsync({ target, dueOn: due.format('YYYY-MM-DD'), ...(mode === 'top' ? { topPerRm: top } : { minScore: threshold }) })
      .then((r) => { void message.success(t('insights.campaign.done', r)); onClose(); }, (e: unknown) => showError(e));
  return (
    <Modal open title={t('insights.campaign.title')} onCancel={onClose} onOk={submit} okButtonProps={{ loading: campaign.isPending, 'data-testid': 'campaign-submit' }}>
      <Form layout="vertical">
        <Form.Item label={t('insights.campaign.mode')}>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'top' | 'threshold')}>
            <Radio value="top">{t('insights.campaign.top')}</Radio>
            <Radio value="threshold">{t('insights.campaign.threshold')}</Radio>
          </Radio.Group>
        </Form.Item>
        {mode === 'top' ? (
          <Form.Item label={t('insights.campaign.top')}><InputNumber min={1} max={500} value={top} onChange={(v) => setTop(v ?? 1)} data-testid="campaign-topn" /></Form.Item>
        ) : (
          <Form.Item label={t('insights.campaign.threshold')}><InputNumber min={0} max={1} step={0.05} value={threshold} onChange={(v) => setThreshold(v ?? 0)} /></Form.Item>
        )}
        <Form.Item label={t('insights.campaign.dueOn')}><DatePicker value={due} onChange={(d) => d && setDue(d)} data-testid="campaign-due" /></Form.Item>
        <Typography.Paragraph type="secondary">{t('insights.campaign.hint')}</Typography.Paragraph>
      </Form>
    </Modal>
  );
}

export function ScoresPage() {
  const { t } = useTranslation();
  const bi = useBi();
  const { can } = useAuth();
  const tiers = useTierLadder();
  const [params, setParams] = useSearchParams();
  const parsed = insightTarget.safeParse(params.get('target'));
  const target: InsightTarget = parsed.success ? parsed.data : 'premium';
  const [minScore, setMinScore] = useState<number | undefined>(undefined);
  const [tierCode, setTierCode] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [campaign, setCampaign] = useState(false);
  const q = useInsightScores({ target, minScore, tierCode, page, pageSize });
  const tierName = (code: string) => { const x = tiers.data?.find((r) => r.code === code); return x ? bi({ zh: x.nameZh, en: x.nameEn }) : code; };
  return (
    <Card title={t('insights.scores.title')} data-testid="insight-scores"
      extra={can('insights.campaign') ? <Button type="primary" onClick={() => setCampaign(true)} data-testid="insight-campaign">{t('insights.scores.campaign')}</Button> : null}>
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <Space><span>{t('insights.scores.target')}</span>
          <Select style={{ width: 160 }} value={target} data-testid="insight-target" onChange={(v) => { setParams({ target: v }); setPage(1); }}
            options={INSIGHT_TARGETS.map((k) => ({ value: k, label: bi(INSIGHT_TARGET_LABELS[k]) }))} />
        </Space>
        <Space><span>{t('insights.scores.minScore')}</span>
          <InputNumber min={0} max={1} step={0.05} value={minScore} onChange={(v) => { setMinScore(v ?? undefined); setPage(1); }} data-testid="insight-min-score" />
        </Space>
        <Space><span>{t('insights.scores.tier')}</span>
          <Select allowClear style={{ width: 140 }} value={tierCode} onChange={(v) => { setTierCode(v); setPage(1); }}
            options={(tiers.data ?? []).map((x) => ({ value: x.code, label: bi({ zh: x.nameZh, en: x.nameEn }) }))} />
        </Space>
      </Flex>
      {q.error ? <ErrorAlert error={q.error} /> : null}
      <Table<InsightScoreRow>
        rowKey="customerId"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={{ current: page, pageSize, total: q.data?.total ?? 0, onChange: (p, s) => { setPage(p); setPageSize(s); } }}
        columns={[
          { title: t('insights.scores.customer'), key: 'c', render: (_, r) => <Link to={`/customers/${r.customerId}`}>{r.name} · {r.customerNo}</Link> },
          { title: t('insights.scores.tier'), key: 'tier', render: (_, r) => tierName(r.tierCode) },
          { title: t('insights.scores.branch'), dataIndex: 'branchName' },
          { title: t('insights.scores.rm'), dataIndex: 'rmName' },
          { title: t('insights.scores.score'), key: 's', render: (_, r) => <Tag color={r.score >= 0.5 ? 'red' : 'blue'}>{(r.score * 100).toFixed(1)}</Tag> },
          { title: t('insights.scores.reasons'), key: 'why', render: (_, r) => r.reasons.map((x) => bi(x)).join('；') },
          { title: t('insights.scores.consent'), key: 'ok', render: (_, r) => (r.consented ? <Tag color="green">{t('insights.scores.consented')}</Tag> : <Tag>{t('insights.scores.notConsented')}</Tag>) },
        ]}
      />
      {campaign ? <CampaignDialog target={target} minScore={minScore} onClose={() => setCampaign(false)} /> : null}
    </Card>
  );
}
