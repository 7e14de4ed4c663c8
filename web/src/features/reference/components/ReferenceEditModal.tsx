import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReferenceItem } from '../../../api/contracts';
import { FormError } from '../../../components/FormError';
import { useT } from '../../../i18n';
import { useRules } from '../../../lib/rules';
import { useUpdateReference, type ReferenceKind } from '../api';

interface Values {
  name: string;
  effectiveFrom?: Dayjs | null;
  digital?: boolean;
  formerCodes?: string[];
}

const OCCUPATION_CODE = /^\d-\d{2}-\d{2}-\d{2}$/;

/**
 * 编辑 one item: the edit is a new version from its effective date (today when left empty);
 * earlier dates keep reading the old version. Occupations also edit 数字职业 and 曾用代码.
 */
export function ReferenceEditModal({
  kind,
  item,
  onClose,
}: {
  kind: ReferenceKind;
  item: ReferenceItem | null;
  onClose: () => void;
}) {
  const t = useT();
  const rules = useRules();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateReference();

  const close = () => {
    update.reset();
    onClose();
  };

  const onFinish = (v: Values) => {
    if (!item) return;
    // Only the occupation attributes are edited here; the server keeps every attribute not sent.
    const attrs =
      kind === 'occupation'
        ? { digital: !!v.digital, formerCodes: (v.formerCodes ?? []).map((c) => c.trim()) }
        : undefined;
    update.mutate(
      { kind, code: item.code, name: v.name.trim(), attrs, effectiveFrom: v.effectiveFrom?.format('YYYY-MM-DD') },
      {
        onSuccess: (saved) => {
          message.success(t('reference.edit.done', { validFrom: saved.validFrom }));
          close();
        },
      },
    );
  };

  return (
    <Modal
      open={!!item}
      title={item ? t('reference.edit.title', { code: item.code }) : ''}
      onCancel={close}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          loading={update.isPending}
          onClick={() => form.submit()}
          data-testid="reference-edit-submit"
        >
          {t('common.save')}
        </Button>,
      ]}
      data-testid="reference-edit-modal"
    >
      <Alert type="info" showIcon title={t('reference.edit.versionNote')} style={{ marginBottom: 16 }} />
      <FormError error={update.error} testId="reference-edit-error" />
      {item && (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          disabled={update.isPending}
          initialValues={{
            name: item.name,
            digital: item.attrs.digital === true,
            formerCodes: Array.isArray(item.attrs.formerCodes) ? (item.attrs.formerCodes as string[]) : [],
          }}
        >
          <Form.Item
            name="name"
            label={t('reference.col.name')}
            rules={[rules.input('reference.col.name'), rules.max(100)]}
          >
            <Input maxLength={100} data-testid="reference-edit-name" />
          </Form.Item>
          <Form.Item
            name="effectiveFrom"
            label={t('reference.edit.effectiveFrom')}
            extra={t('reference.edit.effectiveFromHelp', { validFrom: item.validFrom })}
            rules={[
              {
                validator: (_rule, d: Dayjs | null | undefined) =>
                  !d || d.format('YYYY-MM-DD') > item.validFrom
                    ? Promise.resolve()
                    : Promise.reject(
                        new Error(t('reference.edit.effectiveFromTooEarly', { validFrom: item.validFrom })),
                      ),
              },
            ]}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.format('YYYY-MM-DD') <= item.validFrom}
              data-testid="reference-edit-effective-from"
            />
          </Form.Item>
          {kind === 'occupation' && (
            <>
              <Form.Item name="digital" label={t('reference.col.digital')} valuePropName="checked">
                <Switch data-testid="reference-edit-digital" />
              </Form.Item>
              <Form.Item
                name="formerCodes"
                label={t('reference.col.formerCodes')}
                extra={t('reference.edit.formerCodesHelp')}
                rules={[
                  {
                    validator: (_rule, codes: string[] | undefined) =>
                      (codes ?? []).every((c) => OCCUPATION_CODE.test(c.trim()))
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('reference.edit.formerCodesInvalid'))),
                  },
                ]}
              >
                <Select mode="tags" open={false} suffixIcon={null} data-testid="reference-edit-former-codes" />
              </Form.Item>
            </>
          )}
        </Form>
      )}
    </Modal>
  );
}
