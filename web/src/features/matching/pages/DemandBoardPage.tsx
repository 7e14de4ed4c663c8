import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { LoadError } from '../../../components/LoadError';
import { usePageParams } from '../../../hooks/usePageParams';
import { useUrlFilters } from '../../../hooks/useUrlFilters';
import { useT } from '../../../i18n';
import { hasAnyPermission, useMe } from '../../auth/api';
import { OccupationSelect } from '../../reference/components/OccupationSelect';
import { useDemands, type Demand } from '../api';
import { DemandFormModal } from '../components/DemandFormModal';
import { DemandStatusActions } from '../components/DemandStatusActions';
import { DEMAND_STATUS_COLORS, DEMAND_STATUS_LABELS, DEMAND_STATUSES } from '../components/labels';
import { ChainSelect, CitySelect } from '../components/refSelects';

const FILTER_KEYS = ['q', 'city', 'chain', 'occupation', 'status'] as const;

/**
 * 需求大厅: the demands within reach (a talent and everyone else: open ones; an enterprise: its
 * own too, with 新建需求, 导入 and the status actions), filtered by city, chain, occupation, status.
 */
export function DemandBoardPage() {
  const t = useT();
  const navigate = useNavigate();
  const { data: user } = useMe();
  const canManage = hasAnyPermission(user, ['demand.manage']) && !!user?.orgId;
  const [filters, setFilters] = useUrlFilters(FILTER_KEYS);
  const { page, pageSize, setPage } = usePageParams(20);
  const demands = useDemands({ page, pageSize, ...filters });
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<Demand> = [
    {
      title: t('matching.demand.title'),
      dataIndex: 'title',
      render: (title: string, d) => (
        <Space size={4}>
          <Link to={`/matching/demands/${d.id}`} data-testid={`demand-link-${d.id}`}>
            {title}
          </Link>
          {d.digitalPost && <Tag color="blue">{t('occupation.digitalTag')}</Tag>}
        </Space>
      ),
    },
    { title: t('matching.demand.org'), dataIndex: 'orgName' },
    {
      title: t('matching.demand.occupation'),
      dataIndex: 'occupationCode',
      render: (code: string, d) => d.occupationName ?? code,
    },
    { title: t('matching.demand.minLevel'), dataIndex: 'minLevelName', render: (v: string | null) => v ?? '—' },
    { title: t('matching.demand.city'), dataIndex: 'cityName' },
    {
      title: t('matching.demand.headcount'),
      key: 'positions',
      align: 'right',
      render: (_: unknown, d) => t('matching.demand.positions', { filled: d.hired, headcount: d.headcount }),
    },
    {
      title: t('matching.demand.salary'),
      key: 'salary',
      render: (_: unknown, d) =>
        d.salaryMin == null && d.salaryMax == null ? '—' : `${d.salaryMin ?? ''}–${d.salaryMax ?? ''}`,
    },
    { title: t('matching.demand.deadline'), dataIndex: 'deadline', render: (v: string | null) => v ?? '—' },
    {
      title: t('matching.demand.status'),
      dataIndex: 'status',
      render: (s: Demand['status'], d) => (
        <Tag color={DEMAND_STATUS_COLORS[s]} data-testid={`demand-status-tag-${d.id}`}>
          {t(DEMAND_STATUS_LABELS[s])}
        </Tag>
      ),
    },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, d: Demand) => (d.orgId === user?.orgId ? <DemandStatusActions demand={d} /> : null),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="demand-board">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3}>
          {t('menu.demands')}
          <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 12 }}>
            {t('matching.zone')}
          </Typography.Text>
        </Typography.Title>
        {canManage && (
          <Space>
            <Button
              icon={<UploadOutlined />}
              onClick={() => navigate('/matching/demands/import')}
              data-testid="demand-import-button"
            >
              {t('matching.demand.import')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="demand-new-button"
            >
              {t('matching.demand.new')}
            </Button>
          </Space>
        )}
      </Flex>
      <Typography.Paragraph type="secondary">{t('matching.board.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('matching.filter.q')}
          style={{ width: 240 }}
          defaultValue={filters.q}
          maxLength={50}
          onSearch={(q) => setFilters({ q: q.trim() })}
          data-testid="demand-filter-q"
        />
        <CitySelect
          placeholder={t('matching.filter.city')}
          style={{ width: 130 }}
          value={filters.city}
          onChange={(city) => setFilters({ city: city as string | undefined })}
          data-testid="demand-filter-city"
        />
        <ChainSelect
          placeholder={t('matching.filter.chain')}
          style={{ width: 160 }}
          value={filters.chain}
          onChange={(chain) => setFilters({ chain: chain as string | undefined })}
          data-testid="demand-filter-chain"
        />
        <OccupationSelect
          placeholder={t('matching.filter.occupation')}
          style={{ width: 220 }}
          value={filters.occupation}
          onChange={(occupation?: string) => setFilters({ occupation })}
          data-testid="demand-filter-occupation"
        />
        <Select
          allowClear
          placeholder={t('matching.filter.status')}
          style={{ width: 120 }}
          value={filters.status}
          onChange={(status?: string) => setFilters({ status })}
          options={DEMAND_STATUSES.map((s) => ({ value: s, label: t(DEMAND_STATUS_LABELS[s]) }))}
          data-testid="demand-filter-status"
        />
      </Space>
      {demands.isError ? (
        <LoadError onRetry={() => void demands.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="middle"
          loading={demands.isFetching}
          columns={columns}
          dataSource={demands.data?.items ?? []}
          locale={{ emptyText: t('matching.demand.none') }}
          pagination={{
            current: page,
            pageSize,
            total: demands.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: setPage,
          }}
          scroll={{ x: 'max-content' }}
          data-testid="demands-table"
        />
      )}
      {creating && (
        <DemandFormModal
          demand={null}
          defaultCity={user?.cityCode ?? undefined}
          onClose={() => setCreating(false)}
          onSaved={(d) => navigate(`/matching/demands/${d.id}`)}
        />
      )}
    </div>
  );
}
