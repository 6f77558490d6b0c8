// The RM workbench's card: the best-scored customers of the RM's own book, per model.
// data-testid: workbench-insights, workbench-insight-row
import { useState } from 'react';
import { Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { INSIGHT_TARGETS, INSIGHT_TARGET_LABELS, type InsightTarget } from '@contracts/insights';
import { useBi } from '../../app/lang';
import { ErrorAlert } from '../../components/error-alert';
import { useInsightScores } from './api';

export function WorkbenchInsightsPanel() {
  const { t } = useTranslation();
  const bi = useBi();
  const [target, setTarget] = useState<InsightTarget>('premium');
  const q = useInsightScores({ target, ownBook: true, page: 1, pageSize: 8 });
  return (
    <Card title={t('insights.workbench.title')} data-testid="workbench-insights" extra={<Link to={`/insights/scores?target=${target}`}>{t('insights.workbench.all')}</Link>}>
      <Segmented size="small" value={target} onChange={(v) => setTarget(v as InsightTarget)} options={INSIGHT_TARGETS.map((k) => ({ value: k, label: bi(INSIGHT_TARGET_LABELS[k]) }))} style={{ marginBottom: 8 }} />
      {q.error ? <ErrorAlert error={q.error} /> : null}
      <List
        size="small"
        locale={{ emptyText: t('insights.workbench.empty') }}
        dataSource={q.data?.items ?? []}
        renderItem={(r) => (
          <List.Item data-testid="workbench-insight-row">
            <Space direction="vertical" size={0}>
              <Link to={`/customers/${r.customerId}`}>{r.name} · {r.customerNo}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.reasons.map((x) => bi(x)).join('；')}</Typography.Text>
            </Space>
            <Tag color={r.score >= 0.5 ? 'red' : 'blue'}>{(r.score * 100).toFixed(1)}</Tag>
          </List.Item>
        )}
      />
    </Card>
  );
}
