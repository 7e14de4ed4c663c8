import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Button, Spin, Typography, Upload, type UploadProps } from 'antd';
import { useNavigate } from 'react-router';
import { FormError } from '../../../components/FormError';
import { useT } from '../../../i18n';
import { templateUrl, useUploadImport } from '../api';
import type { ImportTarget } from '../labels';

/**
 * Steps 1 and 2: the template (a plain same-origin link, so the session cookie goes with it)
 * and the upload. Any file may be dropped or picked: the server names what is wrong with it
 * (.xls, not an Excel file, too large, wrong header…). A stored upload opens its batch page.
 */
export function UploadPanel({ target }: { target: ImportTarget }) {
  const t = useT();
  const navigate = useNavigate();
  const upload = useUploadImport(target.entity);

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!(file instanceof File)) return;
    upload.mutate(file, {
      onSuccess: (batch) => {
        onSuccess?.(batch);
        navigate(`${target.path}/${batch.id}`);
      },
      onError: (e) => onError?.(e),
    });
  };

  return (
    <>
      <Typography.Title level={5}>{t('import.template.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('import.template.help')}</Typography.Paragraph>
      <Typography.Paragraph>
        <Button
          icon={<DownloadOutlined />}
          href={templateUrl(target.entity)}
          download
          data-testid="import-template-link"
        >
          {t('import.template.download')}
        </Button>
      </Typography.Paragraph>

      <Typography.Title level={5}>{t('import.upload.title')}</Typography.Title>
      <FormError error={upload.error} testId="import-upload-error" />
      <Spin
        spinning={upload.isPending}
        description={t('import.upload.uploading', { name: upload.variables?.name ?? '' })}
      >
        <Upload.Dragger
          name="file"
          multiple={false}
          showUploadList={false}
          // A hint for the file picker only: dropped files are not filtered, so a wrong one gets the server's reason.
          accept={{ format: '.xlsx,.csv', filter: 'native' }}
          disabled={upload.isPending}
          customRequest={customRequest}
          data-testid="import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('import.upload.text')}</p>
          <p className="ant-upload-hint">{t('import.upload.hint')}</p>
        </Upload.Dragger>
      </Spin>
    </>
  );
}
