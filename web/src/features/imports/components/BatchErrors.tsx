import { Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { LoadError } from '../../../components/LoadError';
import { useT } from '../../../i18n';
import { useImportErrors, type ImportRowError } from '../api';
import { errorReason } from '../labels';

/** 错误明细: every problem of the batch, a page at a time from the server, in row order. */
export function BatchErrors({ entity, batchId }: { entity: string; batchId: string }) {
  const t = useT();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const errors = useImportErrors(entity, batchId, paging, true);

  const columns: TableColumnsType<ImportRowError> = [
    {
      title: t('import.errors.row'),
      dataIndex: 'row',
      width: 110,
      render: (row: number) => t('import.errors.rowN', { row }),
    },
    {
      title: t('import.errors.column'),
      dataIndex: 'column',
      width: 200,
      render: (column: string | null) => column ?? t('import.errors.wholeRow'),
    },
    {
      title: t('import.errors.message'),
      key: 'message',
      render: (_: unknown, e) => <Typography.Text type="danger">{errorReason(e)}</Typography.Text>,
    },
  ];

  if (errors.isError) return <LoadError onRetry={() => void errors.refetch()} />;
  return (
    <Table<ImportRowError>
      rowKey={(e) => `${e.row}|${e.column ?? ''}|${e.message}`}
      size="small"
      columns={columns}
      dataSource={errors.data?.items}
      loading={errors.isFetching}
      scroll={{ x: 'max-content' }}
      pagination={{
        current: paging.page,
        pageSize: paging.pageSize,
        total: errors.data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: (total) => t('import.errors.total', { total }),
        onChange: (page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
      }}
      data-testid="import-errors-table"
    />
  );
}
