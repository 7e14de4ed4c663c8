import { Alert, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { applyServerErrors } from '../../../api/formErrors';
import { FormError } from '../../../components/FormError';
import { useT } from '../../../i18n';
import { useRules } from '../../../lib/rules';
import { normalize } from '../../../lib/validators';
import { useRegisterTalent } from '../api';
import { PasswordFields } from '../../../components/PasswordFields';
import { PublicLayout } from '../../../components/PublicLayout';
import { SmsCodeButton } from '../components/SmsCodeButton';
import { SuccessResult } from '../components/SuccessResult';

interface Values {
  username: string;
  name: string;
  idNumber: string;
  phone: string;
  smsCode: string;
  password: string;
  passwordConfirm: string;
}

/** 人才注册: a worker's own account, bound to their person record by ID number, phone verified by SMS. */
export function RegisterTalentPage() {
  const t = useT();
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const register = useRegisterTalent();
  const [username, setUsername] = useState<string | null>(null);

  const onFinish = (v: Values) => {
    const input = {
      username: v.username.trim(),
      name: normalize(v.name),
      idNumber: normalize(v.idNumber).toUpperCase(),
      phone: normalize(v.phone),
      smsCode: v.smsCode.trim(),
      password: v.password,
    };
    register.mutate(input, {
      onSuccess: () => setUsername(input.username),
      onError: (error) => applyServerErrors(form, error, t),
    });
  };

  if (username) {
    return (
      <PublicLayout title="onboarding.talent.title" width={480}>
        <SuccessResult
          title={t('onboarding.talent.successTitle')}
          subTitle={t('onboarding.talent.successSub', { username })}
          testId="register-talent-success"
        />
      </PublicLayout>
    );
  }

  return (
    <PublicLayout title="onboarding.talent.title" width={480}>
      <Alert type="info" showIcon title={t('onboarding.talent.intro')} style={{ marginBottom: 16 }} />
      <FormError error={register.error} testId="register-talent-error" />
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} disabled={register.isPending} scrollToFirstError>
        <Form.Item
          name="name"
          label={t('person.name')}
          rules={[rules.input('person.name'), { min: 2, message: t('validate.tooShort', { min: 2 }) }, rules.max(30)]}
        >
          <Input maxLength={30} autoComplete="name" data-testid="register-talent-name" />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('person.idNumber')}
          rules={[rules.input('person.idNumber'), rules.idNumber]}
        >
          <Input maxLength={18} data-testid="register-talent-id-number" />
        </Form.Item>
        <Form.Item label={t('person.phone')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="phone" noStyle rules={[rules.input('person.phone'), rules.phone]}>
              <Input maxLength={11} autoComplete="tel" inputMode="numeric" data-testid="register-talent-phone" />
            </Form.Item>
            <SmsCodeButton form={form} />
          </Space.Compact>
        </Form.Item>
        <Form.Item
          name="smsCode"
          label={t('onboarding.talent.smsCode')}
          rules={[rules.input('onboarding.talent.smsCode'), rules.smsCode]}
        >
          <Input
            maxLength={6}
            inputMode="numeric"
            autoComplete="one-time-code"
            data-testid="register-talent-sms-code"
          />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('account.username')}
          extra={t('validate.usernameRule')}
          rules={[rules.input('account.username'), rules.username]}
        >
          <Input autoComplete="username" maxLength={64} data-testid="register-talent-username" />
        </Form.Item>
        <PasswordFields testIdPrefix="register-talent" />
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={register.isPending}
          data-testid="register-talent-submit"
        >
          {t('onboarding.talent.submit')}
        </Button>
      </Form>
    </PublicLayout>
  );
}
