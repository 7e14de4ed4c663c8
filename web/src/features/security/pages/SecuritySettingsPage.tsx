import { App, Button, Card, Form, InputNumber, Skeleton, Typography } from 'antd';
import { FormError } from '../../../components/FormError';
import { LoadError } from '../../../components/LoadError';
import { useT, type MessageKey } from '../../../i18n';
import { SETTING_BOUNDS, useSecuritySettings, useUpdateSecuritySettings, type SecuritySettings } from '../api';

const FIELDS: { name: keyof SecuritySettings; label: MessageKey; help: MessageKey; unit?: MessageKey }[] = [
  {
    name: 'passwordMinLength',
    label: 'security.passwordMinLength',
    help: 'security.passwordMinLength.help',
    unit: 'security.unit.chars',
  },
  {
    name: 'passwordMinClasses',
    label: 'security.passwordMinClasses',
    help: 'security.passwordMinClasses.help',
    unit: 'security.unit.classes',
  },
  {
    name: 'maxFailedLogins',
    label: 'security.maxFailedLogins',
    help: 'security.maxFailedLogins.help',
    unit: 'security.unit.times',
  },
  {
    name: 'lockMinutes',
    label: 'security.lockMinutes',
    help: 'security.lockMinutes.help',
    unit: 'security.unit.minutes',
  },
  {
    name: 'idleMinutes',
    label: 'security.idleMinutes',
    help: 'security.idleMinutes.help',
    unit: 'security.unit.minutes',
  },
];

/** 安全策略: password rule, lockout and idle timeout (security admin). */
export function SecuritySettingsPage() {
  const t = useT();
  const { message } = App.useApp();
  const settings = useSecuritySettings();
  const update = useUpdateSecuritySettings();

  if (settings.isPending) return <Skeleton active />;
  if (settings.isError) return <LoadError onRetry={() => void settings.refetch()} />;

  return (
    <>
      <Typography.Title level={3}>{t('menu.security')}</Typography.Title>
      <Card style={{ maxWidth: 720 }}>
        <FormError error={update.error} testId="security-error" />
        <Form<SecuritySettings>
          layout="vertical"
          initialValues={settings.data}
          disabled={update.isPending}
          onFinish={(values) => update.mutate(values, { onSuccess: () => message.success(t('security.saved')) })}
          data-testid="security-form"
        >
          {FIELDS.map(({ name, label, help, unit }) => {
            const { min, max } = SETTING_BOUNDS[name];
            return (
              <Form.Item
                key={name}
                name={name}
                label={t(label)}
                extra={t(help)}
                rules={[
                  { required: true, message: t('validate.input', { field: t(label) }) },
                  { type: 'integer', min, max, message: t('validate.range', { min, max }) },
                ]}
              >
                <InputNumber
                  min={min}
                  max={max}
                  precision={0}
                  suffix={unit ? t(unit) : undefined}
                  style={{ width: 200 }}
                  data-testid={`security-${name}`}
                />
              </Form.Item>
            );
          })}
          <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="security-save">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
