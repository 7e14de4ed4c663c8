import { ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Progress,
  Row,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { Link, useSearchParams } from 'react-router';
import { errorText } from '../../../app/QueryProvider';
import { LoadError } from '../../../components/LoadError';
import { usePageParams } from '../../../hooks/usePageParams';
import { useLang, useT } from '../../../i18n';
import { hasAnyPermission, useMe } from '../../auth/api';
import { formatTime } from '../../imports/labels';
import {
  useFit,
  useFitShortages,
  useFitUnfilled,
  useStartFitRun,
  type FitCity,
  type FitReason,
  type FitShortage,
  type FitUnfilled,
} from '../api';

const TARGET = 0.85;
const pct = (share: number | null) => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`);

function Reasons({ reasons, testId }: { reasons: FitReason[]; testId?: string }) {
  if (reasons.length === 0) return <>—</>;
  return (
    <Flex wrap gap={4} data-testid={testId}>
      {reasons.map((r) => (
        <Tag key={r.key} color="red" style={{ marginInlineEnd: 0 }}>
          {r.label}
          {r.count > 0 ? ` ×${r.count}` : ''}
        </Tag>
      ))}
    </Flex>
  );
}

/** 未匹配岗位: each demand with unfilled positions, its qualifying candidates and the requirements without supply. */
function UnfilledList({ city, cityName }: { city?: string; cityName?: string }) {
  const t = useT();
  const { page, pageSize, setPage } = usePageParams(20);
  const unfilled = useFitUnfilled({ page, pageSize, city });
  const columns: TableColumnsType<FitUnfilled> = [
    {
      title: t('matching.demand.title'),
      dataIndex: 'title',
      render: (title: string, u) => <Link to={`/matching/demands/${u.demandId}`}>{title}</Link>,
    },
    { title: t('matching.demand.org'), dataIndex: 'orgName' },
    { title: t('matching.demand.city'), dataIndex: 'cityName' },
    {
      title: t('matching.demand.occupation'),
      dataIndex: 'occupationCode',
      render: (c: string, u) => u.occupationName ?? c,
    },
    { title: t('matching.fit.positions'), dataIndex: 'positions', align: 'right' },
    { title: t('matching.fit.filled'), dataIndex: 'filled', align: 'right' },
    {
      title: t('matching.fit.unfilled'),
      dataIndex: 'unfilled',
      align: 'right',
      render: (v: number) => <Typography.Text type="danger">{v}</Typography.Text>,
    },
    { title: t('matching.fit.candidates'), dataIndex: 'candidates', align: 'right' },
    {
      title: t('matching.fit.reason'),
      key: 'reasons',
      render: (_: unknown, u) => <Reasons reasons={u.reasons} testId={`fit-reasons-${u.demandId}`} />,
    },
  ];
  return (
    <Card
      size="small"
      title={cityName ? t('matching.fit.unfilledOf', { city: cityName }) : t('matching.fit.unfilledList')}
      data-testid="fit-unfilled"
    >
      {unfilled.isError ? (
        <LoadError onRetry={() => void unfilled.refetch()} />
      ) : (
        <Table
          rowKey="demandId"
          size="small"
          loading={unfilled.isFetching}
          columns={columns}
          dataSource={unfilled.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize,
            total: unfilled.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: setPage,
          }}
          data-testid="fit-unfilled-table"
        />
      )}
    </Card>
  );
}

/** 人才缺口: unfilled positions by occupation and city, with the usual missing requirements (feeds training planning). */
function ShortageList({ city }: { city?: string }) {
  const t = useT();
  const shortages = useFitShortages(city);
  const columns: TableColumnsType<FitShortage> = [
    {
      title: t('matching.demand.occupation'),
      dataIndex: 'occupationCode',
      render: (c: string, s) => `${c} ${s.occupationName ?? ''}`,
    },
    { title: t('matching.fit.city'), dataIndex: 'cityName' },
    { title: t('matching.fit.demands'), dataIndex: 'demands', align: 'right' },
    {
      title: t('matching.fit.shortage'),
      dataIndex: 'unfilled',
      align: 'right',
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.unfilled - b.unfilled,
      render: (v: number) => <Typography.Text type="danger">{v}</Typography.Text>,
    },
    { title: t('matching.fit.reason'), key: 'reasons', render: (_: unknown, s) => <Reasons reasons={s.reasons} /> },
  ];
  return (
    <Card size="small" title={t('matching.fit.shortages')} data-testid="fit-shortages">
      {shortages.isError ? (
        <LoadError onRetry={() => void shortages.refetch()} />
      ) : (
        <Table
          rowKey={(s) => `${s.occupationCode}-${s.cityCode}`}
          size="small"
          loading={shortages.isFetching}
          columns={columns}
          dataSource={shortages.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 10, showTotal: (total) => t('common.total', { total }) }}
          data-testid="fit-shortages-table"
        />
      )}
    </Card>
  );
}

/**
 * 人岗适配度 (T5): the province's (or a city admin's city's) figure from the latest run, beside the
 * 85 % target; each city's own figure; a click on a figure drills down to the unfilled positions
 * with the missing requirement, and the shortages by occupation and city. 重新计算 starts a run (a job).
 */
export function FitPage() {
  const t = useT();
  const { lang } = useLang();
  const count = (n: number | null | undefined) => (n == null ? '—' : n.toLocaleString(lang));
  const { message } = App.useApp();
  const { data: user } = useMe();
  const [params, setParams] = useSearchParams();
  const fit = useFit();
  const start = useStartFitRun();
  const canRun = hasAnyPermission(user, ['fit.run']);
  const isCityAdmin = !!user?.roles.includes('city_admin');
  const drill = params.get('drill') === '1' || !!params.get('city');
  const city = params.get('city') ?? undefined;

  const open = (cityCode?: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set('drill', '1');
      next.delete('page');
      if (cityCode) next.set('city', cityCode);
      else next.delete('city');
      return next;
    });

  if (fit.isError) return <LoadError onRetry={() => void fit.refetch()} />;
  if (!fit.data) return <Skeleton active />;
  const { run, pending, province, cities } = fit.data;
  // A city admin's headline is their own city.
  const headline = isCityAdmin ? (cities[0] ?? null) : province;
  const headlineName = isCityAdmin ? (cities[0]?.cityName ?? '') : t('matching.fit.province');
  const running = !!pending && (pending.status === 'pending' || pending.status === 'running');
  const cityName = city ? cities.find((c) => c.cityCode === city)?.cityName : undefined;

  const cityColumns: TableColumnsType<FitCity> = [
    { title: t('matching.fit.city'), dataIndex: 'cityName' },
    {
      title: t('matching.fit.figure'),
      dataIndex: 'share',
      defaultSortOrder: 'ascend',
      sorter: (a, b) => (a.share ?? 2) - (b.share ?? 2),
      render: (share: number | null, c) => (
        <Flex align="center" gap={8} style={{ minWidth: 180 }}>
          <Progress
            percent={share === null ? 0 : share * 100}
            showInfo={false}
            size="small"
            status={share !== null && share >= TARGET ? 'success' : 'normal'}
            style={{ width: 100, margin: 0 }}
          />
          <span data-testid={`fit-city-share-${c.cityCode}`}>{pct(share)}</span>
        </Flex>
      ),
    },
    { title: t('matching.fit.positions'), dataIndex: 'positions', align: 'right' },
    { title: t('matching.fit.filled'), dataIndex: 'filled', align: 'right' },
    {
      title: t('matching.fit.unfilled'),
      key: 'unfilled',
      align: 'right',
      render: (_: unknown, c) => c.positions - c.filled,
    },
    {
      title: '',
      key: 'drill',
      render: (_: unknown, c) => (
        <Button type="link" size="small" onClick={() => open(c.cityCode)} data-testid={`fit-drill-${c.cityCode}`}>
          {t('matching.fit.drill')}
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap="middle" data-testid="fit-page">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('matching.fit.title')}
        </Typography.Title>
        {canRun && (
          <Button
            icon={<ReloadOutlined />}
            loading={start.isPending || running}
            onClick={() =>
              start.mutate(undefined, {
                onSuccess: () => message.info(t('matching.fit.running')),
                onError: (e) => message.error(errorText(e, t)),
              })
            }
            data-testid="fit-run"
          >
            {running ? t('matching.fit.running') : t('matching.fit.run')}
          </Button>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('matching.fit.intro')}
      </Typography.Paragraph>
      {pending?.status === 'failed' && pending.error && <Alert type="error" showIcon title={pending.error} />}
      {!run ? (
        <Empty description={t('matching.fit.never')} data-testid="fit-never" />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Card size="small" hoverable onClick={() => open(isCityAdmin ? cities[0]?.cityCode : undefined)}>
                <Flex align="center" gap={24}>
                  <Progress
                    type="dashboard"
                    percent={headline?.share == null ? 0 : Math.round(headline.share * 1000) / 10}
                    status={headline?.share != null && headline.share >= TARGET ? 'success' : 'normal'}
                    format={() => pct(headline?.share ?? null)}
                    data-testid="fit-figure"
                  />
                  <Flex vertical gap={4}>
                    <Typography.Text strong>
                      {headlineName} · {t('matching.fit.figure')}
                    </Typography.Text>
                    <Statistic
                      title={t('matching.fit.filled')}
                      value={headline?.filled ?? 0}
                      suffix={`/ ${headline?.positions ?? 0}`}
                    />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('matching.fit.target')}
                    </Typography.Text>
                    <Typography.Link data-testid="fit-figure-drill">{t('matching.fit.drill')}</Typography.Link>
                  </Flex>
                </Flex>
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small">
                <Descriptions
                  size="small"
                  column={2}
                  styles={{ label: { whiteSpace: 'nowrap' }, content: { whiteSpace: 'nowrap' } }}
                  items={[
                    { key: 'threshold', label: t('matching.fit.threshold'), children: run.threshold ?? '—' },
                    {
                      key: 'computedAt',
                      label: t('matching.fit.computedAt'),
                      children: run.computedAt ? formatTime(run.computedAt, lang) : '—',
                    },
                    { key: 'asOf', label: t('matching.fit.asOf'), children: run.asOf },
                    { key: 'demands', label: t('matching.fit.demands'), children: count(run.demands) },
                    { key: 'talents', label: t('matching.fit.talents'), children: count(run.talents) },
                    { key: 'edges', label: t('matching.fit.edges'), children: count(run.edges) },
                    {
                      key: 'wall',
                      label: t('matching.fit.wall'),
                      children: run.wallMs == null ? '—' : `${run.wallMs.toLocaleString(lang)} ms`,
                    },
                    {
                      key: 'pool',
                      label: t('matching.fit.pool'),
                      span: 2,
                      children: <span style={{ whiteSpace: 'normal' }}>{run.pool ?? '—'}</span>,
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
          {cities.length > 1 && (
            <Card size="small" title={t('matching.fit.cities')}>
              <Table
                rowKey="cityCode"
                size="small"
                columns={cityColumns}
                dataSource={cities}
                pagination={false}
                onRow={(c) => ({ onClick: () => open(c.cityCode), style: { cursor: 'pointer' } })}
                data-testid="fit-cities-table"
              />
            </Card>
          )}
          {drill && (
            <>
              {city && !isCityAdmin && (
                <div>
                  <Button size="small" onClick={() => open(undefined)} data-testid="fit-show-all">
                    {t('matching.fit.showAll')}
                  </Button>
                </div>
              )}
              <UnfilledList key={city ?? 'all'} city={city} cityName={cityName} />
            </>
          )}
          <ShortageList city={isCityAdmin ? undefined : city} />
        </>
      )}
    </Flex>
  );
}
