import { Button, Card, Col, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  IdcardOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useAuth } from '../../app/auth';
import { SimpleList } from '../../components/simple-list';
import { useBranchList, useExpiringCount, useRecentAudit, useStaffTotal } from './api';

function Figure({ value, loading, failed }: { value: number | undefined; loading: boolean; failed: boolean }) {
  const { t } = useTranslation();
  if (loading) return <Skeleton.Button active size="small" />;
  if (failed) return <Typography.Text type="secondary">{t('home.unavailable')}</Typography.Text>;
  return <>{value ?? 0}</>;
}

/** data-testid: home-admin-links, home-count-branches, home-count-staff, home-link-<key> */
export function AdminLinksCard() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const branches = useBranchList(can('org.branch.read'));
  const staff = useStaffTotal(can('org.staff.read'));
  const links = [
    { key: 'branches', to: '/org/branches', icon: <ApartmentOutlined />, ok: can('org.branch.read') },
    { key: 'staff', to: '/org/staff', icon: <TeamOutlined />, ok: can('org.staff.read') },
    { key: 'import', to: '/org/import', icon: <UploadOutlined />, ok: can('org.import') },
    { key: 'roles', to: '/admin/roles', icon: <IdcardOutlined />, ok: can('admin.roles') },
  ] as const;
  return (
    <Card className="home-card" title={t('home.cards.adminLinks.title')} data-testid="home-admin-links">
      <Row gutter={[12, 12]}>
        <Col xs={12}>
          <Statistic
            title={t('home.countBranches')}
            valueRender={() => (
              <span data-testid="home-count-branches">
                <Figure value={branches.data?.length} loading={branches.isPending && branches.fetchStatus !== 'idle'} failed={branches.isError} />
              </span>
            )}
          />
        </Col>
        <Col xs={12}>
          <Statistic
            title={t('home.countStaff')}
            valueRender={() => (
              <span data-testid="home-count-staff">
                <Figure value={staff.data} loading={staff.isPending && staff.fetchStatus !== 'idle'} failed={staff.isError} />
              </span>
            )}
          />
        </Col>
        {links
          .filter((l) => l.ok)
          .map((l) => (
            <Col xs={12} key={l.key}>
              <Link to={l.to} data-testid={`home-link-${l.key}`}>
                <Button block icon={l.icon}>
                  {t(`menu.${l.key}`)}
                </Button>
              </Link>
            </Col>
          ))}
      </Row>
    </Card>
  );
}

/** data-testid: home-expiring, home-count-expiring */
export function ExpiringCard() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const enabled = can('org.staff.read');
  const q = useExpiringCount(enabled);
  return (
    <Card
      className="home-card"
      title={t('home.cards.expiring.title')}
      data-testid="home-expiring"
      extra={enabled ? <Link to="/org/certificates">{t('common.viewAll')}</Link> : null}
    >
      <Statistic
        prefix={<SafetyCertificateOutlined />}
        valueRender={() => (
          <span data-testid="home-count-expiring">
            <Figure value={q.data} loading={q.isPending && q.fetchStatus !== 'idle'} failed={q.isError || !enabled} />
          </span>
        )}
        styles={{ content: { color: (q.data ?? 0) > 0 ? '#d4380d' : undefined } }}
      />
      <Typography.Text type="secondary">{t('home.cards.expiring.desc')}</Typography.Text>
    </Card>
  );
}

/** data-testid: home-staff-total, home-count-staff-scope */
export function StaffTotalCard() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const enabled = can('org.staff.read');
  const q = useStaffTotal(enabled);
  return (
    <Card
      className="home-card"
      title={t('home.cards.staffTotal.title')}
      data-testid="home-staff-total"
      extra={enabled ? <Link to="/org/staff">{t('common.viewAll')}</Link> : null}
    >
      <Statistic
        prefix={<TeamOutlined />}
        valueRender={() => (
          <span data-testid="home-count-staff-scope">
            <Figure value={q.data} loading={q.isPending && q.fetchStatus !== 'idle'} failed={q.isError || !enabled} />
          </span>
        )}
      />
      <Typography.Text type="secondary">{t('home.cards.staffTotal.desc')}</Typography.Text>
    </Card>
  );
}

const OUTCOME_COLOR = { ok: 'green', denied: 'orange', failed: 'red' } as const;

/** data-testid: home-audit, home-audit-item */
export function AuditCard() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const q = useRecentAudit(can('audit.read'));
  return (
    <Card
      className="home-card"
      title={
        <span>
          <AuditOutlined /> {t('home.cards.audit.title')}
        </span>
      }
      data-testid="home-audit"
      extra={<Link to="/audit">{t('common.viewAll')}</Link>}
    >
      <SimpleList
        size="small"
        loading={q.isPending && q.fetchStatus !== 'idle'}
        items={q.data ?? []}
        rowKey={(e) => e.id}
        empty={<Typography.Text type="secondary">{q.isError ? t('home.unavailable') : t('common.noData')}</Typography.Text>}
        itemProps={() => ({ 'data-testid': 'home-audit-item' })}
        renderItem={(e) => (
          <>
            <Typography.Text type="secondary" style={{ width: 108, flex: 'none', fontSize: 12 }}>
              {dayjs(e.at).format('MM-DD HH:mm:ss')}
            </Typography.Text>
            <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }}>
              {e.actorName ?? e.actorUsername ?? '—'} · <code>{e.action}</code>
            </Typography.Text>
            <Tag color={OUTCOME_COLOR[e.outcome]}>{t(`audit.outcome.${e.outcome}`)}</Tag>
          </>
        )}
      />
    </Card>
  );
}
