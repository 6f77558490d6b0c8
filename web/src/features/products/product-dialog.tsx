// Head office's form for one product (new or edit).
// data-testid: product-dialog, product-form-code, product-form-name-zh, product-form-yield, product-form-submit
import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import {
  ASSET_CLASSES, ASSET_CLASS_LABELS, PRODUCT_CATEGORIES, PRODUCT_CATEGORY_LABELS, PRODUCT_STATUSES, PRODUCT_STATUS_LABELS, RISK_RATINGS,
  type Product, type SaveProductBody,
} from '@contracts/products';
import { useBi } from '../../app/lang';
import { useApiError } from '../../components/use-api-error';
import { useTierLadder } from '../../components/use-tiers';
import { useSaveProduct } from './api';

type Values = Omit<SaveProductBody, 'saleStart' | 'saleEnd' | 'minAmount' | 'expectedYield'> & {
  code: string; minAmount: string; expectedYield?: string | null; saleStart?: Dayjs | null; saleEnd?: Dayjs | null;
};

export function ProductDialog({ product, onClose }: { product: Product | null; onClose: () => void }) {
  const { t } = useTranslation();
  const bi = useBi();
  const { message } = App.useApp();
  const showError = useApiError();
  const ladder = useTierLadder();
  const save = useSaveProduct();
  const [form] = Form.useForm<Values>();
  const initial: Partial<Values> = product
    ? { ...product, saleStart: product.saleStart ? dayjs(product.saleStart) : null, saleEnd: product.saleEnd ? dayjs(product.saleEnd) : null }
    : { category: 'wealth', riskRating: 'R2', currency: 'CNY', minAmount: '10000', status: 'draft', tierCodes: [], assetClass: null };

  const submit = async (v: Values) => {
    try {
      await save.mutateAsync({
        code: v.code.trim().toUpperCase(),
        body: {
          nameZh: v.nameZh, nameEn: v.nameEn ?? '', category: v.category, riskRating: v.riskRating, currency: v.currency || 'CNY', minAmount: String(v.minAmount),
          termMonths: v.termMonths ?? null, expectedYield: v.expectedYield ? String(v.expectedYield) : null,
          saleStart: v.saleStart ? v.saleStart.format('YYYY-MM-DD') : null, saleEnd: v.saleEnd ? v.saleEnd.format('YYYY-MM-DD') : null,
          status: v.status, tierCodes: v.tierCodes ?? [], assetClass: v.assetClass ?? null, issuer: v.issuer ?? '', description: v.description ?? '',
        },
      });
      void message.success(t('common.saved'));
      onClose();
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={product ? t('products.catalogue.editTitle', { name: product.nameZh }) : t('products.catalogue.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'product-form-submit' }}
      data-testid="product-dialog"
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)}>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="code" label={t('products.catalogue.code')} rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9-]{1,29}$/ }]}>
              <Input disabled={product !== null} data-testid="product-form-code" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="nameZh" label={t('products.catalogue.nameZh')} rules={[{ required: true, whitespace: true, max: 60 }]}>
              <Input maxLength={60} data-testid="product-form-name-zh" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="nameEn" label={t('products.catalogue.nameEn')} rules={[{ max: 120 }]}>
              <Input maxLength={120} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="status" label={t('products.catalogue.status')} rules={[{ required: true }]}>
              <Select options={PRODUCT_STATUSES.map((s) => ({ value: s, label: bi(PRODUCT_STATUS_LABELS[s]) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="category" label={t('products.catalogue.category')} rules={[{ required: true }]}>
              <Select options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: bi(PRODUCT_CATEGORY_LABELS[c]) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="riskRating" label={t('products.catalogue.riskRating')} rules={[{ required: true }]}>
              <Select options={RISK_RATINGS.map((r) => ({ value: r, label: r }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="currency" label={t('products.catalogue.currency')}>
              <Input maxLength={3} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="minAmount" label={t('products.catalogue.minAmount')} rules={[{ required: true, pattern: /^\d{1,15}(\.\d{1,2})?$/ }]}>
              <InputNumber<string> stringMode min="0" precision={2} prefix="¥" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="termMonths" label={t('products.catalogue.term')}>
              <InputNumber min={1} max={600} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="expectedYield" label={t('products.catalogue.yield')} rules={[{ pattern: /^\d{1,2}(\.\d{1,4})?$/ }]}>
              <InputNumber<string> stringMode min="0" max="99" step="0.05" suffix="%" style={{ width: '100%' }} data-testid="product-form-yield" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="saleStart" label={t('products.catalogue.saleStart')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="saleEnd" label={t('products.catalogue.saleEnd')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="assetClass" label={t('products.catalogue.assetClass')}>
              <Select
                allowClear
                placeholder={t('products.catalogue.assetDefault')}
                options={ASSET_CLASSES.map((a) => ({ value: a, label: bi(ASSET_CLASS_LABELS[a]) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="tierCodes" label={t('products.catalogue.tiers')}>
              <Select mode="multiple" placeholder={t('products.catalogue.allTiers')} options={(ladder.data ?? []).map((x) => ({ value: x.code, label: bi({ zh: x.nameZh, en: x.nameEn }) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="issuer" label={t('products.catalogue.issuer')} rules={[{ max: 60 }]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="description" label={t('products.catalogue.description')} rules={[{ max: 1000 }]}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
