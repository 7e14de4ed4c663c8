import { Button, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useT } from '../../../i18n';
import type { OverviewRow } from '../api';
import { STATUS_COLORS } from './SelfAssessmentCard';
import { shanghaiDay } from '../../../lib/time';

/** The 16 cities of a year (province admin): self-assessment status, score, open and overdue rectifications. */
export function CityOverview({
  rows,
  loading,
  onOpen,
}: {
  rows: OverviewRow[];
  loading: boolean;
  onOpen: (city: string) => void;
}) {
  const t = useT();
  const columns: TableColumnsType<OverviewRow> = [
    { title: t('supervision.city'), dataIndex: 'cityName' },
    {
      title: t('supervision.status'),
      dataIndex: 'statusLabel',
      render: (label: string, r) => <Tag color={STATUS_COLORS[r.status]}>{label}</Tag>,
    },
    {
      title: t('supervision.submittedAt'),
      dataIndex: 'submittedAt',
      render: (v: string | null) => (v ? shanghaiDay(v) : '—'),
    },
    {
      title: t('supervision.score'),
      dataIndex: 'total',
      align: 'right',
      render: (v: number | null, r) => (v === null ? '—' : `${v} / ${r.maxTotal}`),
    },
    { title: t('supervision.rectCount'), dataIndex: 'rectifications', align: 'right' },
    { title: t('supervision.openRect'), dataIndex: 'openRectifications', align: 'right' },
    {
      title: t('supervision.overdueRect'),
      dataIndex: 'overdueRectifications',
      align: 'right',
      render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v),
    },
    {
      title: '',
      key: 'open',
      render: (_: unknown, r) => (
        <Button type="link" onClick={() => onOpen(r.cityCode)} data-testid={`overview-open-${r.cityCode}`}>
          {t('supervision.view')}
        </Button>
      ),
    },
  ];
  return (
    <Table
      rowKey="cityCode"
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={rows}
      pagination={false}
      data-testid="supervision-overview"
    />
  );
}
