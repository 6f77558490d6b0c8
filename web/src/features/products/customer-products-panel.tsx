// The 360 page's products card: actual vs model allocation (echarts), drift against the threshold,
// the cross-sell ratio and the categories not held yet, recent sales (cancel in cooling-off), the
// record-sale button and recording an allocation review.
// data-testid: customer-products, allocation-chart, allocation-drift (data-due), cross-sell-ratio,
// product-suggestions, recent-sales, sale-row-<id> (data-status), sale-cancel-<id>, record-sale, record-review
import { lazy, Suspense, useMemo, useState } from 'react';
import { App, Button, Card, Col, Empty, Flex, Input, List, Modal, Row, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { ShoppingCartOutlined, CheckOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ASSET_CLASS_LABELS, PRODUCT_CATEGORY_LABELS, type Sale } from '@contracts/products';
import type { CustomerPanelProps } from '../../app/panels';
import { useAuth } from '../../app/auth';
import { useBi } from '../../app/lang';
import type { ChartOption } from '../../components/echart';
import { ErrorAlert } from '../../components/error-alert';
import { formatYuan } from '../../components/money';
import { useApiError } from '../../components/use-api-error';
import { useCancelSale, useCustomerProducts, useRecordReview } from './api';
import { SaleDialog } from './sale-dialog';

const EChart = lazy(async () => ({ default: (await import('../../components/echart')).EChart }));

function CancelSale({ customerId, sale }: { customerId: number; sale: Sale }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const cancel = useCancelSale(customerId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <>
      <Button size="small" danger onClick={() => setOpen(true)} data-testid={`sale-cancel-${sale.id}`}>{t('products.panel.cancel')}</Button>
      <Modal
        open={open}
        title={`${t('products.panel.cancel')}：${sale.productNameZh}`}
        onCancel={() => setOpen(false)}
        okButtonProps={{ disabled: reason.trim().length < 2, loading: cancel.isPending, danger: true, 'data-testid': 'sale-cancel-confirm' }}
        onOk={() =>
          cancel.mutateAsync({ saleId: sale.id, reason: reason.trim() }).then(
            () => {
              void message.success(t('products.panel.cancelled'));
              setOpen(false);
            },
            (e: unknown) => showError(e),
          )
        }
      >
        <Input.TextArea rows={2} maxLength={200} placeholder={t('products.panel.cancelReason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="sale-cancel-reason" />
      </Modal>
    </>
  );
}

export function CustomerProductsPanel({ customer }: CustomerPanelProps) {
  const { t } = useTranslation();
  const bi = useBi();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const q = useCustomerProducts(customer.id);
  const review = useRecordReview(customer.id);
  const [selling, setSelling] = useState<string | null>(null);
  const d = q.data;
  const canSell = can('sales.record');

  const option = useMemo<ChartOption | null>(() => {
    if (!d) return null;
    const labels = d.allocation.map((a) => bi(ASSET_CLASS_LABELS[a.assetClass]));
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)}%` },
      legend: { data: [t('products.panel.actual'), t('products.panel.model')], bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: t('products.panel.actual'), type: 'bar', data: d.allocation.map((a) => Number(a.actual)), itemStyle: { color: '#1677ff' } },
        { name: t('products.panel.model'), type: 'bar', data: d.allocation.map((a) => Number(a.model)), itemStyle: { color: '#bfbfbf' } },
      ],
    };
  }, [d, bi, t]);

  const empty = d ? d.allocation.every((a) => a.actual === '0.00') : true;
  const over = d ? Number(d.drift) > Number(d.driftThreshold) : false;
  return (
    <Card
      title={t('products.panel.title')}
      data-testid="customer-products"
      extra={canSell ? <Button type="primary" icon={<ShoppingCartOutlined />} onClick={() => setSelling('')} data-testid="record-sale">{t('products.panel.recordSale')}</Button> : null}
    >
      {q.error ? <ErrorAlert error={q.error} /> : null}
      {d ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Flex gap={24} wrap align="flex-end" style={{ marginBottom: 8 }}>
              <Statistic
                title={<Tooltip title={t('products.panel.driftHint')}>{t('products.panel.drift')} <InfoCircleOutlined /></Tooltip>}
                value={`${d.drift}%`}
                valueStyle={{ color: over ? '#cf1322' : undefined }}
                data-testid="allocation-drift"
                data-due={d.reviewDue ? 'true' : 'false'}
              />
              <Typography.Text type="secondary">{t('products.panel.threshold', { v: d.driftThreshold })}</Typography.Text>
              <Space size={4} wrap>
                {d.riskLevel ? <Tag>{t('products.panel.riskLevel', { v: d.riskLevel })}</Tag> : <Tag color="red">{t('products.panel.noAssessment')}</Tag>}
                {d.assessmentExpired ? <Tag color="red">{t('products.panel.assessmentExpired')}</Tag> : null}
                {d.reviewDue ? <Tag color="orange">{t('products.panel.reviewDue')}</Tag> : null}
                <Typography.Text type="secondary">{d.lastReviewOn ? t('products.panel.lastReview', { d: d.lastReviewOn }) : t('products.panel.neverReviewed')}</Typography.Text>
                {canSell ? (
                  <Button size="small" icon={<CheckOutlined />} loading={review.isPending} data-testid="record-review"
                    onClick={() => review.mutateAsync('').then(() => void message.success(t('products.panel.reviewed')), (e: unknown) => showError(e))}>
                    {t('products.panel.recordReview')}
                  </Button>
                ) : null}
              </Space>
            </Flex>
            {empty || !option ? (
              <Empty description={t('products.panel.noPortfolio')} />
            ) : (
              <Suspense fallback={<div style={{ height: 240 }} />}>
                <EChart option={option} height={240} testId="allocation-chart" />
              </Suspense>
            )}
            {d.balancesVisible ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {d.allocation.filter((a) => a.amount !== null && a.amount !== '0').map((a) => `${bi(ASSET_CLASS_LABELS[a.assetClass])} ${formatYuan(a.amount)}`).join(' · ')}
              </Typography.Text>
            ) : null}
          </Col>
          <Col xs={24} lg={10}>
            <Statistic title={t('products.panel.crossSell')} value={d.crossSellRatio} suffix={<Typography.Text type="secondary" style={{ fontSize: 14 }}>{t('products.panel.categoriesHeld', { n: d.crossSellRatio })}</Typography.Text>} data-testid="cross-sell-ratio" />
            <Flex gap={4} wrap style={{ margin: '8px 0 12px' }}>
              {d.heldCategories.map((c) => <Tag key={c} color="blue">{bi(PRODUCT_CATEGORY_LABELS[c])}</Tag>)}
            </Flex>
            <Typography.Text strong>{t('products.panel.suggestions')}</Typography.Text>
            {d.suggestions.length === 0 ? (
              <Typography.Paragraph type="secondary">{t('products.panel.noSuggestions')}</Typography.Paragraph>
            ) : (
              <List size="small" data-testid="product-suggestions" dataSource={d.suggestions} renderItem={(s) => (
                <List.Item>
                  <Space direction="vertical" size={0}>
                    <Space size={4}>{bi(PRODUCT_CATEGORY_LABELS[s.category])}{s.matchesNeed ? <Tag color="gold">{t('products.panel.matchesNeed')}</Tag> : null}</Space>
                    <Space size={[4, 4]} wrap>
                      {s.products.map((p) => (
                        <Tag key={p.code} style={{ cursor: canSell ? 'pointer' : undefined }} onClick={() => canSell && setSelling(p.code)}>{p.nameZh}（{p.riskRating}）</Tag>
                      ))}
                    </Space>
                  </Space>
                </List.Item>
              )} />
            )}
          </Col>
          <Col xs={24}>
            <Typography.Text strong>{t('products.panel.recentSales')}</Typography.Text>
            {d.recentSales.length === 0 ? (
              <Typography.Paragraph type="secondary">{t('products.panel.noSales')}</Typography.Paragraph>
            ) : (
              <List size="small" data-testid="recent-sales" dataSource={d.recentSales} renderItem={(s) => (
                <List.Item data-testid={`sale-row-${s.id}`} data-status={s.status}
                  actions={s.inCoolingOff && canSell ? [<CancelSale key="c" customerId={customer.id} sale={s} />] : []}>
                  <Space size={8} wrap>
                    <Typography.Text>{s.soldOn}</Typography.Text>
                    <Typography.Text strong>{s.productNameZh}</Typography.Text>
                    <Typography.Text>{formatYuan(s.amount)}</Typography.Text>
                    {s.staffName ? <Typography.Text type="secondary">{s.staffName}</Typography.Text> : null}
                    {s.status === 'cancelled' ? <Tag>{t('products.panel.cancelled')}</Tag> : null}
                    {s.inCoolingOff && s.coolingOffUntil ? <Tag color="orange">{t('products.panel.inCoolingOff', { t: new Date(s.coolingOffUntil).toLocaleString() })}</Tag> : null}
                    {s.overridden ? <Tag color="red">{t('products.panel.overridden')}</Tag> : null}
                  </Space>
                </List.Item>
              )} />
            )}
          </Col>
        </Row>
      ) : null}
      {selling !== null ? <SaleDialog customerId={customer.id} initialProduct={selling || undefined} onClose={() => setSelling(null)} /> : null}
    </Card>
  );
}
