import { Form, Select } from 'antd';
import { useT } from '../../../i18n';
import { useRules } from '../../../lib/rules';
import { useMe } from '../../auth/api';
import { CREDENTIAL_KIND_LABELS, issuableKinds } from '../labels';

/** 证书类别: only the kinds the user's role may issue. */
export function KindField() {
  const t = useT();
  const rules = useRules();
  const { data: user } = useMe();
  return (
    <Form.Item name="kind" label={t('credential.kind')} rules={[rules.select('credential.kind')]}>
      <Select
        options={issuableKinds(user).map((k) => ({ value: k, label: t(CREDENTIAL_KIND_LABELS[k]) }))}
        data-testid="credential-kind"
      />
    </Form.Item>
  );
}
