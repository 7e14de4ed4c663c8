import { Alert, App, Button, Form, Input, Modal, Select } from 'antd';
import { applyServerErrors } from '../../../api/formErrors';
import { FormError } from '../../../components/FormError';
import { PasswordFields } from '../../../components/PasswordFields';
import { useRoleLabel, useT } from '../../../i18n';
import { useRules } from '../../../lib/rules';
import { useActiveCities } from '../../reference/api';
import { useCreateUser } from '../api';
import { CREATABLE_ROLES, isOrgRole } from '../roles';

interface Values {
  username: string;
  displayName: string;
  password: string;
  passwordConfirm: string;
  role: (typeof CREATABLE_ROLES)[number];
  cityCode?: string;
  orgId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 新建账号: government staff and organisation accounts opened by the system admin. */
export function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const rules = useRules();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  const cities = useActiveCities();
  const create = useCreateUser();

  const close = () => {
    create.reset();
    form.resetFields();
    onClose();
  };

  const onFinish = (v: Values) => {
    create.mutate(
      {
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        password: v.password,
        roles: [v.role],
        cityCode: v.role === 'city_admin' ? v.cityCode : undefined,
        orgId: isOrgRole(v.role) ? v.orgId?.trim() : undefined,
      },
      {
        onSuccess: (user) => {
          message.success(t('user.create.done', { username: user.username }));
          close();
        },
        onError: (error) => applyServerErrors(form, error, t),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('user.create.title')}
      onCancel={close}
      footer={[
        <Button key="cancel" onClick={close}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          loading={create.isPending}
          onClick={() => form.submit()}
          data-testid="user-create-submit"
        >
          {t('common.create')}
        </Button>,
      ]}
      destroyOnHidden
      data-testid="user-create-modal"
    >
      <Alert type="info" showIcon title={t('user.create.note')} style={{ marginBottom: 16 }} />
      <FormError error={create.error} testId="user-create-error" />
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} disabled={create.isPending}>
        <Form.Item
          name="username"
          label={t('account.username')}
          extra={t('validate.usernameRule')}
          rules={[rules.input('account.username'), rules.username]}
        >
          <Input autoComplete="off" maxLength={64} data-testid="user-create-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('account.displayName')}
          rules={[rules.input('account.displayName'), rules.max(64)]}
        >
          <Input maxLength={64} data-testid="user-create-display-name" />
        </Form.Item>
        <Form.Item name="role" label={t('user.create.role')} rules={[rules.select('user.create.role')]}>
          <Select
            options={CREATABLE_ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
            data-testid="user-create-role"
          />
        </Form.Item>
        {role === 'city_admin' && (
          <Form.Item name="cityCode" label={t('user.create.city')} rules={[rules.select('user.create.city')]}>
            <Select options={cities.data} loading={cities.isPending} data-testid="user-create-city" />
          </Form.Item>
        )}
        {role && isOrgRole(role) && (
          <Form.Item
            name="orgId"
            label={t('user.create.orgId')}
            extra={t('user.create.orgIdHelp')}
            rules={[rules.input('user.create.orgId'), { pattern: UUID, message: t('validate.uuid') }]}
          >
            <Input maxLength={36} data-testid="user-create-org-id" />
          </Form.Item>
        )}
        <PasswordFields testIdPrefix="user-create" />
      </Form>
    </Modal>
  );
}
