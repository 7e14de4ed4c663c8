import { Alert, Button, Form, Input, Result } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { applyServerErrors } from '../../../api/formErrors';
import { FormError } from '../../../components/FormError';
import { useT } from '../../../i18n';
import { useRules } from '../../../lib/rules';
import { useAcceptInvitation } from '../api';
import { PasswordFields } from '../../../components/PasswordFields';
import { PublicLayout } from '../../../components/PublicLayout';
import { SuccessResult } from '../components/SuccessResult';

interface Values {
  username: string;
  displayName: string;
  password: string;
  passwordConfirm: string;
}

/** 接受邀请: a staff member opens the link their organisation's administrator sent and sets up an account. */
export function AcceptInvitationPage() {
  const t = useT();
  const rules = useRules();
  const { token = '' } = useParams();
  const [form] = Form.useForm<Values>();
  const accept = useAcceptInvitation(token);
  const [username, setUsername] = useState<string | null>(null);

  const onFinish = (v: Values) => {
    const input = { username: v.username.trim(), displayName: v.displayName.trim(), password: v.password };
    accept.mutate(input, {
      onSuccess: () => setUsername(input.username),
      onError: (error) => applyServerErrors(form, error, t),
    });
  };

  // The server takes tokens of 10–100 characters; anything else is a broken link.
  if (token.length < 10 || token.length > 100) {
    return (
      <PublicLayout title="onboarding.invite.title" width={480}>
        <Result status="warning" title={t('onboarding.invite.badLink')} data-testid="accept-invitation-bad-link" />
      </PublicLayout>
    );
  }

  if (username) {
    return (
      <PublicLayout title="onboarding.invite.title" width={480}>
        <SuccessResult
          title={t('onboarding.invite.successTitle')}
          subTitle={t('onboarding.invite.successSub', { username })}
          testId="accept-invitation-success"
        />
      </PublicLayout>
    );
  }

  return (
    <PublicLayout title="onboarding.invite.title" width={480}>
      <Alert type="info" showIcon title={t('onboarding.invite.intro')} style={{ marginBottom: 16 }} />
      <FormError error={accept.error} testId="accept-invitation-error" />
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} disabled={accept.isPending}>
        <Form.Item
          name="username"
          label={t('account.username')}
          extra={t('validate.usernameRule')}
          rules={[rules.input('account.username'), rules.username]}
        >
          <Input autoComplete="username" maxLength={64} data-testid="accept-invitation-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('account.displayName')}
          rules={[rules.input('account.displayName'), rules.max(64)]}
        >
          <Input maxLength={64} autoComplete="name" data-testid="accept-invitation-display-name" />
        </Form.Item>
        <PasswordFields testIdPrefix="accept-invitation" />
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={accept.isPending}
          data-testid="accept-invitation-submit"
        >
          {t('onboarding.invite.submit')}
        </Button>
      </Form>
    </PublicLayout>
  );
}
