// The premium-customer list. Filters live in the URL (?q&tier&branchId&includeSubtree&rmStaffId&aumMin
// &aumMax&riskLevel&riskExpiring&noContactDays&status&sort&page&pageSize) so a list can be bookmarked
// and shared, and the header search can open it.
// data-testid: customers-page, customers-export, customers-table, customers-total (data-capped),
// customer-row-<customerNo> (rows; also data-row-key=<id>), risk-missing, risk-expired; the filters'
// own in customer-filters.tsx
import { useMemo, useState, type HTMLAttributes } from 'react';
import { App, Button, Card, Grid, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, WarningOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { CUSTOMER_STATUS_LABELS, RISK_LEVEL_LABELS, type CustomerListItem } from '@contracts/customers';
import { useAuth } from '../../app/auth';
import { useBi } from '../../app/lang';
import { ErrorAlert } from '../../components/error-alert';
import { formatYuan } from '../../components/money';
import { PageTitle } from '../../components/page-title';
import { TierTag } from '../../components/tier-tag';
import { useApiError } from '../../components/use-api-error';
import { exportCustomers, useCustomerList } from './api';
import { CustomerFilterCard, readFilters } from './customer-filters';

function RiskCell({ c }: { c: CustomerListItem }) {
  const { t } = useTranslation();
  const bi = useBi();
  if (!c.riskLevel) {
    return (
      <Tag color="red" icon={<WarningOutlined />} data-testid="risk-missing">
        {t('customers.riskMissing')}
      </Tag>
    );
  }
  return (
    <Space size={4} wrap>
      <Tooltip title={c.riskAssessedOn ? t('customers.assessedOn', { date: c.riskAssessedOn }) : undefined}>
        <Tag color={c.riskExpired ? 'red' : 'blue'}>
          {c.riskLevel} {bi(RISK_LEVEL_LABELS[c.riskLevel])}
        </Tag>
      </Tooltip>
      {c.riskExpired ? (
        <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="risk-expired">
          {t('customers.riskExpired')}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

export function CustomersPage() {
  const { t } = useTranslation();
  const bi = useBi();
  const navigate = useNavigate();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const list = useCustomerList(filters);
  const [exporting, setExporting] = useState(false);
  // A phone gets two columns, and the filters fold behind a button.
  const phone = Grid.useBreakpoint().md === false;

  const update = (patch: Record<string, string | number | boolean | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '' || v === false) next.delete(k);
      else next.set(k, String(v));
    }
    // Any filter change starts again from the first page.
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

  const doExport = async () => {
    setExporting(true);
    try {
      await exportCustomers(filters);
      void message.success(t('customers.exported'));
    } catch (e) {
      showError(e);
    } finally {
      setExporting(false);
    }
  };

  const columns: ColumnsType<CustomerListItem> = [
    { title: t('customers.customerNo'), dataIndex: 'customerNo', width: 120, fixed: 'left' },
    {
      title: t('customers.name'),
      dataIndex: 'name',
      width: 110,
      render: (n: string, c) => (
        <Space size={4}>
          <Typography.Text strong>{n}</Typography.Text>
          {c.status !== 'active' ? (
            <Tag color={c.status === 'dormant' ? 'orange' : 'default'} style={{ marginInlineEnd: 0 }}>
              {bi(CUSTOMER_STATUS_LABELS[c.status])}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('customers.tier'),
      key: 'tier',
      width: 96,
      render: (_, c) => <TierTag code={c.tierCode} nameZh={c.tierNameZh} nameEn={c.tierNameEn} />,
    },
    {
      title: t('customers.aum'),
      dataIndex: 'aum',
      width: 140,
      align: 'right',
      render: (a: string | null) => <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{formatYuan(a)}</span>,
    },
    { title: t('customers.rm'), dataIndex: 'rmName', width: 90, render: (n: string | null) => n ?? <Typography.Text type="secondary">{t('customers.noRm')}</Typography.Text> },
    { title: t('customers.branch'), dataIndex: 'branchName', width: 120, ellipsis: true },
    { title: t('customers.risk'), key: 'risk', width: 150, render: (_, c) => <RiskCell c={c} /> },
    {
      title: t('customers.lastContact'),
      dataIndex: 'lastContactAt',
      width: 90,
      render: (at: string | null) =>
        at ? (
          <Tooltip title={dayjs(at).format('YYYY-MM-DD HH:mm')}>{t('customers.daysAgo', { n: Math.max(0, dayjs().diff(dayjs(at), 'day')) })}</Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('customers.never')}</Typography.Text>
        ),
    },
    { title: t('customers.mobile'), dataIndex: 'mobile', width: 120, render: (m: string | null) => m ?? '—' },
  ];

  const phoneColumns: ColumnsType<CustomerListItem> = [
    {
      title: t('customers.name'),
      key: 'who',
      render: (_, c) => (
        <div>
          <Space size={4}>
            <Typography.Text strong>{c.name}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.customerNo}
            </Typography.Text>
          </Space>
          <div style={{ fontSize: 12 }}>
            <Typography.Text type="secondary">{c.rmName ?? t('customers.noRm')}</Typography.Text>
            {' · '}
            {c.riskLevel ? (
              <Typography.Text type={c.riskExpired ? 'danger' : 'secondary'}>
                {c.riskLevel}
                {c.riskExpired ? ` ${t('customers.riskExpired')}` : ''}
              </Typography.Text>
            ) : (
              <Typography.Text type="danger">{t('customers.riskMissing')}</Typography.Text>
            )}
          </div>
        </div>
      ),
    },
    {
      title: t('customers.aum'),
      key: 'aum',
      align: 'right',
      width: 130,
      render: (_, c) => (
        <div>
          <TierTag code={c.tierCode} nameZh={c.tierNameZh} nameEn={c.tierNameEn} />
          <div style={{ fontVariantNumeric: 'tabular-nums', fontSize: 12, whiteSpace: 'nowrap' }}>{formatYuan(c.aum)}</div>
        </div>
      ),
    },
  ];

  return (
    <div data-testid="customers-page">
      <PageTitle
        title={t('customers.title')}
        subtitle={t('customers.subtitle')}
        extra={
          can('customers.export') ? (
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()} data-testid="customers-export">
              {t('customers.export')}
            </Button>
          ) : null
        }
      />
      <CustomerFilterCard filters={filters} update={update} reset={() => setParams(new URLSearchParams(), { replace: true })} phone={phone} />
      {list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card>
          <Table<CustomerListItem>
            data-testid="customers-table"
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            columns={phone ? phoneColumns : columns}
            dataSource={list.data?.items ?? []}
            scroll={phone ? undefined : { x: 1036 }}
            rowClassName={() => 'row-clickable'}
            onRow={(c) =>
              ({
                onClick: () => navigate(`/customers/${c.id}`),
                'data-testid': `customer-row-${c.customerNo}`,
              }) as HTMLAttributes<HTMLElement>
            }
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
              showTotal: (total) => (
                <span data-testid="customers-total" data-capped={list.data?.totalCapped ? 'true' : 'false'}>
                  {list.data?.totalCapped ? t('customers.totalCapped', { total: total.toLocaleString() }) : t('common.total', { total })}
                </span>
              ),
              onChange: (page, pageSize) => update({ page: page === 1 ? undefined : page, pageSize: pageSize === 20 ? undefined : pageSize }),
            }}
          />
        </Card>
      )}
    </div>
  );
}
