// The RM's home page (工作台): the day at a glance from one request, every customer one click from
// the 360 page; other modules' cards follow (app/panels.tsx).
// data-testid: workbench-lobby, workbench-tasks, workbench-maturities, workbench-birthdays, workbench-handovers,
// workbench-reviews, workbench-book, workbench-handover-<id>, stat-overdue, stat-due-today, stat-customers
import { Card, Col, Empty, List, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/page-title';
import { ErrorAlert } from '../../components/error-alert';
import { formatYuan } from '../../components/money';
import { TierTag } from '../../components/tier-tag';
import { WorkbenchPanels } from '../../app/panels';
import { useWorkbench } from './api';
import { TaskList } from './task-list';

const customerLink = (c: { customerId: number; name: string; customerNo: string }) => (
  <Link to={`/customers/${c.customerId}`}>{c.name}{c.customerNo ? ` · ${c.customerNo}` : ''}</Link>
);

function Simple<T extends { customerId: number }>({ testId, title, items, empty, render }: { testId: string; title: string; items: T[]; empty: string; render: (x: T) => React.ReactNode }) {
  return (
    <Card size="small" title={title} data-testid={testId}>
      {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> : <List size="small" dataSource={items} renderItem={(x) => <List.Item>{render(x)}</List.Item>} />}
    </Card>
  );
}

export function WorkbenchPage() {
  const { t } = useTranslation();
  const wb = useWorkbench();
  const d = wb.data;
  return (
    <div data-testid="workbench-page">
      <PageTitle title={t('engagement.workbench.title')} subtitle={t('engagement.workbench.subtitle')} />
      {wb.error ? <ErrorAlert error={wb.error} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <Card size="small" loading={wb.isLoading} data-testid="workbench-book" title={t('engagement.workbench.book')}>
            {d ? (
              <Row gutter={[16, 16]}>
                <Col xs={12} md={4}><Statistic title={t('engagement.workbench.overdue')} value={d.tasks.overdue} valueStyle={d.tasks.overdue > 0 ? { color: '#cf1322' } : undefined} data-testid="stat-overdue" /></Col>
                <Col xs={12} md={4}><Statistic title={t('engagement.workbench.dueToday')} value={d.tasks.dueToday} data-testid="stat-due-today" /></Col>
                <Col xs={12} md={4}><Statistic title={t('engagement.workbench.customers')} value={d.book.customers} data-testid="stat-customers" /></Col>
                <Col xs={12} md={4}><Statistic title={t('engagement.workbench.aum')} value={formatYuan(d.book.aum || null)} /></Col>
                <Col xs={12} md={4}><Statistic title={t('engagement.workbench.aumChange')} value={formatYuan(d.book.aumChange || null)} /></Col>
                <Col xs={12} md={4}><Statistic title={t('engagement.workbench.crossSell')} value={d.book.crossSellRatio} /></Col>
                {d.teamOverdue !== null ? <Col xs={12} md={4}><Statistic title={t('engagement.workbench.teamOverdue')} value={d.teamOverdue} /></Col> : null}
                <Col xs={24}>
                  <Table size="small" pagination={false} rowKey="tierCode" dataSource={d.book.byTier}
                    columns={[
                      { title: t('engagement.handover.fields.tier'), dataIndex: 'tierCode', render: (_: unknown, r) => <TierTag code={r.tierCode} nameZh={r.nameZh} nameEn={r.nameEn} /> },
                      { title: t('engagement.workbench.customers'), dataIndex: 'customers', align: 'right' },
                      { title: t('engagement.workbench.aum'), dataIndex: 'aum', align: 'right', render: (v: string) => formatYuan(v || null) },
                    ]} />
                </Col>
              </Row>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('engagement.workbench.tasks')} data-testid="workbench-tasks" loading={wb.isLoading} extra={<Link to="/engagement/tasks">{t('common.viewAll')}</Link>}>
            <TaskList items={d?.tasks.items ?? []} empty={t('engagement.workbench.tasksEmpty')} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <Simple testId="workbench-lobby" title={t('engagement.workbench.lobby')} items={d?.lobby ?? []} empty={t('engagement.workbench.lobbyEmpty')}
              render={(x) => <Space>{customerLink(x)}<Tag>{x.ticketNumber}</Tag><Tag color={x.received ? 'green' : 'orange'}>{x.received ? t('engagement.workbench.received') : t('engagement.workbench.waiting')}</Tag></Space>} />
            <Card size="small" title={t('engagement.workbench.handovers')} data-testid="workbench-handovers">
              {(d?.handovers ?? []).length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('engagement.workbench.handoversEmpty')} /> : (
                <List size="small" dataSource={d?.handovers ?? []} renderItem={(h) => (
                  <List.Item data-testid={`workbench-handover-${h.id}`} actions={[<Link key="v" to={`/engagement/handovers/${h.id}`}>{t('engagement.workbench.view')}</Link>]}>
                    <Space wrap>{h.customerName} · {h.customerNo}<Typography.Text type="secondary">{t('engagement.workbench.from', { name: h.fromName })}</Typography.Text>
                      {h.pendingDays > 3 ? <Tag color="red">{t('engagement.workbench.days', { n: h.pendingDays })}</Tag> : null}</Space>
                  </List.Item>
                )} />
              )}
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <Simple testId="workbench-maturities" title={t('engagement.workbench.maturities')} items={d?.maturities ?? []} empty={t('engagement.workbench.maturitiesEmpty')}
            render={(x) => <Space direction="vertical" size={0}>{customerLink(x)}<Typography.Text type="secondary">{x.productName} · {x.maturesOn} · {formatYuan(x.balance)}</Typography.Text></Space>} />
        </Col>
        <Col xs={24} lg={8}>
          <Simple testId="workbench-birthdays" title={t('engagement.workbench.birthdays')} items={d?.birthdays ?? []} empty={t('engagement.workbench.birthdaysEmpty')}
            render={(x) => <Space>{customerLink(x)}<Tag color="magenta">{x.birthday.slice(5)}</Tag></Space>} />
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('engagement.workbench.reviews')} data-testid="workbench-reviews">
            <TaskList items={d?.allocationReviews ?? []} empty={t('engagement.workbench.reviewsEmpty')} />
          </Card>
        </Col>
        <WorkbenchPanels />
      </Row>
    </div>
  );
}
