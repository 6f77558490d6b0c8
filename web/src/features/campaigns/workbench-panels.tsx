// The RM workbench's growth cards (registered in app/panels.tsx): referrals to act on, and the RM's
// open pipeline by stage with the next steps. Both read one request.
// data-testid: panel-referrals, panel-referral-<id>, panel-pipeline, panel-stage-<stage>
import { Card, Empty, List, Space, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../components/money';
import { useGrowthWorkbench } from './api';

export function ReferralsPanel() {
  const { t } = useTranslation();
  const wb = useGrowthWorkbench();
  const items = wb.data?.referralsToAct ?? [];
  return (
    <Card title={t('growth.panel.referrals')} size="small" loading={wb.isLoading} data-testid="panel-referrals" extra={<Link to="/growth/referrals">{t('growth.panel.more')}</Link>}>
      {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('growth.panel.referralsEmpty')} /> : (
        <List
          size="small"
          dataSource={items}
          renderItem={(r) => (
            <List.Item data-testid={`panel-referral-${r.id}`} extra={<Tag color={r.status === 'new' ? 'blue' : 'gold'}>{t(`growth.referrals.statuses.${r.status}`)}</Tag>}>
              <List.Item.Meta
                title={r.customerId ? <Link to={`/customers/${r.customerId}`}>{r.name} · {r.customerNo}</Link> : `${r.name ?? '—'} ${r.contactMobile ?? ''}`}
                description={<Typography.Text type="secondary" ellipsis>{r.referredByName}：{r.note}</Typography.Text>}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function PipelinePanel() {
  const { t } = useTranslation();
  const wb = useGrowthWorkbench();
  const open = (wb.data?.pipeline ?? []).filter((s) => s.stage !== 'won' && s.stage !== 'lost');
  const next = wb.data?.nextSteps ?? [];
  return (
    <Card title={t('growth.panel.pipeline')} size="small" loading={wb.isLoading} data-testid="panel-pipeline" extra={<Link to="/growth/pipeline">{t('growth.panel.more')}</Link>}>
      <Space size={24} wrap style={{ marginBottom: 8 }}>
        {open.map((s) => (
          <Statistic key={s.stage} data-testid={`panel-stage-${s.stage}`} title={t(`growth.prospects.stages.${s.stage}`)} value={s.count} suffix={<span style={{ fontSize: 12 }}>{formatYuan(s.amount)}</span>} />
        ))}
      </Space>
      {next.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('growth.panel.pipelineEmpty')} /> : (
        <List
          size="small"
          dataSource={next.slice(0, 5)}
          renderItem={(o) => (
            <List.Item extra={o.nextStepOn ? <Tag color={o.overdue ? 'red' : 'default'}>{o.nextStepOn}</Tag> : null}>
              <List.Item.Meta title={`${o.title} · ${o.name}`} description={o.nextStep || t(`growth.prospects.stages.${o.stage}`)} />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
