import { ArrowLeftOutlined, CheckOutlined, TeamOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  InputNumber,
  Popconfirm,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { errorText } from '../../../app/QueryProvider';
import { LoadError } from '../../../components/LoadError';
import { useLang, useT } from '../../../i18n';
import { hasAnyPermission, useMe } from '../../auth/api';
import { formatTime } from '../../imports/labels';
import { useIndustryChains } from '../../reference/api';
import {
  useBuildInvitations,
  useCheckin,
  useEvent,
  useEventOutcomes,
  useEventStatus,
  type MatchEventDetail,
} from '../api';
import { EVENT_STATUS_COLORS, EVENT_STATUS_LABELS } from '../components/labels';

type Ent = MatchEventDetail['enterprises'][number];
type Tal = MatchEventDetail['talents'][number];

function CheckinButton({
  eventId,
  body,
  id,
}: {
  eventId: string;
  body: { orgId?: string; personId?: string };
  id: string;
}) {
  const t = useT();
  const { message } = App.useApp();
  const checkin = useCheckin();
  return (
    <Button
      size="small"
      icon={<CheckOutlined />}
      loading={checkin.isPending}
      onClick={() =>
        checkin.mutate(
          { id: eventId, body },
          {
            onSuccess: () => message.success(t('matching.events.checkedInDone')),
            onError: (e) => message.error(errorText(e, t)),
          },
        )
      }
      data-testid={`event-checkin-${id}`}
    >
      {t('matching.events.checkIn')}
    </Button>
  );
}

function Outcomes({ event, canManage }: { event: MatchEventDetail; canManage: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const save = useEventOutcomes();
  const { linked, counted, total } = event.outcomes;
  const keys = ['interviews', 'offers', 'hires'] as const;
  const labels = {
    interviews: t('matching.events.interviews'),
    offers: t('matching.events.offers'),
    hires: t('matching.events.hires'),
  };
  return (
    <Card size="small" title={t('matching.events.outcomes')} data-testid="event-outcomes">
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        columns={[
          { title: '', dataIndex: 'label' },
          ...keys.map((k) => ({ title: labels[k], dataIndex: k, align: 'right' as const })),
        ]}
        dataSource={[
          { key: 'linked', label: t('matching.events.linked'), ...linked },
          { key: 'counted', label: t('matching.events.counted'), ...counted },
          { key: 'total', label: t('matching.events.total'), ...total },
        ]}
      />
      {canManage && event.status !== 'planned' && (
        <Form
          layout="inline"
          style={{ marginTop: 12 }}
          initialValues={counted}
          onFinish={(v: { interviews: number; offers: number; hires: number }) =>
            save.mutate(
              { id: event.id, body: { ...v, note: event.outcomes.note } },
              {
                onSuccess: () => message.success(t('matching.events.outcomesSaved')),
                onError: (e) => message.error(errorText(e, t)),
              },
            )
          }
        >
          {keys.map((k) => (
            <Form.Item key={k} name={k} label={labels[k]}>
              <InputNumber min={0} precision={0} style={{ width: 90 }} />
            </Form.Item>
          ))}
          <Button htmlType="submit" loading={save.isPending} data-testid="event-outcomes-save">
            {t('matching.events.saveOutcomes')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/**
 * One 对接活动: details and status; the invite list from pre-matching (enterprises with their open
 * demands, talents with their best demand and score), check-in of each, and the outcomes.
 */
export function EventPage() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const { data: user } = useMe();
  const event = useEvent(id);
  const chains = useIndustryChains();
  const build = useBuildInvitations();
  const setStatus = useEventStatus();
  const canManage = hasAnyPermission(user, ['event.manage']);

  const back = (
    <Button
      type="link"
      icon={<ArrowLeftOutlined />}
      onClick={() => navigate('/matching/events')}
      style={{ padding: 0 }}
    >
      {t('matching.events.back')}
    </Button>
  );
  if (event.isPending) return <Skeleton active />;
  if (event.isError)
    return (
      <>
        {back}
        <LoadError onRetry={() => void event.refetch()} />
      </>
    );
  const e = event.data;
  const chainName = (c: string) => chains.data?.find((o) => o.value === c)?.label ?? c;
  const checkedIn = (at: string | null) =>
    at ? <Tag color="green">{t('matching.events.checkedInDone')}</Tag> : <Tag>{t('matching.events.checkIn')}</Tag>;
  const source = (s: 'prematch' | 'walk_in') => t(`matching.events.source.${s}`);

  const entColumns: TableColumnsType<Ent> = [
    { title: t('matching.events.enterprise'), dataIndex: 'orgName' },
    { title: t('matching.events.source'), dataIndex: 'source', render: source },
    {
      title: t('matching.events.demand'),
      key: 'demands',
      render: (_: unknown, x) =>
        x.demands.map((d) => (
          <div key={d.id}>
            <Link to={`/matching/demands/${d.id}`}>{d.title}</Link> ×{d.headcount}
          </div>
        )),
    },
    {
      title: t('matching.events.checkedIn'),
      key: 'checkin',
      render: (_: unknown, x) =>
        x.checkedInAt || !canManage || e.status === 'closed' ? (
          checkedIn(x.checkedInAt)
        ) : (
          <CheckinButton eventId={e.id} body={{ orgId: x.orgId }} id={x.orgId} />
        ),
    },
  ];
  const talColumns: TableColumnsType<Tal> = [
    { title: t('matching.events.talent'), dataIndex: 'name' },
    { title: t('matching.events.source'), dataIndex: 'source', render: source },
    {
      title: t('matching.events.demand'),
      key: 'demand',
      render: (_: unknown, x) =>
        x.demandId ? <Link to={`/matching/demands/${x.demandId}`}>{x.demandTitle}</Link> : '—',
    },
    {
      title: t('matching.events.score'),
      dataIndex: 'score',
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : Math.round(v * 10) / 10),
    },
    {
      title: t('matching.events.checkedIn'),
      key: 'checkin',
      render: (_: unknown, x) =>
        x.checkedInAt || !canManage || e.status === 'closed' ? (
          checkedIn(x.checkedInAt)
        ) : (
          <CheckinButton eventId={e.id} body={{ personId: x.personId }} id={x.personId} />
        ),
    },
  ];

  return (
    <Flex vertical gap="middle" data-testid="event-page">
      <div>{back}</div>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Space>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {e.title}
          </Typography.Title>
          <Tag color={EVENT_STATUS_COLORS[e.status]} data-testid="event-status">
            {t(EVENT_STATUS_LABELS[e.status])}
          </Tag>
        </Space>
        {canManage && (
          <Space wrap>
            {e.status !== 'closed' && (
              <Button
                icon={<TeamOutlined />}
                loading={build.isPending}
                onClick={() =>
                  build.mutate(
                    { id: e.id },
                    {
                      onSuccess: () => message.success(t('matching.events.built')),
                      onError: (err) => message.error(errorText(err, t)),
                    },
                  )
                }
                data-testid="event-build-invites"
              >
                {t('matching.events.buildInvites')}
              </Button>
            )}
            {e.next.map((to) => (
              <Popconfirm
                key={to}
                title={t(to === 'held' ? 'matching.events.markHeld' : 'matching.events.markClosed')}
                onConfirm={() =>
                  setStatus.mutate({ id: e.id, status: to }, { onError: (err) => message.error(errorText(err, t)) })
                }
              >
                <Button type="primary" loading={setStatus.isPending} data-testid={`event-status-${to}`}>
                  {t(to === 'held' ? 'matching.events.markHeld' : 'matching.events.markClosed')}
                </Button>
              </Popconfirm>
            ))}
          </Space>
        )}
      </Flex>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'city', label: t('matching.events.city'), children: e.cityName },
            { key: 'date', label: t('matching.events.date'), children: e.date },
            { key: 'venue', label: t('matching.events.venue'), children: e.venue ?? '—' },
            {
              key: 'chains',
              label: t('matching.events.chains'),
              children: e.chains.length ? e.chains.map((c) => <Tag key={c}>{chainName(c)}</Tag>) : '—',
            },
            {
              key: 'enterprises',
              label: t('matching.events.enterprises'),
              children: `${e.enterprisesCheckedIn} / ${e.enterprisesInvited}`,
            },
            {
              key: 'talents',
              label: t('matching.events.invitees'),
              children: `${e.talentsCheckedIn} / ${e.talentsInvited}`,
            },
            ...(e.description ? [{ key: 'd', label: t('matching.demand.description'), children: e.description }] : []),
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('matching.events.inviteList')}
        extra={
          e.invitationsBuiltAt ? (
            <Typography.Text type="secondary">
              {t('matching.events.builtAt', { at: formatTime(e.invitationsBuiltAt, lang) })}
            </Typography.Text>
          ) : null
        }
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={11}>
            <Table
              rowKey="orgId"
              size="small"
              columns={entColumns}
              dataSource={e.enterprises}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              data-testid="event-enterprises"
            />
          </Col>
          <Col xs={24} xl={13}>
            <Table
              rowKey="personId"
              size="small"
              columns={talColumns}
              dataSource={e.talents}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              data-testid="event-talents"
            />
          </Col>
        </Row>
      </Card>
      <Outcomes event={e} canManage={canManage} />
    </Flex>
  );
}
