import { Alert } from 'antd';
import { formErrorText } from '../api/errorMessage';
import { useT } from '../i18n';

/** A form's submit error, in the server's (Chinese) words; nothing when there is none. */
export function FormError({ error, testId = 'form-error' }: { error: unknown; testId?: string }) {
  const t = useT();
  if (!error) return null;
  return <Alert type="error" showIcon title={formErrorText(error, t)} style={{ marginBottom: 16 }} data-testid={testId} />;
}
