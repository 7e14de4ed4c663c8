import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { applyServerErrors } from '../../../api/formErrors';
import { FormError } from '../../../components/FormError';
import { LoadError } from '../../../components/LoadError';
import { SubmitFooter } from '../../../components/SubmitFooter';
import { usePageParams } from '../../../hooks/usePageParams';
import { useUrlFilters } from '../../../hooks/useUrlFilters';
import { useT } from '../../../i18n';
import { useRules } from '../../../lib/rules';
import { hasAnyPermission, useMe } from '../../auth/api';
import { useCreateEvent, useEvents, type EventStatus, type MatchEvent } from '../api';
import { EVENT_STATUS_COLORS, EVENT_STATUS_LABELS, EVENT_STATUSES } from '../components/labels';
import { ChainSelect, CitySelect } from '../components/refSelects';

interface EventValues {
  title?: string;
  cityCode?: string;
  date?: Dayjs;
  chains?: string[];
  venue?: string;
  description?: string;
}

/** 新建活动: city, date, chains, venue (event.manage). */
function EventFormModal({ defaultCity, onClose }: { defaultCity?: string; onClose: () => void }) {
  const t = useT();
  const rules = useRules();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<EventValues>();
  const create = useCreateEvent();
  const submit = (v: EventValues) =>
    create.mutate(
      {
        title: (v.title ?? '').trim(),
        cityCode: v.cityCode!,
        date: v.date!.format('YYYY-MM-DD'),
        chains: v.chains ?? [],
        venue: v.venue?.trim() || null,
        description: v.description?.trim() || null,
      },
      {
        onSuccess: (e) => {
          message.success(t('matching.events.created'));
          onClose();
          navigate(`/matching/events/${e.id}`);
        },
        onError: (e) => applyServerErrors(form, e, t),
      },
    );
  return (
    <Modal
      open
      title={t('matching.events.new')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <SubmitFooter
          onCancel={onClose}
          onSubmit={() => form.submit()}
          loading={create.isPending}
          label={t('common.create')}
          testId="event-form-submit"
        />
      }
    >
      <FormError error={create.error} testId="event-form-error" />
      <Form form={form} layout="vertical" initialValues={{ cityCode: defaultCity, chains: [] }} onFinish={submit}>
        <Form.Item
          name="title"
          label={t('matching.events.name')}
          rules={[rules.input('matching.events.name'), rules.max(100)]}
        >
          <Input maxLength={100} data-testid="event-form-title" />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item
            name="cityCode"
            label={t('matching.events.city')}
            rules={[rules.select('matching.events.city')]}
            style={{ flex: 1 }}
          >
            <CitySelect data-testid="event-form-city" />
          </Form.Item>
          <Form.Item
            name="date"
            label={t('matching.events.date')}
            rules={[rules.select('matching.events.date')]}
            style={{ flex: 1 }}
          >
            <DatePicker style={{ width: '100%' }} data-testid="event-form-date" />
          </Form.Item>
        </Flex>
        <Form.Item name="chains" label={t('matching.events.chains')}>
          <ChainSelect multiple data-testid="event-form-chains" />
        </Form.Item>
        <Form.Item name="venue" label={t('matching.events.venue')} rules={[rules.max(200)]}>
          <Input maxLength={200} data-testid="event-form-venue" />
        </Form.Item>
        <Form.Item name="description" label={t('matching.demand.description')} rules={[rules.max(5000)]}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const YEARS = [2026, 2027, 2028, 2029, 2030];

/** 对接活动: the events within reach (city, year, status), each with its invite and check-in counts. */
export function EventsPage() {
  const t = useT();
  const { data: user } = useMe();
  const canManage = hasAnyPermission(user, ['event.manage']);
  const [filters, setFilters] = useUrlFilters(['city', 'year', 'status'] as const);
  const { page, pageSize, setPage } = usePageParams(20);
  const events = useEvents({ page, pageSize, ...filters });
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<MatchEvent> = [
    {
      title: t('matching.events.name'),
      dataIndex: 'title',
      render: (title: string, e) => (
        <Link to={`/matching/events/${e.id}`} data-testid={`event-link-${e.id}`}>
          {title}
        </Link>
      ),
    },
    { title: t('matching.events.city'), dataIndex: 'cityName' },
    { title: t('matching.events.date'), dataIndex: 'date' },
    {
      title: t('matching.events.status'),
      dataIndex: 'status',
      render: (s: EventStatus) => <Tag color={EVENT_STATUS_COLORS[s]}>{t(EVENT_STATUS_LABELS[s])}</Tag>,
    },
    {
      title: t('matching.events.enterprises'),
      key: 'ent',
      align: 'right',
      render: (_: unknown, e) => `${e.enterprisesCheckedIn} / ${e.enterprisesInvited}`,
    },
    {
      title: t('matching.events.invitees'),
      key: 'tal',
      align: 'right',
      render: (_: unknown, e) => `${e.talentsCheckedIn} / ${e.talentsInvited}`,
    },
  ];

  return (
    <div data-testid="events-page">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3}>{t('matching.events.title')}</Typography.Title>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="event-new">
            {t('matching.events.new')}
          </Button>
        )}
      </Flex>
      <Typography.Paragraph type="secondary">{t('matching.events.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <CitySelect
          placeholder={t('matching.events.city')}
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
        <Select
          allowClear
          placeholder={t('matching.events.status')}
          style={{ width: 120 }}
          value={filters.status}
          onChange={(status?: string) => setFilters({ status })}
          options={EVENT_STATUSES.map((s) => ({ value: s, label: t(EVENT_STATUS_LABELS[s]) }))}
        />
        <Typography.Text type="secondary">
          {t('matching.events.countNote', { checkedIn: t('matching.events.checkedIn') })}
        </Typography.Text>
      </Space>
      {events.isError ? (
        <LoadError onRetry={() => void events.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="middle"
          loading={events.isFetching}
          columns={columns}
          dataSource={events.data?.items ?? []}
          locale={{ emptyText: t('matching.events.none') }}
          pagination={{
            current: page,
            pageSize,
            total: events.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: setPage,
          }}
          data-testid="events-table"
        />
      )}
      {creating && <EventFormModal defaultCity={user?.cityCode ?? undefined} onClose={() => setCreating(false)} />}
    </div>
  );
}
