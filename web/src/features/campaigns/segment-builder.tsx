// The segment builder: filters on tier, AUM, holdings, risk level, age, branch, last contact and the
// consent channel, with the live count of customers the server finds for the caller's scope.
// data-testid: segment-builder, segment-channel, segment-tiers, segment-aum-min, segment-aum-max, segment-held, segment-not-held,
// segment-risk, segment-age-min, segment-age-max, segment-branch, segment-no-contact, segment-count
import { useEffect, useState } from 'react';
import { Alert, Col, Form, Input, InputNumber, Row, Select, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { HOLDING_CATEGORIES, HOLDING_CATEGORY_LABELS, RISK_LEVELS } from '@contracts/customers';
import { CONSENT_CHANNELS, type SegmentFilters } from '@contracts/growth';
import { useBi, useNamePick } from '../../app/lang';
import { BranchPicker } from '../../components/branch-select';
import { useTierLadder } from '../../components/use-tiers';
import { useSegmentPreview } from './api';
import { toFilters, type SegmentFormValues } from './segment-filters';

export { toFilters, type SegmentFormValues };

/** Waits until typing pauses, so that the count is asked once per change, not per key. */
function useSettled<T>(value: T, ms = 400): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return settled;
}

type Props = { previewPath?: 'segments/preview' | 'events/segment-preview' };

/** Renders the filter fields inside the caller's Form (field names as in SegmentFormValues). */
export function SegmentBuilder({ previewPath = 'segments/preview' }: Props) {
  const { t } = useTranslation();
  const bi = useBi();
  const pick = useNamePick();
  const form = Form.useFormInstance<SegmentFormValues>();
  const values = Form.useWatch([], form) as SegmentFormValues | undefined;
  const filters = useSettled(JSON.stringify(toFilters(values ?? {})));
  const preview = useSegmentPreview(JSON.parse(filters) as SegmentFilters | null, previewPath);
  const tiers = useTierLadder();
  const categories = HOLDING_CATEGORIES.map((c) => ({ value: c, label: bi(HOLDING_CATEGORY_LABELS[c]) }));
  return (
    <div data-testid="segment-builder">
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="consentChannel" label={t('growth.campaigns.consentChannel')} rules={[{ required: true, message: t('growth.common.required') }]}>
            <Select data-testid="segment-channel" options={CONSENT_CHANNELS.map((c) => ({ value: c, label: t(`growth.campaigns.channels.${c}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="tierCodes" label={t('growth.campaigns.tiers')}>
            <Select mode="multiple" allowClear data-testid="segment-tiers" options={(tiers.data ?? []).map((x) => ({ value: x.code, label: pick(x.nameZh, x.nameEn) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="aumMin" label={t('growth.campaigns.aumMin')}>
            <Input inputMode="decimal" maxLength={20} data-testid="segment-aum-min" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="aumMax" label={t('growth.campaigns.aumMax')}>
            <Input inputMode="decimal" maxLength={20} data-testid="segment-aum-max" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="ageMin" label={t('growth.campaigns.ageMin')}>
            <InputNumber min={0} max={120} precision={0} style={{ width: '100%' }} data-testid="segment-age-min" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="ageMax" label={t('growth.campaigns.ageMax')}>
            <InputNumber min={0} max={120} precision={0} style={{ width: '100%' }} data-testid="segment-age-max" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="heldCategories" label={t('growth.campaigns.held')}>
            <Select mode="multiple" allowClear data-testid="segment-held" options={categories} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="notHeldCategories" label={t('growth.campaigns.notHeld')}>
            <Select mode="multiple" allowClear data-testid="segment-not-held" options={categories} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="riskLevels" label={t('growth.campaigns.riskLevels')}>
            <Select mode="multiple" allowClear data-testid="segment-risk" options={RISK_LEVELS.map((r) => ({ value: r, label: r }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="branchId" label={t('growth.common.branch')}>
            <BranchPicker testId="segment-branch" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="noContactDays" label={t('growth.campaigns.noContactDays')}>
            <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} data-testid="segment-no-contact" />
          </Form.Item>
        </Col>
      </Row>
      {preview.error ? (
        <Alert type="warning" showIcon title={t('growth.campaigns.previewInvalid')} />
      ) : (
        <div data-testid="segment-count" data-count={preview.data?.count ?? ''}>
          <Statistic title={t('growth.campaigns.preview')} value={preview.data?.count ?? '—'} loading={preview.isFetching && !preview.data} />
          {preview.data ? <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('growth.campaigns.previewDetail', preview.data)}</span> : null}
        </div>
      )}
    </div>
  );
}
