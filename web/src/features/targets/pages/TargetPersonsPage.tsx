import { Button, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Person } from '../../../api/contracts';
import { LoadError } from '../../../components/LoadError';
import { usePageParams } from '../../../hooks/usePageParams';
import { useT } from '../../../i18n';
import { useIndicatorPersons, useIndicators } from '../api';
import { useMe, hasAnyPermission } from '../../auth/api';

/** The persons behind an indicator's figure (masked), each linking to their profile. */
export function TargetPersonsPage() {
  const t = useT();
  const { indicator = '' } = useParams();
  const [params] = useSearchParams();
  const city = params.get('city') ?? undefined;
  const { page, pageSize, setPage } = usePageParams(20);
  const list = useIndicatorPersons(indicator, city, page, pageSize);
  const { data: user } = useMe();
  const meta = useIndicators().data?.find((i) => i.id === indicator);
  // The same people as an .xlsx (masked), from the module that owns them.
  const exportHref =
    meta?.exportPath && hasAnyPermission(user, ['person.export'])
      ? meta.exportPath + (city ? `&cityCode=${encodeURIComponent(city)}` : '')
      : null;

  const columns: TableColumnsType<Person> = [
    {
      title: t('person.name'),
      dataIndex: 'name',
      render: (name: string, p) => <Link to={`/persons/${p.id}`}>{name}</Link>,
    },
    { title: t('person.birthYear'), dataIndex: 'birthYear' },
    { title: t('person.idNumber'), dataIndex: 'idNumberMasked' },
    { title: t('person.phone'), dataIndex: 'phoneMasked', render: (phone: string | null) => phone ?? '—' },
    { title: t('person.city'), dataIndex: 'cityName', render: (c: string | null, p) => c ?? p.cityCode },
  ];

  return (
    <>
      <Link to="/targets">{t('targets.back')}</Link>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3}>{t('targets.drilldown', { indicator })}</Typography.Title>
        {exportHref && (
          <Button icon={<DownloadOutlined />} href={exportHref} data-testid="drilldown-export">
            {t('targets.export')}
          </Button>
        )}
      </Flex>
      {list.isError ? (
        <LoadError onRetry={() => void list.refetch()} />
      ) : (
        <Table<Person>
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
          data-testid="drilldown-table"
        />
      )}
    </>
  );
}
