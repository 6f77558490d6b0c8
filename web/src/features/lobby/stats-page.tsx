// Daily statistics (厅堂服务日报) per outlet and day, the source's list for the wealth-centre head:
// premium customers received per RM, premium customers identified by the lobby manager, cash and
// non-cash tellers, complaints; plus tickets by zone and business, waits, service times, service-level
// attainment, no-shows and self-service guidance. Download as xlsx; close the day (figures frozen);
// amend a closed day with a reason. A second tab: service-level attainment by zone/hour/tier/day.
// data-testid: lobby-stats, stats-date, stats-export, stats-close, stats-close-confirm, stats-closed,
// stats-amend, amend-dialog, amend-field, amend-value, amend-reason, amend-submit, stats-fig-<key>,
// stats-rms, stats-zones, stats-business, stats-guidance, stats-amendments, attainment-table
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { App, Button, Card, Col, DatePicker, Empty, Form, Input, InputNumber, Modal, Popconfirm, Row, Segmented, Select, Space, Statistic, Table, Tabs, Tag } from 'antd';
import { DownloadOutlined, EditOutlined, LockOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { AMENDABLE_FIELDS, type AmendDayBody, type CountRow, type DailyStats } from '@contracts/lobby';
import { useAuth } from '../../app/auth';
import { useNamePick } from '../../app/lang';
import { PageTitle } from '../../components/page-title';
import { ErrorAlert } from '../../components/error-alert';
import { FullSpin } from '../../components/full-spin';
import { useApiError } from '../../components/use-api-error';
import { exportDailyStats, useAmendDay, useAttainment, useCloseDay, useDailyStats } from './api';
import { OutletPicker, shanghaiToday, useMinutes, useOutletChoice } from './shared';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

function CountTable({ rows, testId, title }: { rows: CountRow[]; testId: string; title: string }) {
  const { t } = useTranslation();
  const pick = useNamePick();
  return (
    <Table
      size="small"
      rowKey="key"
      pagination={false}
      data-testid={testId}
      dataSource={rows}
      columns={[
        { title, key: 'l', render: (_: unknown, r: CountRow) => pick(r.labelZh, r.labelEn) },
        { title: t('lobby.stats.count'), dataIndex: 'count', align: 'right' as const, width: 90 },
      ]}
    />
  );
}

function AmendDialog({ open, stats, branchId, onClose }: { open: boolean; stats: DailyStats; branchId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Omit<AmendDayBody, 'date'>>();
  const amend = useAmendDay();
  const showError = useApiError();
  const { message } = App.useApp();
  return (
    <Modal
      open={open}
      title={t('lobby.stats.amendTitle', { date: stats.date })}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={amend.isPending}
      okButtonProps={{ 'data-testid': 'amend-submit' } as Record<string, string>}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await amend.mutateAsync({ branchId, body: { ...v, date: stats.date } });
          void message.success(t('lobby.stats.amended'));
          onClose();
        } catch (e) {
          showError(e, form);
        }
      }}
    >
      <div data-testid="amend-dialog">
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="field" label={t('lobby.stats.amendField')} rules={[{ required: true, message: t('lobby.actions.required') }]}>
            <Select data-testid="amend-field" options={AMENDABLE_FIELDS.map((f) => ({ value: f, label: t(`lobby.stats.fields.${f.replace('.', '_')}`) }))} />
          </Form.Item>
          <Form.Item name="value" label={t('lobby.stats.amendValue')} rules={[{ required: true, message: t('lobby.actions.required') }]}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="amend-value" />
          </Form.Item>
          <Form.Item name="reason" label={t('lobby.stats.amendReason')} rules={[{ required: true, min: 2, message: t('lobby.actions.min2') }]}>
            <Input.TextArea rows={2} maxLength={500} data-testid="amend-reason" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

function DailyTab({ branchId }: { branchId: number }) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const minutes = useMinutes();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  // A link from the daily report in the inbox opens its day.
  const [params] = useSearchParams();
  const asked = params.get('date');
  const [date, setDate] = useState<string>(asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) && asked <= shanghaiToday() ? asked : shanghaiToday());
  const stats = useDailyStats(branchId, date);
  const close = useCloseDay();
  const [amending, setAmending] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const s = stats.data;
  const canClose = can('lobby.stats.close');

  const figures: { key: string; value: number | string; suffix?: string }[] = s
    ? [
        { key: 'tickets', value: s.tickets },
        { key: 'served', value: s.served },
        { key: 'noShows', value: s.noShows },
        { key: 'vipArrivals', value: s.vipArrivals },
        { key: 'meanWait', value: minutes(s.meanWaitMinutes) },
        { key: 'p90Wait', value: minutes(s.p90WaitMinutes) },
        { key: 'meanService', value: minutes(s.meanServiceMinutes) },
        { key: 'sla', value: pct(s.slaAttainment) },
        { key: 'guidance', value: s.selfServiceGuidance },
        { key: 'complaints', value: s.complaintsReceived },
        { key: 'incidents', value: s.incidents },
        { key: 'cancelled', value: s.cancelled },
      ]
    : [];

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker
          allowClear={false}
          value={dayjs(date)}
          disabledDate={(d: Dayjs) => d.format('YYYY-MM-DD') > shanghaiToday()}
          onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
          data-testid="stats-date"
        />
        <Button
          icon={<DownloadOutlined />}
          loading={downloading}
          onClick={() => {
            setDownloading(true);
            exportDailyStats(branchId, date)
              .catch((e: unknown) => showError(e))
              .finally(() => setDownloading(false));
          }}
          data-testid="stats-export"
        >
          {t('lobby.stats.export')}
        </Button>
        {s && canClose && !s.closedAt ? (
          <Popconfirm
            title={t('lobby.stats.closeTitle', { date })}
            description={t('lobby.stats.closeBody')}
            okText={t('lobby.stats.close')}
            cancelText={t('common.cancel')}
            okButtonProps={{ 'data-testid': 'stats-close-confirm' } as Record<string, string>}
            onConfirm={() =>
              close.mutateAsync({ branchId, date }).then(
                () => void message.success(t('lobby.stats.closedOk')),
                (e: unknown) => showError(e),
              )
            }
          >
            <Button type="primary" icon={<LockOutlined />} loading={close.isPending} data-testid="stats-close">
              {t('lobby.stats.close')}
            </Button>
          </Popconfirm>
        ) : null}
        {s?.closedAt ? (
          <Tag color="green" icon={<LockOutlined />} data-testid="stats-closed">
            {t('lobby.stats.closedAt', { time: dayjs(s.closedAt).format('YYYY-MM-DD HH:mm'), name: s.closedByName ?? '' })}
          </Tag>
        ) : s ? (
          <Tag color="blue">{t('lobby.stats.openDay')}</Tag>
        ) : null}
        {s?.closedAt ? (
          <Tag icon={<SendOutlined />} data-testid="stats-sent-to">
            {s.sentTo.length > 0
              ? t('lobby.stats.sentTo', { names: s.sentTo.map((r) => `${r.name}（${r.branchName}）`).join('、') })
              : t('lobby.stats.sentToNone')}
          </Tag>
        ) : null}
        {s?.closedAt && canClose ? (
          <Button icon={<EditOutlined />} onClick={() => setAmending(true)} data-testid="stats-amend">
            {t('lobby.stats.amend')}
          </Button>
        ) : null}
      </Space>
      {stats.isError && !s ? <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      {!s ? (
        stats.isPending ? <FullSpin /> : null
      ) : (
        <Row gutter={[12, 12]}>
          <Col span={24}>
            <Card size="small">
              <Row gutter={[12, 12]}>
                {figures.map((f) => (
                  <Col key={f.key} xs={12} sm={8} md={6} xl={4}>
                    <Statistic title={t(`lobby.stats.fig.${f.key}`)} value={f.value} data-testid={`stats-fig-${f.key}`} />
                  </Col>
                ))}
              </Row>
            </Card>
          </Col>
          <Col span={24}>
            <Card size="small" title={t('lobby.stats.premiumTitle')}>
              <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
                {(['lobbyManager', 'cashTellers', 'noncashTellers', 'other'] as const).map((k) => (
                  <Col key={k} xs={12} md={6}>
                    <Statistic title={t(`lobby.stats.identified.${k}`)} value={s.premiumIdentified[k]} data-testid={`stats-identified-${k}`} />
                  </Col>
                ))}
              </Row>
              <Table
                size="small"
                rowKey="staffId"
                pagination={false}
                scroll={{ x: true }}
                data-testid="stats-rms"
                dataSource={s.rms}
                locale={{ emptyText: t('common.noData') }}
                columns={[
                  { title: t('lobby.stats.rm'), key: 'n', render: (_: unknown, r) => `${r.name} (${r.staffNo})` },
                  { title: t('lobby.stats.premiumReceived'), dataIndex: 'premiumReceived', align: 'right' as const },
                  { title: t('lobby.stats.identified.lobbyManager'), dataIndex: 'identifiedByLobbyManager', align: 'right' as const },
                  { title: t('lobby.stats.identified.cashTellers'), dataIndex: 'identifiedByCashTellers', align: 'right' as const },
                  { title: t('lobby.stats.identified.noncashTellers'), dataIndex: 'identifiedByNoncashTellers', align: 'right' as const },
                  { title: t('lobby.stats.complaintsReceived'), dataIndex: 'complaintsReceived', align: 'right' as const },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Card size="small" title={t('lobby.stats.byZone')}>
              <CountTable rows={s.ticketsByZone} testId="stats-zones" title={t('lobby.common.zone')} />
            </Card>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Card size="small" title={t('lobby.stats.byBusiness')}>
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                data-testid="stats-business"
                dataSource={s.ticketsByBusiness.map((r) => ({ ...r, mean: s.serviceByBusiness.find((x) => x.key === r.key)?.meanMinutes ?? null }))}
                columns={[
                  { title: t('lobby.common.business'), key: 'l', render: (_: unknown, r) => pick(r.labelZh, r.labelEn) },
                  { title: t('lobby.stats.count'), dataIndex: 'count', align: 'right' as const, width: 70 },
                  { title: t('lobby.stats.meanService'), dataIndex: 'mean', align: 'right' as const, width: 100, render: (m: number | null) => minutes(m) },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Card size="small" title={t('lobby.stats.guidance')}>
              <CountTable rows={s.guidanceByKind} testId="stats-guidance" title={t('lobby.stats.guidanceKind')} />
            </Card>
          </Col>
          {s.amendments.length > 0 ? (
            <Col span={24}>
              <Card size="small" title={t('lobby.stats.amendments')}>
                <Table
                  size="small"
                  rowKey={(r) => `${r.at}-${r.field}`}
                  pagination={false}
                  data-testid="stats-amendments"
                  dataSource={s.amendments}
                  columns={[
                    { title: t('lobby.stats.when'), dataIndex: 'at', render: (x: string) => dayjs(x).format('YYYY-MM-DD HH:mm') },
                    { title: t('lobby.stats.by'), dataIndex: 'byName' },
                    { title: t('lobby.stats.amendField'), dataIndex: 'field', render: (f: string) => t(`lobby.stats.fields.${f.replace('.', '_')}`) },
                    { title: t('lobby.stats.fromTo'), key: 'v', render: (_: unknown, r) => `${r.from} → ${r.to}` },
                    { title: t('lobby.stats.amendReason'), dataIndex: 'reason' },
                  ]}
                />
              </Card>
            </Col>
          ) : null}
          <AmendDialog open={amending} stats={s} branchId={branchId} onClose={() => setAmending(false)} />
        </Row>
      )}
    </div>
  );
}

function AttainmentTab({ branchId }: { branchId: number }) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const minutes = useMinutes();
  const [groupBy, setGroupBy] = useState<'zone' | 'hour' | 'tier' | 'day'>('zone');
  const [range, setRange] = useState<[string, string]>([dayjs(shanghaiToday()).subtract(6, 'day').format('YYYY-MM-DD'), shanghaiToday()]);
  const report = useAttainment(branchId, { from: range[0], to: range[1], groupBy });
  const r = report.data;
  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(range[0]), dayjs(range[1])]}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
        />
        <Segmented
          value={groupBy}
          onChange={(v) => setGroupBy(v as typeof groupBy)}
          options={(['zone', 'hour', 'tier', 'day'] as const).map((g) => ({ value: g, label: t(`lobby.stats.groupBy.${g}`) }))}
        />
      </Space>
      {report.isError && !r ? <ErrorAlert error={report.error} /> : null}
      {!r ? (
        report.isPending ? <FullSpin /> : <Empty />
      ) : (
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          scroll={{ x: true }}
          data-testid="attainment-table"
          dataSource={[...r.rows, { ...r.total, key: '__total', labelZh: '合计', labelEn: 'Total' }]}
          rowClassName={(x) => (x.attainment !== null && x.attainment < 0.8 ? 'lobby-near-sl' : '')}
          columns={[
            { title: t(`lobby.stats.groupBy.${groupBy}`), key: 'l', render: (_: unknown, x) => pick(x.labelZh, x.labelEn) },
            { title: t('lobby.stats.fig.tickets'), dataIndex: 'tickets', align: 'right' as const },
            { title: t('lobby.stats.withinSla'), dataIndex: 'withinSla', align: 'right' as const },
            { title: t('lobby.stats.fig.sla'), dataIndex: 'attainment', align: 'right' as const, render: (x: number | null) => pct(x) },
            { title: t('lobby.stats.fig.meanWait'), dataIndex: 'meanWaitMinutes', align: 'right' as const, render: (x: number | null) => minutes(x) },
            { title: t('lobby.stats.fig.p90Wait'), dataIndex: 'p90WaitMinutes', align: 'right' as const, render: (x: number | null) => minutes(x) },
          ]}
        />
      )}
    </div>
  );
}

export function StatsPage() {
  const { t } = useTranslation();
  const choice = useOutletChoice();
  const [tab, setTab] = useState('daily');
  if (!choice.branchId && choice.loading) return <FullSpin />;
  if (!choice.branchId) return <ErrorAlert error={choice.error ?? new Error(t('lobby.common.noOutlet'))} />;
  return (
    <div data-testid="lobby-stats">
      <PageTitle title={t('lobby.stats.title')} subtitle={choice.outlet ? `${choice.outlet.branchCode} ${choice.outlet.branchName}` : undefined} extra={<OutletPicker choice={choice} />} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            { key: 'daily', label: <span data-testid="tab-daily">{t('lobby.stats.daily')}</span>, children: <DailyTab branchId={choice.branchId} /> },
            { key: 'attainment', label: <span data-testid="tab-attainment">{t('lobby.stats.attainment')}</span>, children: <AttainmentTab branchId={choice.branchId} /> },
          ]}
        />
      </Card>
    </div>
  );
}
