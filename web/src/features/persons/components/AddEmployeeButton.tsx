import { UserAddOutlined } from '@ant-design/icons';
import { App, AutoComplete, Button, Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { AddEmployeeInput } from '../../../api/contracts';
import { applyServerErrors } from '../../../api/formErrors';
import { FormError } from '../../../components/FormError';
import { SubmitFooter } from '../../../components/SubmitFooter';
import { useT } from '../../../i18n';
import { useRules } from '../../../lib/rules';
import { normalize } from '../../../lib/validators';
import { hasAnyPermission, useMe } from '../../auth/api';
import { OccupationSelect } from '../../reference/components/OccupationSelect';
import { useAddEmployee } from '../api';
import { EDUCATION_OPTIONS, TIER_CODES, tierLabel } from '../labels';

interface Values {
  idNumber?: string;
  name?: string;
  phone?: string;
  education?: string;
  tier?: AddEmployeeInput['tier'];
  post?: string;
  occupationCode?: string;
  isDigitalPost?: boolean;
  fromDate?: Dayjs;
}

/** 登记员工 (enterprise): a person by ID number (registered if new) joins the organisation from a date. */
export function AddEmployeeButton() {
  const t = useT();
  const rules = useRules();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { data: user } = useMe();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const add = useAddEmployee();

  if (!user?.orgId || !hasAnyPermission(user, ['employment.manage'])) return null;
  const close = () => {
    setOpen(false);
    add.reset();
    form.resetFields();
  };
  const submit = (v: Values) =>
    add.mutate(
      {
        idNumber: normalize(v.idNumber ?? '').toUpperCase(),
        name: (v.name ?? '').trim(),
        phone: v.phone ? normalize(v.phone) : null,
        education: v.education?.trim() || null,
        tier: v.tier ?? null,
        post: (v.post ?? '').trim(),
        occupationCode: v.occupationCode ?? null,
        isDigitalPost: !!v.isDigitalPost,
        fromDate: v.fromDate!.format('YYYY-MM-DD'),
      },
      {
        onSuccess: (r) => {
          message.success(t(r.personCreated ? 'employee.add.doneNew' : 'employee.add.done', { name: v.name ?? '' }));
          close();
          navigate(`/persons/${r.personId}`);
        },
        onError: (e) => applyServerErrors(form, e, t),
      },
    );

  return (
    <>
      <Button type="primary" icon={<UserAddOutlined />} onClick={() => setOpen(true)} data-testid="employee-add-button">
        {t('employee.add.button')}
      </Button>
      <Modal
        open={open}
        title={t('employee.add.title', { org: user.orgName ?? '' })}
        onCancel={close}
        destroyOnHidden
        footer={
          <SubmitFooter
            onCancel={close}
            onSubmit={() => form.submit()}
            loading={add.isPending}
            label={t('employee.add.submit')}
            testId="employee-add-submit"
          />
        }
        data-testid="employee-add-modal"
      >
        <FormError error={add.error} testId="employee-add-error" />
        <Form
          form={form}
          name="employeeAdd"
          layout="vertical"
          initialValues={{ isDigitalPost: false }}
          onFinish={submit}
        >
          <Form.Item
            name="idNumber"
            label={t('person.idNumber')}
            rules={[rules.input('person.idNumber'), rules.idNumber]}
          >
            <Input maxLength={18} autoComplete="off" data-testid="employee-id-number" />
          </Form.Item>
          <Form.Item name="name" label={t('person.name')} rules={[rules.input('person.name'), rules.max(30)]}>
            <Input maxLength={30} data-testid="employee-name" />
          </Form.Item>
          <Form.Item name="phone" label={t('employee.phone')} rules={[rules.phone]}>
            <Input maxLength={11} data-testid="employee-phone" />
          </Form.Item>
          <Form.Item name="education" label={t('person.education')} rules={[rules.max(30)]}>
            <AutoComplete
              options={EDUCATION_OPTIONS.map((value) => ({ value }))}
              showSearch={{ filterOption: (input, option) => !!option?.value.includes(input.trim()) }}
              data-testid="employee-education"
            />
          </Form.Item>
          <Form.Item name="tier" label={t('person.tier')}>
            <Select
              allowClear
              options={TIER_CODES.map((c) => ({ value: c, label: tierLabel(c, t) }))}
              data-testid="employee-tier"
            />
          </Form.Item>
          <Form.Item name="post" label={t('employment.post')} rules={[rules.input('employment.post'), rules.max(100)]}>
            <Input maxLength={100} data-testid="employee-post" />
          </Form.Item>
          <Form.Item name="occupationCode" label={t('employment.occupation')}>
            <OccupationSelect data-testid="employee-occupation" />
          </Form.Item>
          <Form.Item name="isDigitalPost" valuePropName="checked">
            <Checkbox data-testid="employee-digital-post">{t('person.employment.digitalPost')}</Checkbox>
          </Form.Item>
          <Form.Item name="fromDate" label={t('employment.fromDate')} rules={[rules.select('employment.fromDate')]}>
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              data-testid="employee-from-date"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
