import { Alert, App, Button, Form, Modal, Select } from 'antd';
import type { Role } from '../../../../../contracts/roles';
import type { User } from '../../../api/contracts';
import { FormError } from '../../../components/FormError';
import { useRoleLabel, useT } from '../../../i18n';
import { useSetUserRoles } from '../api';
import { ALL_ROLES, isSeparatedAdmin, roleSetProblem } from '../roles';

/** 修改角色 of one account (security admin), checked for 三员分立 before it is sent. */
export function RolesModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ roles: Role[] }>();
  const setRoles = useSetUserRoles();

  const close = () => {
    setRoles.reset();
    onClose();
  };

  const onFinish = ({ roles }: { roles: Role[] }) => {
    if (!user) return;
    setRoles.mutate(
      { id: user.id, roles },
      {
        onSuccess: () => {
          message.success(t('roles.done', { username: user.username }));
          close();
        },
      },
    );
  };

  return (
    <Modal
      open={!!user}
      title={user ? t('roles.modalTitle', { username: user.username, name: user.displayName }) : ''}
      onCancel={close}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          loading={setRoles.isPending}
          onClick={() => form.submit()}
          data-testid="roles-submit"
        >
          {t('common.save')}
        </Button>,
      ]}
      data-testid="roles-modal"
    >
      <Alert type="info" showIcon title={t('roles.sessionNote')} style={{ marginBottom: 16 }} />
      <FormError error={setRoles.error} testId="roles-error" />
      {user && (
        <Form<{ roles: Role[] }>
          form={form}
          layout="vertical"
          // An account awaiting its first grant starts from the roles the system admin requested.
          initialValues={{ roles: user.roles.length ? user.roles : user.requestedRoles }}
          onFinish={onFinish}
          disabled={setRoles.isPending}
        >
          <Form.Item
            name="roles"
            label={t('user.col.roles')}
            rules={[
              {
                validator: (_rule, roles: string[] | undefined) => {
                  const problem = roleSetProblem(roles ?? [], user);
                  return problem ? Promise.reject(new Error(t(problem))) : Promise.resolve();
                },
              },
            ]}
          >
            <Select
              mode="multiple"
              options={ALL_ROLES.map((r) =>
                isSeparatedAdmin(r)
                  ? { value: r, label: t('roles.cliOnly', { role: roleLabel(r) }), disabled: true }
                  : { value: r, label: roleLabel(r) },
              )}
              data-testid="roles-select"
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
