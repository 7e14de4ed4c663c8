import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { FormError } from '../../../components/FormError';
import { LoadError } from '../../../components/LoadError';
import { useT } from '../../../i18n';
import {
  REPORT_YEARS,
  useEnterpriseReport,
  useEnterpriseReports,
  useSaveReport,
  useSubmitReport,
  type EnterpriseReport,
  type SaveReportInput,
} from '../api';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
const defaultYear = () => Math.min(Math.max(new Date().getFullYear(), 2025), 2030);

/** 企业年度培训报告 (enterprise): in-house summary and education funds, with the ≥ 60 % warning. */
export function EnterpriseReportPage() {
  const t = useT();
  const { message } = App.useApp();
  const [year, setYear] = useState(defaultYear());
  const q = useEnterpriseReport(year);
  const save = useSaveReport(year);
  const submit = useSubmitReport(year);
  const [form] = Form.useForm<SaveReportInput>();
  const r = q.data;
  useEffect(() => {
    if (r) form.setFieldsValue(r as SaveReportInput);
  }, [r, form]);
  if (q.isError) return <LoadError onRetry={() => void q.refetch()} />;
  if (!r) return <Spin />;
  const editable = r.status === 'draft';
  const money = { min: 0, precision: 2, style: { width: '100%' } };
  return (
    <Card
      title={t('entReport.title')}
      extra={
        <Flex gap={8} align="center">
          <Tag>{r.statusLabel}</Tag>
          <Select
            value={year}
            onChange={setYear}
            options={REPORT_YEARS.map((y) => ({ value: y, label: y }))}
            data-testid="report-year"
          />
        </Flex>
      }
    >
      {r.warning && (
        <Alert type="warning" showIcon title={r.warning} style={{ marginBottom: 16 }} data-testid="report-warning" />
      )}
      <FormError error={save.error ?? submit.error} />
      <Form
        form={form}
        layout="vertical"
        disabled={!editable}
        onFinish={(v) =>
          void save
            .mutateAsync(v)
            .then(() => message.success(t('entReport.saved')))
            .catch(() => {})
        }
      >
        <Typography.Title level={5}>{t('entReport.summary')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('entReport.recorded', r.recorded)}</Typography.Paragraph>
        <Flex gap={12}>
          <Form.Item name="sessions" label={t('entReport.sessions')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="report-sessions" />
          </Form.Item>
          <Form.Item
            name="personTimes"
            label={t('entReport.personTimes')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="report-person-times" />
          </Form.Item>
          <Form.Item
            name="frontlinePersonTimes"
            label={t('entReport.frontlinePersonTimes')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="report-frontline-person-times" />
          </Form.Item>
        </Flex>
        <Typography.Title level={5}>{t('entReport.funds')}</Typography.Title>
        <Flex gap={12}>
          <Form.Item
            name="fundsExtracted"
            label={t('entReport.extracted')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <InputNumber {...money} data-testid="report-funds-extracted" />
          </Form.Item>
          <Form.Item name="fundsUsed" label={t('entReport.used')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <InputNumber {...money} data-testid="report-funds-used" />
          </Form.Item>
          <Form.Item
            name="fundsFrontline"
            label={t('entReport.frontline')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <InputNumber {...money} data-testid="report-funds-frontline" />
          </Form.Item>
        </Flex>
        <Typography.Paragraph>
          {t('entReport.share')}：<b data-testid="report-share">{pct(r.frontlineFundShare)}</b>（
          {t('entReport.requirement', { pct: Math.round(r.rule.frontlineMinShare * 100) })}）
        </Typography.Paragraph>
        <Form.Item name="note" label={t('entReport.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {editable && (
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="report-save">
              {t('entReport.save')}
            </Button>
            <Popconfirm
              title={t('entReport.submitConfirm')}
              onConfirm={() => void submit.mutateAsync().catch(() => {})}
            >
              <Button disabled={!r.id} loading={submit.isPending} data-testid="report-submit">
                {t('entReport.submit')}
              </Button>
            </Popconfirm>
          </Flex>
        )}
      </Form>
    </Card>
  );
}

/** The province's or a city's view: every report of a year with the C1 check. */
export function EnterpriseReportList() {
  const t = useT();
  const [year, setYear] = useState(defaultYear());
  const q = useEnterpriseReports(year);
  const s = q.data?.summary;
  return (
    <Card
      title={t('entReport.list')}
      extra={<Select value={year} onChange={setYear} options={REPORT_YEARS.map((y) => ({ value: y, label: y }))} />}
    >
      {s && (
        <Typography.Paragraph>
          {t('entReport.reporting', { n: s.reporting, meeting: s.meeting, share: pct(s.share) })}
        </Typography.Paragraph>
      )}
      <Table<EnterpriseReport>
        rowKey="orgId"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={[
          { title: t('entReport.enterprise'), dataIndex: 'orgName' },
          { title: t('training.status'), dataIndex: 'statusLabel' },
          { title: t('entReport.personTimes'), dataIndex: 'personTimes' },
          { title: t('entReport.used'), dataIndex: 'fundsUsed' },
          { title: t('entReport.frontline'), dataIndex: 'fundsFrontline' },
          {
            title: t('entReport.share'),
            render: (_, r) => (
              <span>
                {pct(r.frontlineFundShare)}{' '}
                {r.meetsFrontlineRule === false ? (
                  <Tag color="orange">{r.warning ? '< ' + Math.round(r.rule.frontlineMinShare * 100) + '%' : ''}</Tag>
                ) : r.meetsFrontlineRule ? (
                  <Tag color="green">{t('entReport.meets')}</Tag>
                ) : null}
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}
