import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Popconfirm, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { FormError } from '../../../components/FormError';
import { useT } from '../../../i18n';
import {
  useSaveSelfAssessment,
  useSubmitSelfAssessment,
  useUploadEvidence,
  type SaveSelfAssessmentInput,
  type SelfAssessment,
} from '../api';
import { EvidenceList } from './EvidenceList';
import { shanghaiTime } from '../../../lib/time';

export const STATUS_COLORS: Record<SelfAssessment['status'], string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  scored: 'success',
};

const paragraph = (text: string | null, empty: string) => (
  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
    {text?.trim() ? text : empty}
  </Typography.Paragraph>
);

/** 自评: the city admin's form (while draft or returned) or the texts as submitted, with 佐证材料. */
export function SelfAssessmentCard({ assessment, canEdit }: { assessment: SelfAssessment; canEdit: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<SaveSelfAssessmentInput>();
  const save = useSaveSelfAssessment(assessment.year, assessment.cityCode);
  const submit = useSubmitSelfAssessment(assessment.year, assessment.cityCode);
  const upload = useUploadEvidence(assessment.year, assessment.cityCode);
  const editing = canEdit && assessment.editable;

  useEffect(() => {
    form.setFieldsValue({
      keyWork: assessment.keyWork,
      policyImplementation: assessment.policyImplementation,
      problemsAndPlans: assessment.problemsAndPlans ?? '',
    });
  }, [
    form,
    assessment.keyWork,
    assessment.policyImplementation,
    assessment.problemsAndPlans,
    assessment.year,
    assessment.cityCode,
  ]);

  const onSave = (values: SaveSelfAssessmentInput) =>
    save.mutate(values, { onSuccess: () => message.success(t('supervision.saved')) });
  const onSubmit = async () => {
    const values = await form.validateFields();
    save.mutate(values, {
      onSuccess: () => submit.mutate(undefined, { onSuccess: () => message.success(t('supervision.submitted')) }),
    });
  };
  const required = (field: string) => [
    { required: true, whitespace: true, message: t('supervision.required', { field }) },
  ];

  return (
    <Card
      title={t('supervision.selfAssessment')}
      extra={
        <Tag color={STATUS_COLORS[assessment.status]} data-testid="sa-status">
          {assessment.statusLabel}
        </Tag>
      }
      data-testid="sa-card"
    >
      {assessment.status === 'returned' && assessment.returnReason ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('supervision.returnedAlert', { reason: assessment.returnReason })}
          data-testid="sa-returned"
        />
      ) : null}
      {editing ? (
        <Form form={form} layout="vertical" onFinish={onSave}>
          <FormError error={save.error ?? submit.error} testId="sa-error" />
          <Form.Item name="keyWork" label={t('supervision.keyWork')} rules={required(t('supervision.keyWork'))}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={20000} data-testid="sa-keyWork" />
          </Form.Item>
          <Form.Item
            name="policyImplementation"
            label={t('supervision.policy')}
            rules={required(t('supervision.policy'))}
          >
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={20000} data-testid="sa-policy" />
          </Form.Item>
          <Form.Item name="problemsAndPlans" label={`${t('supervision.problems')}${t('supervision.optional')}`}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={20000} data-testid="sa-problems" />
          </Form.Item>
          <Flex gap="small">
            <Button htmlType="submit" loading={save.isPending} data-testid="sa-save">
              {t('supervision.save')}
            </Button>
            <Popconfirm title={t('supervision.submitConfirm')} onConfirm={onSubmit}>
              <Button type="primary" loading={submit.isPending} data-testid="sa-submit">
                {t('supervision.submit')}
              </Button>
            </Popconfirm>
          </Flex>
        </Form>
      ) : (
        <Descriptions column={1} bordered size="small" styles={{ label: { width: 200 } }}>
          <Descriptions.Item label={t('supervision.keyWork')}>
            {paragraph(assessment.keyWork, t('supervision.emptyText'))}
          </Descriptions.Item>
          <Descriptions.Item label={t('supervision.policy')}>
            {paragraph(assessment.policyImplementation, t('supervision.emptyText'))}
          </Descriptions.Item>
          <Descriptions.Item label={t('supervision.problems')}>
            {paragraph(assessment.problemsAndPlans, t('supervision.emptyText'))}
          </Descriptions.Item>
          {assessment.submittedAt ? (
            <Descriptions.Item label={t('supervision.submittedAt')}>
              {shanghaiTime(assessment.submittedAt)}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('supervision.evidence')}
      </Typography.Title>
      <EvidenceList files={assessment.evidence} editable={editing} upload={upload} testId="sa-evidence" />
    </Card>
  );
}
