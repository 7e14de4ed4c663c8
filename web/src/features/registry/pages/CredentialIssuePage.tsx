import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Link } from 'react-router';
import type { Credential, CredentialKind } from '../../../api/contracts';
import { applyServerErrors } from '../../../api/formErrors';
import { FormError } from '../../../components/FormError';
import { useT } from '../../../i18n';
import { useRules } from '../../../lib/rules';
import { normalize } from '../../../lib/validators';
import { useMe } from '../../auth/api';
import { useIssueByIdNumber } from '../api';
import { CredentialFields, credentialBody, type CredentialFormValues } from '../components/CredentialFields';
import { KindField } from '../components/KindField';
import { credentialKindLabel, issuableKinds } from '../labels';

type Values = CredentialFormValues & { idNumber?: string; name?: string };

/**
 * 证书登记 by ID number and name, for issuers who do not reach the person's profile (evaluators,
 * providers): the person is found, or registered if new to the registry.
 */
export function CredentialIssuePage() {
  const t = useT();
  const rules = useRules();
  const { data: user } = useMe();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const issue = useIssueByIdNumber();
  const kinds = issuableKinds(user);
  const isAdmin = !!user?.roles.some((r) => r === 'province_admin' || r === 'city_admin');

  const submit = (v: Values) =>
    issue.mutate(
      {
        idNumber: normalize(v.idNumber ?? '').toUpperCase(),
        name: (v.name ?? '').trim(),
        kind: v.kind as CredentialKind,
        ...credentialBody(v),
        note: v.note?.trim() || null,
      },
      {
        // The next person of a batch usually shares kind, occupation, level and date: keep those.
        onSuccess: () => form.resetFields(['idNumber', 'name', 'number', 'expiresOn', 'evidence', 'note']),
        onError: (e) => applyServerErrors(form, e, t),
      },
    );

  return (
    <>
      <Typography.Title level={3}>{t('menu.credentialIssue')}</Typography.Title>
      <Card style={{ maxWidth: 720 }}>
        {kinds.length === 0 ? (
          <Alert type="info" showIcon title={t('credential.page.noKinds')} />
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('credential.page.intro')}</Typography.Paragraph>
            {issue.data && <Done credential={issue.data} name={issue.variables?.name ?? ''} showProfile={isAdmin} />}
            <FormError error={issue.error} testId="credential-form-error" />
            <Form
              form={form}
              name="credentialPage"
              layout="vertical"
              initialValues={{ kind: kinds.length === 1 ? kinds[0] : undefined }}
              onFinish={submit}
            >
              <Form.Item
                name="idNumber"
                label={t('person.idNumber')}
                rules={[rules.input('person.idNumber'), rules.idNumber]}
              >
                <Input maxLength={18} autoComplete="off" data-testid="credential-id-number" />
              </Form.Item>
              <Form.Item name="name" label={t('person.name')} rules={[rules.input('person.name'), rules.max(30)]}>
                <Input maxLength={30} data-testid="credential-person-name" />
              </Form.Item>
              <KindField />
              <CredentialFields kind={kind} askIssuer={!user?.orgId} />
              <Form.Item name="note" label={t('credential.note')} rules={[rules.max(500)]}>
                <Input.TextArea rows={2} maxLength={500} data-testid="credential-note" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={issue.isPending} data-testid="credential-form-submit">
                {t('credential.issue.submit')}
              </Button>
            </Form>
          </>
        )}
      </Card>
    </>
  );
}

/** The last registration, with a way to the profile for those who reach it. */
function Done({ credential: c, name, showProfile }: { credential: Credential; name: string; showProfile: boolean }) {
  const t = useT();
  return (
    <Alert
      type="success"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('credential.page.done', { name, kind: credentialKindLabel(c.kind, t), number: c.number })}
      description={t('credential.page.next')}
      action={
        showProfile && (
          <Link to={`/persons/${c.personId}`} data-testid="credential-issue-profile">
            {t('credential.page.profile')}
          </Link>
        )
      }
      data-testid="credential-issue-done"
    />
  );
}
