import { LockOutlined } from '@ant-design/icons';
import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { useLang, useT } from '../../../i18n';
import { hasAnyPermission, useMe } from '../../auth/api';
import { formatTime } from '../../imports/labels';
import type { Application } from '../api';
import { ApplicationActions } from './ApplicationActions';
import { STATE_COLORS, STATE_LABELS } from './labels';

/** The talent's name: a link to the profile once contact is accepted, masked (张*) before. */
export function TalentName({ talent, testId }: { talent: Application['talent']; testId?: string }) {
  const t = useT();
  if (talent.masked)
    return (
      <Typography.Text title={t('matching.candidates.masked')} data-testid={testId} data-masked="true">
        <LockOutlined /> {talent.name}
      </Typography.Text>
    );
  return (
    <Link to={`/persons/${talent.personId}`} data-testid={testId} data-masked="false">
      {talent.name}
    </Link>
  );
}

/** Invitations and applications with their state and the next steps the current user may take. */
export function ApplicationTable({
  items,
  loading,
  showDemand = true,
  showTalent = true,
  pagination = false,
  testId = 'applications-table',
}: {
  items: Application[];
  loading: boolean;
  showDemand?: boolean;
  showTalent?: boolean;
  pagination?: false | { current: number; pageSize: number; total: number; onChange: (p: number, s: number) => void };
  testId?: string;
}) {
  const t = useT();
  const { lang } = useLang();
  const { data: user } = useMe();
  // A talent reaches demands through recommendations only (no demand.read).
  const canOpenDemand = hasAnyPermission(user, ['demand.read']);
  const columns: TableColumnsType<Application> = [
    ...(showTalent
      ? [
          {
            title: t('matching.applications.talent'),
            key: 'talent',
            render: (_: unknown, a: Application) => (
              <span>
                <TalentName talent={a.talent} testId={`app-talent-${a.id}`} />
                {a.talent.phone && (
                  <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                    {a.talent.phone}
                  </Typography.Text>
                )}
              </span>
            ),
          },
        ]
      : []),
    ...(showDemand
      ? [
          {
            title: t('matching.applications.demand'),
            key: 'demand',
            render: (_: unknown, a: Application) =>
              canOpenDemand ? (
                <Link to={`/matching/demands/${a.demand.id}`} data-testid={`app-demand-${a.id}`}>
                  {a.demand.title}
                </Link>
              ) : (
                <span data-testid={`app-demand-${a.id}`}>{a.demand.title}</span>
              ),
          },
          {
            title: t('matching.applications.org'),
            key: 'org',
            render: (_: unknown, a: Application) => `${a.demand.orgName} · ${a.demand.cityName}`,
          },
        ]
      : []),
    {
      title: t('matching.applications.source'),
      dataIndex: 'origin',
      render: (o: Application['origin']) =>
        t(o === 'invited' ? 'matching.applications.source.invitation' : 'matching.applications.source.application'),
    },
    {
      title: t('matching.applications.score'),
      dataIndex: 'scoreAtStart',
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : Math.round(v * 10) / 10),
    },
    {
      title: t('matching.applications.state'),
      dataIndex: 'status',
      render: (s: Application['status'], a) => (
        <Tag color={STATE_COLORS[s]} title={a.statusLabel} data-testid={`app-state-${a.id}`} data-state={s}>
          {t(STATE_LABELS[s])}
        </Tag>
      ),
    },
    {
      title: t('matching.applications.updatedAt'),
      dataIndex: 'updatedAt',
      render: (v: string) => formatTime(v, lang),
    },
    {
      title: t('matching.applications.actions'),
      key: 'actions',
      render: (_: unknown, a: Application) => <ApplicationActions application={a} />,
    },
  ];
  return (
    <Table
      rowKey="id"
      size="small"
      loading={loading}
      columns={columns}
      dataSource={items}
      pagination={pagination}
      locale={{ emptyText: t('matching.applications.none') }}
      scroll={{ x: 'max-content' }}
      onRow={(a) =>
        ({ 'data-testid': `app-row-${a.id}`, 'data-person': a.talent.personId }) as HTMLAttributes<HTMLElement>
      }
      data-testid={testId}
    />
  );
}
