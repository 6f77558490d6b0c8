// data-testid: certs-days (window selector), certs-table, certs-count, cert-row-<id>, cert-staff-<staffId>
import { useMemo, type HTMLAttributes } from 'react';
import { Card, InputNumber, Segmented, Space, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Certificate } from '@contracts/org';
import { useNamePick } from '../../app/lang';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { useExpiring } from './api';
import { CertExpiryTag, certRowClass, EXPIRY_WARNING_DAYS } from './cert-status';

const PRESETS = [30, 60, 90, 180] as const;

export function CertificatesPage() {
  const { t } = useTranslation();
  const pick = useNamePick();
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get('days'));
  const days = Number.isInteger(raw) && raw >= 1 && raw <= 365 ? raw : EXPIRY_WARNING_DAYS;
  const q = useExpiring(days);
  const rows = useMemo(
    () => [...(q.data ?? [])].sort((a, b) => (a.expiresOn ?? '9999').localeCompare(b.expiresOn ?? '9999')),
    [q.data],
  );
  const setDays = (d: number | null) => {
    if (d === null || d < 1 || d > 365) return;
    setParams(d === EXPIRY_WARNING_DAYS ? {} : { days: String(d) }, { replace: true });
  };

  return (
    <>
      <PageTitle title={t('certs.title')} subtitle={t('certs.subtitle')} />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap data-testid="certs-days">
          <Typography.Text>{t('certs.window')}</Typography.Text>
          <Segmented<number>
            value={(PRESETS as readonly number[]).includes(days) ? days : undefined}
            onChange={setDays}
            options={PRESETS.map((d) => ({ value: d, label: t('certs.days', { n: d }) }))}
          />
          <InputNumber min={1} max={365} precision={0} value={days} onChange={setDays} suffix={t('certs.dayUnit')} style={{ width: 110 }} />
        </Space>
      </Card>
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Card
          title={
            <span data-testid="certs-count" data-count={rows.length}>
              {t('certs.count', { n: rows.length, days })}
            </span>
          }
        >
          <Table<Certificate>
            data-testid="certs-table"
            rowKey="id"
            size="middle"
            loading={q.isFetching}
            dataSource={rows}
            scroll={{ x: 900 }}
            rowClassName={(c) => certRowClass(c.expiresOn)}
            onRow={(c) => ({ 'data-testid': `cert-row-${c.id}` }) as HTMLAttributes<HTMLElement>}
            pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
            columns={[
              { title: t('staff.staffNo'), dataIndex: 'staffNo', width: 110 },
              {
                title: t('staff.name'),
                key: 'name',
                width: 110,
                render: (_, c) => (
                  <Link to={`/org/staff/${c.staffId}`} data-testid={`cert-staff-${c.staffId}`}>
                    {c.staffName ?? c.staffNo ?? c.staffId}
                  </Link>
                ),
              },
              { title: t('staff.branch'), dataIndex: 'branchName', ellipsis: true },
              { title: t('certs.type'), key: 'type', render: (_, c) => pick(c.typeNameZh, c.typeNameEn) },
              { title: t('certs.number'), dataIndex: 'number', width: 160 },
              { title: t('certs.expiresOn'), dataIndex: 'expiresOn', width: 120 },
              { title: t('certs.status'), key: 'status', width: 130, render: (_, c) => <CertExpiryTag expiresOn={c.expiresOn} /> },
            ]}
          />
        </Card>
      )}
    </>
  );
}
