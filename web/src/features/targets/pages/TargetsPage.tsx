import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { CityRow } from '../../../api/contracts';
import { LoadError } from '../../../components/LoadError';
import { useT } from '../../../i18n';
import { hasAnyPermission, useMe } from '../../auth/api';
import { useActiveCities } from '../../reference/api';
import { useCityRanking, useTargetDashboard } from '../api';
import { ActualValue } from '../components/ActualValue';
import { IndicatorCardView } from '../components/IndicatorCardView';
import { TargetMap } from '../components/TargetMap';

const YEARS = [2026, 2027, 2028, 2029, 2030];
const defaultYear = () => Math.min(Math.max(new Date().getFullYear(), 2026), 2030);

/** 目标监测: indicator cards for the province or a city; the province also sees the map and the city ranking. */
export function TargetsPage() {
  const t = useT();
  const { data: user } = useMe();
  const [params, setParams] = useSearchParams();
  const province = !!user?.roles.includes('province_admin');
  const year = Number(params.get('year')) || defaultYear();
  const city = province ? (params.get('city') ?? undefined) : (user?.cityCode ?? undefined);
  const indicator = params.get('indicator') ?? 'T1';
  const cities = useActiveCities();
  const dashboard = useTargetDashboard(year, province ? city : undefined);
  const ranking = useCityRanking(indicator, year, province);

  const set = (key: string, value: string | undefined) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });

  const columns: TableColumnsType<CityRow> = [
    { title: t('targets.rank'), dataIndex: 'rank', width: 60, render: (r: number | null) => r ?? '—' },
    { title: t('targets.city'), dataIndex: 'cityName', render: (n: string | null, r) => n ?? r.cityCode },
    {
      title: t('targets.actual'),
      key: 'actual',
      align: 'right',
      render: (_: unknown, r) => <ActualValue actual={r.actual} />,
    },
    {
      title: t('targets.share'),
      dataIndex: 'share',
      align: 'right',
      render: (s: number | null) => (s === null ? '—' : `${(s * 100).toFixed(1)}%`),
    },
  ];

  return (
    <div data-testid="targets-page">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3}>{t('menu.targets')}</Typography.Title>
        <Space wrap>
          <Select
            aria-label={t('targets.year')}
            value={year}
            style={{ width: 100 }}
            options={YEARS.map((y) => ({ value: y, label: `${y}` }))}
            onChange={(y) => set('year', String(y))}
            data-testid="targets-year"
          />
          {province ? (
            <Select
              aria-label={t('targets.city')}
              value={city ?? ''}
              style={{ width: 140 }}
              options={[{ value: '', label: t('targets.province') }, ...(cities.data ?? [])]}
              onChange={(c) => set('city', c || undefined)}
              data-testid="targets-city"
            />
          ) : (
            <Typography.Text>{dashboard.data?.cityName}</Typography.Text>
          )}
          {/* 目标设置: the province admin edits; a city admin reads their plan there. */}
          <Link to={`/targets/plan?indicator=${encodeURIComponent(indicator)}`} data-testid="targets-plan-link">
            <Button icon={<EditOutlined />} type={hasAnyPermission(user, ['target.edit']) ? 'primary' : 'default'}>
              {t('targets.plan.open')}
            </Button>
          </Link>
        </Space>
      </Flex>
      {dashboard.isError ? (
        <LoadError onRetry={() => void dashboard.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          {(dashboard.data?.indicators ?? []).map((card) => (
            <Col key={card.id} xs={24} md={12} xl={8}>
              <IndicatorCardView card={card} city={dashboard.data?.cityCode ?? undefined} />
            </Col>
          ))}
        </Row>
      )}
      {province && (
        <Card
          style={{ marginTop: 16 }}
          title={t('targets.map')}
          extra={
            <Select
              aria-label={t('targets.mapIndicator')}
              value={indicator}
              style={{ width: 260 }}
              options={(dashboard.data?.indicators ?? []).map((c) => ({ value: c.id, label: `${c.id} ${c.title}` }))}
              onChange={(i) => set('indicator', i)}
              data-testid="targets-map-indicator"
            />
          }
        >
          <Row gutter={16}>
            <Col xs={24} lg={14}>
              <TargetMap rows={ranking.data?.cities ?? []} onSelect={(c) => set('city', c)} />
            </Col>
            <Col xs={24} lg={10}>
              <Table<CityRow>
                rowKey="cityCode"
                size="small"
                columns={columns}
                dataSource={ranking.data?.cities}
                loading={ranking.isFetching}
                pagination={false}
                onRow={(r) => ({ onClick: () => set('city', r.cityCode), style: { cursor: 'pointer' } })}
                data-testid="city-ranking"
              />
            </Col>
          </Row>
        </Card>
      )}
    </div>
  );
}
