// The customer 360 page: everything an RM needs before a call or a visit, on one page.
// data-testid: customer-360, customer-back, the header's (customer-header.tsx), reveal-* (reveal-dialog.tsx),
// customer-holdings-card, customer-holdings, customer-aum-chart, customer-contribution-chart,
// customer-mix-chart (customer-assets.tsx), customer-needs, customer-questions (customer-needs.tsx),
// customer-temperament (customer-temperament.tsx), customer-privileges, book-* (customer-privileges.tsx),
// customer-timeline (customer-timeline.tsx), customer-risk-history
import { useState } from 'react';
import { Button, Card, Col, Empty, Row, Table, Tag } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RISK_LEVEL_LABELS, type Customer360, type RevealResult } from '@contracts/customers';
import { useBi } from '../../app/lang';
import { CustomerPanels } from '../../app/panels';
import { ErrorAlert } from '../../components/error-alert';
import { FullSpin } from '../../components/full-spin';
import { NotFound } from '../../components/forbidden';
import { useCustomer } from './api';
import { AssetMixCard, AumTrendCard, ContributionCard, HoldingsCard } from './customer-assets';
import { CustomerHeader } from './customer-header';
import { NeedsCard, QuestionsCard } from './customer-needs';
import { PrivilegesCard } from './customer-privileges';
import { TemperamentCard } from './customer-temperament';
import { TimelineCard } from './customer-timeline';
import { RevealDialog } from './reveal-dialog';

function RiskHistory({ c }: { c: Customer360 }) {
  const { t } = useTranslation();
  const bi = useBi();
  return (
    <Card title={t('customer.riskHistory')}>
      {c.riskHistory.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer.riskMissing')} />
      ) : (
        <Table
          data-testid="customer-risk-history"
          size="small"
          rowKey={(r) => `${r.assessedOn}-${r.level}`}
          pagination={false}
          scroll={{ x: 420 }}
          dataSource={c.riskHistory}
          columns={[
            { title: t('customer.risk'), dataIndex: 'level', width: 110, render: (l: keyof typeof RISK_LEVEL_LABELS) => <Tag color="blue">{`${l} ${bi(RISK_LEVEL_LABELS[l])}`}</Tag> },
            { title: t('customer.assessedOn'), dataIndex: 'assessedOn', width: 110 },
            { title: t('customer.validUntil'), dataIndex: 'validUntil', width: 110 },
            { title: t('customer.assessedBy'), dataIndex: 'assessedByName', width: 90, render: (n: string | null) => n ?? '—' },
          ]}
        />
      )}
    </Card>
  );
}

export function CustomerPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams();
  const customerId = Number(id);
  const valid = Number.isInteger(customerId) && customerId > 0;
  const detail = useCustomer(valid ? customerId : 0);
  const [revealOpen, setRevealOpen] = useState(false);
  // Full values live only in this page's memory: leaving the page masks them again.
  const [revealed, setRevealed] = useState<{ id: number; r: RevealResult } | null>(null);

  if (!valid) return <NotFound />;
  if (detail.isPending) return <FullSpin />;
  if (detail.isError) return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  const c = detail.data;

  return (
    <div data-testid="customer-360">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingInline: 0, marginBottom: 8 }} data-testid="customer-back">
        {t('common.back')}
      </Button>
      <CustomerHeader c={c} revealed={revealed?.id === c.id ? revealed.r : null} onReveal={() => setRevealOpen(true)} />
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <HoldingsCard c={c} />
        </Col>
        <Col xs={24} xl={9}>
          <AumTrendCard c={c} />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <ContributionCard c={c} />
        </Col>
        <Col xs={24} md={12} xl={7}>
          <AssetMixCard c={c} />
        </Col>
        <Col xs={24}>
          <PrivilegesCard customerId={c.id} />
        </Col>
        <Col xs={24} lg={12}>
          <NeedsCard c={c} />
        </Col>
        <Col xs={24} lg={12}>
          <QuestionsCard c={c} />
        </Col>
        <Col xs={24} lg={12}>
          <TemperamentCard c={c} />
        </Col>
        <Col xs={24} lg={12}>
          <RiskHistory c={c} />
        </Col>
        <CustomerPanels customer={c} />
        <Col xs={24}>
          <TimelineCard customerId={c.id} first={c.timeline} />
        </Col>
      </Row>
      <RevealDialog
        customerId={c.id}
        maskedName={c.name}
        open={revealOpen}
        onClose={() => setRevealOpen(false)}
        onRevealed={(r) => setRevealed({ id: c.id, r })}
      />
    </div>
  );
}
