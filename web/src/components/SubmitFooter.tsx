import { Button, Flex } from 'antd';
import { useT } from '../i18n';

/** A modal form's 取消 and submit buttons (the submit button carries the test id). */
export function SubmitFooter({
  onCancel,
  onSubmit,
  loading,
  label,
  testId,
  danger = false,
}: {
  onCancel: () => void;
  onSubmit: () => void;
  loading: boolean;
  label: string;
  testId: string;
  danger?: boolean;
}) {
  const t = useT();
  return (
    <Flex justify="end" gap="small">
      <Button onClick={onCancel}>{t('common.cancel')}</Button>
      <Button type="primary" danger={danger} loading={loading} onClick={onSubmit} data-testid={testId}>
        {label}
      </Button>
    </Flex>
  );
}
