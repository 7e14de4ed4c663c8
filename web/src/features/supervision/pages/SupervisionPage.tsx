import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Row, Select, Spin, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { LoadError } from '../../../components/LoadError';
import { useT } from '../../../i18n';
import { hasAnyPermission, useMe } from '../../auth/api';
import { defaultSupervisionYear, SUPERVISION_YEARS, useSupervisionDetail, useSupervisionOverview } from '../api';
import { CityOverview } from '../components/CityOverview';
import { RectificationCard } from '../components/RectificationCard';
import { RubricEditor } from '../components/RubricEditor';
import { ScoreCard } from '../components/ScoreCard';
import { SelfAssessmentCard } from '../components/SelfAssessmentCard';

function CityDetail({
  year,
  city,
  canSubmit,
  canReview,
}: {
  year: number;
  city: string;
  canSubmit: boolean;
  canReview: boolean;
}) {
  const detail = useSupervisionDetail(year, city);
  if (detail.isError) return <LoadError onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Spin />;
  const d = detail.data;
  return (
    <Row gutter={[16, 16]} data-testid="supervision-detail">
      <Col xs={24} xl={14}>
        <SelfAssessmentCard assessment={d.assessment} canEdit={canSubmit} />
      </Col>
      <Col xs={24} xl={10}>
        <Flex vertical gap={16}>
          <ScoreCard assessment={d.assessment} rubric={d.rubric} canReview={canReview} />
          <RectificationCard
            year={year}
            city={city}
            today={d.today}
            items={d.rectifications}
            canSubmit={canSubmit}
            canReview={canReview}
          />
        </Flex>
      </Col>
    </Row>
  );
}

/**
 * 督导评估: a city admin fills in and submits their city's self-assessment and reports
 * rectification; the province admin sees the 16 cities, scores, returns and closes, and (with
 * settings.edit) edits the 评分细则 on its own tab (?tab=rubric).
 */
export function SupervisionPage() {
  const t = useT();
  const { data: user } = useMe();
  const [params, setParams] = useSearchParams();
  const canReview = hasAnyPermission(user, ['supervision.review']);
  const canSubmit = hasAnyPermission(user, ['supervision.submit']);
  const canEditRubric = hasAnyPermission(user, ['settings.edit']);
  const year = Number(params.get('year')) || defaultSupervisionYear();
  const city = canReview ? (params.get('city') ?? undefined) : (user?.cityCode ?? undefined);
  const overview = useSupervisionOverview(year);
  const cityName = overview.data?.items.find((c) => c.cityCode === city)?.cityName;

  const set = (key: string, value: string | undefined) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });

  const overviewTable = (
    <CityOverview rows={overview.data?.items ?? []} loading={overview.isLoading} onOpen={(c) => set('city', c)} />
  );

  return (
    <div data-testid="supervision-page">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3}>
          {t('menu.supervision')}
          {cityName ? ` · ${cityName}` : ''}
        </Typography.Title>
        <Flex gap="small" align="center">
          {overview.data ? (
            <Typography.Text type="secondary">{t('supervision.today', { today: overview.data.today })}</Typography.Text>
          ) : null}
          <Select
            aria-label={t('supervision.year')}
            value={year}
            style={{ width: 100 }}
            options={SUPERVISION_YEARS.map((y) => ({ value: y, label: `${y}` }))}
            onChange={(y) => set('year', String(y))}
            data-testid="supervision-year"
          />
        </Flex>
      </Flex>
      {canReview && city ? (
        <Button
          type="link"
          icon={<ArrowLeftOutlined />}
          onClick={() => set('city', undefined)}
          style={{ paddingLeft: 0, marginBottom: 8 }}
          data-testid="supervision-back"
        >
          {t('supervision.back')}
        </Button>
      ) : null}
      {city ? (
        <CityDetail year={year} city={city} canSubmit={canSubmit} canReview={canReview} />
      ) : overview.isError ? (
        <LoadError onRetry={() => void overview.refetch()} />
      ) : canEditRubric ? (
        <Tabs
          activeKey={params.get('tab') === 'rubric' ? 'rubric' : 'cities'}
          onChange={(k) => set('tab', k === 'rubric' ? k : undefined)}
          items={[
            {
              key: 'cities',
              label: <span data-testid="supervision-tab-cities">{t('supervision.tab.cities')}</span>,
              children: overviewTable,
            },
            {
              key: 'rubric',
              label: <span data-testid="supervision-tab-rubric">{t('supervision.rubric')}</span>,
              // Read once from the overview (which carries the current rubric); the editor keeps its own form after that.
              children: overview.data ? <RubricEditor rubric={overview.data.rubric} /> : <Spin />,
            },
          ]}
        />
      ) : (
        overviewTable
      )}
    </div>
  );
}
