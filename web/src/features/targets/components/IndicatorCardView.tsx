import { Card, Descriptions, Progress, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { IndicatorCard } from '../../../api/contracts';
import { useT } from '../../../i18n';
import { ActualValue } from './ActualValue';
import { TrendLine } from './TrendLine';

/** A figure in its unit; shares (fractions, 0.85) as percentages. */
const num = (n: number | null, unit: string, kind?: string) =>
  n === null ? '—' : kind === 'share' ? `${Math.round(n * 1000) / 10}%` : `${n.toLocaleString()} ${unit}`;

/** One indicator: actual (with drill-down), target, completion, trend, 2030 forecast, behind-schedule tag. */
export function IndicatorCardView({ card, city }: { card: IndicatorCard; city?: string }) {
  const t = useT();
  const actual = <ActualValue actual={card.actual} unit={card.unit} kind={card.kind} />;
  const drillTo = `/targets/${encodeURIComponent(card.id)}/persons${city ? `?city=${city}` : ''}`;
  return (
    <Card
      size="small"
      title={
        <Space>
          <Typography.Text strong>{card.id}</Typography.Text>
          <span title={card.definition}>{card.title}</span>
        </Space>
      }
      extra={card.behind && <Tag color="red">{t('targets.behind')}</Tag>}
      data-testid={`indicator-card-${card.id}`}
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('targets.actual')}>
          <span data-testid={`indicator-actual-${card.id}`}>
            {card.drillDown && card.actual.status === 'ok' ? <Link to={drillTo}>{actual}</Link> : actual}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('targets.target')}>
          {card.target === null ? (
            <Typography.Text type="secondary">{t('targets.noTarget')}</Typography.Text>
          ) : (
            num(card.target, card.unit, card.kind)
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('targets.share')}>
          {card.share === null ? (
            '—'
          ) : (
            <Progress
              percent={Math.round(card.share * 1000) / 10}
              status={card.behind ? 'exception' : 'normal'}
              size="small"
              style={{ minWidth: 120, margin: 0 }}
            />
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('targets.forecast2030')}>
          {num(card.forecast2030, card.unit, card.kind)}
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
            （{card.forecastMethod}）
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <TrendLine trend={card.trend} />
    </Card>
  );
}
