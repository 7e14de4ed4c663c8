import { Checkbox, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../../i18n';
import { useRules } from '../../../lib/rules';
import { useDesignationTypes, useSkillLevels } from '../../reference/api';
import { OccupationSelect } from '../../reference/components/OccupationSelect';
import { needsLevel } from '../labels';

/** The form's values; dates as dayjs until sent. */
export interface CredentialFormValues {
  kind?: string;
  number?: string;
  issuerName?: string;
  occupationCode?: string;
  levelCode?: string;
  field?: string;
  digital?: boolean;
  issuedOn?: Dayjs;
  expiresOn?: Dayjs | null;
  evidence?: string;
  note?: string;
}

const future = (d: Dayjs) => d.isAfter(dayjs(), 'day');

/**
 * The fields of a credential that follow its kind: occupation and level for skill certificates
 * and 数字技术工程师; the 称号 type for designations; the title or award text; the digital flag
 * and optional occupation for training. `askIssuer` for admins without an organisation.
 */
export function CredentialFields({ kind, askIssuer = false }: { kind?: string; askIssuer?: boolean }) {
  const t = useT();
  const rules = useRules();
  const levels = useSkillLevels();
  const designations = useDesignationTypes();
  // 数字技术工程师 sit on the 专业技术等级 ladder; skill certificates may be on either.
  const levelOptions = (levels.data ?? [])
    .filter((l) => kind !== 'digital_engineer' || l.attrs.ladder === 'professional_technical')
    .map((l) => ({ value: l.code, label: l.name }));

  return (
    <>
      {(needsLevel(kind) || kind === 'training_completion') && (
        <Form.Item
          name="occupationCode"
          label={t('credential.occupation')}
          rules={needsLevel(kind) ? [rules.select('credential.occupation')] : []}
        >
          <OccupationSelect placeholder={t('credential.occupation.placeholder')} data-testid="credential-occupation" />
        </Form.Item>
      )}
      {needsLevel(kind) && (
        <Form.Item name="levelCode" label={t('credential.level')} rules={[rules.select('credential.level')]}>
          <Select options={levelOptions} loading={levels.isPending} data-testid="credential-level" />
        </Form.Item>
      )}
      {kind === 'designation' && (
        <Form.Item name="field" label={t('credential.designation')} rules={[rules.select('credential.designation')]}>
          <Select options={designations.data} loading={designations.isPending} data-testid="credential-designation" />
        </Form.Item>
      )}
      {(kind === 'professional_title' || kind === 'competition_award') && (
        <Form.Item
          name="field"
          label={t(kind === 'professional_title' ? 'credential.field.title' : 'credential.field.award')}
          rules={[
            rules.input(kind === 'professional_title' ? 'credential.field.title' : 'credential.field.award'),
            rules.max(100),
          ]}
        >
          <Input maxLength={100} data-testid="credential-field" />
        </Form.Item>
      )}
      {kind === 'training_completion' && (
        <Form.Item name="digital" valuePropName="checked" extra={t('credential.digital.help')}>
          <Checkbox data-testid="credential-digital">{t('credential.digital')}</Checkbox>
        </Form.Item>
      )}
      <Form.Item name="number" label={t('credential.number')} rules={[rules.input('credential.number'), rules.max(64)]}>
        <Input maxLength={64} data-testid="credential-number" />
      </Form.Item>
      {askIssuer && (
        <Form.Item
          name="issuerName"
          label={t('credential.issuer')}
          extra={t('credential.issuer.help')}
          rules={[rules.input('credential.issuer'), rules.max(200)]}
        >
          <Input maxLength={200} data-testid="credential-issuer" />
        </Form.Item>
      )}
      <Form.Item name="issuedOn" label={t('credential.issuedOn')} rules={[rules.select('credential.issuedOn')]}>
        <DatePicker disabledDate={future} style={{ width: '100%' }} data-testid="credential-issued-on" />
      </Form.Item>
      <Form.Item
        name="expiresOn"
        label={t('credential.expiresOn')}
        extra={t('credential.expiresOn.help')}
        dependencies={['issuedOn']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_rule, value: Dayjs | null | undefined) => {
              const issued = getFieldValue('issuedOn') as Dayjs | undefined;
              return value && issued && value.isBefore(issued, 'day')
                ? Promise.reject(new Error(t('credential.expiresOn.beforeIssued')))
                : Promise.resolve();
            },
          }),
        ]}
      >
        <DatePicker style={{ width: '100%' }} data-testid="credential-expires-on" />
      </Form.Item>
      <Form.Item
        name="evidence"
        label={t('credential.evidence')}
        extra={t('credential.evidence.help')}
        rules={[rules.max(500)]}
      >
        <Input maxLength={500} data-testid="credential-evidence" />
      </Form.Item>
    </>
  );
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/**
 * The request body's credential fields from the form. Fields the kind does not show are left
 * out (a correction then keeps them as they were); shown but empty ones are sent as null.
 */
export function credentialBody(v: CredentialFormValues) {
  const has = (k: keyof CredentialFormValues) => k in v;
  return {
    number: (v.number ?? '').trim(),
    issuedOn: day(v.issuedOn) ?? '',
    expiresOn: day(v.expiresOn),
    evidence: text(v.evidence),
    ...(has('issuerName') ? { issuerName: v.issuerName?.trim() } : {}),
    ...(has('occupationCode') ? { occupationCode: v.occupationCode ?? null } : {}),
    ...(has('levelCode') ? { levelCode: v.levelCode ?? null } : {}),
    ...(has('field') ? { field: text(v.field) } : {}),
    ...(has('digital') ? { digital: !!v.digital } : {}),
  };
}
