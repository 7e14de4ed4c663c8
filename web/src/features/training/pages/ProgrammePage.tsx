import { ArrowLeftOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Spin, Table, Tag, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { FormError } from '../../../components/FormError';
import { LoadError } from '../../../components/LoadError';
import { useT } from '../../../i18n';
import { hasAnyPermission, useMe } from '../../auth/api';
import { useAddFileLesson, useAddLinkLesson, useCreateClass, useProgramme, type ProgrammeDetail } from '../api';
import { shanghaiWallToIso } from '../../../lib/time';

function NewClass({ programmeId }: { programmeId: string }) {
  const t = useT();
  const navigate = useNavigate();
  const create = useCreateClass(programmeId);
  const [form] = Form.useForm<{ name: string; capacity: number | null; sessions: { range: [Dayjs, Dayjs] }[] }>();
  return (
    <Card title={t('training.newClass')} size="small">
      <FormError error={create.error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ capacity: 30, sessions: [{}] }}
        onFinish={(v) =>
          void create
            .mutateAsync({
              name: v.name,
              capacity: v.capacity ?? null,
              sessions: (v.sessions ?? [])
                .filter((s) => s?.range)
                .map((s) => ({
                  // Picked as Shanghai wall-clock times, whatever the browser's time zone.
                  startsAt: shanghaiWallToIso(s.range[0].format('YYYY-MM-DDTHH:mm:ss')),
                  endsAt: shanghaiWallToIso(s.range[1].format('YYYY-MM-DDTHH:mm:ss')),
                })),
            })
            .then((c) => navigate(`/training/classes/${c.id}`))
            .catch(() => {})
        }
      >
        <Flex gap={12}>
          <Form.Item name="name" label={t('training.className')} rules={[{ required: true }]} style={{ flex: 2 }}>
            <Input data-testid="training-class-name" />
          </Form.Item>
          <Form.Item name="capacity" label={t('training.capacity')} style={{ flex: 1 }}>
            <InputNumber min={1} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.List name="sessions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="baseline">
                  <Form.Item
                    name={[f.name, 'range']}
                    label={`${t('training.sessions')} ${i + 1}`}
                    rules={[{ required: true }]}
                  >
                    <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
                  </Form.Item>
                  <Button type="link" onClick={() => remove(f.name)}>
                    ×
                  </Button>
                </Flex>
              ))}
              <Button onClick={() => add({})}>{t('training.addSession')}</Button>
            </>
          )}
        </Form.List>
        <Button
          type="primary"
          htmlType="submit"
          loading={create.isPending}
          style={{ marginTop: 12 }}
          data-testid="training-class-save"
        >
          {t('training.newClass')}
        </Button>
      </Form>
    </Card>
  );
}

function Lessons({ p, canManage }: { p: ProgrammeDetail; canManage: boolean }) {
  const t = useT();
  const link = useAddLinkLesson(p.id);
  const file = useAddFileLesson(p.id);
  const [minutes, setMinutes] = useState(45);
  const [form] = Form.useForm<{ title: string; minutes: number; url: string }>();
  return (
    <Card title={t('training.lessons')} size="small">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={p.lessons}
        columns={[
          { title: '#', dataIndex: 'seq', width: 50 },
          { title: t('training.lessonTitle'), dataIndex: 'title' },
          { title: t('training.minutes'), dataIndex: 'minutes' },
          { title: t('training.url'), render: (_, l) => l.url ?? `${l.fileName} · ${l.sha256?.slice(0, 12)}…` },
        ]}
      />
      {canManage && (
        <Flex vertical gap={8} style={{ marginTop: 12 }}>
          <FormError error={link.error ?? file.error} />
          <Form
            form={form}
            layout="inline"
            initialValues={{ minutes: 45 }}
            onFinish={(v) =>
              void link
                .mutateAsync(v)
                .then(() => form.resetFields())
                .catch(() => {})
            }
          >
            <Form.Item name="title" rules={[{ required: true }]}>
              <Input placeholder={t('training.lessonTitle')} />
            </Form.Item>
            <Form.Item name="minutes">
              <InputNumber min={1} />
            </Form.Item>
            <Form.Item name="url" rules={[{ required: true }]}>
              <Input placeholder="https://" style={{ width: 260 }} />
            </Form.Item>
            <Button htmlType="submit" loading={link.isPending}>
              {t('training.addLink')}
            </Button>
          </Form>
          <Flex gap={8} align="center">
            <InputNumber
              min={1}
              value={minutes}
              onChange={(v) => setMinutes(v ?? 45)}
              addonAfter={t('training.minutes')}
            />
            <Upload
              showUploadList={false}
              accept=".pdf,.pptx,.docx,.mp4,.jpg,.jpeg,.png"
              beforeUpload={(f) => {
                void file.mutateAsync({ file: f, minutes }).catch(() => {});
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={file.isPending}>
                {t('training.uploadLesson')}
              </Button>
            </Upload>
          </Flex>
        </Flex>
      )}
    </Card>
  );
}

/** One programme: its facts, its classes (or the cloud course's lessons), a new class. */
export function ProgrammePage() {
  const t = useT();
  const { id } = useParams();
  const { data: user } = useMe();
  const q = useProgramme(id);
  if (q.isError) return <LoadError onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin />;
  const p = q.data;
  const canManage = hasAnyPermission(user, ['training.manage']) && user?.orgId === p.orgId;
  return (
    <Flex vertical gap={16}>
      <Link to="/training">
        <ArrowLeftOutlined /> {t('training.back')}
      </Link>
      <Card title={p.title} extra={<Tag>{t(`training.type.${p.type}` as 'training.type.social')}</Tag>}>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('training.purposeLabel')}>
            {t(`training.purpose.${p.purpose}` as 'training.purpose.on_job')}
          </Descriptions.Item>
          <Descriptions.Item label={t('training.org')}>{p.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('training.partner')}>{p.partnerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('training.occupation')}>{p.occupationCode ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('training.domain')}>{p.digitalDomain ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('training.hours')}>{p.hours}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('training.classes')} size="small">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={p.classList}
          onRow={(c) => ({ 'data-testid': `training-class-row-${c.id}` }) as object}
          columns={[
            {
              title: t('training.className'),
              dataIndex: 'name',
              render: (v: string, c) => (
                <Link to={`/training/classes/${c.id}`} data-testid={`training-class-link-${c.id}`}>
                  {v}
                </Link>
              ),
            },
            { title: t('training.status'), dataIndex: 'statusLabel' },
            { title: t('training.enrolled'), render: (_, c) => `${c.enrolled}${c.capacity ? ` / ${c.capacity}` : ''}` },
            { title: t('training.sessions'), dataIndex: 'sessions' },
          ]}
        />
      </Card>
      {p.type === 'cloud' ? <Lessons p={p} canManage={canManage} /> : canManage && <NewClass programmeId={p.id} />}
    </Flex>
  );
}
