// The complaints the reader may see (their branch, their sub-tree, or the ones assigned to them),
// coloured by where each stands against its deadline.
// data-testid: complaints-table, complaint-row-<id>, complaints-status, complaints-category, complaints-mine, complaints-new
import { Button, Card, Checkbox, Flex, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, type ComplaintSummary } from '@contracts/quality';
import { useMe } from '../../app/auth';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { useComplaints } from './api';
import { DeadlineTag } from './shared';

export function ComplaintsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'open';
  const category = params.get('category') ?? undefined;
  const mine = params.get('mine') === '1';
  const page = Number(params.get('page') ?? '1') || 1;
  const list = useComplaints({ status: status === 'all' ? undefined : status, category, mine, page, pageSize: 20 });
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageTitle
        title={t('quality.list.title')}
        subtitle={t('quality.list.subtitle')}
        extra={me.permissions['complaints.intake'] ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/quality/complaints/new')} data-testid="complaints-new">
            {t('quality.list.newComplaint')}
          </Button>
        ) : null}
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} align="center">
          <Select
            style={{ width: 160 }}
            value={status}
            data-testid="complaints-status"
            onChange={(v) => set({ status: v })}
            options={[{ value: 'all', label: t('quality.list.anyStatus') }, ...['open', ...COMPLAINT_STATUSES].map((s) => ({ value: s, label: t(`quality.status.${s}`) }))]}
          />
          <Select
            style={{ width: 200 }}
            allowClear
            placeholder={t('quality.list.anyCategory')}
            value={category}
            data-testid="complaints-category"
            onChange={(v?: string) => set({ category: v })}
            options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: t(`quality.category.${c}`) }))}
          />
          {me.permissions['complaints.handle'] ? (
            <Checkbox checked={mine} onChange={(e) => set({ mine: e.target.checked ? '1' : undefined })} data-testid="complaints-mine">
              {t('quality.list.mine')}
            </Checkbox>
          ) : null}
        </Flex>
        {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : (
          <Table<ComplaintSummary>
            rowKey="id"
            size="middle"
            data-testid="complaints-table"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 1000 }}
            onRow={(r) => ({ 'data-testid': `complaint-row-${r.id}` }) as React.HTMLAttributes<HTMLTableRowElement>}
            pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => set({ page: String(p) }) }}
            columns={[
              { title: t('quality.list.no'), dataIndex: 'complaintNo', render: (v: string, r) => <Link to={`/quality/complaints/${r.id}`}>{v}</Link> },
              { title: t('quality.list.complainant'), dataIndex: 'complainantName', render: (v: string | null, r) => v ?? t(`quality.complainant.${r.complainantType}`) },
              { title: t('quality.intake.category'), dataIndex: 'category', render: (v: string) => t(`quality.category.${v}`) },
              { title: t('quality.intake.channel'), dataIndex: 'channel', render: (v: string) => t(`quality.channel.${v}`) },
              { title: t('quality.list.branch'), dataIndex: 'branchName' },
              { title: t('quality.list.acceptedOn'), dataIndex: 'acceptedOn' },
              {
                title: t('quality.list.dueOn'), dataIndex: 'dueOn',
                render: (v: string, r) => (
                  <Flex vertical gap={2}>
                    <span>{v}</span>
                    <span>
                      <DeadlineTag state={r.deadlineState} daysLeft={r.daysLeft} />
                      {r.extensionLevel > 0 ? <Tag>{t('quality.list.ext', { n: r.extensionLevel })}</Tag> : null}
                    </span>
                  </Flex>
                ),
              },
              { title: t('quality.list.status'), dataIndex: 'status', render: (v: string) => <Tag>{t(`quality.status.${v}`)}</Tag> },
              { title: t('quality.list.handler'), dataIndex: 'handlerName', render: (v: string | null) => v ?? <Tag color="warning">{t('quality.list.unassigned')}</Tag> },
            ]}
          />
        )}
      </Card>
    </>
  );
}
