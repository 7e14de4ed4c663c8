import { App, Button, Card, Flex, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined, FileWordOutlined, ReloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { FormError } from '../../../components/FormError';
import { LoadError } from '../../../components/LoadError';
import { useT } from '../../../i18n';
import { useMe } from '../../auth/api';
import { useActiveCities } from '../../reference/api';
import { reportFileUrl, useGenerateReport, useReports, type ReportRow } from '../api';
import { shanghaiTime } from '../../../lib/time';

const YEARS = [2025, 2026, 2027, 2028, 2029, 2030];
const PROVINCE = '__province__';

/** Beijing time of an instant, as officials read it: 2027-01-10 09:30:00. */
const beijing = shanghaiTime;

/** 督导评估年度报告: request a report of a year (province or a city), follow its job, download the frozen files. */
export function ReportsPage() {
  const t = useT();
  const { message } = App.useApp();
  const { data: user } = useMe();
  const province = !!user?.roles.includes('province_admin');
  const canGenerate = !!user?.permissions.includes('report.generate');
  const thisYear = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
  const [year, setYear] = useState(Math.min(Math.max(thisYear, 2026), 2030));
  const [scope, setScope] = useState<string>(PROVINCE);
  const cities = useActiveCities();
  const city = province ? (scope === PROVINCE ? undefined : scope) : undefined;
  const list = useReports(year, city);
  const generate = useGenerateReport();

  const submit = (knownAt?: string, forCity?: string | null) =>
    generate.mutate(
      { year, cityCode: province ? (forCity !== undefined ? forCity : (city ?? null)) : undefined, knownAt },
      { onSuccess: () => message.success(t('reports.generated')) },
    );

  const statusTag = (s: ReportRow['status']) => (
    <Tag color={s === 'ready' ? 'green' : s === 'failed' ? 'red' : 'blue'} data-testid={`report-status-${s}`}>
      {t(`reports.status.${s}`)}
    </Tag>
  );

  const columns: TableColumnsType<ReportRow> = [
    { title: t('reports.scope'), dataIndex: 'cityName', render: (n: string | null, r) => n ?? r.cityCode },
    { title: t('reports.year'), dataIndex: 'year', width: 70 },
    { title: t('reports.asOf'), dataIndex: 'asOf', width: 110 },
    { title: t('reports.knownAt'), dataIndex: 'knownAt', render: (v: string) => beijing(v) },
    { title: t('reports.status'), dataIndex: 'status', width: 90, render: statusTag },
    {
      title: t('reports.hash'),
      dataIndex: 'contentHash',
      render: (h: string | null) =>
        h ? (
          <Tooltip title={h}>
            <Typography.Text code copyable={{ text: h }}>
              {h.slice(0, 12)}…
            </Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: t('reports.download'),
      key: 'files',
      render: (_: unknown, r) =>
        r.status === 'ready' ? (
          <Space>
            <a href={reportFileUrl(r.id, 'docx')} data-testid="report-docx">
              <FileWordOutlined /> {t('reports.docx')}
            </a>
            <a href={reportFileUrl(r.id, 'xlsx')} data-testid="report-xlsx">
              <FileExcelOutlined /> {t('reports.xlsx')}
            </a>
          </Space>
        ) : (
          (r.error ?? '—')
        ),
    },
    ...(canGenerate
      ? [
          {
            key: 'again',
            render: (_: unknown, r: ReportRow) =>
              r.status === 'ready' ? (
                <Tooltip title={t('reports.regenerate')}>
                  <Button
                    size="small"
                    icon={<ReloadOutlined />}
                    aria-label={t('reports.regenerate')}
                    onClick={() => submit(r.knownAt, r.cityCode)}
                  />
                </Tooltip>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <div data-testid="reports-page">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3}>{t('reports.title')}</Typography.Title>
        <Space wrap>
          <Select
            aria-label={t('reports.year')}
            value={year}
            onChange={setYear}
            options={YEARS.map((y) => ({ value: y, label: `${y}` }))}
            style={{ width: 100 }}
          />
          {province && (
            <Select
              aria-label={t('reports.scope')}
              value={scope}
              onChange={setScope}
              options={[{ value: PROVINCE, label: t('reports.province') }, ...(cities.data ?? [])]}
              style={{ width: 140 }}
              data-testid="report-scope"
            />
          )}
          {canGenerate && (
            <Button type="primary" loading={generate.isPending} onClick={() => submit()} data-testid="report-generate">
              {t('reports.generate')}
            </Button>
          )}
        </Space>
      </Flex>
      <Typography.Paragraph type="secondary">{t('reports.intro')}</Typography.Paragraph>
      {generate.error && <FormError error={generate.error} />}
      <Card>
        {list.error ? (
          <LoadError onRetry={() => list.refetch()} />
        ) : (
          <Table
            rowKey="id"
            size="small"
            loading={list.isLoading}
            columns={columns}
            dataSource={list.data ?? []}
            locale={{ emptyText: t('reports.empty') }}
            pagination={false}
            data-testid="reports-table"
          />
        )}
      </Card>
    </div>
  );
}
