// The import's last step and the list of recent imports: progress while it runs (polled), then the
// counts, the first problems row by row and the downloadable error report.
// data-testid: cimport-progress (data-status), cimport-result (data-status),
// cimport-stat-<total|valid|inserted|updated|unchanged|errorRows>, cimport-errors, cimport-download-errors,
// cimport-again, cimport-history, cimport-history-row-<id>
import { useEffect, useState, type HTMLAttributes } from 'react';
import dayjs from 'dayjs';
import { Button, Card, Col, Flex, Progress, Result, Row, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  CUSTOMER_IMPORT_KIND_LABELS, CUSTOMER_IMPORT_STATUS_LABELS, type CustomerImportError, type CustomerImportKind, type CustomerImportSummary,
} from '@contracts/customer-import';
import { useBi, useLang } from '../../app/lang';
import { useApiError } from '../../components/use-api-error';
import { downloadImportErrors, useCustomerImport, useCustomerImports } from './api';

const FINISHED = new Set(['committed', 'rejected', 'failed']);

export function Outcome({ id, onAgain }: { id: number; onAgain: () => void }) {
  const { t } = useTranslation();
  const bi = useBi();
  const lang = useLang();
  const showError = useApiError();
  const qc = useQueryClient();
  const [finishedSeen, setFinishedSeen] = useState(false);
  const q = useCustomerImport(id, !finishedSeen);
  const d = q.data;
  const finished = d ? FINISHED.has(d.status) : false;
  useEffect(() => {
    if (!finished) return;
    setFinishedSeen(true);
    // Lists and 360 views now show the imported data.
    void qc.invalidateQueries({ queryKey: ['customers'] });
  }, [finished, qc]);
  if (!d) return <Progress percent={0} status="active" data-testid="cimport-progress" />;

  const pct = d.progress.total > 0 ? Math.round((d.progress.done / d.progress.total) * 1000) / 10 : 0;
  if (!finished) {
    return (
      <div data-testid="cimport-progress" data-status={d.status}>
        <Typography.Paragraph>
          {bi(CUSTOMER_IMPORT_STATUS_LABELS[d.status])}
          {d.phase ? ` · ${t(`cimport.phase.${d.phase}`)}` : ''}
        </Typography.Paragraph>
        <Progress percent={pct} status="active" />
        <Typography.Text type="secondary">{t('cimport.rowsDone', { done: d.progress.done, total: d.progress.total })}</Typography.Text>
      </div>
    );
  }

  const stats = [
    ['total', d.totalRows],
    ['valid', d.validRows],
    ['inserted', d.inserted],
    ['updated', d.updated],
    ['unchanged', d.unchanged],
    ['errorRows', d.errorRows],
  ] as const;
  return (
    <div data-testid="cimport-result" data-status={d.status}>
      <Result
        style={{ padding: '8px 0 16px' }}
        status={d.status === 'committed' ? (d.errorRows > 0 ? 'warning' : 'success') : 'error'}
        title={bi(CUSTOMER_IMPORT_STATUS_LABELS[d.status])}
        subTitle={d.failure ? (lang === 'en' ? d.failure.en : d.failure.zh) : d.errorRows > 0 ? t('cimport.errorsSummary', { rows: d.errorRows, n: d.errorCount }) : t('import.committedClean')}
        extra={
          <Flex gap={8} justify="center" wrap>
            {d.errorCount > 0 ? (
              <Button icon={<DownloadOutlined />} onClick={() => downloadImportErrors(d.id).catch((e: unknown) => showError(e))} data-testid="cimport-download-errors">
                {t('cimport.downloadErrors')}
              </Button>
            ) : null}
            <Button type="primary" icon={<ReloadOutlined />} onClick={onAgain} data-testid="cimport-again">
              {t('cimport.again')}
            </Button>
          </Flex>
        }
      />
      <Row gutter={[16, 16]}>
        {stats.map(([k, v]) => (
          <Col key={k} xs={12} sm={8} lg={4}>
            <Statistic
              title={t(`cimport.stat.${k}`)}
              value={v}
              styles={{ content: k === 'errorRows' && v > 0 ? { color: '#cf1322' } : undefined }}
              data-testid={`cimport-stat-${k}`}
            />
          </Col>
        ))}
      </Row>
      {d.errors.length > 0 ? (
        <Table<CustomerImportError & { i: number }>
          style={{ marginTop: 24 }}
          data-testid="cimport-errors"
          size="small"
          rowKey="i"
          dataSource={d.errors.map((e, i) => ({ ...e, i }))}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 640 }}
          columns={[
            { title: t('import.row'), dataIndex: 'row', width: 80 },
            { title: t('import.column'), dataIndex: 'column', width: 150 },
            { title: t('cimport.value'), dataIndex: 'value', width: 160, ellipsis: true, render: (v: string | null) => v ?? '—' },
            { title: t('import.reason'), key: 'reason', render: (_, e) => (lang === 'en' ? e.en : e.zh) },
          ]}
        />
      ) : null}
    </div>
  );
}

const STATUS_COLOR: Record<CustomerImportSummary['status'], string> = { uploaded: 'default', running: 'blue', committed: 'green', rejected: 'orange', failed: 'red' };

/** The last imports, with their counts and error reports. */
export function History() {
  const { t } = useTranslation();
  const bi = useBi();
  const showError = useApiError();
  const q = useCustomerImports();
  if (!q.data || q.data.length === 0) return null;
  return (
    <Card title={t('cimport.history')} style={{ marginTop: 16 }}>
      <Table<CustomerImportSummary>
        data-testid="cimport-history"
        size="small"
        rowKey="id"
        dataSource={q.data}
        pagination={q.data.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        scroll={{ x: 760 }}
        onRow={(r) => ({ 'data-testid': `cimport-history-row-${r.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('cimport.createdAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          { title: t('import.kind'), dataIndex: 'kind', width: 120, render: (k: CustomerImportKind) => bi(CUSTOMER_IMPORT_KIND_LABELS[k]) },
          { title: t('import.file'), dataIndex: 'fileName', ellipsis: true },
          { title: t('cimport.status'), dataIndex: 'status', width: 150, render: (s: CustomerImportSummary['status']) => <Tag color={STATUS_COLOR[s]}>{bi(CUSTOMER_IMPORT_STATUS_LABELS[s])}</Tag> },
          { title: t('cimport.stat.total'), dataIndex: 'totalRows', width: 80, align: 'right' },
          { title: t('cimport.stat.inserted'), dataIndex: 'inserted', width: 70, align: 'right' },
          { title: t('cimport.stat.updated'), dataIndex: 'updated', width: 70, align: 'right' },
          {
            title: t('cimport.stat.errorRows'),
            key: 'errors',
            width: 120,
            align: 'right',
            render: (_, r) =>
              r.errorCount > 0 ? (
                <Button size="small" type="link" icon={<DownloadOutlined />} onClick={() => downloadImportErrors(r.id).catch((e: unknown) => showError(e))}>
                  {r.errorRows}
                </Button>
              ) : (
                0
              ),
          },
        ]}
      />
    </Card>
  );
}
