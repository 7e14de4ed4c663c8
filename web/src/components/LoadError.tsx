import { Button, Result } from 'antd';
import { useT } from '../i18n';

/** Shown where a page's data failed to load (the error itself is already in a global message). */
export function LoadError({ onRetry }: { onRetry: () => void }) {
  const t = useT();
  return (
    <Result
      status="warning"
      title={t('error.loadFailed')}
      extra={
        <Button type="primary" onClick={onRetry} data-testid="load-error-retry">
          {t('common.retry')}
        </Button>
      }
    />
  );
}
