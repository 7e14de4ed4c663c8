import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Descriptions, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState, type HTMLAttributes } from 'react';
import { useSearchParams } from 'react-router';
import { FormError } from '../../../components/FormError';
import { readCsvFile } from '../../../lib/text-file';
import { useT, type MessageKey } from '../../../i18n';
import {
  newKey,
  useBatch,
  useBatches,
  useClaims,
  useCreateBatch,
  usePayBatch,
  useReconcile,
  type Batch,
  type BatchSummary,
  type Claim,
  type Reconciliation,
  type SubsidyKind,
} from '../api';
import { shanghaiMinute } from '../../../lib/time';

function ReconciliationReport({ r }: { r: Reconciliation }) {
  const t = useT();
  return (
    <Card size="small" title={`${t('subsidy.reconReport')} · ${r.fileName}`} data-testid="recon-report">
      <Space wrap style={{ marginBottom: 8 }}>
        {Object.entries(r.counts).map(([k, n]) => (
          <Tag key={k} color={k === 'matched' ? 'green' : 'orange'} data-testid={`recon-count-${k}`}>
            {r.lines.find((l) => l.outcome === k)?.outcomeLabel ?? k}：{n}
          </Tag>
        ))}
      </Space>
      <Table
        rowKey="lineNo"
        size="small"
        pagination={false}
        dataSource={r.lines}
        columns={[
          { title: t('subsidy.line'), dataIndex: 'lineNo', width: 60 },
          { title: t('subsidy.payee'), dataIndex: 'payee' },
          { title: t('subsidy.account'), dataIndex: 'account' },
          { title: t('subsidy.amount'), dataIndex: 'amountYuan', align: 'right' },
          { title: t('subsidy.result'), dataIndex: 'result' },
          { title: t('subsidy.bankSerial'), dataIndex: 'bankSerial' },
          {
            title: t('subsidy.outcome'),
            render: (_, l) => (
              <>
                <Tag color={l.outcome === 'matched' ? 'green' : 'orange'}>{l.outcomeLabel}</Tag>
                {l.note && <Typography.Text type="secondary">{l.note}</Typography.Text>}
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}

function BatchDetail({ id }: { id: string }) {
  const t = useT();
  const batch = useBatch(id);
  const pay = usePayBatch();
  const reconcile = useReconcile();
  const payKey = useRef(newKey());
  const fileInput = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<unknown>(null);
  if (!batch.data) return null;
  const b: Batch = batch.data;
  return (
    <Card title={`${t('subsidy.batch')} ${b.id.slice(0, 8)}`} data-testid="batch-detail">
      <Descriptions size="small" column={4} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('subsidy.kind')}>{t(`subsidy.kind.${b.kind}` as MessageKey)}</Descriptions.Item>
        <Descriptions.Item label={t('subsidy.status')}>
          <Tag color={b.status === 'paid' ? 'green' : 'blue'} data-testid="batch-status">
            {b.statusLabel}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('subsidy.batchCount')}>{b.count}</Descriptions.Item>
        <Descriptions.Item label={t('subsidy.batchTotal')}>{b.totalYuan}</Descriptions.Item>
      </Descriptions>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={b.payments}
        columns={[
          { title: t('subsidy.person'), dataIndex: 'personName' },
          { title: t('subsidy.payee'), dataIndex: 'payeeName' },
          { title: t('subsidy.account'), dataIndex: 'bankAccount' },
          { title: t('subsidy.amount'), dataIndex: 'amountYuan', align: 'right' },
          {
            title: t('subsidy.paymentStatus'),
            render: (_, p) => (
              <span data-testid={`payment-status-${p.claimId}`} data-status={p.status}>
                {t(`subsidy.payment.${p.status}` as MessageKey)}
              </span>
            ),
          },
          { title: t('subsidy.attempts'), dataIndex: 'attempts' },
          { title: t('subsidy.bankSerial'), dataIndex: 'bankSerial' },
        ]}
      />
      <Space style={{ marginTop: 12 }} wrap>
        <Button
          icon={<DownloadOutlined />}
          href={`/api/subsidy/batches/${encodeURIComponent(b.id)}/payment-file`}
          download
          title={t('subsidy.paymentFileHelp')}
          data-testid="batch-payment-file"
        >
          {t('subsidy.paymentFile')}
        </Button>
        {b.status === 'open' && (
          <Popconfirm
            title={t('subsidy.payConfirm')}
            onConfirm={() => pay.mutate({ id: b.id, key: payKey.current })}
            okButtonProps={{ 'data-testid': 'batch-pay-confirm' } as Record<string, string>}
          >
            <Button type="primary" loading={pay.isPending} data-testid="batch-pay">
              {t('subsidy.pay')}
            </Button>
          </Popconfirm>
        )}
        {b.status === 'paid' && (
          <Space wrap>
            <Button
              icon={<UploadOutlined />}
              loading={reconcile.isPending}
              onClick={() => fileInput.current?.click()}
              data-testid="recon-upload"
            >
              {t('subsidy.reconcileUpload')}
            </Button>
            <Typography.Text type="secondary">{t('subsidy.reconcileHelp')}</Typography.Text>
            <input
              ref={fileInput}
              type="file"
              hidden
              accept=".csv,text/csv"
              data-testid="recon-file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (!f) return;
                setFileError(null);
                void readCsvFile(f)
                  .then((csv) => reconcile.mutate({ id: b.id, fileName: f.name, csv, key: newKey() }))
                  .catch(setFileError);
              }}
            />
          </Space>
        )}
      </Space>
      <FormError error={pay.error ?? reconcile.error ?? fileError} testId="batch-error" />
      <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
        {b.reconciliations.map((r) => (
          <ReconciliationReport key={r.id} r={r} />
        ))}
      </Space>
    </Card>
  );
}

/** 拨付与对账 (province): approved claims into a batch, pay it once, reconcile it against the bank's return file. */
export function SubsidyBatchesPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const [kind, setKind] = useState<SubsidyKind>('training');
  const approved = useClaims({ status: 'approved', kind, page: 1, pageSize: 200 });
  const batches = useBatches();
  const create = useCreateBatch();
  const [selected, setSelected] = useState<string[]>([]);
  const key = useRef(newKey());
  const open = params.get('batch') ?? undefined;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('menu.subsidyBatches')}</Typography.Title>
      <Card title={t('subsidy.approvedUnpaid')} data-testid="subsidy-approved">
        <Segmented
          value={kind}
          onChange={(v) => {
            setKind(v as SubsidyKind);
            setSelected([]);
          }}
          options={(['training', 'skill_upgrade'] as const).map((k) => ({
            value: k,
            label: t(`subsidy.kind.${k}` as MessageKey),
          }))}
          style={{ marginBottom: 12 }}
        />
        <Table<Claim>
          rowKey="id"
          size="small"
          pagination={false}
          loading={approved.isLoading}
          dataSource={approved.data?.items ?? []}
          locale={{ emptyText: t('subsidy.empty') }}
          columns={[
            {
              title: '',
              width: 40,
              render: (_, c) => (
                <Checkbox
                  data-testid={`batch-select-${c.id}`}
                  checked={selected.includes(c.id)}
                  onChange={(e) => setSelected((s) => (e.target.checked ? [...s, c.id] : s.filter((x) => x !== c.id)))}
                />
              ),
            },
            { title: t('subsidy.person'), dataIndex: 'personName' },
            { title: t('subsidy.city'), dataIndex: 'cityName' },
            { title: t('subsidy.payee'), render: (_, c) => `${c.payeeName} ${c.bankAccount}` },
            { title: t('subsidy.amount'), dataIndex: 'amountYuan', align: 'right' },
          ]}
        />
        <FormError error={create.error} testId="batch-create-error" />
        <Button
          type="primary"
          style={{ marginTop: 12 }}
          disabled={selected.length === 0}
          loading={create.isPending}
          data-testid="batch-create"
          onClick={() =>
            create.mutate(
              { kind, claimIds: selected, key: key.current },
              {
                onSuccess: (b) => {
                  key.current = newKey();
                  setSelected([]);
                  setParams({ batch: b.id });
                },
              },
            )
          }
        >
          {t('subsidy.createBatch')}
        </Button>
      </Card>
      <Card title={t('subsidy.batches')}>
        <Table<BatchSummary>
          rowKey="id"
          size="small"
          loading={batches.isLoading}
          dataSource={batches.data?.items ?? []}
          locale={{ emptyText: t('subsidy.empty') }}
          onRow={(b) => ({ 'data-testid': `batch-row-${b.id}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('subsidy.createdAt'), render: (_, b) => shanghaiMinute(b.createdAt) },
            { title: t('subsidy.kind'), render: (_, b) => t(`subsidy.kind.${b.kind}` as MessageKey) },
            {
              title: t('subsidy.status'),
              render: (_, b) => <Tag color={b.status === 'paid' ? 'green' : 'blue'}>{b.statusLabel}</Tag>,
            },
            { title: t('subsidy.batchCount'), dataIndex: 'count' },
            { title: t('subsidy.batchTotal'), dataIndex: 'totalYuan', align: 'right' },
            {
              title: t('subsidy.actions'),
              render: (_, b) => (
                <Button size="small" onClick={() => setParams({ batch: b.id })} data-testid={`batch-open-${b.id}`}>
                  {t('subsidy.open')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {open && <BatchDetail id={open} />}
    </Space>
  );
}
