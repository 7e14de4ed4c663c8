import { Table, Typography, type TableColumnsType } from 'antd';
import { usePageParams } from '../../../hooks/usePageParams';
import { useUrlFilters } from '../../../hooks/useUrlFilters';
import { useLang, useRoleLabel, useT } from '../../../i18n';
import { ACTION_LABELS, ENTITY_LABELS, useAuditLog, type AuditEntry } from '../api';
import { AuditChanges } from '../components/AuditChanges';
import { AuditFilterBar } from '../components/AuditFilterBar';

const dash = (value: string | null) => value ?? '—';
const FILTER_KEYS = ['entity', 'action', 'from', 'to'] as const;
const hasChanges = (e: AuditEntry) => (e.before ?? null) !== null || (e.after ?? null) !== null;

export function AuditLogPage() {
  const t = useT();
  const { lang } = useLang();
  const roleLabel = useRoleLabel();
  const { page, pageSize, setPage } = usePageParams(50);
  const [filters, setFilters] = useUrlFilters(FILTER_KEYS);
  const log = useAuditLog({ page, pageSize, ...filters });

  const labelled = (labels: Record<string, Parameters<typeof t>[0]>) => (code: string | null) => {
    if (!code) return '—';
    const key = labels[code];
    return key ? <span title={code}>{t(key)}</span> : code;
  };

  const columns: TableColumnsType<AuditEntry> = [
    {
      // Beijing time, as the date filter is.
      title: t('audit.col.at'),
      dataIndex: 'at',
      render: (at: string) => new Date(at).toLocaleString(lang, { hour12: false, timeZone: 'Asia/Shanghai' }),
    },
    { title: t('audit.col.actor'), dataIndex: 'actorUsername', render: dash },
    {
      title: t('audit.col.role'),
      dataIndex: 'actorRole',
      render: (role: string | null) => (role ? roleLabel(role) : '—'),
    },
    { title: t('audit.col.ip'), dataIndex: 'ip', render: dash },
    { title: t('audit.col.action'), dataIndex: 'action', render: labelled(ACTION_LABELS) },
    { title: t('audit.col.entity'), dataIndex: 'entity', render: labelled(ENTITY_LABELS) },
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
      <AuditFilterBar filters={filters} onChange={setFilters} />
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={log.data?.items}
        loading={log.isFetching}
        scroll={{ x: 'max-content' }}
        expandable={{ rowExpandable: hasChanges, expandedRowRender: (entry) => <AuditChanges entry={entry} /> }}
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
