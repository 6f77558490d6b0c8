// The search lives in the URL (?actor&action&entityType&entityId&from&to&page&pageSize).
// data-testid: audit-actor, audit-action, audit-entity-type, audit-entity-id, audit-dates,
// audit-search, audit-reset, audit-export, audit-table, audit-total, audit-row-<id>
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Button, Card, Col, DatePicker, Form, Input, Row, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { AuditEntry } from '@contracts/audit';
import { api, download } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';

type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
type FormValues = { actor?: string; action?: string; entityType?: string; entityId?: string; dates?: [Dayjs | null, Dayjs | null] | null };

const FIELDS = ['actor', 'action', 'entityType', 'entityId', 'from', 'to'] as const;
const ISO = 'YYYY-MM-DD';
const OUTCOME_COLOR: Record<AuditEntry['outcome'], string> = { ok: 'green', denied: 'orange', failed: 'red' };

export function AuditPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const showError = useApiError();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<FormValues>();
  const [exporting, setExporting] = useState(false);

  const filters = useMemo(() => {
    const f: Record<string, string> = {};
    for (const k of FIELDS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(params.get('pageSize')) || 20));

  const q = useQuery({
    queryKey: ['audit', 'list', filters, page, pageSize],
    queryFn: ({ signal }) => api<Paged<AuditEntry>>('/api/audit', { query: { ...filters, page, pageSize }, signal }),
    placeholderData: keepPreviousData,
  });

  const search = (v: FormValues) => {
    const next = new URLSearchParams();
    const put = (k: string, val: string | undefined) => {
      if (val && val.trim()) next.set(k, val.trim());
    };
    put('actor', v.actor);
    put('action', v.action);
    put('entityType', v.entityType);
    put('entityId', v.entityId);
    put('from', v.dates?.[0]?.format(ISO));
    put('to', v.dates?.[1]?.format(ISO));
    setParams(next, { replace: true });
  };

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await download('/api/audit/export', filters, `audit-${dayjs().format('YYYYMMDD-HHmm')}.xlsx`);
    } catch (e) {
      showError(e);
    } finally {
      setExporting(false);
    }
  };

  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
    {
      title: t('audit.actor'),
      key: 'actor',
      width: 150,
      render: (_, e) =>
        e.actorUsername ? (
          <span>
            {e.actorName ?? e.actorUsername}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' '}
              {e.actorUsername}
            </Typography.Text>
          </span>
        ) : (
          <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>
        ),
    },
    { title: t('audit.action'), dataIndex: 'action', width: 180, render: (a: string) => <code>{a}</code> },
    {
      title: t('audit.entity'),
      key: 'entity',
      width: 160,
      render: (_, e) => (e.entityType ? `${e.entityType}${e.entityId ? ` #${e.entityId}` : ''}` : '—'),
    },
    { title: t('audit.outcome.title'), dataIndex: 'outcome', width: 90, render: (o: AuditEntry['outcome']) => <Tag color={OUTCOME_COLOR[o]}>{t(`audit.outcome.${o}`)}</Tag> },
    { title: t('audit.reason'), dataIndex: 'reason', ellipsis: true, render: (r: string | null) => r ?? '—' },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '—' },
  ];

  return (
    <>
      <PageTitle
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          can('audit.export') ? (
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="audit-export">
              {t('audit.export')}
            </Button>
          ) : null
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form<FormValues>
          form={form}
          layout="vertical"
          onFinish={search}
          initialValues={{
            actor: filters.actor,
            action: filters.action,
            entityType: filters.entityType,
            entityId: filters.entityId,
            dates: filters.from || filters.to ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null] : null,
          }}
        >
          <Row gutter={12}>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="actor" label={t('audit.actor')}>
                <Input allowClear maxLength={64} placeholder={t('audit.actorHint')} data-testid="audit-actor" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="action" label={t('audit.action')}>
                <Input allowClear maxLength={64} placeholder="auth.login" data-testid="audit-action" />
              </Form.Item>
            </Col>
            <Col xs={12} lg={4}>
              <Form.Item name="entityType" label={t('audit.entityType')}>
                <Input allowClear maxLength={64} placeholder="staff" data-testid="audit-entity-type" />
              </Form.Item>
            </Col>
            <Col xs={12} lg={3}>
              <Form.Item name="entityId" label={t('audit.entityId')}>
                <Input allowClear maxLength={64} data-testid="audit-entity-id" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={5}>
              <Form.Item name="dates" label={t('audit.dates')}>
                <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} data-testid="audit-dates" />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
            {t('common.search')}
          </Button>
          <Button
            style={{ marginInlineStart: 8 }}
            onClick={() => {
              form.setFieldsValue({ actor: undefined, action: undefined, entityType: undefined, entityId: undefined, dates: null });
              setParams(new URLSearchParams(), { replace: true });
            }}
            data-testid="audit-reset"
          >
            {t('common.reset')}
          </Button>
        </Form>
      </Card>
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Card>
          <Table<AuditEntry>
            data-testid="audit-table"
            rowKey="id"
            size="small"
            loading={q.isFetching}
            columns={columns}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 1100 }}
            onRow={(e) => ({ 'data-testid': `audit-row-${e.id}` }) as HTMLAttributes<HTMLElement>}
            expandable={{
              rowExpandable: (e) => Object.keys(e.detail).length > 0,
              expandedRowRender: (e) => (
                <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>{JSON.stringify(e.detail, null, 2)}</pre>
              ),
            }}
            pagination={{
              current: page,
              pageSize,
              total: q.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
              showTotal: (total) => <span data-testid="audit-total">{t('common.total', { total })}</span>,
              onChange: (p, s) => {
                const next = new URLSearchParams(params);
                next.set('page', String(p));
                next.set('pageSize', String(s));
                setParams(next, { replace: true });
              },
            }}
          />
        </Card>
      )}
    </>
  );
}
