// data-testid: app-header, app-title, header-user (dropdown trigger), header-user-name,
// header-branch, user-account, user-password, logout, logout-all (dropdown items), logout-all-confirm
import { App, Avatar, Button, Dropdown, Flex, Layout, Typography } from 'antd';
import {
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  PoweroffOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from './auth';
import { LanguageSwitch } from './language-switch';
import { NotificationBell } from '../features/notifications/notification-bell';
import { CustomerSearchBox } from '../features/customers/customer-search';
import { useApiError } from '../components/use-api-error';

type Props = { phone: boolean; collapsed: boolean; onMenuButton: () => void };

export function HeaderBar({ phone, collapsed, onMenuButton }: Props) {
  const { t } = useTranslation();
  const { me, logout } = useAuth();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const showError = useApiError();

  const doLogout = async (everywhere: boolean) => {
    try {
      await logout(everywhere);
      navigate('/login', { replace: true });
    } catch (e) {
      showError(e);
      navigate('/login', { replace: true });
    }
  };

  const confirmLogoutAll = () => {
    modal.confirm({
      title: t('header.logoutAllTitle'),
      content: t('header.logoutAllBody'),
      okText: t('header.logoutAll'),
      okButtonProps: { danger: true, 'data-testid': 'logout-all-confirm' },
      cancelText: t('common.cancel'),
      onOk: () => doLogout(true),
    });
  };

  const userItems = [
    { key: 'account', icon: <UserOutlined />, label: t('menu.account'), 'data-testid': 'user-account' },
    { key: 'password', icon: <KeyOutlined />, label: t('password.title'), 'data-testid': 'user-password' },
    { type: 'divider' as const },
    { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), 'data-testid': 'logout' },
    { key: 'logout-all', icon: <PoweroffOutlined />, label: t('header.logoutAll'), danger: true, 'data-testid': 'logout-all' },
  ];

  const onUserMenu = (key: string) => {
    if (key === 'account') navigate('/account');
    else if (key === 'password') navigate('/account/password');
    else if (key === 'logout') void doLogout(false);
    else if (key === 'logout-all') confirmLogoutAll();
  };

  return (
    <Layout.Header className="app-header" data-testid="app-header">
      <Flex align="center" gap={8} style={{ minWidth: 0, flex: 1 }}>
        <Button
          type="text"
          className="header-btn"
          aria-label={t('header.openMenu')}
          data-testid="app-menu-button"
          icon={phone ? <MenuOutlined /> : collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
          onClick={onMenuButton}
        />
        <Typography.Text className="app-title" ellipsis data-testid="app-title">
          {phone ? t('app.shortName') : t('app.name')}
        </Typography.Text>
      </Flex>
      <Flex align="center" gap={phone ? 2 : 8}>
        {me ? <CustomerSearchBox phone={phone} /> : null}
        <LanguageSwitch compact={phone} />
        {me ? <NotificationBell phone={phone} /> : null}
        {me ? (
          <Dropdown trigger={['click']} menu={{ items: userItems, onClick: ({ key }) => onUserMenu(key) }}>
            <Button type="text" className="header-btn header-user" data-testid="header-user">
              <Avatar size="small" className="header-avatar">
                {me.name.slice(0, 1)}
              </Avatar>
              {phone ? null : (
                <span className="header-user-text">
                  <span data-testid="header-user-name">{me.name}</span>
                  <span className="header-branch" data-testid="header-branch">
                    {me.branchName}
                  </span>
                </span>
              )}
            </Button>
          </Dropdown>
        ) : null}
      </Flex>
    </Layout.Header>
  );
}
