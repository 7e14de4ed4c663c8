import { ArrowRightOutlined } from '@ant-design/icons';
import { Alert, Col, Descriptions, Divider, Result, Row, Spin, Statistic, Steps, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../../api/client';
import { LoadError } from '../../../components/LoadError';
import { useLang, useT, type Translate } from '../../../i18n';
import { isRunning, useImportBatch, type ImportBatch } from '../api';
import { formatTime, OUTCOME_LABELS, STATUS_COLORS, type ImportTarget } from '../labels';
import { BatchProgress } from './BatchProgress';
import { BatchSummary } from './BatchSummary';
import { CommitActions } from './CommitActions';

type StepStatus = 'wait' | 'process' | 'finish' | 'error';

/** Where a batch stands among 下载模板 → 上传文件 → 校验 → 确认导入 → 完成 (no batch: uploading). */
function stepOf(b: ImportBatch | undefined): { current: number; status: StepStatus } {
  switch (b?.status) {
    case undefined:
      return { current: 1, status: 'process' };
    case 'uploaded':
    case 'validating':
      return { current: 2, status: 'process' };
    case 'validated':
    case 'committing':
      return { current: 3, status: 'process' };
    case 'committed':
      return { current: 4, status: 'finish' };
    case 'rejected':
    case 'failed':
      // A mode is set once the user chose to commit: the refusal or failure came at that step.
      return { current: b.mode ? 3 : 2, status: 'error' };
  }
}

export function ImportSteps({ batch }: { batch?: ImportBatch }) {
  const t = useT();
  const { current, status } = stepOf(batch);
  return (
    <Steps
      size="small"
      current={current}
      status={status}
      style={{ marginBottom: 24 }}
      items={[
        { title: t('import.step.template') },
        { title: t('import.step.upload') },
        { title: t('import.step.validate') },
        { title: t('import.step.commit') },
        { title: t('import.step.done') },
      ]}
    />
  );
}

function outcomeLabel(key: string, t: Translate): string {
  const label = OUTCOME_LABELS[key];
  return label ? t(label) : key;
}

/** 导入完成: the commit's counts (inserted, already there, rows with errors skipped) and the way to the list. */
function Outcome({ batch, target }: { batch: ImportBatch; target: ImportTarget }) {
  const t = useT();
  // In the labels' order (the server stores the counts as jsonb, which reorders keys); unknown counts last.
  const order = Object.keys(OUTCOME_LABELS);
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  const counts = Object.entries(batch.outcome ?? {}).sort(([a], [b]) => rank(a) - rank(b));
  return (
    <div data-testid="import-outcome">
      <Result
        status="success"
        title={t('import.outcome.title')}
        subTitle={batch.message}
        extra={
          <Link to={target.list.path} data-testid="import-outcome-list-link">
            {t(target.list.label)} <ArrowRightOutlined />
          </Link>
        }
      >
        <Row gutter={[32, 16]} justify="center">
          {counts.map(([key, n]) => (
            <Col key={key}>
              <Statistic title={outcomeLabel(key, t)} value={n} data-testid={`import-outcome-${key}`} />
            </Col>
          ))}
          <Col>
            <Statistic
              title={t('import.outcome.skipped')}
              value={batch.errorRows ?? 0}
              data-testid="import-outcome-skipped"
            />
          </Col>
        </Row>
      </Result>
    </div>
  );
}

/**
 * One batch: its status (polled every second while a job runs), the progress, then the totals,
 * errors and result file, the two ways to commit, and finally the outcome.
 */
export function BatchView({ target, batchId }: { target: ImportTarget; batchId: string }) {
  const t = useT();
  const { lang } = useLang();
  const queryClient = useQueryClient();
  const query = useImportBatch(target.entity, batchId);
  const status = query.data?.status;

  // Once a job has finished, the history shows the new status, and a commit changes the lists built on the records.
  useEffect(() => {
    if (!status || isRunning(status)) return;
    void queryClient.invalidateQueries({ queryKey: ['imports', target.entity, 'batches'] });
    if (status === 'committed')
      for (const root of target.affects) void queryClient.invalidateQueries({ queryKey: [root] });
  }, [status, queryClient, target]);

  if (query.isPending) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (query.isError) {
    const e = query.error;
    return isApiError(e) && (e.status === 404 || e.status === 400) ? (
      <Result status="404" subTitle={e.message} data-testid="import-batch-missing" />
    ) : (
      <LoadError onRetry={() => void query.refetch()} />
    );
  }

  const b = query.data;
  const failed = b.status === 'rejected' || b.status === 'failed';
  return (
    <>
      <ImportSteps batch={b} />
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'file', label: t('import.batch.file'), children: b.fileName },
          { key: 'at', label: t('import.batch.uploadedAt'), children: formatTime(b.createdAt, lang) },
          {
            key: 'status',
            label: t('import.batch.status'),
            children: (
              <Tag color={STATUS_COLORS[b.status]} data-testid="import-status">
                {b.statusLabel}
              </Tag>
            ),
          },
        ]}
      />
      {isRunning(b.status) && <BatchProgress batch={b} />}
      {failed && (
        <Alert
          type="error"
          showIcon
          title={b.statusLabel}
          description={b.message}
          style={{ marginBottom: 16 }}
          data-testid="import-message"
        />
      )}
      {b.status === 'committed' && <Outcome batch={b} target={target} />}
      {b.resultAvailable && !isRunning(b.status) && <BatchSummary entity={target.entity} batch={b} />}
      {b.status === 'validated' && (
        <>
          <Divider />
          <Typography.Title level={5}>{t('import.commit.title')}</Typography.Title>
          <CommitActions entity={target.entity} batch={b} />
        </>
      )}
    </>
  );
}
