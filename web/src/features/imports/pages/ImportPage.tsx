import { UploadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useT } from '../../../i18n';
import { BatchView, ImportSteps } from '../components/BatchView';
import { ImportHistory } from '../components/ImportHistory';
import { UploadPanel } from '../components/UploadPanel';
import type { ImportTarget } from '../labels';

/**
 * 批量导入 of one entity: at `path`, the template and the upload; at `path/<batchId>`, that
 * batch from validation to commit. Below, 我的导入记录 leads back to every batch.
 */
export function ImportPage({ target }: { target: ImportTarget }) {
  const t = useT();
  const navigate = useNavigate();
  const { batchId } = useParams();

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3}>{t(target.title)}</Typography.Title>
        {batchId && (
          <Button icon={<UploadOutlined />} onClick={() => navigate(target.path)} data-testid="import-new-upload">
            {t('import.newUpload')}
          </Button>
        )}
      </Flex>
      <Typography.Paragraph type="secondary">{t(target.intro)}</Typography.Paragraph>
      <Card style={{ marginBottom: 24 }}>
        {batchId ? (
          <BatchView key={batchId} target={target} batchId={batchId} />
        ) : (
          <>
            <ImportSteps />
            <UploadPanel target={target} />
          </>
        )}
      </Card>
      <Card title={t('import.history.title')}>
        <ImportHistory target={target} currentId={batchId} />
      </Card>
    </>
  );
}
