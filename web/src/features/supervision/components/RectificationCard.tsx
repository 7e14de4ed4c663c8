import { App, Button, Card, DatePicker, Divider, Flex, Form, Input, Modal, Popconfirm, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { FormError } from '../../../components/FormError';
import { useT } from '../../../i18n';
import {
  useAcceptRectification,
  useCreateRectification,
  useRejectRectification,
  useReportRectification,
  useUploadRectificationEvidence,
  type Rectification,
} from '../api';
import { EvidenceList } from './EvidenceList';

const STATUS_COLORS: Record<Rectification['status'], string> = {
  open: 'processing',
  reported: 'warning',
  closed: 'success',
};

/** 下达整改事项 (province admin): what to rectify and by which day. */
function CreateRectificationForm({ year, city, today }: { year: number; city: string; today: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ description: string; deadline?: Dayjs }>();
  const create = useCreateRectification(year, city);
  const onFinish = (v: { description: string; deadline?: Dayjs }) =>
    create.mutate(
      { description: v.description, deadline: v.deadline!.format('YYYY-MM-DD') },
      {
        onSuccess: () => {
          message.success(t('supervision.rectCreated'));
          form.resetFields();
        },
      },
    );
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} data-testid="rect-create-form">
      <FormError error={create.error} testId="rect-create-error" />
      <Form.Item
        name="description"
        label={t('supervision.description')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('supervision.required', { field: t('supervision.description') }),
          },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} data-testid="rect-description" />
      </Form.Item>
      <Flex gap="small" align="end" wrap>
        <Form.Item
          name="deadline"
          label={t('supervision.deadline')}
          rules={[{ required: true, message: t('supervision.required', { field: t('supervision.deadline') }) }]}
          style={{ marginBottom: 0 }}
        >
          <DatePicker
            format="YYYY-MM-DD"
            disabledDate={(d) => d.format('YYYY-MM-DD') < today}
            data-testid="rect-deadline"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="rect-create">
          {t('supervision.addRect')}
        </Button>
      </Flex>
    </Form>
  );
}

/** 报送整改情况 (city admin): evidence files, then the text. */
function ReportForm({ item }: { item: Rectification }) {
  const t = useT();
  const { message } = App.useApp();
  const [text, setText] = useState(item.reportText ?? '');
  const report = useReportRectification();
  const uploadEvidence = useUploadRectificationEvidence();
  const upload = {
    mutate: (file: File, o: { onSuccess: () => void; onError: (e: Error) => void }) =>
      uploadEvidence.mutate({ id: item.id, file }, o),
    isPending: uploadEvidence.isPending,
    error: uploadEvidence.error,
  };
  return (
    <Flex vertical gap="small" style={{ marginTop: 8 }}>
      <FormError error={report.error} testId="rect-report-error" />
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('supervision.reportText')}
        autoSize={{ minRows: 2, maxRows: 8 }}
        maxLength={10000}
        data-testid="rect-report-text"
      />
      <Typography.Text type="secondary">{t('supervision.rectEvidence')}</Typography.Text>
      <EvidenceList files={item.evidence} editable upload={upload} testId="rect-evidence" />
      <div>
        <Button
          type="primary"
          disabled={!text.trim()}
          loading={report.isPending}
          onClick={() =>
            report.mutate({ id: item.id, text }, { onSuccess: () => message.success(t('supervision.reported')) })
          }
          data-testid="rect-report"
        >
          {t('supervision.report')}
        </Button>
      </div>
    </Flex>
  );
}

function ReviewActions({ item }: { item: Rectification }) {
  const t = useT();
  const { message } = App.useApp();
  const accept = useAcceptRectification();
  const reject = useRejectRectification();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <Flex gap="small" style={{ marginTop: 8 }}>
      <FormError error={accept.error} testId="rect-accept-error" />
      <Popconfirm
        title={t('supervision.accept')}
        onConfirm={() => accept.mutate(item.id, { onSuccess: () => message.success(t('supervision.accepted')) })}
      >
        <Button type="primary" loading={accept.isPending} data-testid="rect-accept">
          {t('supervision.accept')}
        </Button>
      </Popconfirm>
      <Button onClick={() => setOpen(true)} data-testid="rect-reject">
        {t('supervision.reject')}
      </Button>
      <Modal
        open={open}
        title={t('supervision.reject')}
        onCancel={() => setOpen(false)}
        onOk={() =>
          reject.mutate(
            { id: item.id, reason },
            {
              onSuccess: () => {
                message.success(t('supervision.rejected'));
                setOpen(false);
                setReason('');
              },
            },
          )
        }
        okButtonProps={{ disabled: !reason.trim(), loading: reject.isPending }}
        destroyOnHidden
      >
        <FormError error={reject.error} testId="rect-reject-error" />
        <Typography.Paragraph>{t('supervision.rejectReason')}</Typography.Paragraph>
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          autoSize={{ minRows: 3 }}
          maxLength={2000}
          data-testid="rect-reject-reason"
        />
      </Modal>
    </Flex>
  );
}

/** 整改事项 of a city-year: the province creates and closes them, the city reports its rectification. */
export function RectificationCard({
  year,
  city,
  today,
  items,
  canSubmit,
  canReview,
}: {
  year: number;
  city: string;
  today: string;
  items: Rectification[];
  canSubmit: boolean;
  canReview: boolean;
}) {
  const t = useT();
  return (
    <Card title={t('supervision.rectifications')} data-testid="rect-card">
      {items.length === 0 ? <Typography.Text type="secondary">{t('supervision.noRect')}</Typography.Text> : null}
      {items.map((r, i) => (
        <div key={r.id} data-testid="rect-item">
          {i > 0 ? <Divider style={{ margin: '12px 0' }} /> : null}
          <Flex gap="small" align="center" wrap>
            <Tag color={STATUS_COLORS[r.status]} data-testid="rect-status">
              {r.statusLabel}
            </Tag>
            {r.overdue ? <Tag color="error">{t('supervision.overdue')}</Tag> : null}
            <Typography.Text type="secondary">
              {t('supervision.deadline')}：{dayjs(r.deadline).format('YYYY-MM-DD')}
            </Typography.Text>
          </Flex>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '8px 0 0' }}>
            {r.description}
          </Typography.Paragraph>
          {r.rejectReason ? (
            <Typography.Text type="warning">{t('supervision.lastReject', { reason: r.rejectReason })}</Typography.Text>
          ) : null}
          {r.status !== 'open' && r.reportText ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '8px 0 0' }}>
              {t('supervision.reportText')}：{r.reportText}
            </Typography.Paragraph>
          ) : null}
          {canSubmit && r.status === 'open' ? (
            <ReportForm item={r} />
          ) : r.evidence.length ? (
            <EvidenceList files={r.evidence} editable={false} testId="rect-evidence" />
          ) : null}
          {canReview && r.status === 'reported' ? <ReviewActions item={r} /> : null}
        </div>
      ))}
      {canReview ? (
        <>
          <Divider titlePlacement="start">{t('supervision.addRect')}</Divider>
          <CreateRectificationForm year={year} city={city} today={today} />
        </>
      ) : null}
    </Card>
  );
}
