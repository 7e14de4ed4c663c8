import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography, theme } from 'antd';
import { Link, Navigate, useNavigate } from 'react-router';
import { isApiError } from '../../../api/client';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { useT, type Translate } from '../../../i18n';
import { useLogin, useMe, type LoginInput } from '../api';

/** The server's message (用户名或密码错误, 账号已锁定 …); the request id only for server faults, for support. */
function loginErrorText(error: unknown, t: Translate): string {
  if (!isApiError(error)) return t('login.failed');
  if (error.isClientSide) return t(error.code === 'NETWORK' ? 'error.network' : 'error.badResponse');
  return error.status >= 500 && error.requestId
    ? error.message + t('error.requestId', { requestId: error.requestId })
    : error.message;
}

export function LoginPage() {
  const t = useT();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const me = useMe();
  const login = useLogin();

  if (me.data) return <Navigate to="/" replace />;

  const onFinish = (values: LoginInput) => login.mutate(values, { onSuccess: () => navigate('/', { replace: true }) });

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', background: token.colorBgLayout }}>
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: 400, maxWidth: 'calc(100vw - 32px)' }}>
        <Flex vertical gap="large">
          <div style={{ textAlign: 'center' }}>
            <Typography.Title level={3} style={{ marginBottom: 4 }}>
              {t('app.shortName')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
          </div>
          {login.isError && (
            <Alert type="error" showIcon title={loginErrorText(login.error, t)} data-testid="login-error" />
          )}
          <Form<LoginInput> layout="vertical" requiredMark={false} onFinish={onFinish} disabled={login.isPending}>
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                maxLength={64}
                autoFocus
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                maxLength={200}
                data-testid="login-password"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
          <Flex justify="space-between" wrap gap="small">
            <Link to="/register/organisation" data-testid="login-register-org">
              {t('login.registerOrg')}
            </Link>
            <Link to="/register/talent" data-testid="login-register-talent">
              {t('login.registerTalent')}
            </Link>
          </Flex>
        </Flex>
      </Card>
    </Flex>
  );
}
