import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Flex, Row, Skeleton, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { Credential, Employment } from '../../../api/contracts';
import { LoadError } from '../../../components/LoadError';
import { useT } from '../../../i18n';
import { hasAnyPermission, useMe } from '../../auth/api';
import { useProfile } from '../../registry/api';
import { AsOfControls } from '../../registry/components/AsOfControls';
import { ContributionButton } from '../../registry/components/ContributionButton';
import { CorrectCredentialModal } from '../../registry/components/CorrectCredentialModal';
import { CredentialHistory } from '../../registry/components/CredentialHistory';
import { IssueCredentialButton } from '../../registry/components/IssueCredentialButton';
import { ProfileCategories } from '../../registry/components/ProfileCategories';
import { ProfileTimeline } from '../../registry/components/ProfileTimeline';
import { RevokeCredentialModal } from '../../registry/components/RevokeCredentialModal';
import { mayAmend } from '../../registry/labels';
import { useAsOf } from '../../registry/useAsOf';
import { usePerson } from '../api';
import { EmploymentTimeline } from '../components/EmploymentTimeline';
import { EndEmploymentModal } from '../components/EndEmploymentModal';
import { IdentityButton } from '../components/IdentityButton';
import { MergePersonButton } from '../components/MergePersonButton';
import { genderLabel, tierLabel } from '../labels';

/**
 * 人才档案: the masked profile, the categories and levels, and the timeline of credentials,
 * employments and contributions as of a day and as known at a time; 变更记录 lists every version.
 */
export function PersonDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { data: user } = useMe();
  const person = usePerson(id);
  const [when] = useAsOf();
  const canReadCredentials = hasAnyPermission(user, ['credential.read']);
  const profile = useProfile(id, when, canReadCredentials);
  const [correcting, setCorrecting] = useState<Credential | null>(null);
  const [revoking, setRevoking] = useState<Credential | null>(null);
  const [ending, setEnding] = useState<Employment | null>(null);

  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingInline: 0 }}>
      {t('common.back')}
    </Button>
  );

  if (person.isPending) return <Skeleton active />;
  if (person.isError)
    return (
      <>
        {back}
        <LoadError onRetry={() => void person.refetch()} />
      </>
    );
  const p = person.data;
  // Actions change the current records: offered on today's view as known now.
  const current = !when.asOf && !when.knownAt;
  const canAmend = (c: Credential) => current && c.supersededAt === null && mayAmend(user, c);
  const canEnd = (e: Employment) =>
    current &&
    e.toDate === null &&
    !!user?.orgId &&
    e.orgId === user.orgId &&
    hasAnyPermission(user, ['employment.manage']);

  return (
    <Flex vertical gap="middle">
      <div>{back}</div>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="person-name">
          {p.name}
        </Typography.Title>
        <Space wrap>
          {hasAnyPermission(user, ['credential.issue']) && (
            <IssueCredentialButton personId={p.id} personName={p.name} />
          )}
          {hasAnyPermission(user, ['contribution.attest']) && user?.orgId && <ContributionButton personId={p.id} />}
          {hasAnyPermission(user, ['person.merge']) && <MergePersonButton survivor={p} />}
          {hasAnyPermission(user, ['person.pii.read']) && <IdentityButton personId={p.id} />}
        </Space>
      </Flex>
      <Card title={t('person.profile')} size="small">
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 4 }}
          data-testid="person-profile"
          items={[
            { key: 'gender', label: t('person.gender'), children: genderLabel(p.gender, t) },
            { key: 'birthYear', label: t('person.birthYear'), children: p.birthYear },
            { key: 'idNumber', label: t('person.idNumber'), children: p.idNumberMasked },
            { key: 'phone', label: t('person.phone'), children: p.phoneMasked ?? '—' },
            { key: 'education', label: t('person.education'), children: p.education ?? '—' },
            { key: 'city', label: t('person.city'), children: p.cityName ?? p.cityCode },
            { key: 'tier', label: t('person.tier'), children: tierLabel(p.tier, t) },
          ]}
        />
      </Card>
      {!canReadCredentials && (
        <Card title={t('person.employment.title')}>
          <EmploymentTimeline employments={p.employments} />
        </Card>
      )}
      {canReadCredentials && <AsOfControls note="asOf.profileNote" />}
      {profile.isError && <LoadError onRetry={() => void profile.refetch()} />}
      {canReadCredentials && !profile.data && profile.isPending && <Skeleton active />}
      {profile.data && (
        <Tabs
          items={[
            {
              key: 'profile',
              label: <span data-testid="profile-tab-profile">{t('profile.tab.profile')}</span>,
              children: (
                <Row gutter={[16, 16]}>
                  <Col xs={24} lg={8}>
                    <ProfileCategories profile={profile.data} />
                  </Col>
                  <Col xs={24} lg={16}>
                    <Card size="small" title={t('profile.timeline')}>
                      <ProfileTimeline
                        profile={profile.data}
                        employments={p.employments}
                        canAmend={canAmend}
                        canEnd={canEnd}
                        onCorrect={setCorrecting}
                        onRevoke={setRevoking}
                        onEnd={setEnding}
                      />
                    </Card>
                  </Col>
                </Row>
              ),
            },
            {
              key: 'history',
              label: <span data-testid="profile-tab-history">{t('profile.tab.history')}</span>,
              children: <CredentialHistory history={profile.data.history} />,
            },
          ]}
        />
      )}
      {correcting && <CorrectCredentialModal credential={correcting} onClose={() => setCorrecting(null)} />}
      {revoking && <RevokeCredentialModal credential={revoking} onClose={() => setRevoking(null)} />}
      {ending && <EndEmploymentModal employment={ending} person={p} onClose={() => setEnding(null)} />}
    </Flex>
  );
}
