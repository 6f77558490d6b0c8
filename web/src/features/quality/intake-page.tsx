// Records a complaint from any channel: used by the lobby manager and the tellers at the counter.
// data-testid: intake-form, intake-channel, intake-type, intake-category, intake-line, intake-staff, intake-contact-name,
// intake-contact-mobile, intake-customer, intake-amount, intake-description, intake-request, intake-submit
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  COMPLAINANT_TYPES, COMPLAINT_BUSINESS_LINES, COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, type ComplaintIntakeBody,
} from '@contracts/quality';
import { useMe } from '../../app/auth';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';
import { useIntake } from './api';
import { useBranchStaff } from './shared';

type Values = Omit<ComplaintIntakeBody, 'customerId'> & { customerId?: number | null };

export function IntakePage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const intake = useIntake();
  const onError = useApiError();
  const staff = useBranchStaff(me.branchId);
  const type = Form.useWatch('complainantType', form);
  const opts = <T extends string>(list: readonly T[], key: string) => list.map((v) => ({ value: v, label: t(`quality.${key}.${v}`) }));

  const submit = (v: Values) => {
    const body: ComplaintIntakeBody = {
      ...v,
      customerId: v.customerId ?? undefined,
      contactName: v.contactName || undefined,
      contactMobile: v.contactMobile || undefined,
      amountInDispute: v.amountInDispute ? String(v.amountInDispute) : undefined,
      aboutStaffIds: v.aboutStaffIds ?? [],
      customerRequest: v.customerRequest ?? '',
    };
    intake.mutate(body, {
      onSuccess: (k) => navigate(`/quality/complaints/${k.id}`),
      onError: (e) => onError(e, form),
    });
  };

  return (
    <>
      <PageTitle title={t('quality.intake.title')} subtitle={t('quality.intake.subtitle')} />
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          data-testid="intake-form"
          initialValues={{ channel: 'lobby', complainantType: 'customer', businessLine: 'counter', aboutStaffIds: [], customerRequest: '' }}
          onFinish={submit}
        >
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="channel" label={t('quality.intake.channel')} rules={[{ required: true }]}>
                <Select options={opts(COMPLAINT_CHANNELS, 'channel')} data-testid="intake-channel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="complainantType" label={t('quality.intake.complainantType')} rules={[{ required: true }]}>
                <Select options={opts(COMPLAINANT_TYPES, 'complainant')} data-testid="intake-type" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="customerId" label={t('quality.intake.customerId')}>
                <InputNumber min={1} style={{ width: '100%' }} data-testid="intake-customer" disabled={type === 'walk_in'} />
              </Form.Item>
            </Col>
          </Row>
          {type !== 'customer' ? <Alert type="info" showIcon title={t('quality.intake.contactHint')} style={{ marginBottom: 16 }} /> : null}
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="contactName" label={t('quality.intake.contactName')} rules={[{ required: type !== 'customer' }]}>
                <Input maxLength={30} data-testid="intake-contact-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="contactMobile" label={t('quality.intake.contactMobile')} rules={[{ required: type !== 'customer' }, { pattern: /^1\d{10}$/ }]}>
                <Input maxLength={11} data-testid="intake-contact-mobile" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="amountInDispute" label={t('quality.intake.amount')}>
                <InputNumber min={0} precision={2} style={{ width: '100%' }} stringMode data-testid="intake-amount" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="category" label={t('quality.intake.category')} rules={[{ required: true }]}>
                <Select options={opts(COMPLAINT_CATEGORIES, 'category')} data-testid="intake-category" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="businessLine" label={t('quality.intake.businessLine')} rules={[{ required: true }]}>
                <Select options={opts(COMPLAINT_BUSINESS_LINES, 'line')} data-testid="intake-line" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="aboutStaffIds" label={t('quality.intake.aboutStaff')} extra={t('quality.intake.staffHint')}>
                <Select
                  mode="multiple"
                  data-testid="intake-staff"
                  loading={staff.isPending}
                  optionFilterProp="label"
                  options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.staffNo}）` }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="description" label={t('quality.intake.description')} rules={[{ required: true, min: 4 }]}>
            <Input.TextArea rows={4} maxLength={4000} showCount data-testid="intake-description" />
          </Form.Item>
          <Form.Item name="customerRequest" label={t('quality.intake.request')}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="intake-request" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={intake.isPending} data-testid="intake-submit">
            {t('quality.intake.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
