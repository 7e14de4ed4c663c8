import { Flex, Progress, Tag, Tooltip, Typography } from 'antd';
import { useT } from '../../../i18n';

/** One part of a match score, as the server explains it. */
export interface ScorePart {
  key: string;
  label: string;
  points: number;
  max: number;
  detail: string;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** A total score: the number, and a bar coloured by whether it reaches the threshold. */
export function ScoreTotal({
  total,
  max = 100,
  threshold,
  testId,
}: {
  total: number;
  max?: number;
  threshold?: number;
  testId?: string;
}) {
  const reaches = threshold === undefined || total >= threshold;
  return (
    <Flex vertical gap={2} style={{ minWidth: 96 }}>
      <Typography.Text strong style={{ fontSize: 18 }} data-testid={testId}>
        {round(total)}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {' '}
          / {max}
        </Typography.Text>
      </Typography.Text>
      <Progress
        percent={max > 0 ? (total / max) * 100 : 0}
        showInfo={false}
        size="small"
        status={reaches ? 'success' : 'exception'}
      />
    </Flex>
  );
}

/**
 * The parts of a score, one line each: label, a bar of points against the part's maximum, the
 * points, and the server's reason (detail) beside it. A part at zero is red.
 */
export function ScoreParts({ parts, testId }: { parts: readonly ScorePart[]; testId?: string }) {
  return (
    <Flex vertical gap={2} style={{ minWidth: 280 }} data-testid={testId}>
      {parts.map((p) => {
        const share = p.max > 0 ? p.points / p.max : 0;
        return (
          <Flex key={p.key} align="center" gap={8} data-testid={testId ? `${testId}-${p.key}` : undefined}>
            <Typography.Text style={{ width: 72, flex: 'none', fontSize: 12 }}>{p.label}</Typography.Text>
            <Progress
              percent={share * 100}
              showInfo={false}
              size="small"
              strokeColor={share >= 0.999 ? '#52c41a' : share > 0 ? '#1677ff' : '#ff4d4f'}
              style={{ width: 80, flex: 'none', margin: 0 }}
            />
            <Typography.Text style={{ width: 52, flex: 'none', fontSize: 12, textAlign: 'right' }}>
              {round(p.points)}/{p.max}
            </Typography.Text>
            <Tooltip title={p.detail}>
              <Typography.Text
                type={p.points <= 0 && p.max > 0 ? 'danger' : 'secondary'}
                ellipsis
                style={{ fontSize: 12, maxWidth: 260 }}
              >
                {p.detail}
              </Typography.Text>
            </Tooltip>
          </Flex>
        );
      })}
    </Flex>
  );
}

/** The requirements a talent misses, as red tags; nothing when none is missing. */
export function MissingTags({ missing, testId }: { missing: readonly string[]; testId?: string }) {
  const t = useT();
  if (missing.length === 0) return null;
  return (
    <Flex wrap gap={4} align="center" data-testid={testId}>
      <Typography.Text type="danger" style={{ fontSize: 12 }}>
        {t('matching.candidates.missing')}：
      </Typography.Text>
      {missing.map((m) => (
        <Tag key={m} color="red" style={{ marginInlineEnd: 0 }}>
          {m}
        </Tag>
      ))}
    </Flex>
  );
}
