import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { applyServerErrors } from '../../../api/formErrors';
import { FormError } from '../../../components/FormError';
import type { CredentialKind } from '../../../api/contracts';
import { useT } from '../../../i18n';
import { useRules } from '../../../lib/rules';
import { useMe } from '../../auth/api';
import { useIssueCredential } from '../api';
import { issuableKinds } from '../labels';
import { CredentialFields, credentialBody, type CredentialFormValues } from './CredentialFields';
import { KindField } from './KindField';
import { SubmitFooter } from '../../../components/SubmitFooter';

/** 登记证书 on a profile: the kinds the user's role may issue, fields that follow the kind. */
export function IssueCredentialButton({ personId, personName }: { personId: string; personName: string }) {
  const t = useT();
  const { message } = App.useApp();
  const rules = useRules();
  const { data: user } = useMe();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<CredentialFormValues>();
  const kind = Form.useWatch('kind', form);
  const issue = useIssueCredential(personId);
  const kinds = issuableKinds(user);

  if (kinds.length === 0) return null;
  const close = () => {
    setOpen(false);
    issue.reset();
    form.resetFields();
  };
  const submit = (v: CredentialFormValues) =>
    issue.mutate(
      { kind: v.kind as CredentialKind, ...credentialBody(v), note: v.note?.trim() || null },
      {
        onSuccess: (c) => {
          message.success(t('credential.issue.done', { number: c.number }));
          close();
        },
        onError: (e) => applyServerErrors(form, e, t),
      },
    );

  return (
    <>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => setOpen(true)}
        data-testid="credential-issue-button"
      >
        {t('credential.issue.button')}
      </Button>
      <Modal
        open={open}
        title={t('credential.issue.title', { name: personName })}
        onCancel={close}
        destroyOnHidden
        footer={
          <SubmitFooter
            onCancel={close}
            onSubmit={() => form.submit()}
            loading={issue.isPending}
            label={t('credential.issue.submit')}
            testId="credential-form-submit"
          />
        }
        data-testid="credential-issue-modal"
      >
        <FormError error={issue.error} testId="credential-form-error" />
        <Form
          form={form}
          name="credentialIssue"
          layout="vertical"
          initialValues={{ kind: kinds.length === 1 ? kinds[0] : undefined }}
          onFinish={submit}
        >
          <KindField />
          <CredentialFields kind={kind} askIssuer={!user?.orgId} />
          <Form.Item name="note" label={t('credential.note')} rules={[rules.max(500)]}>
            <Input.TextArea rows={2} maxLength={500} data-testid="credential-note" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
