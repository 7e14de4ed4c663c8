import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
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
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useState } from 'react';
import { isApiError } from '../../../api/client';
import { FormError } from '../../../components/FormError';
import { useT } from '../../../i18n';
import { RUBRIC_MAX_ITEMS, useSaveRubric, type Rubric, type RubricItem } from '../api';
import { DEFAULT_RUBRIC } from '../rubric';

/** One row as the form holds it: a new row starts empty. */
type Row = { key?: string; title?: string; maxPoints?: number | null; description?: string };
type RubricForm = { items: Row[] };

/** contracts/supervision.ts RubricItem: the code's pattern and the points' bound, checked here before sending. */
const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
const MAX_POINTS = 1000;

const round1 = (n: number) => Math.round(n * 10) / 10;
const totalOf = (rows: readonly Row[]) => round1(rows.reduce((a, r) => a + (r?.maxPoints ?? 0), 0));
const rowsOf = (items: readonly RubricItem[]): Row[] => items.map((i) => ({ ...i, description: i.description ?? '' }));

/** What is sent: trimmed texts, no empty description. The server checks the rest (codes, repeats, bounds). */
function rubricOf(rows: readonly Row[]): Rubric {
  return {
    items: rows.map((r) => {
      const description = r?.description?.trim();
      return {
        key: r?.key?.trim() ?? '',
        title: r?.title?.trim() ?? '',
        maxPoints: r?.maxPoints ?? 0,
        ...(description ? { description } : {}),
      };
    }),
  };
}

const same = (a: Rubric, b: Rubric) => JSON.stringify(a) === JSON.stringify(b);

/** The server's list of what is wrong with the rubric (settings: details.issues), without repeats. */
function issuesOf(error: unknown): string[] {
  if (!isApiError(error) || typeof error.details !== 'object' || error.details === null) return [];
  const issues = (error.details as { issues?: unknown }).issues;
  return Array.isArray(issues) ? [...new Set(issues.filter((i): i is string => typeof i === 'string'))] : [];
}

/**
 * 评分细则 (province admin, settings.edit): the rubric's items with 代码, 名称, 分值 and 说明,
 * added, removed and reordered in a form; the total follows as one types. Saving sends the whole
 * rubric (PUT /api/settings/supervision.rubric); on an error the form keeps every edit and shows
 * the server's words. 恢复默认 fills in the default rubric, to be saved like any edit.
 */
export function RubricEditor({ rubric }: { rubric: RubricItem[] }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<RubricForm>();
  const save = useSaveRubric();
  /** The rubric as last read or saved: what 撤销修改 goes back to and what "unsaved" compares with. */
  const [saved, setSaved] = useState<Rubric>(() => rubricOf(rowsOf(rubric)));
  const watched = Form.useWatch('items', form);
  const rows = watched ?? rowsOf(saved.items);
  const total = totalOf(rows);
  const dirty = !same(rubricOf(rows), saved);
  const issues = issuesOf(save.error);
  const defaultTotal = totalOf(DEFAULT_RUBRIC.items);

  // Leaving the page (reload, close) with unsaved edits asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const fill = (items: readonly RubricItem[]) => {
    form.resetFields();
    form.setFieldsValue({ items: rowsOf(items) });
  };
  const onSave = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    save.mutate(rubricOf(v.items), {
      onSuccess: (r) => {
        setSaved(r);
        fill(r.items);
        message.success(t('supervision.rubric.saved'));
      },
    });
  };
  const onDefault = () => {
    save.reset();
    fill(DEFAULT_RUBRIC.items);
    message.info(t('supervision.rubric.defaultFilled'));
  };
  const onDiscard = () => {
    save.reset();
    fill(saved.items);
  };

  return (
    <Card
      title={t('supervision.rubric')}
      data-testid="rubric-editor"
      extra={
        <Space wrap>
          {dirty ? (
            <Tag color="orange" data-testid="rubric-dirty">
              {t('supervision.rubric.unsaved')}
            </Tag>
          ) : null}
          <Popconfirm title={t('supervision.rubric.defaultConfirm', { total: defaultTotal })} onConfirm={onDefault}>
            <Button data-testid="rubric-default">{t('supervision.rubric.default')}</Button>
          </Popconfirm>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('supervision.rubric.intro')}</Typography.Paragraph>
      {issues.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={isApiError(save.error) ? save.error.message : ''}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {issues.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          }
          data-testid="rubric-error"
        />
      ) : (
        <FormError error={save.error} testId="rubric-error" />
      )}
      <Form form={form} initialValues={{ items: rowsOf(saved.items) }} component={false} disabled={save.isPending}>
        <Form.List name="items">
          {(fields, { add, remove, move }) => {
            const columns: TableColumnsType<(typeof fields)[number]> = [
              { title: t('supervision.rubric.no'), key: 'no', width: 56, render: (_, _f, i) => i + 1 },
              {
                title: t('supervision.rubric.key'),
                key: 'key',
                width: 190,
                render: (_, f, i) => (
                  <Form.Item
                    name={[f.name, 'key']}
                    rules={[
                      { required: true, whitespace: true, message: t('supervision.rubric.keyRequired') },
                      { pattern: KEY_PATTERN, message: t('supervision.rubric.keyPattern') },
                      {
                        validator: (_r, v: unknown) =>
                          typeof v === 'string' &&
                          v.trim() !== '' &&
                          (form.getFieldValue('items') as Row[]).filter((x) => x?.key?.trim() === v.trim()).length > 1
                            ? Promise.reject(new Error(t('supervision.rubric.keyRepeated')))
                            : Promise.resolve(),
                      },
                    ]}
                    style={{ marginBottom: 0 }}
                  >
                    <Input
                      maxLength={40}
                      placeholder={t('supervision.rubric.keyPlaceholder')}
                      aria-label={`${t('supervision.rubric.key')} ${i + 1}`}
                      data-testid={`rubric-key-${i}`}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('supervision.rubric.title'),
                key: 'title',
                width: 200,
                render: (_, f, i) => (
                  <Form.Item
                    name={[f.name, 'title']}
                    rules={[{ required: true, whitespace: true, message: t('supervision.rubric.titleRequired') }]}
                    style={{ marginBottom: 0 }}
                  >
                    <Input
                      maxLength={50}
                      aria-label={`${t('supervision.rubric.title')} ${i + 1}`}
                      data-testid={`rubric-title-${i}`}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('supervision.maxPoints'),
                key: 'maxPoints',
                width: 120,
                align: 'right',
                render: (_, f, i) => (
                  <Form.Item
                    name={[f.name, 'maxPoints']}
                    rules={[
                      { required: true, message: t('supervision.rubric.pointsRequired') },
                      {
                        validator: (_r, v: unknown) =>
                          typeof v === 'number' && !(v > 0 && v <= MAX_POINTS)
                            ? Promise.reject(new Error(t('supervision.rubric.pointsRange', { max: MAX_POINTS })))
                            : Promise.resolve(),
                      },
                    ]}
                    style={{ marginBottom: 0 }}
                  >
                    <InputNumber<number>
                      min={0}
                      max={MAX_POINTS}
                      precision={1}
                      step={1}
                      style={{ width: '100%' }}
                      aria-label={`${t('supervision.maxPoints')} ${i + 1}`}
                      data-testid={`rubric-points-${i}`}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('supervision.rubric.description'),
                key: 'description',
                render: (_, f, i) => (
                  <Form.Item name={[f.name, 'description']} style={{ marginBottom: 0 }}>
                    <Input.TextArea
                      autoSize={{ minRows: 1, maxRows: 4 }}
                      maxLength={500}
                      aria-label={`${t('supervision.rubric.description')} ${i + 1}`}
                      data-testid={`rubric-description-${i}`}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('supervision.rubric.actions'),
                key: 'actions',
                width: 130,
                render: (_, f, i) => (
                  <Space size={0}>
                    <Tooltip title={t('supervision.rubric.up')}>
                      <Button
                        type="text"
                        size="small"
                        icon={<ArrowUpOutlined />}
                        disabled={i === 0}
                        onClick={() => move(i, i - 1)}
                        aria-label={`${t('supervision.rubric.up')} ${i + 1}`}
                        data-testid={`rubric-up-${i}`}
                      />
                    </Tooltip>
                    <Tooltip title={t('supervision.rubric.down')}>
                      <Button
                        type="text"
                        size="small"
                        icon={<ArrowDownOutlined />}
                        disabled={i === fields.length - 1}
                        onClick={() => move(i, i + 1)}
                        aria-label={`${t('supervision.rubric.down')} ${i + 1}`}
                        data-testid={`rubric-down-${i}`}
                      />
                    </Tooltip>
                    <Tooltip title={t('supervision.rubric.remove')}>
                      <Button
                        type="text"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        disabled={fields.length <= 1}
                        onClick={() => remove(f.name)}
                        aria-label={`${t('supervision.rubric.remove')} ${i + 1}`}
                        data-testid={`rubric-remove-${i}`}
                      />
                    </Tooltip>
                  </Space>
                ),
              },
            ];
            return (
              <>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="key"
                  dataSource={fields}
                  columns={columns}
                  scroll={{ x: 900 }}
                  summary={() => (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0} colSpan={3}>
                        <Typography.Text strong>{t('supervision.rubric.total')}</Typography.Text>
                        <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                          {t('supervision.rubric.count', { count: fields.length, max: RUBRIC_MAX_ITEMS })}
                        </Typography.Text>
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={3} align="right">
                        <Typography.Text strong data-testid="rubric-total">
                          {total}
                        </Typography.Text>
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={4} colSpan={2} />
                    </Table.Summary.Row>
                  )}
                />
                <Button
                  type="dashed"
                  block
                  icon={<PlusOutlined />}
                  disabled={fields.length >= RUBRIC_MAX_ITEMS}
                  onClick={() => add({ key: '', title: '', maxPoints: null, description: '' })}
                  style={{ marginTop: 12 }}
                  data-testid="rubric-add"
                >
                  {t('supervision.rubric.add')}
                </Button>
              </>
            );
          }}
        </Form.List>
      </Form>
      <Flex justify="flex-end" gap="small" style={{ marginTop: 16 }}>
        <Button disabled={!dirty || save.isPending} onClick={onDiscard} data-testid="rubric-discard">
          {t('supervision.rubric.discard')}
        </Button>
        <Popconfirm
          title={t('supervision.rubric.saveConfirm', { count: rows.length, total })}
          onConfirm={onSave}
          disabled={!dirty}
        >
          <Button
            type="primary"
            icon={<SaveOutlined />}
            disabled={!dirty}
            loading={save.isPending}
            data-testid="rubric-save"
          >
            {t('supervision.rubric.save')}
          </Button>
        </Popconfirm>
      </Flex>
    </Card>
  );
}
