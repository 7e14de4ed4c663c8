import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { applyServerErrors } from '../../../api/formErrors';
import { FormError } from '../../../components/FormError';
import { LoadError } from '../../../components/LoadError';
import { SubmitFooter } from '../../../components/SubmitFooter';
import { usePageParams } from '../../../hooks/usePageParams';
import { useUrlFilters } from '../../../hooks/useUrlFilters';
import { useT } from '../../../i18n';
import { useRules } from '../../../lib/rules';
import { OrganisationSelect } from '../../organisations/components/OrganisationSelect';
import { PersonSelect } from '../../persons/components/PersonSelect';
import { useCreateVisit, useVisits, type Visit } from '../api';
import { CitySelect } from '../components/refSelects';

interface Values {
  expertPersonId?: string;
  orgId?: string;
  date?: Dayjs;
  topic?: string;
  outcome?: string;
}

/** 登记走访: the expert (a person of the registry), the enterprise, the day, topic and outcome. */
function VisitFormModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const rules = useRules();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateVisit();
  const submit = (v: Values) =>
    create.mutate(
      {
        expertPersonId: v.expertPersonId!,
        orgId: v.orgId!,
        date: v.date!.format('YYYY-MM-DD'),
        topic: (v.topic ?? '').trim(),
        outcome: (v.outcome ?? '').trim(),
      },
      {
        onSuccess: () => {
          message.success(t('matching.visits.created'));
          onClose();
        },
        onError: (e) => applyServerErrors(form, e, t),
      },
    );
  return (
    <Modal
      open
      title={t('matching.visits.new')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <SubmitFooter
          onCancel={onClose}
          onSubmit={() => form.submit()}
          loading={create.isPending}
          label={t('common.save')}
          testId="visit-form-submit"
        />
      }
    >
      <FormError error={create.error} testId="visit-form-error" />
      <Form form={form} layout="vertical" initialValues={{ date: dayjs() }} onFinish={submit}>
        <Form.Item
          name="expertPersonId"
          label={t('matching.visits.expert')}
          rules={[rules.select('matching.visits.expert')]}
        >
          <PersonSelect onPick={(p) => form.setFieldValue('expertPersonId', p?.id)} data-testid="visit-form-expert" />
        </Form.Item>
        <Form.Item
          name="orgId"
          label={t('matching.visits.enterprise')}
          rules={[rules.select('matching.visits.enterprise')]}
        >
          <OrganisationSelect data-testid="visit-form-org" />
        </Form.Item>
        <Form.Item name="date" label={t('matching.visits.date')} rules={[rules.select('matching.visits.date')]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="visit-form-date" />
        </Form.Item>
        <Form.Item
          name="topic"
          label={t('matching.visits.topic')}
          rules={[rules.input('matching.visits.topic'), rules.max(200)]}
        >
          <Input maxLength={200} data-testid="visit-form-topic" />
        </Form.Item>
        <Form.Item
          name="outcome"
          label={t('matching.visits.outcome')}
          rules={[rules.input('matching.visits.outcome'), rules.max(2000)]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="visit-form-outcome" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const YEARS = [2026, 2027, 2028, 2029, 2030];

/** 助企行 (劳模工匠助企行): expert service visits to enterprises, by city and year. */
export function VisitsPage() {
  const t = useT();
  const [filters, setFilters] = useUrlFilters(['city', 'year'] as const);
  const { page, pageSize, setPage } = usePageParams(20);
  const visits = useVisits({ page, pageSize, ...filters });
  const [creating, setCreating] = useState(false);
  return (
    <div data-testid="visits-page">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3}>{t('matching.visits.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="visit-new">
          {t('matching.visits.new')}
        </Button>
      </Flex>
      <Space wrap style={{ marginBottom: 16 }}>
        <CitySelect
          placeholder={t('matching.visits.city')}
          style={{ width: 130 }}
          value={filters.city}
          onChange={(city) => setFilters({ city: city as string | undefined })}
        />
        <Select
          allowClear
          placeholder={t('supervision.year')}
          style={{ width: 100 }}
          value={filters.year ? Number(filters.year) : undefined}
          onChange={(y?: number) => setFilters({ year: y ? String(y) : undefined })}
          options={YEARS.map((y) => ({ value: y, label: `${y}` }))}
        />
      </Space>
      {visits.isError ? (
        <LoadError onRetry={() => void visits.refetch()} />
      ) : (
        <Table<Visit>
          rowKey="id"
          size="middle"
          loading={visits.isFetching}
          columns={[
            { title: t('matching.visits.date'), dataIndex: 'date' },
            { title: t('matching.visits.expert'), dataIndex: 'expertName' },
            { title: t('matching.visits.enterprise'), dataIndex: 'orgName' },
            { title: t('matching.visits.city'), dataIndex: 'cityName' },
            { title: t('matching.visits.topic'), dataIndex: 'topic' },
            { title: t('matching.visits.outcome'), dataIndex: 'outcome', ellipsis: true },
          ]}
          dataSource={visits.data?.items ?? []}
          locale={{ emptyText: t('matching.visits.none') }}
          pagination={{
            current: page,
            pageSize,
            total: visits.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: setPage,
          }}
          data-testid="visits-table"
        />
      )}
      {creating && <VisitFormModal onClose={() => setCreating(false)} />}
    </div>
  );
}
