import { UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Space, Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { Link, useNavigate } from 'react-router';
import type { Person } from '../../../api/contracts';
import { usePageParams } from '../../../hooks/usePageParams';
import { useUrlFilters } from '../../../hooks/useUrlFilters';
import { useT } from '../../../i18n';
import { hasAnyPermission, useMe } from '../../auth/api';
import { PERSON_IMPORT } from '../../imports/labels';
import { usePersons, type PersonFilters } from '../api';
import { AddEmployeeButton } from '../components/AddEmployeeButton';
import { PersonFilterBar } from '../components/PersonFilterBar';
import { currentEmployments, genderLabel, tierLabel } from '../labels';

const FILTER_KEYS = [
  'q',
  'cityCode',
  'chain',
  'occupation',
  'level',
  'tier',
  'category',
  'orgId',
  'sort',
  'order',
] as const;

/** Table column → the server's sort key (?sort=name|birthDate|city&order=asc|desc). */
const SORT_KEYS: Record<string, string> = { name: 'name', birthYear: 'birthDate', cityName: 'city' };

/** 人才库: the persons within the user's reach, masked, filtered and sorted on the server; a row opens the profile. */
export function PersonListPage() {
  const t = useT();
  const navigate = useNavigate();
  const { data: user } = useMe();
  const { page, pageSize, setPage } = usePageParams(20);
  const [filters, setFilters] = useUrlFilters(FILTER_KEYS);
  const list = usePersons({ page, pageSize, ...(filters as PersonFilters) });

  const sortOrder = (column: string): SortOrder =>
    filters.sort === SORT_KEYS[column] ? (filters.order === 'desc' ? 'descend' : 'ascend') : null;
  const sortable = (column: string) => ({
    sorter: true,
    sortOrder: sortOrder(column),
    sortDirections: ['ascend', 'descend'] as SortOrder[],
  });

  const columns: TableColumnsType<Person> = [
    {
      title: t('person.name'),
      dataIndex: 'name',
      ...sortable('name'),
      render: (name: string, p) => (
        <Link to={`/persons/${p.id}`} onClick={(e) => e.stopPropagation()} data-testid={`person-link-${p.id}`}>
          {name}
        </Link>
      ),
    },
    { title: t('person.gender'), dataIndex: 'gender', render: (g: string) => genderLabel(g, t) },
    { title: t('person.birthYear'), dataIndex: 'birthYear', ...sortable('birthYear') },
    { title: t('person.idNumber'), dataIndex: 'idNumberMasked' },
    { title: t('person.phone'), dataIndex: 'phoneMasked', render: (phone: string | null) => phone ?? '—' },
    {
      title: t('person.city'),
      dataIndex: 'cityName',
      ...sortable('cityName'),
      render: (city: string | null, p) => city ?? p.cityCode,
    },
    { title: t('person.tier'), dataIndex: 'tier', render: (tier: string | null) => tierLabel(tier, t) },
    {
      title: t('person.currentOrg'),
      key: 'currentOrg',
      render: (_: unknown, p) =>
        currentEmployments(p.employments)
          .map((e) => e.orgName ?? '—')
          .join('、') || '—',
    },
  ];

  const onChange: TableProps<Person>['onChange'] = (_pagination, _filters, sorter, { action }) => {
    if (action !== 'sort' || Array.isArray(sorter)) return;
    const sort = sorter.order ? SORT_KEYS[String(sorter.field)] : undefined;
    setFilters({ sort, order: sort && sorter.order === 'descend' ? 'desc' : undefined });
  };

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3}>{t('menu.persons')}</Typography.Title>
        <Space wrap>
          {hasAnyPermission(user, [PERSON_IMPORT.permission]) && (
            <Button
              icon={<UploadOutlined />}
              onClick={() => navigate(PERSON_IMPORT.path)}
              data-testid="person-import-button"
            >
              {t('import.button')}
            </Button>
          )}
          <AddEmployeeButton />
        </Space>
      </Flex>
      <PersonFilterBar filters={filters} onChange={setFilters} />
      <Table<Person>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        showSorterTooltip={false}
        onChange={onChange}
        onRow={(p) => ({ onClick: () => navigate(`/persons/${p.id}`), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: setPage,
        }}
        data-testid="persons-table"
      />
    </>
  );
}
