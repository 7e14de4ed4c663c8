import { Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { LoadError } from '../../../components/LoadError';
import { useLang, useT } from '../../../i18n';
import { useImportBatches, type ImportBatch, type ImportStatus } from '../api';
import { formatTime, STATUS_COLORS, type ImportTarget } from '../labels';

/** 我的导入记录: the user's own batches, newest first; each opens its batch page. */
export function ImportHistory({ target, currentId }: { target: ImportTarget; currentId?: string }) {
  const t = useT();
  const { lang } = useLang();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const batches = useImportBatches(target.entity, paging);

  const columns: TableColumnsType<ImportBatch> = [
    {
      title: t('import.batch.uploadedAt'),
      dataIndex: 'createdAt',
      render: (at: string) => formatTime(at, lang),
    },
    {
      title: t('import.batch.file'),
      dataIndex: 'fileName',
      render: (name: string, b) => (
        <Link
          to={`${target.path}/${b.id}`}
          style={b.id === currentId ? { fontWeight: 600 } : undefined}
          data-testid={`import-batch-link-${b.id}`}
        >
          {name}
        </Link>
      ),
    },
    {
      title: t('import.batch.status'),
      dataIndex: 'status',
      render: (status: ImportStatus, b) => (
        <Tag color={STATUS_COLORS[status]} data-testid={`import-batch-status-${b.id}`}>
          {b.statusLabel}
        </Tag>
      ),
    },
    {
      title: t('import.history.rows'),
      key: 'rows',
      render: (_: unknown, b) =>
        b.totalRows === null
          ? '—'
          : `${b.totalRows.toLocaleString()} / ${(b.validRows ?? 0).toLocaleString()} / ${(b.errorRows ?? 0).toLocaleString()}`,
    },
    { title: t('import.history.message'), dataIndex: 'message', render: (m: string | null) => m ?? '—' },
  ];

  if (batches.isError) return <LoadError onRetry={() => void batches.refetch()} />;
  return (
    <Table<ImportBatch>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={batches.data?.items}
      loading={batches.isFetching && !batches.data}
      scroll={{ x: 'max-content' }}
      pagination={{
        current: paging.page,
        pageSize: paging.pageSize,
        total: batches.data?.total ?? 0,
        showTotal: (total) => t('common.total', { total }),
        onChange: (page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
      }}
      data-testid="import-history-table"
    />
  );
}
