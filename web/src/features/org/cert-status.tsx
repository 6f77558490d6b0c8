import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';

/** Certificates this close to expiry are flagged: the bank renews them in the two months before. */
export const EXPIRY_WARNING_DAYS = 60;

export function daysLeft(expiresOn: string | null): number | null {
  if (!expiresOn) return null;
  return dayjs(expiresOn).startOf('day').diff(dayjs().startOf('day'), 'day');
}

export function certRowClass(expiresOn: string | null): string {
  const d = daysLeft(expiresOn);
  if (d === null) return '';
  if (d < 0) return 'cert-expired';
  return d <= EXPIRY_WARNING_DAYS ? 'cert-expiring' : '';
}

/** data-testid: cert-expiry (data-days=<days left>) */
export function CertExpiryTag({ expiresOn }: { expiresOn: string | null }) {
  const { t } = useTranslation();
  const d = daysLeft(expiresOn);
  if (d === null) return <Tag data-testid="cert-expiry">{t('certs.permanent')}</Tag>;
  const color = d < 0 ? 'red' : d <= 30 ? 'volcano' : d <= EXPIRY_WARNING_DAYS ? 'orange' : 'green';
  const text = d < 0 ? t('certs.expiredAgo', { n: -d }) : d === 0 ? t('certs.expiresToday') : t('certs.daysLeft', { n: d });
  return (
    <Tag color={color} data-testid="cert-expiry" data-days={d}>
      {text}
    </Tag>
  );
}
