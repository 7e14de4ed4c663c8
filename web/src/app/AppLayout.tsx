import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tag, Typography, theme, type MenuProps } from 'antd';
import { useMemo } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { hasAnyPermission, useLogout, useMe } from '../features/auth/api';
import { useRoleLabel, useT } from '../i18n';
import { NAV_ITEMS } from './nav';

const { Header, Sider, Content } = Layout;

/** The menu key for a location: the nav item whose path is the longest prefix of it. */
function selectedKey(pathname: string): string {
  const match = NAV_ITEMS.filter((i) => (i.path === '/' ? pathname === '/' : pathname.startsWith(i.path)));
  return match.sort((a, b) => b.path.length - a.path.length)[0]?.path ?? '';
}

function SideMenu() {
  const t = useT();
  const { data: user } = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const items = useMemo<MenuProps['items']>(
    () =>
      NAV_ITEMS.filter((i) => !i.anyOf || hasAnyPermission(user, i.anyOf)).map((i) => ({
        key: i.path,
        icon: i.icon,
        label: <span data-testid={`menu-${i.id}`}>{t(i.label)}</span>,
      })),
    [user, t],
  );

  return (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={[selectedKey(pathname)]}
      onClick={({ key }) => navigate(key)}
    />
  );
}

function UserBox() {
  const t = useT();
  const roleLabel = useRoleLabel();
  const { data: user } = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  if (!user) return null;

  return (
    <Space size="middle" wrap={false}>
      <Space size="small">
        <UserOutlined />
        <Typography.Text data-testid="header-user">{user.displayName}</Typography.Text>
        <span data-testid="header-role">
          {user.roles.map((r) => (
            <Tag key={r} color="blue">
              {roleLabel(r)}
            </Tag>
          ))}
        </span>
      </Space>
      <LanguageSwitch />
      <Button
        type="text"
        icon={<LogoutOutlined />}
        loading={logout.isPending}
        onClick={() => logout.mutate(undefined, { onSuccess: () => navigate('/login', { replace: true }) })}
        data-testid="logout-button"
      >
        {t('header.logout')}
      </Button>
    </Space>
  );
}

export function AppLayout() {
  const t = useT();
  const { token } = theme.useToken();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider breakpoint="lg" collapsedWidth={0} width={208}>
        <div
          style={{
            color: '#fff',
            fontSize: 20,
            fontWeight: 600,
            letterSpacing: 4,
            textAlign: 'center',
            padding: '16px 0',
          }}
        >
          {t('app.shortName')}
        </div>
        <SideMenu />
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 16,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Typography.Text strong ellipsis style={{ fontSize: 16 }} data-testid="app-name">
            {t('app.name')}
          </Typography.Text>
          <UserBox />
        </Header>
        <Content style={{ margin: 24 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
