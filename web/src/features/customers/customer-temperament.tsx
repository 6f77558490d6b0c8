// The customer's temperament (性格类型) and how to serve it: features and the strategy an RM follows.
// data-testid: customer-temperament, temperament-select, temperament-name, temperament-features,
// temperament-strategy
import { App, Card, Empty, Select, Space, Tag, Typography } from 'antd';
import { BulbOutlined, SmileOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { TEMPERAMENT_CODES, type Customer360, type TemperamentCode, type TemperamentGuide } from '@contracts/customers';
import { useAuth } from '../../app/auth';
import { useNamePick } from '../../app/lang';
import { useApiError } from '../../components/use-api-error';
import { setTemperament, useCustomerWrite, useTemperamentGuides } from './api';

const COLOR: Record<TemperamentCode, string> = { lively: 'orange', perfect: 'blue', powerful: 'red', peaceful: 'green' };

export function TemperamentCard({ c }: { c: Customer360 }) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const edit = can('customers.edit');
  const guides = useTemperamentGuides();
  const write = useCustomerWrite(c.id, (code: TemperamentCode | null) => setTemperament(c.id, code));
  const code = c.temperament?.code ?? null;
  const guide: TemperamentGuide | null = c.temperament?.guide ?? guides.data?.find((g) => g.code === code) ?? null;
  const nameOf = (k: TemperamentCode) => {
    const g = guides.data?.find((x) => x.code === k) ?? (k === code ? guide : null);
    return g ? pick(g.nameZh, g.nameEn) : t(`customer.temperament.codes.${k}`);
  };

  const change = async (v: TemperamentCode | undefined) => {
    try {
      await write.mutateAsync(v ?? null);
      void message.success(t('common.saved'));
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Card
      title={
        <Space>
          <SmileOutlined />
          {t('customer.temperament.title')}
        </Space>
      }
      data-testid="customer-temperament"
      extra={
        edit ? (
          <Select<TemperamentCode>
            size="small"
            allowClear
            style={{ width: 140 }}
            value={code ?? undefined}
            placeholder={t('customer.temperament.set')}
            loading={write.isPending}
            onChange={(v) => void change(v)}
            options={TEMPERAMENT_CODES.map((k) => ({ value: k, label: nameOf(k) }))}
            data-testid="temperament-select"
          />
        ) : null
      }
    >
      {code === null ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer.temperament.none')} />
      ) : (
        <>
          <div style={{ marginBottom: 12 }}>
            <Tag color={COLOR[code]} style={{ fontSize: 14, padding: '2px 10px' }} data-testid="temperament-name">
              {nameOf(code)}
            </Tag>
          </div>
          {guide ? (
            <>
              <Typography.Text strong>{t('customer.temperament.features')}</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-line' }} data-testid="temperament-features">
                {pick(guide.featuresZh, guide.featuresEn)}
              </Typography.Paragraph>
              <Typography.Text strong>
                <BulbOutlined style={{ color: '#c9a45c' }} /> {t('customer.temperament.strategy')}
              </Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-line', marginBottom: 0 }} data-testid="temperament-strategy">
                {pick(guide.strategyZh, guide.strategyEn)}
              </Typography.Paragraph>
            </>
          ) : null}
        </>
      )}
    </Card>
  );
}
