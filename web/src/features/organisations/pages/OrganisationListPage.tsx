import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { usePageParams } from '../../../hooks/usePageParams';
import { useT } from '../../../i18n';
import {
  KIND_LABELS,
  STATUS_LABELS,
  useOrganisations,
  type OrganisationKind,
  type OrganisationListItem,
  type OrganisationStatus,
} from '../api';

const STATUS_COLORS: Record<OrganisationStatus, string> = { pending: 'gold', approved: 'green', rejected: 'red' };

export function OrganisationListPage() {
  const t = useT();
  const { page, pageSize, setPage } = usePageParams(20);
  const list = useOrganisations({ page, pageSize });

  const columns: TableColumnsType<OrganisationListItem> = [
    { title: t('org.col.name'), dataIndex: 'name' },
    {
      title: t('org.col.kind'),
      dataIndex: 'kind',
      render: (kind: OrganisationKind) => (KIND_LABELS[kind] ? t(KIND_LABELS[kind]) : kind),
    },
    { title: t('org.col.uscc'), dataIndex: 'uscc', render: (uscc: string | null) => uscc ?? '—' },
    { title: t('org.col.city'), dataIndex: 'cityName', render: (city: string | null) => city ?? '—' },
    {
      title: t('org.col.status'),
      dataIndex: 'status',
      render: (status: OrganisationStatus) => (
        <Tag color={STATUS_COLORS[status]}>{STATUS_LABELS[status] ? t(STATUS_LABELS[status]) : status}</Tag>
      ),
    },
  ];

  return (
    <>
      <Typography.Title level={3}>{t('menu.organisations')}</Typography.Title>
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
    </>
  );
}
