import { Button, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { usePageParams } from '../../../hooks/usePageParams';
import { useUrlFilters } from '../../../hooks/useUrlFilters';
import { useT } from '../../../i18n';
import { hasAnyPermission, useMe } from '../../auth/api';
import { useOrganisations, type OrganisationListItem } from '../api';
import { DecisionModal } from '../components/DecisionModal';
import { InviteStaffButton } from '../components/InviteStaffButton';
import { OrganisationFilterBar } from '../components/OrganisationFilters';
import { kindLabel, STATUS_COLORS, statusLabel } from '../labels';

const FILTER_KEYS = ['status', 'kind', 'q'] as const;

export function OrganisationListPage() {
  const t = useT();
  const { data: user } = useMe();
  const { page, pageSize, setPage } = usePageParams(20);
  const [filters, setFilters] = useUrlFilters(FILTER_KEYS);
  const list = useOrganisations({ page, pageSize, ...filters });
  const [deciding, setDeciding] = useState<OrganisationListItem | null>(null);
  const canApprove = hasAnyPermission(user, ['org.approve']);

  const columns: TableColumnsType<OrganisationListItem> = [
    { title: t('org.col.name'), dataIndex: 'name' },
    { title: t('org.col.kind'), dataIndex: 'kind', render: (kind: string) => kindLabel(kind, t) },
    { title: t('org.col.uscc'), dataIndex: 'uscc' },
    { title: t('org.col.city'), dataIndex: 'cityName', render: (city: string | null) => city ?? '—' },
    {
      title: t('org.col.status'),
      dataIndex: 'status',
      render: (status: string) => <Tag color={STATUS_COLORS[status]}>{statusLabel(status, t)}</Tag>,
    },
  ];
  if (canApprove) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, org) =>
        org.status === 'pending' ? (
          <Button type="link" size="small" onClick={() => setDeciding(org)} data-testid={`org-approve-${org.id}`}>
            {t('org.decision.action')}
          </Button>
        ) : null,
    });
  }

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3}>{t('menu.organisations')}</Typography.Title>
        <InviteStaffButton />
      </Flex>
      <OrganisationFilterBar filters={filters} onChange={setFilters} />
      <Table<OrganisationListItem>
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
        data-testid="organisations-table"
      />
      <DecisionModal org={deciding} onClose={() => setDeciding(null)} />
    </>
  );
}
