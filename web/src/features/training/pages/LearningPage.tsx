import { App, Button, Card, Col, Empty, Flex, Input, List, Progress, Row, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { FormError } from '../../../components/FormError';
import { LoadError } from '../../../components/LoadError';
import { useT } from '../../../i18n';
import {
  lessonFileUrl,
  useCatalogue,
  useCheckIn,
  useEnrolCloud,
  useLessonDone,
  useMyEnrolments,
  useOpenLesson,
  type MyEnrolment,
} from '../api';

function CheckIn() {
  const t = useT();
  const { message } = App.useApp();
  const [code, setCode] = useState('');
  const check = useCheckIn();
  return (
    <Card size="small" title={t('learning.checkin')}>
      <FormError error={check.error} testId="checkin-error" />
      <Flex gap={8}>
        <Input
          value={code}
          maxLength={6}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
          placeholder={t('learning.checkinPlaceholder')}
          style={{ width: 200, letterSpacing: 4 }}
          data-testid="checkin-code-input"
        />
        <Button
          type="primary"
          disabled={code.length !== 6}
          loading={check.isPending}
          data-testid="checkin-submit"
          onClick={() =>
            void check
              .mutateAsync(code)
              .then((r) => {
                setCode('');
                void message.success(
                  t(r.alreadyPresent ? 'learning.checkinAgain' : 'learning.checkinDone', {
                    className: r.className,
                    seq: r.seq,
                  }),
                );
              })
              .catch(() => {})
          }
        >
          {t('learning.checkin')}
        </Button>
      </Flex>
    </Card>
  );
}

function EnrolmentCard({ e }: { e: MyEnrolment }) {
  const t = useT();
  const done = useLessonDone();
  const open = useOpenLesson();
  const cloud = e.programme.type === 'cloud';
  const pct = cloud
    ? e.lessons.length
      ? Math.round((e.lessons.filter((l) => l.done).length * 100) / e.lessons.length)
      : 0
    : (e.rule.attendancePercent ?? 0);
  return (
    <Card
      size="small"
      title={e.programme.title}
      data-testid={`my-enrolment-${e.id}`}
      extra={
        <Tag color={e.status === 'completed' ? 'green' : e.status === 'enrolled' ? 'blue' : 'red'}>{e.statusLabel}</Tag>
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">
          {t(`training.type.${e.programme.type}` as 'training.type.social')} · {e.className} ·{' '}
          {t('learning.learnedHours', { hours: e.learnedHours })}
        </Typography.Text>
        <Progress percent={pct} size="small" />
        {e.credentialNumber && (
          <Typography.Text>
            {t('training.certificate')}：{e.credentialNumber}
          </Typography.Text>
        )}
        {!cloud && (
          <Flex gap={4} wrap>
            {e.sessions.map((s) => (
              <Tag key={s.id} color={s.present ? 'green' : undefined}>
                {s.seq}
              </Tag>
            ))}
          </Flex>
        )}
        {cloud && (
          <List
            size="small"
            dataSource={e.lessons}
            renderItem={(l) => (
              <List.Item
                actions={[
                  l.done ? (
                    <Tag color="green" key="d">
                      {t('learning.done')}
                    </Tag>
                  ) : (
                    <Button
                      key="b"
                      size="small"
                      disabled={e.status !== 'enrolled' || !l.openedAt}
                      title={l.openedAt ? undefined : t('learning.openFirst', { minutes: l.minutes })}
                      loading={done.isPending}
                      data-testid={`lesson-done-${l.id}`}
                      onClick={() => void done.mutateAsync(l.id).catch(() => {})}
                    >
                      {t('learning.lessonDone')}
                    </Button>
                  ),
                ]}
              >
                <a
                  href={l.url ?? lessonFileUrl(l.id)}
                  target="_blank"
                  rel="noreferrer"
                  data-testid={`lesson-open-${l.id}`}
                  onClick={() => {
                    // The server starts the lesson's minutes at the first opening (its own clock).
                    if (!l.done && e.status === 'enrolled') void open.mutateAsync(l.id).catch(() => {});
                  }}
                >
                  {l.seq}. {l.title}
                </a>
                <Typography.Text type="secondary"> · {l.minutes}′</Typography.Text>
              </List.Item>
            )}
          />
        )}
        {e.status === 'enrolled' && e.rule.reasons.length > 0 && (
          <Typography.Text type="secondary">{e.rule.reasons.join('；')}</Typography.Text>
        )}
        <FormError error={done.error ?? open.error} />
      </Flex>
    </Card>
  );
}

/** 我的课程 (talent): classes and cloud courses with progress and hours, the check-in code, the cloud catalogue. */
export function LearningPage() {
  const t = useT();
  const mine = useMyEnrolments();
  const catalogue = useCatalogue();
  const enrol = useEnrolCloud();
  if (mine.isError) return <LoadError onRetry={() => void mine.refetch()} />;
  if (!mine.data) return <Spin />;
  return (
    <Flex vertical gap={16}>
      <CheckIn />
      <Card title={t('learning.mine')}>
        {mine.data.items.length === 0 ? (
          <Empty description={t('learning.none')} />
        ) : (
          <Row gutter={[16, 16]}>
            {mine.data.items.map((e) => (
              <Col xs={24} lg={12} key={e.id}>
                <EnrolmentCard e={e} />
              </Col>
            ))}
          </Row>
        )}
      </Card>
      <Card title={t('learning.cloud')}>
        <FormError error={enrol.error} />
        <List
          dataSource={catalogue.data?.items ?? []}
          loading={catalogue.isFetching}
          renderItem={(c) => (
            <List.Item
              data-testid={`cloud-course-${c.id}`}
              actions={[
                c.enrolmentId ? (
                  <Tag key="e">{t('learning.enrolled')}</Tag>
                ) : (
                  <Button
                    key="b"
                    type="primary"
                    size="small"
                    data-testid={`cloud-enrol-${c.id}`}
                    loading={enrol.isPending}
                    onClick={() => void enrol.mutateAsync(c.id).catch(() => {})}
                  >
                    {t('learning.enrol')}
                  </Button>
                ),
              ]}
            >
              <List.Item.Meta
                title={c.title}
                description={`${c.orgName ?? ''} · ${c.lessonCount} ${t('training.lessons')} · ${c.minutes}′${c.digitalDomain ? ` · ${c.digitalDomain}` : ''}`}
              />
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  );
}
