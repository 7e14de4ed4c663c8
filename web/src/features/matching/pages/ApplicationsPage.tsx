import { Card, Select, Space, Typography } from 'antd';
import { LoadError } from '../../../components/LoadError';
import { usePageParams } from '../../../hooks/usePageParams';
import { useUrlFilters } from '../../../hooks/useUrlFilters';
import { useT } from '../../../i18n';
import { hasAnyPermission, useMe } from '../../auth/api';
import { useApplications } from '../api';
import { ApplicationTable } from '../components/ApplicationTable';
import { APPLICATION_STATUSES, STATE_LABELS } from '../components/labels';

/**
 * 对接进度: a talent's invitations and applications (接受邀请 / 婉拒 / 撤回), or an enterprise's
 * across its demands (面试 / 发放录用 / 确认入职 / 不予录用), filtered by state.
 */
export function ApplicationsPage() {
  const t = useT();
  const { data: user } = useMe();
  const isTalent = hasAnyPermission(user, ['intention.manage']);
  const [filters, setFilters] = useUrlFilters(['status'] as const);
  const { page, pageSize, setPage } = usePageParams(20);
  const apps = useApplications({ ...filters, page, pageSize }, isTalent);
  return (
    <div data-testid="applications-page">
      <Typography.Title level={3}>{t('matching.applications.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('matching.applications.filter.state')}
          style={{ width: 160 }}
          value={filters.status}
          onChange={(status?: string) => setFilters({ status })}
          options={APPLICATION_STATUSES.map((s) => ({ value: s, label: t(STATE_LABELS[s]) }))}
          data-testid="applications-filter-status"
        />
      </Space>
      <Card size="small">
        {apps.isError ? (
          <LoadError onRetry={() => void apps.refetch()} />
        ) : (
          <ApplicationTable
            items={apps.data?.items ?? []}
            loading={apps.isFetching}
            showTalent={!isTalent}
            pagination={{ current: page, pageSize, total: apps.data?.total ?? 0, onChange: setPage }}
          />
        )}
      </Card>
    </div>
  );
}
