import { App, Button, Descriptions, Form, Input, Modal } from 'antd';
import { FormError } from '../../../components/FormError';
import { useT } from '../../../i18n';
import { useDecideOrganisation, type OrganisationListItem } from '../api';
import { kindLabel } from '../labels';

/** 审核 a pending application: approve (通过) or reject (驳回), with an optional note. */
export function DecisionModal({ org, onClose }: { org: OrganisationListItem | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const decide = useDecideOrganisation();

  const close = () => {
    decide.reset();
    form.resetFields();
    onClose();
  };

  const submit = (decision: 'approve' | 'reject') => {
    if (!org) return;
    const note = (form.getFieldValue('note') as string | undefined)?.trim() || undefined;
    decide.mutate(
      { id: org.id, decision, note },
      {
        onSuccess: () => {
          message.success(t(decision === 'approve' ? 'org.decision.approved' : 'org.decision.rejected'));
          close();
        },
      },
    );
  };

  return (
    <Modal
      open={!!org}
      title={t('org.decision.title')}
      onCancel={close}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="reject"
          danger
          loading={decide.isPending && decide.variables?.decision === 'reject'}
          disabled={decide.isPending}
          onClick={() => submit('reject')}
          data-testid="org-decision-reject"
        >
          {t('org.decision.reject')}
        </Button>,
        <Button
          key="approve"
          type="primary"
          loading={decide.isPending && decide.variables?.decision === 'approve'}
          disabled={decide.isPending}
          onClick={() => submit('approve')}
          data-testid="org-decision-approve"
        >
          {t('org.decision.approve')}
        </Button>,
      ]}
      data-testid="org-decision-modal"
    >
      {org && (
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 16 }}
          items={[
            { key: 'name', label: t('org.col.name'), children: org.name },
            { key: 'kind', label: t('org.col.kind'), children: kindLabel(org.kind, t) },
            { key: 'uscc', label: t('org.col.uscc'), children: org.uscc },
            { key: 'city', label: t('org.col.city'), children: org.cityName ?? org.cityCode },
          ]}
        />
      )}
      <FormError error={decide.error} testId="org-decision-error" />
      <Form form={form} layout="vertical">
        <Form.Item
          name="note"
          label={t('org.decision.note')}
          rules={[{ max: 500, message: t('validate.tooLong', { max: 500 }) }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="org-decision-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
