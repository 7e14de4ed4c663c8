import { Progress, Typography } from 'antd';
import { useT } from '../../../i18n';
import type { ImportBatch } from '../api';

/** Rows done out of the total while validation or commit runs (the total is unknown until the job has begun). */
export function BatchProgress({ batch }: { batch: ImportBatch }) {
  const t = useT();
  const done = batch.progress?.done ?? 0;
  const total = batch.progress?.total ?? null;
  const queued = batch.status === 'uploaded' || (batch.status === 'committing' && total === null);
  const percent = total ? Math.min(100, Math.floor((done * 100) / total)) : 0;
  const text = queued
    ? t('import.progress.waiting')
    : total !== null
      ? t('import.progress.rows', { done: done.toLocaleString(), total: total.toLocaleString() })
      : t('import.progress.rowsSoFar', { done: done.toLocaleString() });

  return (
    <div data-testid="import-progress" style={{ maxWidth: 640 }}>
      <Progress percent={percent} status="active" showInfo={false} />
      <Typography.Text type="secondary" data-testid="import-progress-text">
        {text}
      </Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t(batch.status === 'committing' ? 'import.committing.help' : 'import.validating.help')}
      </Typography.Paragraph>
    </div>
  );
}
