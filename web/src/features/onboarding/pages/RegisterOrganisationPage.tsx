import { Button, Divider, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { applyServerErrors } from '../../../api/formErrors';
import { FormError } from '../../../components/FormError';
import { useT } from '../../../i18n';
import { useRules } from '../../../lib/rules';
import { normalize } from '../../../lib/validators';
import { KIND_LABELS } from '../../organisations/api';
import { useActiveCities, useIndustryChains } from '../../reference/api';
import { SIGNUP_ORG_KINDS, SIZE_CLASSES, useRegisterOrganisation, type SizeClass } from '../api';
import { PasswordFields } from '../../../components/PasswordFields';
import { PublicLayout } from '../../../components/PublicLayout';
import { SuccessResult } from '../components/SuccessResult';

interface Values {
  kind: (typeof SIGNUP_ORG_KINDS)[number];
  name: string;
  uscc: string;
  cityCode: string;
  sizeClass?: SizeClass;
  industryChains?: string[];
  admin: { username: string; displayName: string; password: string; passwordConfirm: string };
}

const SIZE_LABELS = {
  large: 'org.size.large',
  medium: 'org.size.medium',
  small: 'org.size.small',
  micro: 'org.size.micro',
} as const;

/** 机构入驻申请: an organisation and its administrator account, approved later by the city. */
export function RegisterOrganisationPage() {
  const t = useT();
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const cities = useActiveCities();
  const chains = useIndustryChains();
  const register = useRegisterOrganisation();
  const [done, setDone] = useState<{ name: string; city: string; username: string } | null>(null);

  const onFinish = ({ admin, ...v }: Values) => {
    const input = {
      kind: v.kind,
      name: v.name.trim(),
      uscc: normalize(v.uscc).toUpperCase(),
      cityCode: v.cityCode,
      sizeClass: v.sizeClass ?? null,
      industryChains: v.industryChains ?? [],
      admin: { username: admin.username.trim(), displayName: admin.displayName.trim(), password: admin.password },
    };
    register.mutate(input, {
      onSuccess: (org) =>
        setDone({ name: org.name, city: org.cityName ?? org.cityCode, username: input.admin.username }),
      onError: (error) => applyServerErrors(form, error, t),
    });
  };

  if (done) {
    return (
      <PublicLayout title="onboarding.org.title">
        <SuccessResult
          title={t('onboarding.org.successTitle')}
          subTitle={t('onboarding.org.successSub', done)}
          testId="register-org-success"
        />
      </PublicLayout>
    );
  }

  return (
    <PublicLayout title="onboarding.org.title">
      <FormError error={register.error} testId="register-org-error" />
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} disabled={register.isPending} scrollToFirstError>
        <Form.Item name="kind" label={t('org.col.kind')} rules={[rules.select('org.col.kind')]}>
          <Select
            options={SIGNUP_ORG_KINDS.map((k) => ({ value: k, label: t(KIND_LABELS[k]) }))}
            data-testid="register-org-kind"
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('onboarding.org.name')}
          rules={[
            rules.input('onboarding.org.name'),
            { min: 2, message: t('validate.tooShort', { min: 2 }) },
            rules.max(200),
          ]}
        >
          <Input maxLength={200} data-testid="register-org-name" />
        </Form.Item>
        <Form.Item
          name="uscc"
          label={t('org.col.uscc')}
          extra={t('onboarding.org.usccHelp')}
          rules={[rules.input('org.col.uscc'), rules.uscc]}
        >
          <Input maxLength={18} style={{ textTransform: 'uppercase' }} data-testid="register-org-uscc" />
        </Form.Item>
        <Form.Item name="cityCode" label={t('org.col.city')} rules={[rules.select('org.col.city')]}>
          <Select options={cities.data} loading={cities.isPending} data-testid="register-org-city" />
        </Form.Item>
        <Form.Item name="sizeClass" label={t('onboarding.org.sizeClass')}>
          <Select
            allowClear
            options={SIZE_CLASSES.map((s) => ({ value: s, label: t(SIZE_LABELS[s]) }))}
            data-testid="register-org-size"
          />
        </Form.Item>
        <Form.Item name="industryChains" label={t('onboarding.org.industryChains')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={chains.data}
            loading={chains.isPending}
            data-testid="register-org-chains"
          />
        </Form.Item>

        <Divider titlePlacement="start">{t('onboarding.org.adminSection')}</Divider>
        <Form.Item
          name={['admin', 'username']}
          label={t('account.username')}
          extra={t('validate.usernameRule')}
          rules={[rules.input('account.username'), rules.username]}
        >
          <Input autoComplete="username" maxLength={64} data-testid="register-org-username" />
        </Form.Item>
        <Form.Item
          name={['admin', 'displayName']}
          label={t('account.displayName')}
          rules={[rules.input('account.displayName'), rules.max(64)]}
        >
          <Input maxLength={64} data-testid="register-org-display-name" />
        </Form.Item>
        <PasswordFields name={['admin', 'password']} testIdPrefix="register-org" />
        <Button type="primary" htmlType="submit" block loading={register.isPending} data-testid="register-org-submit">
          {t('onboarding.org.submit')}
        </Button>
      </Form>
    </PublicLayout>
  );
}
