import { Card, Space, Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useT } from '../../../i18n';
import { hasAnyPermission, useMe } from '../../auth/api';
import { useNotices, type PublicNotice } from '../api';
import { ClaimTable } from '../components/ClaimTable';

/** 公示: the public list (names masked) and, for the city, the claims in notice with their 异议. */
export function SubsidyNoticePage() {
  const t = useT();
  const me = useMe();
  const notices = useNotices();
  const canReview = hasAnyPermission(me.data, ['subsidy.review']);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('menu.subsidyNotices')}</Typography.Title>
      <Card title={t('subsidy.publicNotice')} data-testid="subsidy-public-notice">
        <Table<PublicNotice['items'][number]>
          rowKey="id"
          size="small"
          loading={notices.isLoading}
          dataSource={notices.data?.items ?? []}
          onRow={(n) => ({ 'data-testid': `notice-row-${n.id}` }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: t('subsidy.empty') }}
          columns={[
            { title: t('subsidy.person'), dataIndex: 'personName' },
            { title: t('subsidy.city'), dataIndex: 'cityName' },
            { title: t('subsidy.kind'), dataIndex: 'kindLabel' },
            {
              title: t('subsidy.occupationLevel'),
              render: (_, n) => [n.occupationName, n.levelName].filter(Boolean).join(' · ') || '—',
            },
            { title: t('subsidy.amount'), dataIndex: 'amountYuan', align: 'right' },
            {
              title: t('subsidy.notice'),
              render: (_, n) => t('subsidy.noticeUntil', { from: n.noticeStartsOn, until: n.noticeEndsOn }),
            },
          ]}
        />
      </Card>
      {canReview && (
        <Card title={`${t('subsidy.noticeList')} · ${t('subsidy.objections')}`}>
          <ClaimTable mode="notice" status="in_notice" />
        </Card>
      )}
    </Space>
  );
}
