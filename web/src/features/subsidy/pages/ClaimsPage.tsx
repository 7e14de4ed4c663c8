import { Alert, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState, type HTMLAttributes } from 'react';
import { useSearchParams } from 'react-router';
import { FormError } from '../../../components/FormError';
import { useT, type MessageKey } from '../../../i18n';
import { useMe } from '../../auth/api';
import { newKey, useEligible, useSubmitClaim, type Eligibility } from '../api';
import { ClaimTable } from '../components/ClaimTable';

function ClaimModal({ item, onClose }: { item: Eligibility; onClose: () => void }) {
  const t = useT();
  const submit = useSubmitClaim();
  // One key for this claim form: retries and double clicks send the same key, so one claim results.
  const key = useRef(newKey());
  const [form] = Form.useForm<{ bankName: string; bankAccount: string }>();
  return (
    <Modal
      open
      title={t('subsidy.claimTitle', { kind: t(`subsidy.kind.${item.kind}` as MessageKey) })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {item.personName} · {item.credentialNumber} · {item.amountYuan} 元（{item.policyVersion}）
      </Typography.Paragraph>
      <FormError error={submit.error} testId="claim-error" />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          submit.mutate(
            { body: { credentialId: item.credentialId, kind: item.kind, ...v }, key: key.current },
            { onSuccess: onClose },
          )
        }
      >
        <Form.Item name="bankName" label={t('subsidy.bankName')} rules={[{ required: true }]}>
          <Input data-testid="claim-bank-name" />
        </Form.Item>
        <Form.Item
          name="bankAccount"
          label={t('subsidy.bankAccount')}
          extra={t('subsidy.bankAccountHelp')}
          rules={[{ required: true }]}
        >
          <Input data-testid="claim-bank-account" inputMode="numeric" autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="claim-submit">
          {t('subsidy.submit')}
        </Button>
      </Form>
    </Modal>
  );
}

/** 补贴申领: the credentials one may claim for (with the amount or the rule that refuses), and the claims made. */
export function SubsidyClaimsPage() {
  const t = useT();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const isTalent = !!me.data?.roles.includes('talent');
  const personId = params.get('personId') ?? undefined;
  // The ID number stays in the page's state (and goes in a POST body), never in the URL.
  const [idNumber, setIdNumber] = useState<string | undefined>(undefined);
  const [typed, setTyped] = useState('');
  const eligible = useEligible({ personId, idNumber }, isTalent || !!personId || !!idNumber);
  const [claiming, setClaiming] = useState<Eligibility | null>(null);
  const [done, setDone] = useState(false);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('menu.subsidyClaims')}</Typography.Title>
      <Card title={t('subsidy.eligibleTitle')} data-testid="subsidy-eligible">
        <Typography.Paragraph type="secondary">
          {isTalent ? t('subsidy.eligibleHintTalent') : t('subsidy.eligibleHintProvider')}
        </Typography.Paragraph>
        {!isTalent && (
          <Space.Compact style={{ marginBottom: 12, maxWidth: 420 }}>
            <Input
              placeholder={t('subsidy.idNumber')}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              data-testid="subsidy-idnumber"
            />
            <Button
              data-testid="subsidy-lookup"
              onClick={() => {
                setParams({});
                setIdNumber(typed.trim() || undefined);
              }}
            >
              {t('subsidy.lookup')}
            </Button>
          </Space.Compact>
        )}
        {done && <Alert type="success" showIcon title={t('subsidy.submitted')} style={{ marginBottom: 12 }} />}
        <Table<Eligibility>
          rowKey={(e) => `${e.credentialId}:${e.kind}`}
          size="small"
          loading={eligible.isFetching}
          dataSource={eligible.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('subsidy.empty') }}
          onRow={(e) => ({ 'data-testid': `eligible-row-${e.credentialId}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('subsidy.person'), dataIndex: 'personName' },
            { title: t('subsidy.kind'), render: (_, e) => t(`subsidy.kind.${e.kind}` as MessageKey) },
            {
              title: t('subsidy.credential'),
              render: (_, e) => (
                <>
                  {e.credentialNumber}
                  <br />
                  <Typography.Text type="secondary">
                    {e.issuerName} · {e.issuedOn}
                  </Typography.Text>
                </>
              ),
            },
            {
              title: t('subsidy.occupationLevel'),
              render: (_, e) => [e.occupationName ?? e.occupationCode, e.levelName].filter(Boolean).join(' · ') || '—',
            },
            {
              title: t('subsidy.amount'),
              render: (_, e) =>
                e.eligible ? (
                  <span data-testid={`eligible-amount-${e.credentialId}`}>
                    <Tag color="green">{t('subsidy.eligible')}</Tag>
                    {e.amountYuan}
                    {e.lastDay && (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {t('subsidy.lastDay', { day: e.lastDay })}
                      </Typography.Text>
                    )}
                  </span>
                ) : (
                  <span data-testid={`eligible-refused-${e.credentialId}`}>
                    <Tag color={e.claimId ? 'blue' : 'default'}>
                      {e.claimId ? t('subsidy.claimed') : t('subsidy.refused')}
                    </Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {e.reason}
                    </Typography.Text>
                  </span>
                ),
            },
            {
              title: t('subsidy.actions'),
              render: (_, e) =>
                e.eligible ? (
                  <Button
                    type="primary"
                    size="small"
                    data-testid={`eligible-claim-${e.credentialId}`}
                    onClick={() => {
                      setDone(false);
                      setClaiming(e);
                    }}
                  >
                    {t('subsidy.claim')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card title={t('subsidy.myClaims')}>
        <ClaimTable mode="mine" />
      </Card>
      {claiming && (
        <ClaimModal
          item={claiming}
          onClose={() => {
            setClaiming(null);
            setDone(true);
          }}
        />
      )}
    </Space>
  );
}
