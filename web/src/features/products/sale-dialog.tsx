// Recording a sale from the customer's 360 page: the suitability check runs as the product and
// amount are chosen, so a refusal and its reason show before anything is submitted.
// data-testid: sale-dialog, sale-product, sale-amount, sale-recording, sale-verdict (data-ok), sale-override,
// sale-ack, sale-submit, sale-check-error
import { useEffect, useState } from 'react';
import { Alert, App, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { SALE_CHANNELS, SALE_CHANNEL_LABELS, type SuitabilityResult } from '@contracts/products';
import { errorText } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useBi, useLang } from '../../app/lang';
import { useApiError } from '../../components/use-api-error';
import { checkSale, useProducts, useRecordSale } from './api';

type Values = { productCode: string; amount: string; channel: (typeof SALE_CHANNELS)[number]; referralSource?: string; recordingRef?: string; override?: boolean; acknowledgementRef?: string };

export function SaleDialog({ customerId, initialProduct, onClose }: { customerId: number; initialProduct?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const bi = useBi();
  const lang = useLang();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const products = useProducts({ page: 1, pageSize: 200, status: 'on_sale' });
  const record = useRecordSale(customerId);
  const code = Form.useWatch('productCode', form);
  const amount = Form.useWatch('amount', form);
  const override = Form.useWatch('override', form);
  const [verdict, setVerdict] = useState<SuitabilityResult | null>(null);
  // A check that failed (network, server) says so instead of leaving the dialog silent.
  const [checkError, setCheckError] = useState<unknown>(null);

  useEffect(() => {
    setVerdict(null);
    setCheckError(null);
    if (!code || !amount || !/^\d{1,15}(\.\d{1,2})?$/.test(String(amount)) || Number(amount) <= 0) return;
    let live = true;
    const timer = setTimeout(() => {
      checkSale(customerId, { productCode: code, amount: String(amount) }).then(
        (v) => live && setVerdict(v),
        (e: unknown) => live && setCheckError(e),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [customerId, code, amount]);

  const submit = async (v: Values) => {
    try {
      await record.mutateAsync({
        productCode: v.productCode, amount: String(v.amount), channel: v.channel, referralSource: v.referralSource?.trim() || undefined,
        recordingRef: v.recordingRef?.trim() || undefined,
        override: v.override && v.acknowledgementRef ? { customerInitiated: true, acknowledgementRef: v.acknowledgementRef.trim() } : undefined,
      });
      void message.success(t('products.sale.done'));
      onClose();
    } catch (e) {
      showError(e, form);
    }
  };

  const offered = (products.data?.items ?? []).filter((p) => p.onSaleToday);
  return (
    <Modal
      open
      width={560}
      title={t('products.sale.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('products.sale.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: record.isPending, disabled: verdict !== null && !verdict.ok && !(verdict.overridable && override), 'data-testid': 'sale-submit' }}
      data-testid="sale-dialog"
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ productCode: initialProduct, channel: 'branch' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="productCode" label={t('products.sale.product')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={products.isLoading}
            data-testid="sale-product"
            options={offered.map((p) => ({ value: p.code, label: `${p.code} ${lang === 'en' && p.nameEn ? p.nameEn : p.nameZh}（${p.riskRating}）` }))}
          />
        </Form.Item>
        <Form.Item name="amount" label={t('products.sale.amount')} rules={[{ required: true, pattern: /^\d{1,15}(\.\d{1,2})?$/ }]}>
          <InputNumber<string> stringMode min="0.01" precision={2} prefix="¥" style={{ width: '100%' }} data-testid="sale-amount" />
        </Form.Item>
        {verdict ? (
          <Alert
            style={{ marginBottom: 16 }}
            type={verdict.ok ? 'success' : 'error'}
            showIcon
            data-testid="sale-verdict"
            data-ok={verdict.ok ? 'true' : 'false'}
            message={verdict.ok ? t('products.sale.suitable') : t('products.sale.refused')}
            description={lang === 'en' ? verdict.en : verdict.zh}
          />
        ) : null}
        {checkError ? (
          <Alert style={{ marginBottom: 16 }} type="warning" showIcon data-testid="sale-check-error" title={t('products.sale.checkFailed')} description={errorText(checkError, lang)} />
        ) : null}
        {verdict?.needsRecording ? (
          <Form.Item name="recordingRef" label={t('products.sale.recordingRef')} extra={t('products.sale.recordingHint')} rules={[{ required: true, min: 4, max: 60 }]}>
            <Input maxLength={60} data-testid="sale-recording" />
          </Form.Item>
        ) : null}
        {verdict && !verdict.ok && verdict.overridable && can('sales.override') ? (
          <>
            <Form.Item name="override" valuePropName="checked">
              <Checkbox data-testid="sale-override">{t('products.sale.override')}</Checkbox>
            </Form.Item>
            {override ? (
              <Form.Item name="acknowledgementRef" label={t('products.sale.acknowledgementRef')} rules={[{ required: true, min: 4, max: 60 }]}>
                <Input maxLength={60} data-testid="sale-ack" />
              </Form.Item>
            ) : null}
          </>
        ) : null}
        <Form.Item name="channel" label={t('products.sale.channel')}>
          <Select options={SALE_CHANNELS.map((c) => ({ value: c, label: bi(SALE_CHANNEL_LABELS[c]) }))} />
        </Form.Item>
        <Form.Item name="referralSource" label={t('products.sale.referralSource')} rules={[{ max: 60 }]}>
          <Input maxLength={60} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
