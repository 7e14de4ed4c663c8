import { Alert, Button, Typography } from 'antd';
import { useState } from 'react';
import type { User } from '../../../api/contracts';
import { useT } from '../../../i18n';
import { useMe } from '../../auth/api';
import { RolesModal } from '../components/RolesModal';
import { UserDirectory } from '../components/UserDirectory';
import { isSeparatedAdminAccount } from '../roles';

/** 角色授权: the security admin grants roles, under 三员分立. */
export function RoleAssignmentPage() {
  const t = useT();
  const { data: me } = useMe();
  const [editing, setEditing] = useState<User | null>(null);

  return (
    <>
      <Typography.Title level={3}>{t('menu.roles')}</Typography.Title>
      <Alert
        type="info"
        showIcon
        title={t('roles.separationTitle')}
        description={t('roles.separation')}
        style={{ marginBottom: 16 }}
        data-testid="roles-separation"
      />
      <UserDirectory
        actions={(user) =>
          // The server refuses changes to one's own roles; the three admins' roles come from the deployment command.
          user.id === me?.id || isSeparatedAdminAccount(user) ? null : (
            <Button type="link" size="small" onClick={() => setEditing(user)} data-testid={`user-roles-${user.id}`}>
              {t('roles.edit')}
            </Button>
          )
        }
      />
      <RolesModal user={editing} onClose={() => setEditing(null)} />
    </>
  );
}
