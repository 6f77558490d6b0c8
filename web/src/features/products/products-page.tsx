// The product catalogue: filters, the list, a product's details and documents; head office adds,
// edits and imports from xlsx (the error report lists every bad row).
// data-testid: products-page, products-table, product-row-<code>, product-edit-<code>, product-add,
// products-import, import-errors, product-detail, products-filter-category, products-search
import { useRef, useState } from 'react';
import { App, Button, Card, Descriptions, Drawer, Empty, Flex, Input, List, Modal, Select, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  ASSET_CLASS_LABELS, PRODUCT_CATEGORIES, PRODUCT_CATEGORY_LABELS, PRODUCT_STATUSES, PRODUCT_STATUS_LABELS, RISK_RATINGS, type Product,
} from '@contracts/products';
import { ApiError, type FieldProblem } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useBi, useLang } from '../../app/lang';
import { ErrorAlert } from '../../components/error-alert';
import { formatYuan } from '../../components/money';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';
import { downloadDocument, downloadTemplate, useImportProducts, useProduct, useProducts, useUploadDocument, type ProductFilters } from './api';
import { ProductDialog } from './product-dialog';

const RISK_COLOR: Record<string, string> = { R1: 'green', R2: 'cyan', R3: 'blue', R4: 'orange', R5: 'red' };

export function RiskTag({ rating }: { rating: string }) {
  return <Tag color={RISK_COLOR[rating]}>{rating}</Tag>;
}

function ProductDrawer({ code, canEdit, onClose }: { code: string; canEdit: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const bi = useBi();
  const { message } = App.useApp();
  const showError = useApiError();
  const q = useProduct(code);
  const upload = useUploadDocument(code);
  const input = useRef<HTMLInputElement>(null);
  const p = q.data;
  return (
    <Drawer open width={520} title={p ? `${p.code} · ${p.nameZh}` : t('products.catalogue.detail')} onClose={onClose} data-testid="product-detail">
      {q.error ? <ErrorAlert error={q.error} /> : null}
      {p ? (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('products.catalogue.category')}>{bi(PRODUCT_CATEGORY_LABELS[p.category])}</Descriptions.Item>
            <Descriptions.Item label={t('products.catalogue.riskRating')}><RiskTag rating={p.riskRating} /></Descriptions.Item>
            <Descriptions.Item label={t('products.catalogue.minAmount')}>{formatYuan(p.minAmount)} {p.currency}</Descriptions.Item>
            <Descriptions.Item label={t('products.catalogue.term')}>{p.termMonths ? t('products.catalogue.termMonths', { n: p.termMonths }) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('products.catalogue.yield')}>{p.expectedYield ? `${p.expectedYield}%` : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('products.catalogue.window')}>{p.saleStart || p.saleEnd ? `${p.saleStart ?? '…'} ~ ${p.saleEnd ?? '…'}` : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('products.catalogue.status')}>{bi(PRODUCT_STATUS_LABELS[p.status])}</Descriptions.Item>
            <Descriptions.Item label={t('products.catalogue.tiers')}>{p.tierCodes.length ? p.tierCodes.join('、') : t('products.catalogue.allTiers')}</Descriptions.Item>
            <Descriptions.Item label={t('products.catalogue.assetClass')}>{p.assetClass ? bi(ASSET_CLASS_LABELS[p.assetClass]) : t('products.catalogue.assetDefault')}</Descriptions.Item>
            <Descriptions.Item label={t('products.catalogue.issuer')}>{p.issuer || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('products.catalogue.description')}>{p.description || '—'}</Descriptions.Item>
          </Descriptions>
          <Flex justify="space-between" align="center" style={{ margin: '16px 0 8px' }}>
            <Typography.Title level={5} style={{ margin: 0 }}>{t('products.catalogue.documents')}</Typography.Title>
            {canEdit ? (
              <>
                <input
                  ref={input}
                  type="file"
                  hidden
                  onChange={(e) => {
                    const f = e.target.files?.[0];
                    e.target.value = '';
                    if (f) upload.mutateAsync(f).then(() => void message.success(t('products.catalogue.uploaded')), (err: unknown) => showError(err));
                  }}
                />
                <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} onClick={() => input.current?.click()}>{t('products.catalogue.upload')}</Button>
              </>
            ) : null}
          </Flex>
          {p.documents.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('products.catalogue.noDocuments')} />
          ) : (
            <List size="small" dataSource={p.documents} renderItem={(d) => (
              <List.Item actions={[<Button key="dl" type="link" size="small" icon={<DownloadOutlined />} onClick={() => void downloadDocument(p.code, d)} />]}>
                {d.fileName} <Typography.Text type="secondary">({Math.ceil(d.sizeBytes / 1024)} KB)</Typography.Text>
              </List.Item>
            )} />
          )}
        </>
      ) : null}
    </Drawer>
  );
}

function ImportButton() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const showError = useApiError();
  const imp = useImportProducts();
  const input = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<FieldProblem[] | null>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".xlsx"
        hidden
        data-testid="products-import-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (!f) return;
          imp.mutateAsync(f).then(
            (r) => void message.success(t('products.catalogue.importDone', r)),
            (err: unknown) => (err instanceof ApiError && err.fields.length > 0 ? setErrors(err.fields) : showError(err)),
          );
        }}
      />
      <Button icon={<DownloadOutlined />} onClick={() => void downloadTemplate()}>{t('products.catalogue.template')}</Button>
      <Button icon={<UploadOutlined />} loading={imp.isPending} onClick={() => input.current?.click()} data-testid="products-import">{t('products.catalogue.import')}</Button>
      <Modal open={errors !== null} title={t('products.catalogue.importErrors')} footer={null} onCancel={() => setErrors(null)} width={640}>
        <List size="small" data-testid="import-errors" dataSource={errors ?? []} renderItem={(f) => <List.Item>{lang === 'en' ? f.en : f.zh}</List.Item>} />
      </Modal>
    </>
  );
}

export function ProductsPage() {
  const { t } = useTranslation();
  const bi = useBi();
  const { can } = useAuth();
  const canEdit = can('products.manage');
  const [filters, setFilters] = useState<ProductFilters>({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const q = useProducts(filters);
  const set = (patch: Partial<ProductFilters>) => setFilters((f) => ({ ...f, ...patch, page: 1 }));

  return (
    <div data-testid="products-page">
      <PageTitle
        title={t('products.catalogue.title')}
        subtitle={t('products.catalogue.subtitle')}
        extra={canEdit ? (
          <>
            <ImportButton />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="product-add">{t('products.catalogue.add')}</Button>
          </>
        ) : null}
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search allowClear placeholder={t('products.catalogue.search')} style={{ width: 220 }} onSearch={(v) => set({ q: v || undefined })} data-testid="products-search" />
          <Select allowClear placeholder={t('products.catalogue.category')} style={{ width: 160 }} data-testid="products-filter-category"
            options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: bi(PRODUCT_CATEGORY_LABELS[c]) }))} onChange={(v) => set({ category: v })} />
          <Select allowClear placeholder={t('products.catalogue.riskRating')} style={{ width: 120 }}
            options={RISK_RATINGS.map((r) => ({ value: r, label: r }))} onChange={(v) => set({ riskRating: v })} />
          <Select allowClear placeholder={t('products.catalogue.status')} style={{ width: 130 }}
            options={PRODUCT_STATUSES.map((s) => ({ value: s, label: bi(PRODUCT_STATUS_LABELS[s]) }))} onChange={(v) => set({ status: v })} />
        </Flex>
        {q.error ? <ErrorAlert error={q.error} /> : null}
        <Table<Product>
          rowKey="code"
          size="middle"
          data-testid="products-table"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 960 }}
          onRow={(p) => ({ 'data-testid': `product-row-${p.code}`, onClick: () => setOpen(p.code), style: { cursor: 'pointer' } }) as React.HTMLAttributes<HTMLTableRowElement>}
          pagination={{ current: filters.page, pageSize: filters.pageSize, total: q.data?.total ?? 0, showTotal: (n) => t('common.total', { total: n }), onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })) }}
          columns={[
            { title: t('products.catalogue.code'), dataIndex: 'code', width: 110 },
            { title: t('products.catalogue.name'), dataIndex: 'nameZh', render: (_v, p) => <>{p.nameZh}{p.onSaleToday ? null : <Tag style={{ marginLeft: 6 }}>{bi(PRODUCT_STATUS_LABELS[p.status])}</Tag>}</> },
            { title: t('products.catalogue.category'), dataIndex: 'category', width: 110, render: (c: Product['category']) => bi(PRODUCT_CATEGORY_LABELS[c]) },
            { title: t('products.catalogue.riskRating'), dataIndex: 'riskRating', width: 90, render: (r: string) => <RiskTag rating={r} /> },
            { title: t('products.catalogue.minAmount'), dataIndex: 'minAmount', width: 130, align: 'right', render: (v: string) => formatYuan(v) },
            { title: t('products.catalogue.term'), dataIndex: 'termMonths', width: 90, render: (n: number | null) => (n ? t('products.catalogue.termMonths', { n }) : '—') },
            { title: t('products.catalogue.yield'), dataIndex: 'expectedYield', width: 120, align: 'right', render: (v: string | null) => (v ? `${v}%` : '—') },
            ...(canEdit ? [{
              title: t('common.actions'), key: 'a', width: 80,
              render: (_v: unknown, p: Product) => (
                <Button type="link" size="small" icon={<EditOutlined />} data-testid={`product-edit-${p.code}`} onClick={(e) => { e.stopPropagation(); setEditing(p); }}>{t('products.catalogue.edit')}</Button>
              ),
            }] : []),
          ]}
        />
      </Card>
      {open ? <ProductDrawer code={open} canEdit={canEdit} onClose={() => setOpen(null)} /> : null}
      {editing ? <ProductDialog product={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
