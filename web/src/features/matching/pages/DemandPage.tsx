import { ArrowLeftOutlined, EditOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { errorText } from '../../../app/QueryProvider';
import { LoadError } from '../../../components/LoadError';
import { useT } from '../../../i18n';
import { hasAnyPermission, useMe } from '../../auth/api';
import { useApplications, useApply, useCandidates, useDemand, type Demand } from '../api';
import { ApplicationTable } from '../components/ApplicationTable';
import { CandidateList } from '../components/CandidateList';
import { DemandFormModal } from '../components/DemandFormModal';
import { DemandStatusActions } from '../components/DemandStatusActions';
import { DEMAND_STATUS_COLORS, DEMAND_STATUS_LABELS } from '../components/labels';

const LIMITS = [20, 50, 100];

const salaryText = (d: Demand) =>
  d.salaryMin == null && d.salaryMax == null ? '—' : `${d.salaryMin ?? ''}–${d.salaryMax ?? ''}`;

function DemandDetails({ d }: { d: Demand }) {
  const t = useT();
  const skills = (list: Demand['requiredSkills'], color?: string) =>
    list.length === 0
      ? '—'
      : list.map((s) => (
          <Tag key={s.code} color={color}>
            {s.name}
          </Tag>
        ));
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, lg: 3 }}
      data-testid="demand-details"
      items={[
        { key: 'org', label: t('matching.demand.org'), children: d.orgName },
        {
          key: 'occupation',
          label: t('matching.demand.occupation'),
          children: `${d.occupationCode} ${d.occupationName ?? ''}`,
        },
        { key: 'level', label: t('matching.demand.minLevel'), children: d.minLevelName ?? '—' },
        { key: 'city', label: t('matching.demand.city'), children: d.cityName },
        { key: 'chain', label: t('matching.demand.chain'), children: d.chainName ?? '—' },
        {
          key: 'headcount',
          label: t('matching.demand.headcount'),
          children: t('matching.demand.positions', { filled: d.hired, headcount: d.headcount }),
        },
        { key: 'salary', label: t('matching.demand.salary'), children: salaryText(d) },
        { key: 'deadline', label: t('matching.demand.deadline'), children: d.deadline ?? '—' },
        {
          key: 'digital',
          label: t('matching.demand.digital'),
          children: t(d.digitalPost ? 'matching.demand.yes' : 'matching.demand.no'),
        },
        { key: 'required', label: t('matching.demand.requiredSkills'), children: skills(d.requiredSkills, 'blue') },
        { key: 'preferred', label: t('matching.demand.preferredSkills'), children: skills(d.preferredSkills) },
        ...(d.description
          ? [{ key: 'description', label: t('matching.demand.description'), children: d.description, span: 3 }]
          : []),
      ]}
    />
  );
}

/** The applications of one demand (its enterprise): state and 面试 / 发放录用 / 确认入职. */
function DemandApplications({ demandId }: { demandId: string }) {
  const t = useT();
  const apps = useApplications({ demandId, pageSize: 100 });
  return (
    <Card title={t('matching.applications.ofDemand')} size="small">
      {apps.isError ? (
        <LoadError onRetry={() => void apps.refetch()} />
      ) : (
        <ApplicationTable
          items={apps.data?.items ?? []}
          loading={apps.isPending}
          showDemand={false}
          testId="demand-applications-table"
        />
      )}
    </Card>
  );
}

/** 投递 for a talent on an open demand. */
function ApplyButton({ demand }: { demand: Demand }) {
  const t = useT();
  const { message } = App.useApp();
  const apply = useApply();
  return (
    <Button
      type="primary"
      icon={<SendOutlined />}
      loading={apply.isPending}
      onClick={() =>
        apply.mutate(demand.id, {
          onSuccess: () => message.success(t('matching.rec.applyDone', { title: demand.title })),
          onError: (e) => message.error(errorText(e, t)),
        })
      }
      data-testid="demand-apply"
    >
      {t('matching.rec.apply')}
    </Button>
  );
}

/**
 * One demand: its details; for its enterprise (and the admins who read matches) the ranked
 * candidates with each score's parts and missing requirements, 邀请, and the applications with
 * their next steps; for a talent, 投递.
 */
export function DemandPage() {
  const t = useT();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { data: user } = useMe();
  const demand = useDemand(id);
  const [editing, setEditing] = useState(false);
  const d = demand.data;
  const own = !!d && !!user?.orgId && d.orgId === user.orgId;
  const canManage = own && hasAnyPermission(user, ['demand.manage']);
  const canSeeCandidates = hasAnyPermission(user, ['match.read']);
  const [params, setParams] = useSearchParams();
  const limit = LIMITS.includes(Number(params.get('limit'))) ? Number(params.get('limit')) : 20;
  // Candidates are ranked for published demands only (the server answers 409 for a draft).
  const ranking = !!d && d.status === 'open';
  const candidates = useCandidates(id, ranking && canSeeCandidates, limit);
  const isTalent = hasAnyPermission(user, ['intention.manage']);

  const back = (
    <Button
      type="link"
      icon={<ArrowLeftOutlined />}
      onClick={() => navigate('/matching/demands')}
      style={{ paddingInline: 0 }}
    >
      {t('matching.demand.back')}
    </Button>
  );
  if (demand.isPending) return <Skeleton active />;
  if (demand.isError || !d)
    return (
      <>
        {back}
        <LoadError onRetry={() => void demand.refetch()} />
      </>
    );

  return (
    <Flex vertical gap="middle" data-testid="demand-page" data-demand-id={d.id} data-status={d.status}>
      <div>{back}</div>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Space align="center">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="demand-title">
            {d.title}
          </Typography.Title>
          <Tag color={DEMAND_STATUS_COLORS[d.status]} data-testid="demand-status" data-status={d.status}>
            {t(DEMAND_STATUS_LABELS[d.status])}
          </Tag>
          {d.digitalPost && <Tag color="blue">{t('occupation.digitalTag')}</Tag>}
        </Space>
        <Space wrap>
          {canManage && d.editable && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="demand-edit">
              {t('common.edit')}
            </Button>
          )}
          {canManage && <DemandStatusActions demand={d} size="middle" />}
          {isTalent && d.status === 'open' && <ApplyButton demand={d} />}
        </Space>
      </Flex>
      <Card size="small">
        <DemandDetails d={d} />
      </Card>
      {canSeeCandidates && (
        <Card
          size="small"
          title={t('matching.candidates.title')}
          extra={
            <Space>
              {candidates.data && (
                <Typography.Text type="secondary" data-testid="candidates-threshold">
                  {t('matching.candidates.threshold', { threshold: candidates.data.threshold })}
                </Typography.Text>
              )}
              <Select
                size="small"
                value={limit}
                onChange={(v: number) => setParams({ limit: String(v) }, { replace: true })}
                options={LIMITS.map((n) => ({ value: n, label: t('matching.candidates.top', { n }) }))}
                data-testid="candidates-limit"
              />
            </Space>
          }
        >
          {d?.status === 'draft' ? (
            <Typography.Text type="secondary" data-testid="candidates-draft">
              {t('matching.candidates.draft')}
            </Typography.Text>
          ) : !ranking ? (
            <Typography.Text type="secondary" data-testid="candidates-not-open">
              {t('matching.candidates.notOpen')}
            </Typography.Text>
          ) : candidates.isError ? (
            <LoadError onRetry={() => void candidates.refetch()} />
          ) : (
            <>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('matching.candidates.intro')}
              </Typography.Paragraph>
              <CandidateList
                demandId={d.id}
                items={candidates.data?.items ?? []}
                threshold={candidates.data?.threshold}
                loading={candidates.isFetching}
                canInvite={canManage && hasAnyPermission(user, ['application.manage'])}
              />
            </>
          )}
        </Card>
      )}
      {own && hasAnyPermission(user, ['application.manage']) && <DemandApplications demandId={d.id} />}
      {editing && <DemandFormModal demand={d} onClose={() => setEditing(false)} />}
    </Flex>
  );
}
