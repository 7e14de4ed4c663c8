import { TrophyOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { ContributionKind } from '../../../api/contracts';
import { applyServerErrors } from '../../../api/formErrors';
import { FormError } from '../../../components/FormError';
import { SubmitFooter } from '../../../components/SubmitFooter';
import { useT } from '../../../i18n';
import { useRules } from '../../../lib/rules';
import { useAttestContribution } from '../api';
import { CONTRIBUTION_KIND_LABELS, CONTRIBUTION_KINDS } from '../labels';

interface Values {
  kind?: ContributionKind;
  title?: string;
  description?: string;
  occurredOn?: Dayjs;
}

/** 登记贡献: the employer attests an innovation, process improvement, transfer, patent or mentoring. */
export function ContributionButton({ personId }: { personId: string }) {
  const t = useT();
  const rules = useRules();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const attest = useAttestContribution(personId);

  const close = () => {
    setOpen(false);
    attest.reset();
    form.resetFields();
  };
  const submit = (v: Values) =>
    attest.mutate(
      {
        kind: v.kind!,
        title: (v.title ?? '').trim(),
        description: v.description?.trim() || undefined,
        occurredOn: v.occurredOn!.format('YYYY-MM-DD'),
      },
      {
        onSuccess: () => {
          message.success(t('contribution.done'));
          close();
        },
        onError: (e) => applyServerErrors(form, e, t),
      },
    );

  return (
    <>
      <Button icon={<TrophyOutlined />} onClick={() => setOpen(true)} data-testid="contribution-add-button">
        {t('contribution.button')}
      </Button>
      <Modal
        open={open}
        title={t('contribution.title')}
        onCancel={close}
        destroyOnHidden
        footer={
          <SubmitFooter
            onCancel={close}
            onSubmit={() => form.submit()}
            loading={attest.isPending}
            label={t('contribution.submit')}
            testId="contribution-submit"
          />
        }
        data-testid="contribution-modal"
      >
        <FormError error={attest.error} testId="contribution-error" />
        <Form form={form} name="contribution" layout="vertical" onFinish={submit}>
          <Form.Item name="kind" label={t('contribution.kind')} rules={[rules.select('contribution.kind')]}>
            <Select
              options={CONTRIBUTION_KINDS.map((k) => ({ value: k, label: t(CONTRIBUTION_KIND_LABELS[k]) }))}
              data-testid="contribution-kind"
            />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('contribution.titleField')}
            rules={[
              rules.input('contribution.titleField'),
              { min: 2, message: t('validate.tooShort', { min: 2 }) },
              rules.max(200),
            ]}
          >
            <Input maxLength={200} data-testid="contribution-title" />
          </Form.Item>
          <Form.Item name="description" label={t('contribution.description')} rules={[rules.max(2000)]}>
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid="contribution-description" />
          </Form.Item>
          <Form.Item
            name="occurredOn"
            label={t('contribution.occurredOn')}
            rules={[rules.select('contribution.occurredOn')]}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              data-testid="contribution-occurred-on"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
