import { Alert, App, Descriptions, Form, Input, Modal } from 'antd';
import dayjs from 'dayjs';
import type { Credential } from '../../../api/contracts';
import { applyServerErrors } from '../../../api/formErrors';
import { FormError } from '../../../components/FormError';
import { SubmitFooter } from '../../../components/SubmitFooter';
import { useT } from '../../../i18n';
import { useRules } from '../../../lib/rules';
import { useCorrectCredential } from '../api';
import { credentialKindLabel } from '../labels';
import { CredentialFields, credentialBody, type CredentialFormValues } from './CredentialFields';

/**
 * 更正: the fields as recorded, changed and sent with the reason; the old version stays in 变更记录.
 * Mounted only while a credential is being corrected, so the form starts from its values.
 */
export function CorrectCredentialModal({ credential, onClose }: { credential: Credential; onClose: () => void }) {
  const t = useT();
  const rules = useRules();
  const { message } = App.useApp();
  const [form] = Form.useForm<CredentialFormValues>();
  const correct = useCorrectCredential();

  const initialValues: CredentialFormValues = {
    number: credential.number,
    occupationCode: credential.occupationCode ?? undefined,
    levelCode: credential.levelCode ?? undefined,
    field: credential.field ?? undefined,
    digital: credential.digital,
    issuedOn: dayjs(credential.issuedOn),
    expiresOn: credential.expiresOn ? dayjs(credential.expiresOn) : null,
    evidence: credential.evidence ?? undefined,
  };
  const close = onClose;
  const submit = (v: CredentialFormValues) =>
    correct.mutate(
      { credentialId: credential.credentialId, ...credentialBody(v), note: (v.note ?? '').trim() },
      {
        onSuccess: () => {
          message.success(t('credential.correct.done'));
          close();
        },
        onError: (e) => applyServerErrors(form, e, t),
      },
    );

  return (
    <Modal
      open
      title={t('credential.correct.title')}
      onCancel={close}
      footer={
        <SubmitFooter
          onCancel={close}
          onSubmit={() => form.submit()}
          loading={correct.isPending}
          label={t('credential.correct.submit')}
          testId="credential-correct-submit"
        />
      }
      data-testid="credential-correct-modal"
    >
      <Alert type="info" showIcon title={t('credential.correct.help')} style={{ marginBottom: 16 }} />
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'kind', label: t('credential.kind'), children: credentialKindLabel(credential.kind, t) },
          { key: 'issuer', label: t('credential.issuer'), children: credential.issuerName },
        ]}
      />
      <FormError error={correct.error} testId="credential-correct-error" />
      <Form form={form} name="credentialCorrect" layout="vertical" initialValues={initialValues} onFinish={submit}>
        <CredentialFields kind={credential.kind} />
        <Form.Item
          name="note"
          label={t('credential.correct.reason')}
          rules={[
            rules.input('credential.correct.reason'),
            { min: 2, message: t('validate.tooShort', { min: 2 }) },
            rules.max(500),
          ]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="credential-correct-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
