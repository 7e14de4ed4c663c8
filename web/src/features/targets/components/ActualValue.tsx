import { Typography } from 'antd';
import type { TargetActual } from '../../../api/contracts';

/** An actual figure, or the grey reason there is none (never a made-up zero). */
export function ActualValue({ actual, unit, kind }: { actual: TargetActual; unit?: string; kind?: string }) {
  if (actual.status !== 'ok') return <Typography.Text type="secondary">{actual.message}</Typography.Text>;
  // Shares are fractions (0.85 = 85 %).
  if (kind === 'share') return <span>{Math.round(actual.value * 1000) / 10}%</span>;
  return (
    <span>
      {actual.value.toLocaleString()}
      {unit ? ` ${unit}` : ''}
    </span>
  );
}
