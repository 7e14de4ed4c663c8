import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  App,
  Alert,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  Popconfirm,
  Segmented,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { FormError } from '../../../components/FormError';
import { LoadError } from '../../../components/LoadError';
import { useT } from '../../../i18n';
import { hasAnyPermission, useMe } from '../../auth/api';
import {
  useAssess,
  useCheckinCode,
  useClass,
  useCompleteClass,
  useEnrol,
  useSaveAttendance,
  type ClassDetail,
  type CompletionOutcome,
  type Enrolment,
} from '../api';

const time = (s: string) =>
  new Date(s).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

function CheckinCodeCard({ sessionId }: { sessionId: string }) {
  const t = useT();
  const q = useCheckinCode(sessionId);
  if (!q.data) return null;
  return (
    <Card size="small" data-testid="checkin-code-card">
      <Statistic
        title={t('training.checkinCode')}
        value={q.data.code}
        valueStyle={{ letterSpacing: 6, fontFamily: 'monospace' }}
      />
      <Typography.Text type={q.data.open ? 'secondary' : 'warning'}>
        {q.data.open ? t('training.checkinRotates', { minutes: q.data.windowMinutes }) : t('training.checkinClosed')}
      </Typography.Text>
    </Card>
  );
}

/** Attendance of one session: a checkbox per learner, saved at once. */
function Attendance({ c, index, canManage }: { c: ClassDetail; index: number; canManage: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const s = c.sessionList[index]!;
  const save = useSaveAttendance();
  const [present, setPresent] = useState<Set<string>>(new Set());
  useEffect(() => {
    setPresent(new Set(c.enrolments.filter((e) => e.attended.includes(s.id)).map((e) => e.personId)));
  }, [c, s.id]);
  const editable = canManage && c.status === 'open';
  return (
    <Flex gap={16} align="start" wrap>
      <Card size="small" title={t('training.attendanceOf', { seq: s.seq })} style={{ flex: 1, minWidth: 320 }}>
        <FormError error={save.error} />
        <Flex vertical gap={4}>
          {c.enrolments.map((e) => (
            <Checkbox
              key={e.personId}
              checked={present.has(e.personId)}
              disabled={!editable || e.status !== 'enrolled'}
              data-testid={`attendance-check-${e.personId}`}
              onChange={(ev) => {
                const next = new Set(present);
                if (ev.target.checked) next.add(e.personId);
                else next.delete(e.personId);
                setPresent(next);
              }}
            >
              {e.personName}（{e.idNumberMasked}）
            </Checkbox>
          ))}
        </Flex>
        {editable && (
          <Button
            type="primary"
            style={{ marginTop: 12 }}
            loading={save.isPending}
            data-testid="attendance-save"
            onClick={() =>
              void save
                .mutateAsync({
                  sessionId: s.id,
                  records: c.enrolments
                    .filter((e) => e.status === 'enrolled')
                    .map((e) => ({ personId: e.personId, present: present.has(e.personId) })),
                })
                .then(() => message.success(t('training.attendanceSaved')))
                .catch(() => {})
            }
          >
            {t('training.saveAttendance')}
          </Button>
        )}
      </Card>
      {editable && <CheckinCodeCard sessionId={s.id} />}
    </Flex>
  );
}

function EnrolForm({ classId }: { classId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const enrol = useEnrol(classId);
  const [form] = Form.useForm<{ idNumber: string; name: string }>();
  return (
    <>
      <FormError error={enrol.error} testId="enrol-error" />
      <Form
        form={form}
        layout="inline"
        onFinish={(v) =>
          void enrol
            .mutateAsync(v)
            .then(() => {
              form.resetFields();
              void message.success(t('training.enrolDone'));
            })
            .catch(() => {})
        }
      >
        <Form.Item name="idNumber" rules={[{ required: true }]}>
          <Input placeholder={t('training.idNumber')} data-testid="enrol-id-number" />
        </Form.Item>
        <Form.Item name="name" rules={[{ required: true }]}>
          <Input placeholder={t('training.name')} data-testid="enrol-name" />
        </Form.Item>
        <Button htmlType="submit" loading={enrol.isPending} data-testid="enrol-submit">
          {t('training.enrol')}
        </Button>
      </Form>
    </>
  );
}

/** A class: sessions with attendance (marks or the rotating code), learners, assessment, 结业 with the rule's result per person. */
export function ClassPage() {
  const t = useT();
  const { id } = useParams();
  const { data: user } = useMe();
  const q = useClass(id);
  const assess = useAssess();
  const complete = useCompleteClass(id ?? '');
  const [session, setSession] = useState(0);
  const [outcome, setOutcome] = useState<CompletionOutcome | null>(null);
  if (q.isError) return <LoadError onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin />;
  const c = q.data;
  const canManage = hasAnyPermission(user, ['training.manage']) && user?.orgId === c.programme.orgId;
  const open = c.status === 'open';
  const rule = t('training.rule', {
    pct: c.completionRule.attendanceMinPercent,
    assess: c.programme.assessmentRequired && c.completionRule.requireAssessmentPass ? t('training.ruleAssess') : '',
  });
  const resultOf = (e: Enrolment) => {
    if (e.status === 'completed') return <Tag color="green">{e.statusLabel}</Tag>;
    if (e.status === 'not_completed') return <Tag color="red">{e.statusLabel}</Tag>;
    return e.rule.eligible ? <Tag color="blue">{t('training.eligible')}</Tag> : <Tag>{t('training.notEligible')}</Tag>;
  };
  return (
    <Flex vertical gap={16}>
      <Link to={`/training/programmes/${c.programmeId}`}>
        <ArrowLeftOutlined /> {c.programme.title}
      </Link>
      <Card
        title={`${c.name} · ${c.statusLabel}`}
        extra={
          canManage &&
          open && (
            <Popconfirm
              title={t('training.completeConfirm')}
              onConfirm={() =>
                void complete
                  .mutateAsync()
                  .then(setOutcome)
                  .catch(() => {})
              }
              okButtonProps={{ 'data-testid': 'class-complete-confirm' }}
            >
              <Button type="primary" danger loading={complete.isPending} data-testid="class-complete">
                {t('training.complete')}
              </Button>
            </Popconfirm>
          )
        }
      >
        <Typography.Paragraph type="secondary">{rule}</Typography.Paragraph>
        <FormError error={complete.error ?? assess.error} />
        {outcome && (
          <Alert
            type="success"
            showIcon
            data-testid="class-complete-outcome"
            title={t('training.completed', { completed: outcome.completed, notCompleted: outcome.notCompleted })}
            style={{ marginBottom: 12 }}
          />
        )}
        {c.sessionList.length > 0 && (
          <>
            <Segmented
              value={session}
              onChange={(v) => setSession(Number(v))}
              options={c.sessionList.map((s, i) => ({
                value: i,
                label: (
                  <span data-testid={`session-attendance-${i}`}>
                    {s.seq}. {time(s.startsAt)}（{s.present}）
                  </span>
                ),
              }))}
              style={{ marginBottom: 12 }}
            />
            <Attendance c={c} index={Math.min(session, c.sessionList.length - 1)} canManage={canManage} />
          </>
        )}
      </Card>
      <Card title={`${t('training.students')}（${c.enrolled}${c.capacity ? ` / ${c.capacity}` : ''}）`}>
        {canManage && open && <EnrolForm classId={c.id} />}
        <Table<Enrolment>
          rowKey="id"
          size="small"
          style={{ marginTop: 12 }}
          pagination={false}
          dataSource={c.enrolments}
          columns={[
            { title: t('training.name'), dataIndex: 'personName' },
            { title: t('training.idNumber'), dataIndex: 'idNumberMasked' },
            {
              title: t('training.attendanceRate'),
              render: (_, e) =>
                e.rule.attendancePercent === null
                  ? '—'
                  : `${e.rule.attendancePercent}%（${e.attended.length}/${c.sessionList.length}）`,
            },
            {
              title: t('training.assessment'),
              render: (_, e) =>
                canManage && open && e.status === 'enrolled' ? (
                  <Segmented
                    size="small"
                    value={e.assessmentResult ?? ''}
                    data-testid={`assessment-${e.personId}`}
                    onChange={(v) =>
                      void assess.mutateAsync({ enrolmentId: e.id, result: v as 'passed' | 'failed' }).catch(() => {})
                    }
                    options={[
                      {
                        value: 'passed',
                        label: <span data-testid={`assessment-pass-${e.personId}`}>{t('training.passed')}</span>,
                      },
                      {
                        value: 'failed',
                        label: <span data-testid={`assessment-fail-${e.personId}`}>{t('training.failed')}</span>,
                      },
                    ]}
                  />
                ) : e.assessmentResult ? (
                  t(e.assessmentResult === 'passed' ? 'training.passed' : 'training.failed')
                ) : (
                  '—'
                ),
            },
            {
              title: t('training.status'),
              render: (_, e) => (
                <span
                  data-testid={`completion-result-${e.personId}`}
                  data-status={e.status}
                  data-eligible={String(e.rule.eligible)}
                >
                  {resultOf(e)}
                  {e.rule.reasons.length > 0 && e.status !== 'completed' && (
                    <Typography.Text type="secondary">{e.rule.reasons.join('；')}</Typography.Text>
                  )}
                </span>
              ),
            },
            { title: t('training.certificate'), dataIndex: 'credentialNumber', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
    </Flex>
  );
}
