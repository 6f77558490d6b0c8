// Customers whose tier entitles them to services this year and who have used none: a list for RMs
// to call (an unused privilege is a reason to get in touch).
// data-testid: unused-year, unused-table, unused-total, unused-row-<customerNo>
import type { HTMLAttributes } from 'react';
import { Flex, Select, Table, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { UnusedPrivilegeCustomer } from '@contracts/privileges';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../components/error-alert';
import { TierTag } from '../../components/tier-tag';
import { useUnused } from './api';

const posInt = (v: string | null, d: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : d;
};

export function UnusedTab() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const thisYear = dayjs().year();
  const year = posInt(params.get('year'), thisYear);
  const page = posInt(params.get('page'), 1);
  const pageSize = Math.min(posInt(params.get('pageSize'), 20), 200);
  const q = useUnused({ year, page, pageSize }, true);
  const open = can('customers.read');

  const set = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };

  return (
    <>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 16 }}>
        <Typography.Text>{t('privileges.unused.year')}</Typography.Text>
        <Select
          style={{ width: 120 }}
          value={year}
          onChange={(v: number) => set({ year: v === thisYear ? undefined : v, page: undefined })}
          options={[thisYear, thisYear - 1].map((y) => ({ value: y, label: String(y) }))}
          data-testid="unused-year"
        />
        <Typography.Text type="secondary">{t('privileges.unused.hint')}</Typography.Text>
      </Flex>
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<UnusedPrivilegeCustomer>
          data-testid="unused-table"
          size="middle"
          rowKey="id"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 760 }}
          rowClassName={() => (open ? 'row-clickable' : '')}
          onRow={(c) =>
            ({
              onClick: open ? () => navigate(`/customers/${c.id}`) : undefined,
              'data-testid': `unused-row-${c.customerNo}`,
            }) as HTMLAttributes<HTMLElement>
          }
          pagination={{
            current: page,
            pageSize,
            total: q.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => <span data-testid="unused-total">{t('common.total', { total })}</span>,
            onChange: (p, s) => set({ page: p === 1 ? undefined : p, pageSize: s === 20 ? undefined : s }),
          }}
          columns={[
            { title: t('customers.customerNo'), dataIndex: 'customerNo', width: 130 },
            { title: t('customers.name'), dataIndex: 'name', width: 90, render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
            { title: t('customers.tier'), key: 'tier', width: 100, render: (_, c) => <TierTag code={c.tierCode} nameZh={c.tierNameZh} nameEn={c.tierNameEn} /> },
            { title: t('customers.branch'), dataIndex: 'branchName', ellipsis: true },
            { title: t('customers.rm'), dataIndex: 'rmName', width: 100, render: (n: string | null) => n ?? '—' },
            {
              title: t('privileges.unused.entitlements'),
              dataIndex: 'entitlements',
              width: 120,
              align: 'right',
              render: (n: number) => <Typography.Text strong>{t('privileges.unused.times', { n })}</Typography.Text>,
            },
          ]}
        />
      )}
    </>
  );
}
