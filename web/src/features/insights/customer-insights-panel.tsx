// The 360 page's card of model scores: each model's score for this customer, where it ranks among
// all customers, and the top reasons in words.
// data-testid: customer-insights, insight-<target> (data-score), insight-reason
import { Card, Col, Empty, Progress, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { INSIGHT_TARGET_LABELS } from '@contracts/insights';
import type { CustomerPanelProps } from '../../app/panels';
import { useBi } from '../../app/lang';
import { ErrorAlert } from '../../components/error-alert';
import { useCustomerInsights } from './api';

const color = (s: number) => (s >= 0.5 ? '#cf1322' : s >= 0.2 ? '#fa8c16' : '#1677ff');

export function CustomerInsightsPanel({ customer }: CustomerPanelProps) {
  const { t } = useTranslation();
  const bi = useBi();
  const q = useCustomerInsights(customer.id);
  const items = q.data ?? [];
  return (
    <Card title={t('insights.panel.title')} data-testid="customer-insights" extra={items[0] ? <Typography.Text type="secondary">{t('insights.panel.asOf', { d: items[0].asOf.slice(0, 7) })}</Typography.Text> : null}>
      {q.error ? <ErrorAlert error={q.error} /> : null}
      {q.data && items.length === 0 ? <Empty description={t('insights.panel.none')} /> : null}
      <Row gutter={[16, 16]}>
        {items.map((s) => (
          <Col key={s.target} xs={24} md={12} xl={8} data-testid={`insight-${s.target}`} data-score={s.score}>
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Typography.Text strong>{bi(INSIGHT_TARGET_LABELS[s.target])}</Typography.Text>
              <Progress percent={Math.round(s.score * 1000) / 10} strokeColor={color(s.score)} size="small" format={(p) => `${p}`} />
              {s.percentile !== null ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('insights.panel.percentile', { p: Math.round(s.percentile * 100) })}</Typography.Text>
              ) : null}
              <Space size={[4, 4]} wrap>
                {s.reasons.length === 0 ? <Typography.Text type="secondary">{t('insights.panel.noReasons')}</Typography.Text> : null}
                {s.reasons.map((r) => (
                  <Tag key={r.feature} color="geekblue" data-testid="insight-reason">{bi(r)}</Tag>
                ))}
              </Space>
            </Space>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
