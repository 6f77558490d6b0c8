// data-testid: account-profile, account-roles, account-permissions, account-lang (radio group),
// account-change-password, account-logout-all, logout-all-confirm
import { App, Button, Card, Col, Descriptions, Radio, Row, Space, Table, Tag } from 'antd';
import { KeyOutlined, PoweroffOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PERMISSIONS, ROLE_LABELS, SCOPE_LABELS, type PermissionCode, type Scope } from '@contracts/roles';
import { useAuth, useMe } from '../../app/auth';
import { useBi, useLang, type Lang } from '../../app/lang';
import { useSwitchLanguage } from '../../app/use-switch-language';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';

type PermRow = { code: PermissionCode; scope: Scope };

export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useAuth();
  const bi = useBi();
  const lang = useLang();
  const switchTo = useSwitchLanguage();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const showError = useApiError();

  const perms: PermRow[] = (Object.entries(me.permissions) as [PermissionCode, Scope][]).map(([code, scope]) => ({
    code,
    scope,
  }));

  const logoutAll = () =>
    modal.confirm({
      title: t('header.logoutAllTitle'),
      content: t('header.logoutAllBody'),
      okText: t('header.logoutAll'),
      okButtonProps: { danger: true, 'data-testid': 'logout-all-confirm' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await logout(true);
        } catch (e) {
          showError(e);
        }
        navigate('/login', { replace: true });
      },
    });

  return (
    <>
      <PageTitle title={t('account.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('account.profile')} data-testid="account-profile">
            <Descriptions
              column={{ xs: 1, sm: 2 }}
              items={[
                { key: 'name', label: t('account.name'), children: me.name },
                { key: 'username', label: t('account.username'), children: me.username },
                { key: 'staffNo', label: t('account.staffNo'), children: me.staffNo },
                { key: 'branch', label: t('account.branch'), children: `${me.branchName}（${me.branchCode}）` },
                {
                  key: 'roles',
                  label: t('account.roles'),
                  span: 2,
                  children: (
                    <span data-testid="account-roles">
                      {me.roles.map((r) => (
                        <Tag key={r} color="geekblue">
                          {bi(ROLE_LABELS[r])}
                        </Tag>
                      ))}
                    </span>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('account.settings')}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <div>
                <div style={{ marginBottom: 8 }}>{t('header.language')}</div>
                <Radio.Group
                  value={lang}
                  optionType="button"
                  data-testid="account-lang"
                  onChange={(e) => void switchTo(e.target.value as Lang)}
                  options={[
                    { value: 'zh-CN', label: '中文' },
                    { value: 'en', label: 'English' },
                  ]}
                />
              </div>
              <Space wrap>
                <Button icon={<KeyOutlined />} onClick={() => navigate('/account/password')} data-testid="account-change-password">
                  {t('password.title')}
                </Button>
                <Button danger icon={<PoweroffOutlined />} onClick={logoutAll} data-testid="account-logout-all">
                  {t('header.logoutAll')}
                </Button>
              </Space>
            </Space>
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={t('account.permissions')}>
            <Table<PermRow>
              data-testid="account-permissions"
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={perms}
              scroll={{ x: 480 }}
              columns={[
                { title: t('account.permission'), dataIndex: 'code', render: (c: PermissionCode) => bi(PERMISSIONS[c]) },
                { title: t('account.code'), dataIndex: 'code', render: (c: string) => <code>{c}</code> },
                { title: t('account.scope'), dataIndex: 'scope', render: (s: Scope) => <Tag>{bi(SCOPE_LABELS[s])}</Tag> },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
