import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Modal, Popconfirm, Table, Typography } from 'antd';
import { useState } from 'react';
import { FormError } from '../../../components/FormError';
import { useT } from '../../../i18n';
import { useReturnSelfAssessment, useScoreSelfAssessment, type RubricItem, type SelfAssessment } from '../api';

type ScoreForm = { scores: Record<string, number | null>; comment?: string };

/** 评分: the score by rubric item once scored; for the province admin, the scoring form and 退回修改. */
export function ScoreCard({
  assessment,
  rubric,
  canReview,
}: {
  assessment: SelfAssessment;
  rubric: RubricItem[];
  canReview: boolean;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ScoreForm>();
  const scores = Form.useWatch('scores', form);
  const score = useScoreSelfAssessment(assessment.year, assessment.cityCode);
  const ret = useReturnSelfAssessment(assessment.year, assessment.cityCode);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const maxTotal = rubric.reduce((a, r) => a + r.maxPoints, 0);
  const total = Math.round(rubric.reduce((a, r) => a + (scores?.[r.key] ?? 0), 0) * 10) / 10;

  const onScore = async () => {
    const v = await form.validateFields();
    score.mutate(
      { items: rubric.map((r) => ({ key: r.key, score: v.scores[r.key] ?? 0 })), comment: v.comment ?? null },
      { onSuccess: () => message.success(t('supervision.scoredDone')) },
    );
  };
  const onReturn = () =>
    ret.mutate(reason, {
      onSuccess: () => {
        message.success(t('supervision.returnDone'));
        setReturning(false);
        setReason('');
      },
    });

  if (assessment.score) {
    const s = assessment.score;
    return (
      <Card title={t('supervision.scoring')} data-testid="score-card">
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={s.items}
          columns={[
            { title: t('supervision.rubricItem'), dataIndex: 'title' },
            { title: t('supervision.maxPoints'), dataIndex: 'maxPoints', align: 'right', width: 100 },
            { title: t('supervision.points'), dataIndex: 'score', align: 'right', width: 100 },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>{t('supervision.total')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {s.maxTotal}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <Typography.Text strong data-testid="score-total">
                  {s.total}
                </Typography.Text>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
        {s.comment ? (
          <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>
            {t('supervision.comment')}：{s.comment}
          </Typography.Paragraph>
        ) : null}
      </Card>
    );
  }

  if (!canReview || assessment.status !== 'submitted') {
    return (
      <Card title={t('supervision.scoring')} data-testid="score-card">
        <Typography.Text type="secondary">
          {canReview ? t('supervision.awaitSubmit') : t('supervision.notScored')}
        </Typography.Text>
      </Card>
    );
  }

  return (
    <Card
      title={t('supervision.scoring')}
      data-testid="score-card"
      extra={
        <Button onClick={() => setReturning(true)} data-testid="score-return">
          {t('supervision.return')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" initialValues={{ scores: {} }}>
        <FormError error={score.error} testId="score-error" />
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={rubric}
          columns={[
            {
              title: t('supervision.rubricItem'),
              dataIndex: 'title',
              render: (title: string, r) => (
                <Flex vertical>
                  <span>{title}</span>
                  {r.description ? <Typography.Text type="secondary">{r.description}</Typography.Text> : null}
                </Flex>
              ),
            },
            { title: t('supervision.maxPoints'), dataIndex: 'maxPoints', align: 'right', width: 100 },
            {
              title: t('supervision.points'),
              key: 'score',
              width: 140,
              render: (_: unknown, r) => (
                <Form.Item
                  name={['scores', r.key]}
                  rules={[{ required: true, message: t('supervision.required', { field: r.title }) }]}
                  style={{ marginBottom: 0 }}
                >
                  <InputNumber
                    min={0}
                    max={r.maxPoints}
                    step={0.5}
                    precision={1}
                    style={{ width: '100%' }}
                    aria-label={r.title}
                    data-testid={`score-input-${r.key}`}
                  />
                </Form.Item>
              ),
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>{t('supervision.total')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {maxTotal}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <Typography.Text strong>{total}</Typography.Text>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
        <Form.Item name="comment" label={t('supervision.comment')} style={{ marginTop: 16 }}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} data-testid="score-comment" />
        </Form.Item>
        <Popconfirm title={t('supervision.scoreConfirm')} onConfirm={onScore}>
          <Button type="primary" loading={score.isPending} data-testid="score-submit">
            {t('supervision.doScore')}
          </Button>
        </Popconfirm>
      </Form>
      <Modal
        open={returning}
        title={t('supervision.return')}
        onCancel={() => setReturning(false)}
        onOk={onReturn}
        okButtonProps={{ disabled: !reason.trim(), loading: ret.isPending }}
        destroyOnHidden
      >
        <FormError error={ret.error} testId="return-error" />
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('supervision.returnReason')} />
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          autoSize={{ minRows: 3 }}
          maxLength={2000}
          data-testid="return-reason"
        />
      </Modal>
    </Card>
  );
}
