import { DownloadOutlined } from '@ant-design/icons';
import { Button, Col, Row, Statistic, Typography } from 'antd';
import { useT } from '../../../i18n';
import { resultUrl, type ImportBatch } from '../api';
import { BatchErrors } from './BatchErrors';

/** A validated batch: 总行数 / 正确 / 错误, the errors, and the result file (upload + 错误说明 column). */
export function BatchSummary({ entity, batch }: { entity: string; batch: ImportBatch }) {
  const t = useT();
  const errors = batch.errorRows ?? 0;

  return (
    <>
      <Row gutter={32} style={{ marginBottom: 16 }}>
        <Col>
          <Statistic title={t('import.totals.total')} value={batch.totalRows ?? 0} data-testid="import-total-rows" />
        </Col>
        <Col>
          <Statistic
            title={t('import.totals.valid')}
            value={batch.validRows ?? 0}
            styles={{ content: { color: '#389e0d' } }}
            data-testid="import-valid-rows"
          />
        </Col>
        <Col>
          <Statistic
            title={t('import.totals.error')}
            value={errors}
            styles={{ content: { color: errors ? '#cf1322' : undefined } }}
            data-testid="import-error-rows"
          />
        </Col>
      </Row>
      {batch.resultAvailable && (
        <Typography.Paragraph>
          <Button
            icon={<DownloadOutlined />}
            href={resultUrl(entity, batch.id)}
            download
            data-testid="import-result-link"
          >
            {t('import.result.download')}
          </Button>
          <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
            {t('import.result.help')}
          </Typography.Text>
        </Typography.Paragraph>
      )}
      {errors > 0 && (
        <>
          <Typography.Title level={5}>{t('import.errors.title')}</Typography.Title>
          <BatchErrors entity={entity} batchId={batch.id} />
        </>
      )}
    </>
  );
}
