import { Button, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useRef, useState, type HTMLAttributes } from 'react';
import { FormError } from '../../../components/FormError';
import { useT, type MessageKey } from '../../../i18n';
import {
  newKey,
  useAddObjection,
  useApprove,
  useClaims,
  useRejectClaim,
  useResolveObjection,
  useReview,
  type Claim,
  type ClaimStatus,
  type SubsidyKind,
} from '../api';
import { shanghaiDay } from '../../../lib/time';

export const STATUS_COLORS: Record<ClaimStatus, string> = {
  submitted: 'blue',
  in_notice: 'gold',
  approved: 'cyan',
  in_batch: 'purple',
  paid: 'green',
  reconciled: 'green',
  rejected: 'red',
};

export function StatusTag({ status }: { status: ClaimStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLORS[status]}>{t(`subsidy.status.${status}` as MessageKey)}</Tag>;
}

/** What the table is for: its actions follow the claim's `can` flags from the server. */
export type ClaimTableMode = 'mine' | 'review' | 'notice' | 'approval' | 'all';

function ReviewActions({ claim }: { claim: Claim }) {
  const t = useT();
  const review = useReview();
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  return (
    <Space wrap>
      <Button
        type="primary"
        size="small"
        loading={review.isPending}
        data-testid={`review-pass-${claim.id}`}
        onClick={() => review.mutate({ id: claim.id, decision: 'pass' })}
      >
        {t('subsidy.pass')}
      </Button>
      <Button size="small" danger data-testid={`review-reject-${claim.id}`} onClick={() => setRejecting(true)}>
        {t('subsidy.reject')}
      </Button>
      <FormError error={review.error} testId={`review-error-${claim.id}`} />
      <Modal
        open={rejecting}
        title={t('subsidy.rejectNote')}
        onCancel={() => setRejecting(false)}
        onOk={() => review.mutate({ id: claim.id, decision: 'reject', note }, { onSuccess: () => setRejecting(false) })}
      >
        <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} rows={3} />
      </Modal>
    </Space>
  );
}

function ObjectionActions({ claim }: { claim: Claim }) {
  const t = useT();
  const add = useAddObjection();
  const resolve = useResolveObjection();
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {claim.objections.map((o) => (
        <div key={o.id} data-testid={`objection-${o.id}`}>
          <Typography.Text>
            {o.text} · <Tag>{o.statusLabel}</Tag>
          </Typography.Text>
          {o.resolution && <Typography.Text type="secondary"> {o.resolution}</Typography.Text>}
          {o.status === 'open' && (
            <Space wrap style={{ marginTop: 4 }}>
              <Input
                size="small"
                placeholder={t('subsidy.resolveNote')}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
              <Button size="small" onClick={() => resolve.mutate({ id: o.id, decision: 'dismissed', note })}>
                {t('subsidy.objectionDismissed')}
              </Button>
              <Button size="small" danger onClick={() => resolve.mutate({ id: o.id, decision: 'upheld', note })}>
                {t('subsidy.objectionUpheld')}
              </Button>
            </Space>
          )}
        </div>
      ))}
      {claim.can.object ? (
        <Space.Compact style={{ width: '100%' }}>
          <Input
            size="small"
            placeholder={t('subsidy.objectionText')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid={`objection-text-${claim.id}`}
          />
          <Button
            size="small"
            onClick={() => add.mutate({ id: claim.id, text }, { onSuccess: () => setText('') })}
            data-testid={`objection-add-${claim.id}`}
          >
            {t('subsidy.addObjection')}
          </Button>
        </Space.Compact>
      ) : (
        claim.objections.length === 0 && <Typography.Text type="secondary">{t('subsidy.noticeClosed')}</Typography.Text>
      )}
      <FormError error={add.error ?? resolve.error} testId={`objection-error-${claim.id}`} />
    </Space>
  );
}

function ApprovalActions({ claim }: { claim: Claim }) {
  const t = useT();
  const approve = useApprove();
  const reject = useRejectClaim();
  // One key per claim while this page is open: a double click or a retry is the same approval.
  const key = useRef(newKey());
  const [reason, setReason] = useState('');
  const [rejecting, setRejecting] = useState(false);
  return (
    <Space wrap>
      <Tooltip title={claim.approveBlocked}>
        <Button
          type="primary"
          size="small"
          disabled={!claim.can.approve}
          loading={approve.isPending}
          data-testid={`approve-${claim.id}`}
          onClick={() => approve.mutate({ id: claim.id, key: key.current })}
        >
          {t('subsidy.approve')}
        </Button>
      </Tooltip>
      <Button size="small" danger onClick={() => setRejecting(true)} data-testid={`province-reject-${claim.id}`}>
        {t('subsidy.provinceReject')}
      </Button>
      {claim.approveBlocked && claim.status === 'in_notice' && (
        <Typography.Text type="secondary" data-testid={`approve-blocked-${claim.id}`}>
          {claim.approveBlocked}
        </Typography.Text>
      )}
      <FormError error={approve.error ?? reject.error} testId={`approve-error-${claim.id}`} />
      <Modal
        open={rejecting}
        title={t('subsidy.rejectNote')}
        onCancel={() => setRejecting(false)}
        onOk={() => reject.mutate({ id: claim.id, reason }, { onSuccess: () => setRejecting(false) })}
      >
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
      </Modal>
    </Space>
  );
}

/** Claims in the actor's scope (server-paginated), with the actions of the page's mode. */
export function ClaimTable({ mode, status: fixed }: { mode: ClaimTableMode; status?: ClaimStatus }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<ClaimStatus | undefined>(fixed);
  const [kind, setKind] = useState<SubsidyKind | undefined>();
  const claims = useClaims({ status: fixed ?? status, kind, page, pageSize: 20 });
  const statuses: ClaimStatus[] = ['submitted', 'in_notice', 'approved', 'in_batch', 'paid', 'reconciled', 'rejected'];
  return (
    <>
      {!fixed && (
        <Space style={{ marginBottom: 12 }} wrap>
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t('subsidy.allStatuses')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={statuses.map((s) => ({ value: s, label: t(`subsidy.status.${s}` as MessageKey) }))}
          />
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t('subsidy.allKinds')}
            value={kind}
            onChange={(v) => {
              setKind(v);
              setPage(1);
            }}
            options={(['training', 'skill_upgrade'] as const).map((k) => ({
              value: k,
              label: t(`subsidy.kind.${k}` as MessageKey),
            }))}
          />
        </Space>
      )}
      <Table<Claim>
        rowKey="id"
        size="middle"
        loading={claims.isLoading}
        dataSource={claims.data?.items ?? []}
        locale={{ emptyText: t('subsidy.empty') }}
        onRow={(c) => ({ 'data-testid': `claim-row-${c.id}` }) as HTMLAttributes<HTMLElement>}
        pagination={{ current: page, pageSize: 20, total: claims.data?.total ?? 0, onChange: setPage }}
        columns={[
          {
            title: t('subsidy.person'),
            render: (_, c) => (
              <>
                {c.personName}
                <br />
                <Typography.Text type="secondary">{c.cityName}</Typography.Text>
              </>
            ),
          },
          { title: t('subsidy.kind'), render: (_, c) => t(`subsidy.kind.${c.kind}` as MessageKey) },
          {
            title: t('subsidy.occupationLevel'),
            render: (_, c) => [c.occupationName ?? c.occupationCode, c.levelName].filter(Boolean).join(' · ') || '—',
          },
          { title: t('subsidy.amount'), dataIndex: 'amountYuan', align: 'right' },
          {
            title: t('subsidy.payee'),
            render: (_, c) => (
              <>
                {c.payeeName}
                <br />
                <Typography.Text type="secondary">
                  {c.bankName} {c.bankAccount}
                </Typography.Text>
              </>
            ),
          },
          {
            title: t('subsidy.status'),
            render: (_, c) => (
              <span data-testid={`claim-status-${c.id}`}>
                <StatusTag status={c.status} />
                {c.status === 'in_notice' && c.noticeStartsOn && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {t('subsidy.noticeUntil', { from: c.noticeStartsOn, until: c.noticeEndsOn ?? '' })}
                  </Typography.Text>
                )}
                {c.rejectReason && (
                  <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
                    {c.rejectReason}
                  </Typography.Text>
                )}
              </span>
            ),
          },
          { title: t('subsidy.submittedAt'), render: (_, c) => shanghaiDay(c.submittedAt) },
          ...(mode === 'mine' || mode === 'all'
            ? []
            : [
                {
                  title: mode === 'notice' ? t('subsidy.objections') : t('subsidy.actions'),
                  width: mode === 'notice' ? 320 : undefined,
                  render: (_: unknown, c: Claim) =>
                    mode === 'review' ? (
                      c.can.review ? (
                        <ReviewActions claim={c} />
                      ) : null
                    ) : mode === 'notice' ? (
                      <ObjectionActions claim={c} />
                    ) : (
                      <ApprovalActions claim={c} />
                    ),
                },
              ]),
        ]}
      />
    </>
  );
}
