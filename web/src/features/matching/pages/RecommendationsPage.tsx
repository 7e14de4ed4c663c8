import { SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Flex, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { errorText } from '../../../app/QueryProvider';
import { LoadError } from '../../../components/LoadError';
import { useT } from '../../../i18n';
import { useApply, useIntention, useRecommendations, type Recommendation } from '../api';
import { ApplicationActions } from '../components/ApplicationActions';
import { STATE_COLORS, STATE_LABELS } from '../components/labels';
import { MissingTags, ScoreParts, ScoreTotal } from '../components/ScoreBreakdown';

function RecommendationCard({ r, threshold }: { r: Recommendation; threshold: number }) {
  const t = useT();
  const { message } = App.useApp();
  const apply = useApply();
  const d = r.demand;
  return (
    <Card
      size="small"
      data-testid={`rec-${d.id}`}
      title={
        <Space size={4}>
          <Typography.Text type="secondary">#{r.rank}</Typography.Text>
          <Typography.Text strong data-testid={`rec-title-${d.id}`}>
            {d.title}
          </Typography.Text>
          {d.digitalPost && <Tag color="blue">{t('occupation.digitalTag')}</Tag>}
        </Space>
      }
      extra={
        r.application ? (
          <Space size={4}>
            <Tag color={STATE_COLORS[r.application.status]} data-testid={`rec-state-${d.id}`}>
              {t(STATE_LABELS[r.application.status])}
            </Tag>
            <ApplicationActions application={r.application} />
          </Space>
        ) : (
          <Button
            type="primary"
            size="small"
            icon={<SendOutlined />}
            loading={apply.isPending}
            onClick={() =>
              apply.mutate(d.id, {
                onSuccess: () => message.success(t('matching.rec.applyDone', { title: d.title })),
                onError: (e) => message.error(errorText(e, t)),
              })
            }
            data-testid={`rec-apply-${d.id}`}
          >
            {t('matching.rec.apply')}
          </Button>
        )
      }
    >
      <Flex gap={24} wrap align="start">
        <Flex vertical gap={4} style={{ minWidth: 200 }}>
          <Typography.Text>{d.orgName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[d.cityName, d.occupationName, d.minLevelName, d.chainName].filter(Boolean).join(' · ')}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('matching.demand.headcount')} {d.headcount}
            {d.salaryMin != null || d.salaryMax != null
              ? ` · ${t('matching.demand.salary')} ${d.salaryMin ?? ''}–${d.salaryMax ?? ''}`
              : ''}
            {d.deadline ? ` · ${t('matching.demand.deadline')} ${d.deadline}` : ''}
          </Typography.Text>
          <ScoreTotal total={r.score} max={r.max} threshold={threshold} testId={`rec-score-${d.id}`} />
        </Flex>
        <Flex vertical gap={4}>
          <ScoreParts parts={r.parts} />
          <MissingTags missing={r.missing.map((m) => m.label)} />
        </Flex>
      </Flex>
    </Card>
  );
}

/** 推荐岗位 (talent): the best open demands for them, each with its score explained, and 投递. */
export function RecommendationsPage() {
  const t = useT();
  const navigate = useNavigate();
  const recs = useRecommendations();
  const intention = useIntention();
  return (
    <div data-testid="recommendations-page">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3}>{t('matching.rec.title')}</Typography.Title>
        <Button onClick={() => navigate('/matching/intention')} data-testid="rec-edit-intention">
          {t('matching.rec.editIntention')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary">{t('matching.rec.intro')}</Typography.Paragraph>
      {intention.data && !intention.data.openToWork && (
        <Alert type="info" showIcon title={t('matching.rec.notOpen')} style={{ marginBottom: 16 }} />
      )}
      {recs.isError ? (
        <LoadError onRetry={() => void recs.refetch()} />
      ) : !recs.data ? (
        <Skeleton active />
      ) : recs.data.items.length === 0 ? (
        <Empty description={t('matching.rec.none')} />
      ) : (
        <Row gutter={[16, 16]}>
          {recs.data.items.map((r) => (
            <Col key={r.demand.id} xs={24} xxl={12}>
              <RecommendationCard r={r} threshold={recs.data.threshold} />
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}
