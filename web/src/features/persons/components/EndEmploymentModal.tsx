import { Alert, App, DatePicker, Descriptions, Form, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Employment } from '../../../api/contracts';
import { FormError } from '../../../components/FormError';
import { SubmitFooter } from '../../../components/SubmitFooter';
import { useNavigate } from 'react-router';
import { useT } from '../../../i18n';
import { useRules } from '../../../lib/rules';
import { useEndEmployment, useForgetPerson } from '../api';

/**
 * 办理离职: the employer records the leaving date; the employment stays in the person's history.
 * The employer no longer reaches the person afterwards, so it goes back to the 人才库.
 * Mounted only while an employment is being ended.
 */
export function EndEmploymentModal({
  employment,
  person,
  onClose,
}: {
  employment: Employment;
  person: { id: string; name: string };
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const forget = useForgetPerson();
  const t = useT();
  const rules = useRules();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ toDate?: Dayjs }>();
  const end = useEndEmployment();

  const close = onClose;
  const submit = ({ toDate }: { toDate?: Dayjs }) => {
    if (!toDate) return;
    end.mutate(
      { employmentId: employment.id, toDate: toDate.format('YYYY-MM-DD') },
      {
        onSuccess: () => {
          message.success(t('employment.end.done', { name: person.name }));
          // Leave first: the profile, still mounted, would otherwise refetch and meet a 404.
          navigate('/persons', { replace: true });
          forget(person.id);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('employment.end.title')}
      onCancel={close}
      footer={
        <SubmitFooter
          onCancel={close}
          onSubmit={() => form.submit()}
          loading={end.isPending}
          label={t('employment.end.submit')}
          testId="employment-end-submit"
        />
      }
      data-testid="employment-end-modal"
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'org', label: t('employment.org'), children: employment.orgName ?? '—' },
          { key: 'post', label: t('employment.post'), children: employment.post },
          { key: 'from', label: t('employment.fromDate'), children: employment.fromDate },
        ]}
      />
      <Alert type="info" showIcon title={t('employment.end.help')} style={{ marginBottom: 16 }} />
      <FormError error={end.error} testId="employment-end-error" />
      <Form form={form} name="employmentEnd" layout="vertical" initialValues={{ toDate: dayjs() }} onFinish={submit}>
        <Form.Item name="toDate" label={t('employment.toDate')} rules={[rules.select('employment.toDate')]}>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(employment.fromDate), 'day')}
            data-testid="employment-end-date"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
