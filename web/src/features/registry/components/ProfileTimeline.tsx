import { BankOutlined, BulbOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Empty, Timeline, type TimelineProps } from 'antd';
import type { Credential, Employment, Profile } from '../../../api/contracts';
import { useT } from '../../../i18n';
import { useDesignationTypes } from '../../reference/api';
import { CredentialEntry } from './CredentialEntry';
import { ContributionEntry, EmploymentEntry } from './TimelineEntries';

const CREDENTIAL_COLORS: Record<string, string> = { valid: 'green', revoked: 'red', expired: 'gray' };

type TimelineItem = NonNullable<TimelineProps['items']>[number];

interface Entry {
  date: string;
  /** Credentials before employments before contributions on the same day. */
  rank: number;
  item: TimelineItem;
}

/**
 * 履历时间线: credentials (as of the 状态日期, known at the 记录时点), employments and
 * contributions, newest first. What starts after the 状态日期 is left out.
 */
export function ProfileTimeline({
  profile,
  employments,
  canAmend,
  canEnd,
  onCorrect,
  onRevoke,
  onEnd,
}: {
  profile: Profile;
  employments: readonly Employment[];
  canAmend: (c: Credential) => boolean;
  canEnd: (e: Employment) => boolean;
  onCorrect: (c: Credential) => void;
  onRevoke: (c: Credential) => void;
  onEnd: (e: Employment) => void;
}) {
  const t = useT();
  const designations = useDesignationTypes();
  const designationNames = new Map((designations.data ?? []).map((d) => [d.value, d.label]));
  const orgNames = new Map(employments.map((e) => [e.orgId, e.orgName]));
  const asOf = profile.asOf;

  const entries: Entry[] = [
    ...profile.credentials
      .filter((c) => c.issuedOn <= asOf)
      .map((c) => ({
        date: c.issuedOn,
        rank: 0,
        item: {
          key: `c-${c.credentialId}`,
          color: CREDENTIAL_COLORS[c.status] ?? 'blue',
          icon: <SafetyCertificateOutlined />,
          content: (
            <CredentialEntry
              credential={c}
              designations={designationNames}
              canAmend={canAmend(c)}
              onCorrect={onCorrect}
              onRevoke={onRevoke}
            />
          ),
        },
      })),
    ...employments
      .filter((e) => e.fromDate <= asOf)
      .map((e) => ({
        date: e.fromDate,
        rank: 1,
        item: {
          key: `e-${e.id}`,
          color: e.toDate === null ? 'blue' : 'gray',
          icon: <BankOutlined />,
          content: <EmploymentEntry employment={e} canEnd={canEnd(e)} onEnd={onEnd} />,
        },
      })),
    ...profile.contributions
      .filter((c) => c.occurredOn <= asOf)
      .map((c) => ({
        date: c.occurredOn,
        rank: 2,
        item: {
          key: `k-${c.id}`,
          color: 'orange',
          icon: <BulbOutlined />,
          content: <ContributionEntry contribution={c} orgName={orgNames.get(c.orgId) ?? null} />,
        },
      })),
  ];
  entries.sort((a, b) => b.date.localeCompare(a.date) || a.rank - b.rank);

  if (entries.length === 0) return <Empty description={t('timeline.empty')} data-testid="profile-timeline" />;
  return (
    <Timeline
      data-testid="profile-timeline"
      items={entries.map((e) => ({ ...e.item, title: e.date }))}
      titleSpan="96px"
      mode="start"
    />
  );
}
