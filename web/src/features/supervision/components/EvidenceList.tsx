import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Typography, Upload, type UploadProps } from 'antd';
import { FormError } from '../../../components/FormError';
import { useT } from '../../../i18n';
import { EVIDENCE_ACCEPT, evidenceUrl, useRemoveEvidence, type EvidenceFile } from '../api';

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/**
 * 佐证材料: the files (download links), and while the owner is editable an upload button and
 * delete actions. `upload` is the owner's upload mutation.
 */
export function EvidenceList({
  files,
  editable,
  upload,
  testId,
}: {
  files: EvidenceFile[];
  editable: boolean;
  upload?: {
    mutate: (file: File, o: { onSuccess: () => void; onError: (e: Error) => void }) => void;
    isPending: boolean;
    error: unknown;
  };
  testId: string;
}) {
  const t = useT();
  const { message } = App.useApp();
  const remove = useRemoveEvidence();

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!(file instanceof File) || !upload) return;
    upload.mutate(file, {
      onSuccess: () => {
        onSuccess?.(null);
        message.success(t('supervision.uploaded', { name: file.name }));
      },
      onError: (e) => onError?.(e),
    });
  };

  return (
    <div data-testid={testId}>
      <FormError error={upload?.error ?? remove.error} testId={`${testId}-error`} />
      {files.length === 0 ? (
        <Typography.Text type="secondary">{t('supervision.noEvidence')}</Typography.Text>
      ) : (
        <Flex vertical gap={4}>
          {files.map((f) => (
            <Flex key={f.id} gap="small" align="center" data-testid={`${testId}-file`}>
              <PaperClipOutlined />
              <Typography.Link href={evidenceUrl(f.id)} target="_blank" rel="noopener">
                {f.fileName}
              </Typography.Link>
              <Typography.Text type="secondary">{size(f.bytes)}</Typography.Text>
              {editable ? (
                <Popconfirm title={t('supervision.removeConfirm')} onConfirm={() => remove.mutate(f.id)}>
                  <Button
                    size="small"
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('supervision.remove')}
                  />
                </Popconfirm>
              ) : null}
            </Flex>
          ))}
        </Flex>
      )}
      {editable && upload ? (
        <Flex vertical gap={4} style={{ marginTop: 8 }}>
          <Upload accept={EVIDENCE_ACCEPT} customRequest={customRequest} showUploadList={false} multiple>
            <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid={`${testId}-upload`}>
              {t('supervision.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary">{t('supervision.uploadHint')}</Typography.Text>
        </Flex>
      ) : null}
    </div>
  );
}
