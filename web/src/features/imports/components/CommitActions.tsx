import { App, Button, Flex, Typography } from 'antd';
import { FormError } from '../../../components/FormError';
import { useT } from '../../../i18n';
import { useCommitImport, type ImportBatch } from '../api';

/**
 * The two ways to confirm a validated batch: 全部正确才导入 (only when no row has an error) and
 * 仅导入正确的行 (after a confirmation naming how many rows are skipped).
 */
export function CommitActions({ entity, batch }: { entity: string; batch: ImportBatch }) {
  const t = useT();
  const { modal } = App.useApp();
  const commit = useCommitImport(entity, batch.id);
  const valid = batch.validRows ?? 0;
  const errors = batch.errorRows ?? 0;
  const busy = commit.isPending;

  const confirmValidOnly = () =>
    modal.confirm({
      title: t('import.commit.confirmTitle'),
      content: t('import.commit.confirmContent', { valid: valid.toLocaleString(), errors: errors.toLocaleString() }),
      okText: t('import.commit.confirmOk'),
      okButtonProps: { 'data-testid': 'import-commit-valid-ok' },
      cancelText: t('common.cancel'),
      // A refusal closes the confirmation; the server's message shows above the buttons.
      onOk: () => commit.mutateAsync('valid_only').catch(() => undefined),
    });

  return (
    <>
      <FormError error={commit.error} testId="import-commit-error" />
      {valid === 0 ? (
        <Typography.Paragraph type="warning" data-testid="import-commit-none">
          {t('import.commit.noValid')}
        </Typography.Paragraph>
      ) : (
        <Flex vertical gap="middle" style={{ maxWidth: 720 }}>
          <div>
            <Button
              type="primary"
              disabled={errors > 0 || busy}
              loading={busy && commit.variables === 'all_or_nothing'}
              onClick={() => commit.mutate('all_or_nothing')}
              data-testid="import-commit-all"
            >
              {t('import.commit.all')}
            </Button>
            <Typography.Paragraph
              type={errors > 0 ? 'warning' : 'secondary'}
              style={{ marginTop: 4, marginBottom: 0 }}
              data-testid="import-commit-all-help"
            >
              {errors > 0
                ? t('import.commit.allBlocked', { n: errors.toLocaleString() })
                : t('import.commit.allHelp', { n: valid.toLocaleString() })}
            </Typography.Paragraph>
          </div>
          {errors > 0 && (
            <div>
              <Button
                disabled={busy}
                loading={busy && commit.variables === 'valid_only'}
                onClick={confirmValidOnly}
                data-testid="import-commit-valid"
              >
                {t('import.commit.valid')}
              </Button>
              <Typography.Paragraph type="secondary" style={{ marginTop: 4, marginBottom: 0 }}>
                {t('import.commit.validHelp', { valid: valid.toLocaleString(), errors: errors.toLocaleString() })}
              </Typography.Paragraph>
            </div>
          )}
        </Flex>
      )}
    </>
  );
}
