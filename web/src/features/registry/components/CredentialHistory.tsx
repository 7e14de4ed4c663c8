import { Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Credential } from '../../../api/contracts';
import { useLang, useT } from '../../../i18n';
import { useDesignationTypes } from '../../reference/api';
import { credentialKindLabel, credentialSubject, formatInstant, STATUS_TAGS } from '../labels';

/**
 * 变更记录: every recorded version of every credential, newest first. Superseded versions are
 * greyed with the time they were superseded; nothing is ever overwritten.
 */
export function CredentialHistory({ history }: { history: readonly Credential[] }) {
  const t = useT();
  const { lang } = useLang();
  const designations = useDesignationTypes();
  const names = new Map((designations.data ?? []).map((d) => [d.value, d.label]));
  const rows = [...history].sort((a, b) => b.recordedAt.localeCompare(a.recordedAt) || b.versionId - a.versionId);

  const columns: TableColumnsType<Credential> = [
    {
      title: t('history.recordedAt'),
      dataIndex: 'recordedAt',
      width: 150,
      render: (at: string) => formatInstant(at, lang),
    },
    {
      title: t('history.credential'),
      key: 'credential',
      render: (_, c) => (
        <Flex vertical gap={2}>
          <span>
            <Tag color="geekblue">{credentialKindLabel(c.kind, t)}</Tag>
            {credentialSubject(c, names) || '—'}
          </span>
          <Typography.Text type="secondary">
            {[
              t('credential.fact.number', { number: c.number }),
              t('credential.fact.issuer', { issuer: c.issuerName }),
              t('credential.fact.issuedOn', { date: c.issuedOn }),
              c.expiresOn && t('credential.fact.expiresOn', { date: c.expiresOn }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('history.revoked'),
      key: 'revoked',
      width: 200,
      render: (_, c) =>
        c.revokedOn ? t('credential.fact.revoked', { date: c.revokedOn, reason: c.revokeReason ?? '—' }) : '—',
    },
    {
      title: t('history.version'),
      key: 'version',
      width: 190,
      render: (_, c) =>
        c.supersededAt ? (
          <Tag data-testid={`history-superseded-${c.versionId}`}>
            {t('history.supersededAt', { at: formatInstant(c.supersededAt, lang) })}
          </Tag>
        ) : (
          <Tag color={STATUS_TAGS[c.status]?.color}>{t('history.current')}</Tag>
        ),
    },
    {
      title: t('history.note'),
      dataIndex: 'note',
      width: 200,
      render: (note: string | null) => note ?? '—',
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('history.help')}</Typography.Paragraph>
      <Table<Credential>
        rowKey="versionId"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1100 }}
        onRow={(c) => (c.supersededAt ? { style: { opacity: 0.5 } } : {})}
        data-testid="profile-history"
      />
    </>
  );
}
