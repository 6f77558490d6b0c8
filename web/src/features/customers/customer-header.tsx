// The top of the 360 page: who the customer is (masked unless revealed), the tier and how far the
// next one is, the dedicated RM, the risk assessment and its validity, consents and AUM figures.
// data-testid: customer-name, customer-no, customer-status, customer-tier, customer-tier-progress,
// customer-tier-next, customer-rm, customer-risk (data-state="valid|expired|missing"),
// customer-consents, consent-<channel> (data-ok), customer-mobile, customer-resident-id,
// customer-address, customer-revealed, customer-reveal, customer-aum-<current|m1|m3|m6>
import type { ReactNode } from 'react';
import { Avatar, Button, Card, Col, Descriptions, Divider, Flex, Progress, Row, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, CrownOutlined, EyeOutlined, LockOutlined, WarningFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import {
  CONTACT_CHANNEL_LABELS, CUSTOMER_STATUS_LABELS, RISK_LEVEL_LABELS, type Customer360, type RevealResult,
} from '@contracts/customers';
import { useAuth } from '../../app/auth';
import { useBi, useNamePick } from '../../app/lang';
import { formatYuan } from '../../components/money';
import { TierTag } from '../../components/tier-tag';

type Props = { c: Customer360; revealed: RevealResult | null; onReveal: () => void };

const CONSENTS = ['phone', 'sms', 'email', 'wechat'] as const;

function Risk({ c }: { c: Customer360 }) {
  const { t } = useTranslation();
  const bi = useBi();
  if (!c.risk) {
    return (
      <Typography.Text type="danger" data-testid="customer-risk" data-state="missing">
        <WarningFilled /> {t('customer.riskMissing')}
      </Typography.Text>
    );
  }
  const state = c.risk.expired ? 'expired' : 'valid';
  return (
    <span data-testid="customer-risk" data-state={state}>
      <Tag color={c.risk.expired ? 'red' : 'blue'}>
        {c.risk.level} {bi(RISK_LEVEL_LABELS[c.risk.level])}
      </Tag>
      <Typography.Text type={c.risk.expired ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
        {c.risk.expired ? (
          <>
            <WarningFilled /> {t('customer.riskExpiredOn', { date: c.risk.validUntil })}
          </>
        ) : (
          t('customer.riskValidUntil', { date: c.risk.validUntil })
        )}
      </Typography.Text>
    </span>
  );
}

function TierProgress({ c }: { c: Customer360 }) {
  const { t } = useTranslation();
  const pick = useNamePick();
  const next = c.tier.next;
  if (!next) {
    return (
      <Typography.Text type="secondary" data-testid="customer-tier-next">
        <CrownOutlined style={{ color: c.tier.color }} /> {t('customer.topTier')}
      </Typography.Text>
    );
  }
  const nextName = pick(next.nameZh, next.nameEn);
  if (next.percent === null) {
    return (
      <Typography.Text type="secondary" data-testid="customer-tier-next">
        <LockOutlined /> {t('customer.nextTierHidden', { tier: nextName, threshold: formatYuan(next.threshold) })}
      </Typography.Text>
    );
  }
  return (
    <div data-testid="customer-tier-next" style={{ maxWidth: 460 }}>
      <Flex justify="space-between" gap={8} wrap style={{ fontSize: 12 }}>
        <Typography.Text type="secondary">{t('customer.basis', { amount: formatYuan(next.basis) })}</Typography.Text>
        <Typography.Text type="secondary">{t('customer.nextThreshold', { tier: nextName, amount: formatYuan(next.threshold) })}</Typography.Text>
      </Flex>
      <Progress
        percent={next.percent}
        strokeColor={{ from: c.tier.color, to: '#c9a45c' }}
        format={(p) => `${(p ?? 0).toFixed(1)}%`}
        data-testid="customer-tier-progress"
      />
      <Typography.Text style={{ fontSize: 12 }}>{t('customer.gap', { tier: nextName, amount: formatYuan(next.gap) })}</Typography.Text>
    </div>
  );
}

export function CustomerHeader({ c, revealed, onReveal }: Props) {
  const { t } = useTranslation();
  const bi = useBi();
  const { can } = useAuth();
  const name = revealed?.name ?? c.name;
  const show = (v: string | null | undefined, masked: string | null, testId: string): ReactNode => (
    <span data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {v !== undefined ? (v ?? '—') : (masked ?? '—')}
    </span>
  );
  const gender = c.gender ? t(`customer.gender.${c.gender}`) : null;

  return (
    <Card style={{ marginBottom: 16 }}>
      <Flex gap={16} wrap align="flex-start">
        <Avatar size={64} style={{ background: c.tier.color || 'var(--patron-navy)', fontSize: 28, flex: 'none' }}>
          {Array.from(name)[0]}
        </Avatar>
        <div style={{ flex: 1, minWidth: 240 }}>
          <Space wrap align="center">
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="customer-name">
              {name}
            </Typography.Title>
            <TierTag code={c.tier.code} nameZh={c.tier.nameZh} nameEn={c.tier.nameEn} color={c.tier.color} testId="customer-tier" />
            {c.tier.override ? (
              <Tooltip title={c.tier.override.reason ?? undefined}>
                <Tag color="purple">{t('customer.override', { until: c.tier.override.until ?? '—' })}</Tag>
              </Tooltip>
            ) : null}
            <Tag color={c.status === 'active' ? 'green' : c.status === 'dormant' ? 'orange' : 'default'} data-testid="customer-status">
              {bi(CUSTOMER_STATUS_LABELS[c.status])}
            </Tag>
            {revealed ? (
              <Tag color="red" icon={<EyeOutlined />} data-testid="customer-revealed">
                {t('customer.revealedTag')}
              </Tag>
            ) : null}
          </Space>
          <div style={{ margin: '4px 0 8px' }}>
            <Typography.Text type="secondary" data-testid="customer-no">
              {t('customer.customerNo')} {c.customerNo}
            </Typography.Text>
            {gender || c.age !== null ? (
              <Typography.Text type="secondary">
                {' · '}
                {[gender, c.age !== null ? t('customer.age', { n: c.age }) : null].filter(Boolean).join(' · ')}
              </Typography.Text>
            ) : null}
            {c.tier.since ? <Typography.Text type="secondary">{` · ${t('customer.tierSince', { date: c.tier.since })}`}</Typography.Text> : null}
          </div>
          <TierProgress c={c} />
        </div>
        {can('customers.reveal') ? (
          <Button danger icon={<EyeOutlined />} onClick={onReveal} data-testid="customer-reveal">
            {t('customer.reveal.button')}
          </Button>
        ) : null}
      </Flex>
      <Divider style={{ margin: '16px 0 12px' }} />
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          {
            key: 'rm',
            label: t('customer.rm'),
            children: (
              <span data-testid="customer-rm">
                {c.rm ? `${c.rm.name}（${c.rm.staffNo}）` : <Typography.Text type="warning">{t('customer.noRm')}</Typography.Text>}
              </span>
            ),
          },
          { key: 'risk', label: t('customer.risk'), children: <Risk c={c} /> },
          { key: 'branch', label: t('customer.branch'), children: `${c.branch.name}（${c.branch.code}）` },
          { key: 'mobile', label: t('customer.mobile'), children: show(revealed?.mobile, c.mobile, 'customer-mobile') },
          { key: 'id', label: t('customer.residentId'), children: show(revealed?.residentId, c.residentId, 'customer-resident-id') },
          { key: 'address', label: t('customer.address'), children: show(revealed?.address, c.address || null, 'customer-address') },
          { key: 'occupation', label: t('customer.occupation'), children: [c.occupation, c.employer].filter(Boolean).join(' · ') || '—' },
          {
            key: 'contact',
            label: t('customer.preferredContact'),
            children:
              [c.preferredChannel ? bi(CONTACT_CHANNEL_LABELS[c.preferredChannel]) : null, c.preferredContactTime || null].filter(Boolean).join(' · ') || '—',
          },
          {
            key: 'last',
            label: t('customer.lastContact'),
            children: c.lastContactAt ? dayjs(c.lastContactAt).format('YYYY-MM-DD HH:mm') : <Typography.Text type="warning">{t('customers.never')}</Typography.Text>,
          },
          {
            key: 'consents',
            label: t('customer.consents'),
            children: (
              <Space size={4} wrap data-testid="customer-consents">
                {CONSENTS.map((k) => (
                  <Tag
                    key={k}
                    color={c.consents[k] ? 'green' : 'default'}
                    icon={c.consents[k] ? <CheckCircleFilled /> : <CloseCircleFilled />}
                    data-testid={`consent-${k}`}
                    data-ok={c.consents[k] ? 'true' : 'false'}
                  >
                    {bi(CONTACT_CHANNEL_LABELS[k])}
                  </Tag>
                ))}
              </Space>
            ),
          },
          ...(c.marketingRm ? [{ key: 'mrm', label: t('customer.marketingRm'), children: `${c.marketingRm.name}（${c.marketingRm.staffNo}）` }] : []),
          ...(c.onboardedOn ? [{ key: 'since', label: t('customer.onboardedOn'), children: c.onboardedOn }] : []),
          ...(c.familyNotes ? [{ key: 'family', label: t('customer.familyNotes'), children: c.familyNotes }] : []),
        ]}
      />
      <Divider style={{ margin: '12px 0 16px' }} />
      <Row gutter={[16, 12]}>
        {(['current', 'm1', 'm3', 'm6'] as const).map((k) => (
          <Col key={k} xs={12} md={6}>
            <Statistic
              title={t(`customer.aum.${k}`)}
              value={c.balancesVisible ? formatYuan(c.aum[k]) : t('customer.hidden')}
              styles={{ content: { fontSize: 20, fontVariantNumeric: 'tabular-nums' } }}
              data-testid={`customer-aum-${k}`}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
