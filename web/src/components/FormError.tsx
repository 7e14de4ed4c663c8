import { Alert } from 'antd';
import { useEffect, useRef } from 'react';
import { formErrorText } from '../api/errorMessage';
import { useT } from '../i18n';

/** A form's submit error, in the server's (Chinese) words, scrolled into view; nothing when there is none. */
export function FormError({ error, testId = 'form-error' }: { error: unknown; testId?: string }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [error]);
  if (!error) return null;
  return (
    <div ref={ref}>
      <Alert type="error" showIcon title={formErrorText(error, t)} style={{ marginBottom: 16 }} data-testid={testId} />
    </div>
  );
}
