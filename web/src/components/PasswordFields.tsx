import { Form, Input } from 'antd';
import { useRules } from '../lib/rules';
import { useT, type MessageKey } from '../i18n';

/** Password and its confirmation, with the platform's password rule shown and checked. */
export function PasswordFields({
  name = ['password'],
  label = 'account.password',
  testIdPrefix,
}: {
  name?: string[];
  label?: MessageKey;
  testIdPrefix: string;
}) {
  const t = useT();
  const rules = useRules();
  return (
    <>
      <Form.Item
        name={name}
        label={t(label)}
        extra={t('validate.passwordRule')}
        rules={[rules.input(label), rules.max(200), rules.password]}
      >
        <Input.Password autoComplete="new-password" maxLength={200} data-testid={`${testIdPrefix}-password`} />
      </Form.Item>
      <Form.Item
        name={[...name.slice(0, -1), 'passwordConfirm']}
        label={t('account.passwordConfirm')}
        dependencies={[name]}
        rules={[rules.input('account.passwordConfirm'), rules.samePassword(name)]}
      >
        <Input.Password autoComplete="new-password" maxLength={200} data-testid={`${testIdPrefix}-password-confirm`} />
      </Form.Item>
    </>
  );
}
