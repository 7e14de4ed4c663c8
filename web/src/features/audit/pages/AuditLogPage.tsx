import { Table, Typography, type TableColumnsType } from 'antd';
import { usePageParams } from '../../../hooks/usePageParams';
import { useLang, useRoleLabel, useT } from '../../../i18n';
import { useAuditLog, type AuditEntry } from '../api';

const dash = (value: string | null) => value ?? '—';

export function AuditLogPage() {
  const t = useT();
  const { lang } = useLang();
  const roleLabel = useRoleLabel();
  const { page, pageSize, setPage } = usePageParams(50);
  const log = useAuditLog({ page, pageSize });

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.col.at'),
      dataIndex: 'at',
      render: (at: string) => new Date(at).toLocaleString(lang, { hour12: false }),
    },
    { title: t('audit.col.actor'), dataIndex: 'actorUsername', render: dash },
    {
      title: t('audit.col.role'),
      dataIndex: 'actorRole',
      render: (role: string | null) => (role ? roleLabel(role) : '—'),
    },
    { title: t('audit.col.ip'), dataIndex: 'ip', render: dash },
    { title: t('audit.col.action'), dataIndex: 'action' },
    { title: t('audit.col.entity'), dataIndex: 'entity', render: dash },
    { title: t('audit.col.entityId'), dataIndex: 'entityId', render: dash },
    {
      title: t('audit.col.requestId'),
      dataIndex: 'requestId',
      render: (requestId: string | null) =>
        requestId ? <Typography.Text copyable={{ text: requestId }}>{requestId}</Typography.Text> : '—',
    },
  ];

  return (
    <>
      <Typography.Title level={3}>{t('menu.audit')}</Typography.Title>
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={log.data?.items}
        loading={log.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: log.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
          onChange: setPage,
        }}
        data-testid="audit-table"
      />
    </>
  );
}
