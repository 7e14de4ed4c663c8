import { Input, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { Person } from '../../../api/contracts';
import { usePageParams } from '../../../hooks/usePageParams';
import { useUrlFilters } from '../../../hooks/useUrlFilters';
import { useT } from '../../../i18n';
import { useActiveCities } from '../../reference/api';
import { usePersons } from '../api';
import { currentEmployments, genderLabel, tierLabel } from '../labels';

const FILTER_KEYS = ['q', 'cityCode'] as const;

/** 人才库: the persons within the user's reach, masked; a row opens the profile. */
export function PersonListPage() {
  const t = useT();
  const navigate = useNavigate();
  const { page, pageSize, setPage } = usePageParams(20);
  const [filters, setFilters] = useUrlFilters(FILTER_KEYS);
  const list = usePersons({ page, pageSize, ...filters });
  const cities = useActiveCities();

  const columns: TableColumnsType<Person> = [
    {
      title: t('person.name'),
      dataIndex: 'name',
      render: (name: string, p) => (
        <Link to={`/persons/${p.id}`} onClick={(e) => e.stopPropagation()} data-testid={`person-link-${p.id}`}>
          {name}
        </Link>
      ),
    },
    { title: t('person.gender'), dataIndex: 'gender', render: (g: string) => genderLabel(g, t) },
    { title: t('person.birthYear'), dataIndex: 'birthYear' },
    { title: t('person.idNumber'), dataIndex: 'idNumberMasked' },
    { title: t('person.phone'), dataIndex: 'phoneMasked', render: (phone: string | null) => phone ?? '—' },
    { title: t('person.city'), dataIndex: 'cityName', render: (city: string | null, p) => city ?? p.cityCode },
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

  return (
    <>
      <Typography.Title level={3}>{t('menu.persons')}</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('person.filter.q')}
          style={{ width: 240 }}
          defaultValue={filters.q}
          maxLength={30}
          onSearch={(q) => setFilters({ q: q.trim() })}
          data-testid="persons-search"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('person.filter.city')}
          style={{ width: 160 }}
          value={filters.cityCode}
          onChange={(cityCode?: string) => setFilters({ cityCode })}
          options={cities.data}
          loading={cities.isPending}
          data-testid="persons-city-filter"
        />
      </Space>
      <Table<Person>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
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
