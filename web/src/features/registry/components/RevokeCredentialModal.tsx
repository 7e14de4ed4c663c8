import { Alert, App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Credential } from '../../../api/contracts';
import { applyServerErrors } from '../../../api/formErrors';
import { FormError } from '../../../components/FormError';
import { SubmitFooter } from '../../../components/SubmitFooter';
import { useT } from '../../../i18n';
import { useRules } from '../../../lib/rules';
import { useRevokeCredential } from '../api';
import { credentialKindLabel } from '../labels';

interface Values {
  revokedOn?: Dayjs;
  reason?: string;
}

/**
 * 撤销 from a day with a reason: the credential counts as revoked from that day on; nothing is
 * deleted. Mounted only while a credential is being revoked.
 */
export function RevokeCredentialModal({ credential, onClose }: { credential: Credential; onClose: () => void }) {
  const t = useT();
  const rules = useRules();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const revoke = useRevokeCredential();

  const close = onClose;
  const submit = (v: Values) => {
    if (!v.revokedOn) return;
    revoke.mutate(
      {
        credentialId: credential.credentialId,
        revokedOn: v.revokedOn.format('YYYY-MM-DD'),
        reason: (v.reason ?? '').trim(),
      },
      {
        onSuccess: () => {
          message.success(t('credential.revoke.done'));
          close();
        },
        onError: (e) => applyServerErrors(form, e, t),
      },
    );
  };

  return (
    <Modal
      open
      title={t('credential.revoke.title')}
      onCancel={close}
      footer={
        <SubmitFooter
          onCancel={close}
          onSubmit={() => form.submit()}
          loading={revoke.isPending}
          label={t('credential.revoke.submit')}
          testId="credential-revoke-submit"
          danger
        />
      }
      data-testid="credential-revoke-modal"
    >
      <Typography.Paragraph>
        {t('credential.revoke.what', {
          kind: credentialKindLabel(credential.kind, t),
          number: credential.number,
          issuer: credential.issuerName,
        })}
      </Typography.Paragraph>
      <Alert type="warning" showIcon title={t('credential.revoke.help')} style={{ marginBottom: 16 }} />
      <FormError error={revoke.error} testId="credential-revoke-error" />
      <Form
        form={form}
        name="credentialRevoke"
        layout="vertical"
        initialValues={{ revokedOn: dayjs() }}
        onFinish={submit}
      >
        <Form.Item name="revokedOn" label={t('credential.revoke.on')} rules={[rules.select('credential.revoke.on')]}>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isBefore(dayjs(credential.issuedOn), 'day')}
            data-testid="credential-revoke-on"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('credential.revoke.reason')}
          rules={[
            rules.input('credential.revoke.reason'),
            { min: 2, message: t('validate.tooShort', { min: 2 }) },
            rules.max(500),
          ]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="credential-revoke-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
