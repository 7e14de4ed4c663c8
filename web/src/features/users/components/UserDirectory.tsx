import { Flex, Input, Space, Table, Tag, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import type { User } from '../../../api/contracts';
import { usePageParams } from '../../../hooks/usePageParams';
import { useUrlFilters } from '../../../hooks/useUrlFilters';
import { useRoleLabel, useT } from '../../../i18n';
import { useUsers } from '../api';

const FILTER_KEYS = ['q'] as const;

/**
 * The account list shared by 账号管理 and 角色授权: search by 用户名/姓名, server-paginated,
 * with the page's own actions per row and buttons beside the search.
 */
export function UserDirectory({ actions, toolbar }: { actions?: (user: User) => ReactNode; toolbar?: ReactNode }) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const { page, pageSize, setPage } = usePageParams(20);
  const [filters, setFilters] = useUrlFilters(FILTER_KEYS);
  const list = useUsers({ page, pageSize, q: filters.q });

  const columns: TableColumnsType<User> = [
    { title: t('account.username'), dataIndex: 'username' },
    { title: t('account.displayName'), dataIndex: 'displayName' },
    {
      title: t('user.col.roles'),
      key: 'roles',
      render: (_: unknown, u) =>
        u.roles.length ? (
          <Space size={4} wrap>
            {u.roles.map((r) => (
              <Tag key={r} color="blue">
                {roleLabel(r)}
              </Tag>
            ))}
          </Space>
        ) : (
          // Opened by the system admin: no role until the security admin grants one (it cannot log in yet).
          <Space size={4} wrap data-testid={`user-awaiting-${u.id}`}>
            <Tag color="gold">{t('user.awaitingGrant')}</Tag>
            {u.requestedRoles.map((r) => (
              <Tag key={r} variant="outlined">
                {t('user.requested', { role: roleLabel(r) })}
              </Tag>
            ))}
          </Space>
        ),
    },
    { title: t('user.col.org'), dataIndex: 'orgName', render: (org: string | null) => org ?? '—' },
    {
      title: t('user.col.status'),
      key: 'status',
      render: (_: unknown, u) => (
        <Space size={4}>
          <Tag color={u.status === 'active' ? 'green' : 'default'} data-testid={`user-state-${u.id}`}>
            {t(u.status === 'active' ? 'user.status.active' : 'user.status.disabled')}
          </Tag>
          {u.locked && (
            <Tag color="red" data-testid={`user-locked-${u.id}`}>
              {t('user.locked')}
            </Tag>
          )}
        </Space>
      ),
    },
  ];
  if (actions) columns.push({ title: t('common.actions'), key: 'actions', render: (_: unknown, u) => actions(u) });

  return (
    <>
      <Flex justify="space-between" wrap gap="small" style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('user.filter.q')}
          style={{ width: 280 }}
          defaultValue={filters.q}
          maxLength={64}
          onSearch={(q) => setFilters({ q: q.trim() })}
          data-testid="users-search"
        />
        {toolbar}
      </Flex>
      <Table<User>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: setPage,
        }}
        data-testid="users-table"
      />
    </>
  );
}
