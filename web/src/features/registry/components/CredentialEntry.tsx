import { Button, Flex, Space, Tag, Typography } from 'antd';
import type { Credential } from '../../../api/contracts';
import { useT } from '../../../i18n';
import { credentialKindLabel, credentialSubject, STATUS_TAGS } from '../labels';

/** A credential in the timeline: kind, what it certifies, status on the 状态日期, and 更正/撤销 when allowed. */
export function CredentialEntry({
  credential: c,
  designations,
  canAmend,
  onCorrect,
  onRevoke,
}: {
  credential: Credential;
  designations: ReadonlyMap<string, string>;
  canAmend: boolean;
  onCorrect: (c: Credential) => void;
  onRevoke: (c: Credential) => void;
}) {
  const t = useT();
  const status = STATUS_TAGS[c.status];
  const facts = [
    t('credential.fact.number', { number: c.number }),
    t('credential.fact.issuer', { issuer: c.issuerName }),
    c.expiresOn && t('credential.fact.expiresOn', { date: c.expiresOn }),
  ].filter(Boolean);

  return (
    <Flex vertical gap={2} data-testid={`timeline-credential-${c.credentialId}`}>
      <Space size={4} wrap>
        <Tag color="geekblue">{credentialKindLabel(c.kind, t)}</Tag>
        <Typography.Text strong>{credentialSubject(c, designations) || '—'}</Typography.Text>
        {c.kind === 'training_completion' && c.digital && <Tag color="blue">{t('credential.digital.tag')}</Tag>}
        <Tag color={status?.color} data-testid={`credential-status-${c.credentialId}`}>
          {status ? t(status.label) : c.status}
        </Tag>
      </Space>
      <Typography.Text type="secondary">{facts.join(' · ')}</Typography.Text>
      {c.revokedOn && (
        <Typography.Text type="danger">
          {t('credential.fact.revoked', { date: c.revokedOn, reason: c.revokeReason ?? '—' })}
        </Typography.Text>
      )}
      {c.evidence && (
        <Typography.Text type="secondary">{t('credential.fact.evidence', { evidence: c.evidence })}</Typography.Text>
      )}
      {canAmend && (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            style={{ paddingInlineStart: 0 }}
            onClick={() => onCorrect(c)}
            data-testid={`credential-correct-${c.credentialId}`}
          >
            {t('credential.correct.button')}
          </Button>
          {!c.revokedOn && (
            <Button
              type="link"
              size="small"
              danger
              onClick={() => onRevoke(c)}
              data-testid={`credential-revoke-${c.credentialId}`}
            >
              {t('credential.revoke.button')}
            </Button>
          )}
        </Space>
      )}
    </Flex>
  );
}
