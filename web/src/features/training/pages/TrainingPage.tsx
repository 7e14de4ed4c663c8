import { Button, Card, Checkbox, Flex, Form, Input, InputNumber, Modal, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { FormError } from '../../../components/FormError';
import { LoadError } from '../../../components/LoadError';
import { useT } from '../../../i18n';
import { hasAnyPermission, useMe } from '../../auth/api';
import {
  PROGRAMME_PURPOSES,
  PROGRAMME_TYPES,
  useCreateProgramme,
  useProgrammes,
  type CreateProgrammeInput,
  type ProgrammeSummary,
} from '../api';
import { EnterpriseReportList } from './EnterpriseReportPage';

function NewProgramme({ onDone }: { onDone: (id: string) => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<CreateProgrammeInput>();
  const create = useCreateProgramme();
  const submit = async (v: CreateProgrammeInput) => {
    const p = await create.mutateAsync({
      ...v,
      digitalDomain: v.digitalDomain || null,
      occupationCode: v.occupationCode || null,
      partnerName: v.partnerName || null,
    });
    setOpen(false);
    form.resetFields();
    onDone(p.id);
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="training-new-programme">
        {t('training.newProgramme')}
      </Button>
      <Modal
        open={open}
        title={t('training.newProgramme')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        okButtonProps={{ 'data-testid': 'training-programme-save' }}
      >
        <FormError error={create.error} />
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v).catch(() => {})}
          initialValues={{ type: 'social', purpose: 'on_job', hours: 16, assessmentRequired: true }}
        >
          <Form.Item name="title" label={t('training.title')} rules={[{ required: true }]}>
            <Input data-testid="training-programme-title" />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item name="type" label={t('training.typeLabel')} style={{ flex: 1 }}>
              <Select
                data-testid="training-programme-type"
                options={PROGRAMME_TYPES.map((v) => ({ value: v, label: t(`training.type.${v}`) }))}
              />
            </Form.Item>
            <Form.Item name="purpose" label={t('training.purposeLabel')} style={{ flex: 1 }}>
              <Select options={PROGRAMME_PURPOSES.map((v) => ({ value: v, label: t(`training.purpose.${v}`) }))} />
            </Form.Item>
          </Flex>
          <Form.Item name="partnerName" label={t('training.partner')}>
            <Input />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item name="occupationCode" label={t('training.occupation')} style={{ flex: 1 }}>
              <Input placeholder="6-31-07-04" />
            </Form.Item>
            <Form.Item
              name="digitalDomain"
              label={t('training.domain')}
              tooltip={t('training.domainHint')}
              style={{ flex: 1 }}
            >
              <Input placeholder="DD07" data-testid="training-programme-domain" />
            </Form.Item>
          </Flex>
          <Flex gap={12}>
            <Form.Item name="tier" label={t('training.tier')} style={{ flex: 1 }}>
              <Select
                allowClear
                options={(['FRONTLINE', 'BACKBONE', 'MANAGER'] as const).map((v) => ({
                  value: v,
                  label: t(`training.tier.${v}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="hours" label={t('training.hours')} rules={[{ required: true }]} style={{ flex: 1 }}>
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
          <Form.Item name="assessmentRequired" valuePropName="checked">
            <Checkbox>{t('training.assessmentRequired')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 培训管理: the programmes in reach (own organisation, city, province); providers and enterprises register new ones. */
export function TrainingPage() {
  const t = useT();
  const navigate = useNavigate();
  const { data: user } = useMe();
  const [page, setPage] = useState(1);
  const [type, setType] = useState<string | undefined>();
  const list = useProgrammes({ type, page, pageSize: 20 });
  const canManage = hasAnyPermission(user, ['training.manage']);
  const isAdmin = hasAnyPermission(user, ['indicator.read']);
  if (list.isError) return <LoadError onRetry={() => void list.refetch()} />;
  return (
    <Flex vertical gap={16}>
      <Card
        title={t('training.programmes')}
        extra={
          <Flex gap={8}>
            <Select
              allowClear
              style={{ width: 160 }}
              placeholder={t('training.typeLabel')}
              value={type}
              onChange={(v) => {
                setType(v);
                setPage(1);
              }}
              options={PROGRAMME_TYPES.map((v) => ({ value: v, label: t(`training.type.${v}`) }))}
            />
            {canManage && <NewProgramme onDone={(id) => navigate(`/training/programmes/${id}`)} />}
          </Flex>
        }
      >
        <Table<ProgrammeSummary>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          onRow={(r) => ({ 'data-testid': `training-programme-row-${r.id}` }) as object}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
          columns={[
            {
              title: t('training.title'),
              dataIndex: 'title',
              render: (v: string, r) => (
                <Link to={`/training/programmes/${r.id}`} data-testid={`training-programme-link-${r.id}`}>
                  {v}
                </Link>
              ),
            },
            {
              title: t('training.typeLabel'),
              dataIndex: 'type',
              render: (v: string) => t(`training.type.${v}` as 'training.type.social'),
            },
            {
              title: t('training.purposeLabel'),
              dataIndex: 'purpose',
              render: (v: string) => t(`training.purpose.${v}` as 'training.purpose.on_job'),
            },
            { title: t('training.org'), dataIndex: 'orgName' },
            {
              title: t('training.digital'),
              dataIndex: 'digital',
              render: (v: boolean, r) => (v ? <Tag color="blue">{r.digitalDomain}</Tag> : '—'),
            },
            { title: t('training.hours'), dataIndex: 'hours' },
            { title: t('training.classes'), dataIndex: 'classes' },
          ]}
        />
      </Card>
      {isAdmin && <EnterpriseReportList />}
      {!list.data?.items.length && !list.isFetching && (
        <Typography.Text type="secondary">{t('learning.none')}</Typography.Text>
      )}
    </Flex>
  );
}
