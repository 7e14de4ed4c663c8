import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import type { User } from '../../../api/contracts';
import { useT } from '../../../i18n';
import { hasAnyPermission, useMe } from '../../auth/api';
import { useSetUserStatus, type StatusChange } from '../api';
import { CreateUserModal } from '../components/CreateUserModal';
import { UserDirectory } from '../components/UserDirectory';
import { isSeparatedAdminAccount } from '../roles';

/** 账号管理: the account list; the system admin opens, disables, re-enables and unlocks accounts. */
export function UserListPage() {
  const t = useT();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const canManage = hasAnyPermission(me, ['user.manage']);
  const setStatus = useSetUserStatus();
  const [creating, setCreating] = useState(false);

  const change = (user: User, c: StatusChange, done: string) =>
    setStatus.mutate({ id: user.id, change: c }, { onSuccess: () => message.success(done) });

  const actions = (user: User) => {
    // The server refuses changes to one's own account and to the three admins' accounts.
    if (user.id === me?.id || isSeparatedAdminAccount(user)) return null;
    const disable = user.status === 'active';
    return (
      <Space size={0}>
        <Popconfirm
          title={t(disable ? 'user.disable.confirm' : 'user.enable.confirm', { username: user.username })}
          onConfirm={() =>
            change(
              user,
              { status: disable ? 'disabled' : 'active' },
              t(disable ? 'user.disable.done' : 'user.enable.done', { username: user.username }),
            )
          }
        >
          <Button type="link" size="small" danger={disable} data-testid={`user-status-${user.id}`}>
            {t(disable ? 'user.disable' : 'user.enable')}
          </Button>
        </Popconfirm>
        {user.locked && (
          <Button
            type="link"
            size="small"
            onClick={() => change(user, { unlock: true }, t('user.unlock.done', { username: user.username }))}
            data-testid={`user-unlock-${user.id}`}
          >
            {t('user.unlock')}
          </Button>
        )}
      </Space>
    );
  };

  return (
    <>
      <Typography.Title level={3}>{t('menu.users')}</Typography.Title>
      <UserDirectory
        actions={canManage ? actions : undefined}
        toolbar={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="user-create-button"
            >
              {t('user.create.title')}
            </Button>
          )
        }
      />
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
