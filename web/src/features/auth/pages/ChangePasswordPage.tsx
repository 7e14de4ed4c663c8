import { LogoutOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { applyServerErrors } from '../../../api/formErrors';
import { FormError } from '../../../components/FormError';
import { PasswordFields } from '../../../components/PasswordFields';
import { PublicLayout } from '../../../components/PublicLayout';
import { useT } from '../../../i18n';
import { useRules } from '../../../lib/rules';
import { useChangePassword, useLogout } from '../api';

interface Values {
  currentPassword: string;
  newPassword: string;
  passwordConfirm: string;
}

/** 修改初始密码: shown instead of the app to an account that still has the password it was opened with. */
export function ChangePasswordPage() {
  const t = useT();
  const rules = useRules();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const logout = useLogout();

  const onFinish = ({ currentPassword, newPassword }: Values) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          message.success(t('password.done'));
          navigate('/login', { replace: true });
        },
        onError: (error) => applyServerErrors(form, error, t),
      },
    );

  return (
    <PublicLayout
      title="password.title"
      width={480}
      footer={
        <Button
          type="link"
          icon={<LogoutOutlined />}
          loading={logout.isPending}
          onClick={() => logout.mutate(undefined, { onSuccess: () => navigate('/login', { replace: true }) })}
          data-testid="change-password-logout"
        >
          {t('header.logout')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('password.mustChange')} style={{ marginBottom: 16 }} />
      <FormError error={change.error} testId="change-password-error" />
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} disabled={change.isPending}>
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[rules.input('password.current'), rules.max(200)]}
        >
          <Input.Password autoComplete="current-password" maxLength={200} data-testid="change-password-current" />
        </Form.Item>
        <PasswordFields name={['newPassword']} label="password.new" testIdPrefix="change-password" />
        <Button type="primary" htmlType="submit" block loading={change.isPending} data-testid="change-password-submit">
          {t('password.submit')}
        </Button>
      </Form>
    </PublicLayout>
  );
}
