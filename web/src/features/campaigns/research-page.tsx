// Market research (市场调研): competitors' products and rates and customers' remarks, with a summary
// by bank and product type; marketing and wealth RMs record new rows.
// data-testid: research-page, research-new, research-form, research-bank, research-product, research-submit,
// research-summary, research-table, research-filter-bank, research-filter-type
import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { RESEARCH_PRODUCT_TYPES, type ResearchProductType, type ResearchRow } from '@contracts/growth';
import { useAuth } from '../../app/auth';
import { PageTitle } from '../../components/page-title';
import { ErrorAlert } from '../../components/error-alert';
import { useApiError } from '../../components/use-api-error';
import { useRecordResearch, useResearch } from './api';

type ResearchForm = { bankName: string; productType: ResearchProductType; productName: string; rate?: string; term?: string; customerRemarks?: string; observedOn: Dayjs };

const pct = (r: string | null) => (r === null ? '—' : `${Number(r).toFixed(2)}%`);

export function ResearchPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const canRecord = !!me?.permissions['research.record'];
  const [q, setQ] = useState<{ bankName?: string; productType?: ResearchProductType; page: number; pageSize: number }>({ page: 1, pageSize: 20 });
  const list = useResearch(q);
  const all = useResearch({ page: 1, pageSize: 1 });
  const record = useRecordResearch();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<ResearchForm>();
  const showError = useApiError();
  if (list.error) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  const banks = [...new Set((all.data?.summary ?? []).map((s) => s.bankName))];
  const typeLabel = (x: ResearchProductType) => t(`growth.research.productTypes.${x}`);
  return (
    <div data-testid="research-page">
      <PageTitle
        title={t('growth.research.title')}
        subtitle={t('growth.research.subtitle')}
        extra={canRecord ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="research-new">{t('growth.research.record')}</Button> : null}
      />
      <Space style={{ marginBottom: 12 }} wrap>
        <Select allowClear style={{ width: 180 }} placeholder={t('growth.research.allBanks')} data-testid="research-filter-bank" value={q.bankName}
          onChange={(v?: string) => setQ({ ...q, bankName: v, page: 1 })} options={banks.map((b) => ({ value: b, label: b }))} />
        <Select allowClear style={{ width: 160 }} placeholder={t('growth.research.allTypes')} data-testid="research-filter-type" value={q.productType}
          onChange={(v?: ResearchProductType) => setQ({ ...q, productType: v, page: 1 })} options={RESEARCH_PRODUCT_TYPES.map((x) => ({ value: x, label: typeLabel(x) }))} />
      </Space>
      <Card size="small" title={t('growth.research.summary')} style={{ marginBottom: 12 }} data-testid="research-summary">
        <Space wrap>
          {(list.data?.summary ?? []).map((s) => (
            <Tag key={`${s.bankName}-${s.productType}`} color="geekblue">{s.bankName} · {typeLabel(s.productType)} · {s.count} · {t('growth.research.bestRate')} {pct(s.bestRate)}</Tag>
          ))}
        </Space>
      </Card>
      <Table<ResearchRow>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        data-testid="research-table"
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1000 }}
        pagination={{ current: q.page, pageSize: q.pageSize, total: list.data?.total ?? 0, onChange: (page, pageSize) => setQ({ ...q, page, pageSize }) }}
        columns={[
          { title: t('growth.research.bankName'), dataIndex: 'bankName', width: 110 },
          { title: t('growth.research.productType'), key: 'pt', width: 100, render: (_, r) => typeLabel(r.productType) },
          { title: t('growth.research.productName'), dataIndex: 'productName' },
          { title: t('growth.research.rate'), key: 'r', align: 'right', width: 130, render: (_, r) => pct(r.rate) },
          { title: t('growth.research.term'), dataIndex: 'term', width: 90 },
          { title: t('growth.research.customerRemarks'), dataIndex: 'customerRemarks', ellipsis: true },
          { title: t('growth.research.observedOn'), dataIndex: 'observedOn', width: 110 },
          { title: t('growth.research.recordedBy'), key: 'by', width: 190, render: (_, r) => `${r.recordedByName} · ${r.branchName}` },
        ]}
      />
      <Modal
        open={open}
        title={t('growth.research.record')}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={record.isPending}
        okButtonProps={{ 'data-testid': 'research-submit' } as Record<string, string>}
        onOk={async () => {
          const v = await form.validateFields();
          try {
            await record.mutateAsync({
              bankName: v.bankName, productType: v.productType, productName: v.productName, rate: v.rate || undefined, term: v.term || undefined,
              customerRemarks: v.customerRemarks || undefined, observedOn: v.observedOn.format('YYYY-MM-DD'),
            });
            setOpen(false);
          } catch (e) {
            showError(e, form);
          }
        }}
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ productType: 'deposit', observedOn: dayjs() }} data-testid="research-form">
          <Form.Item name="bankName" label={t('growth.research.bankName')} rules={[{ required: true, min: 2, message: t('growth.common.required') }]}><Input maxLength={40} data-testid="research-bank" /></Form.Item>
          <Form.Item name="productType" label={t('growth.research.productType')}><Select options={RESEARCH_PRODUCT_TYPES.map((x) => ({ value: x, label: typeLabel(x) }))} /></Form.Item>
          <Form.Item name="productName" label={t('growth.research.productName')} rules={[{ required: true, min: 2, message: t('growth.common.required') }]}><Input maxLength={100} data-testid="research-product" /></Form.Item>
          <Space>
            <Form.Item name="rate" label={t('growth.research.rate')}><Input inputMode="decimal" maxLength={8} /></Form.Item>
            <Form.Item name="term" label={t('growth.research.term')}><Input maxLength={40} /></Form.Item>
          </Space>
          <Form.Item name="customerRemarks" label={t('growth.research.customerRemarks')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
          <Form.Item name="observedOn" label={t('growth.research.observedOn')} rules={[{ required: true, message: t('growth.common.required') }]}><DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
