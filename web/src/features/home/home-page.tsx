// data-testid: home-banner, home-card-<key> (placeholder cards: data-placeholder="true"),
// and the data cards' ids in data-cards.tsx / branch-chart-card.tsx
import { lazy, Suspense } from 'react';
import { Button, Card, Col, Row, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { ROLE_LABELS } from '@contracts/roles';
import { useMe } from '../../app/auth';
import { useBi } from '../../app/lang';
import { cardsFor, type DataCard, type PlaceholderCard } from './role-cards';
import { AdminLinksCard, AuditCard, ExpiringCard, StaffTotalCard } from './data-cards';

const BranchChartCard = lazy(async () => ({ default: (await import('./branch-chart-card')).BranchChartCard }));

function Placeholder({ card }: { card: PlaceholderCard }) {
  const { t } = useTranslation();
  return (
    <Card
      className="home-card"
      title={t(`${card.text}.title`)}
      data-testid={`home-card-${card.key}`}
      data-placeholder="true"
      extra={<Tag icon={<ClockCircleOutlined />}>{t('home.comingSoon')}</Tag>}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t(`${card.text}.desc`)}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        {t('home.willShow', { module: t(card.module) })}
      </Typography.Paragraph>
    </Card>
  );
}

function Data({ card }: { card: DataCard }) {
  switch (card.key) {
    case 'adminLinks':
      return <AdminLinksCard />;
    case 'expiring':
      return <ExpiringCard />;
    case 'staffTotal':
      return <StaffTotalCard />;
    case 'audit':
      return <AuditCard />;
    case 'branchChart':
      return (
        <Suspense fallback={<Skeleton active />}>
          <BranchChartCard />
        </Suspense>
      );
  }
}

const WIDE = new Set(['audit', 'branchChart', 'adminLinks']);

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const bi = useBi();
  const cards = cardsFor(me.roles);
  const hour = dayjs().hour();
  const greeting = hour < 12 ? t('home.morning') : hour < 18 ? t('home.afternoon') : t('home.evening');

  return (
    <>
      <div className="role-banner" data-testid="home-banner">
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
          {t('home.greeting', { greeting, name: me.name })}
        </Typography.Title>
        <div style={{ marginTop: 6, opacity: 0.85 }}>
          {me.branchName} · {dayjs().format(t('home.dateFormat'))}
        </div>
        <div style={{ marginTop: 10 }}>
          {me.roles.map((r) => (
            <Tag key={r} color="gold">
              {bi(ROLE_LABELS[r])}
            </Tag>
          ))}
        </div>
        {me.permissions['engagement.work'] ? (
          <Link to="/workbench" data-testid="home-workbench-link">
            <Button style={{ marginTop: 12 }}>{t('engagement.workbench.title')} →</Button>
          </Link>
        ) : null}
      </div>
      {cards.length === 0 ? (
        <Card>
          <Typography.Text type="secondary">{t('home.noCards')}</Typography.Text>
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {cards.map((c) => (
            <Col key={c.key} xs={24} md={WIDE.has(c.key) ? 24 : 12} xl={WIDE.has(c.key) ? 12 : 6}>
              {c.kind === 'placeholder' ? <Placeholder card={c} /> : <Data card={c} />}
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
