import { CheckCircleFilled, SendOutlined } from '@ant-design/icons';
import { App, Button, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { errorText } from '../../../app/QueryProvider';
import { useT } from '../../../i18n';
import { useInvite, type Candidate, type TalentProfile } from '../api';
import { ApplicationActions } from './ApplicationActions';
import { TalentName } from './ApplicationTable';
import { STATE_COLORS, STATE_LABELS } from './labels';
import { MissingTags, ScoreParts, ScoreTotal } from './ScoreBreakdown';

/** The profile an enterprise may see: city, gender, birth year, qualifications (✓ verified), skills. */
function ProfileSummary({ p }: { p: TalentProfile }) {
  const line = [p.cityName, p.gender, p.birthYear ? `${p.birthYear}` : null].filter(Boolean).join(' · ');
  return (
    <Flex vertical gap={2} style={{ maxWidth: 260 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {line}
      </Typography.Text>
      {p.qualifications.slice(0, 3).map((q) => (
        <Typography.Text key={`${q.occupationCode}-${q.levelCode ?? ''}`} style={{ fontSize: 12 }}>
          {q.verified && <CheckCircleFilled style={{ color: '#52c41a', marginRight: 4 }} />}
          {q.occupationName ?? q.occupationCode}
          {q.levelName ? ` · ${q.levelName}` : ''}
        </Typography.Text>
      ))}
      {p.skills.length > 0 && (
        <Flex wrap gap={2}>
          {p.skills.slice(0, 6).map((s) => (
            <Tag key={s.code} color={s.verified ? 'green' : 'default'} style={{ fontSize: 11, marginInlineEnd: 0 }}>
              {s.name}
            </Tag>
          ))}
        </Flex>
      )}
    </Flex>
  );
}

/**
 * The ranked talents of a demand: score (a bar against the threshold), its parts with their
 * reasons, the missing requirements in red, the (masked) profile, and 邀请 — or, once there is
 * an application, its state and the next steps.
 */
export function CandidateList({
  demandId,
  items,
  threshold,
  loading,
  canInvite,
}: {
  demandId: string;
  items: Candidate[];
  threshold: number | undefined;
  loading: boolean;
  canInvite: boolean;
}) {
  const t = useT();
  const { message } = App.useApp();
  const invite = useInvite();

  const columns: TableColumnsType<Candidate> = [
    { title: t('matching.candidates.rank'), dataIndex: 'rank', width: 56, align: 'center' },
    {
      title: t('matching.candidates.talent'),
      key: 'talent',
      render: (_: unknown, c) => (
        <Flex vertical gap={2}>
          <span>
            <TalentName talent={c.profile} testId={`candidate-name-${c.profile.personId}`} />
            {c.profile.ownEmployee && (
              <Tag color="geekblue" style={{ marginLeft: 6 }}>
                {t('matching.candidates.ownEmployee')}
              </Tag>
            )}
          </span>
          <ProfileSummary p={c.profile} />
        </Flex>
      ),
    },
    {
      title: t('matching.candidates.score'),
      key: 'score',
      render: (_: unknown, c) => (
        <Flex vertical gap={2}>
          <ScoreTotal
            total={c.score}
            max={c.max}
            threshold={threshold}
            testId={`candidate-score-${c.profile.personId}`}
          />
          {!c.eligible && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('matching.candidates.eligibleNo')}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('matching.candidates.parts'),
      key: 'parts',
      render: (_: unknown, c) => (
        <Flex vertical gap={4}>
          <ScoreParts parts={c.parts} testId={`candidate-parts-${c.profile.personId}`} />
          <MissingTags missing={c.missing.map((m) => m.label)} testId={`candidate-missing-${c.profile.personId}`} />
        </Flex>
      ),
    },
    {
      title: t('matching.applications.actions'),
      key: 'invite',
      render: (_: unknown, c) =>
        c.application ? (
          <Flex vertical gap={4} align="start">
            <Tag
              color={STATE_COLORS[c.application.status]}
              data-testid={`candidate-state-${c.profile.personId}`}
              data-state={c.application.status}
            >
              {t(STATE_LABELS[c.application.status])}
            </Tag>
            <ApplicationActions application={c.application} />
          </Flex>
        ) : canInvite ? (
          <Button
            type="primary"
            size="small"
            icon={<SendOutlined />}
            loading={invite.isPending && invite.variables.personId === c.profile.personId}
            onClick={() =>
              invite.mutate(
                { demandId, personId: c.profile.personId },
                {
                  onSuccess: () => message.success(t('matching.candidates.inviteDone', { name: c.profile.name })),
                  onError: (e) => message.error(errorText(e, t)),
                },
              )
            }
            data-testid={`candidate-invite-${c.profile.personId}`}
          >
            {t('matching.candidates.invite')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Table
      rowKey={(c) => c.profile.personId}
      size="small"
      loading={loading}
      columns={columns}
      dataSource={items}
      pagination={false}
      locale={{ emptyText: t('matching.candidates.none') }}
      scroll={{ x: 'max-content' }}
      onRow={(c) => ({ 'data-testid': `candidate-row-${c.profile.personId}` }) as HTMLAttributes<HTMLElement>}
      data-testid="candidates-table"
    />
  );
}
