import { Typography } from 'antd';
import type { TargetActual } from '../../../api/contracts';

/** An actual figure, or the grey reason there is none (never a made-up zero). */
export function ActualValue({ actual, unit }: { actual: TargetActual; unit?: string }) {
  if (actual.status !== 'ok') return <Typography.Text type="secondary">{actual.message}</Typography.Text>;
  return (
    <span>
      {actual.value.toLocaleString()}
      {unit ? ` ${unit}` : ''}
    </span>
  );
}
