import { Button, Space, Table, Tag, type TableColumnsType } from 'antd';
import type { ReferenceItem } from '../../../api/contracts';
import { useT, type Translate } from '../../../i18n';
import { useReference, type ReferenceKind } from '../api';

const dash = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));
const list = (v: unknown) => (Array.isArray(v) && v.length ? v.join('、') : '—');

/** Columns that only one kind has (attrs), between 名称 and 生效日期. */
function kindColumns(kind: ReferenceKind, t: Translate): TableColumnsType<ReferenceItem> {
  switch (kind) {
    case 'city':
      return [
        {
          title: t('reference.col.cityStatus'),
          key: 'status',
          render: (_, r) =>
            r.attrs.status === 'active' ? (
              <Tag color="green">{t('reference.city.active')}</Tag>
            ) : (
              <Tag>{t('reference.city.abolished')}</Tag>
            ),
        },
      ];
    case 'occupation':
      return [
        {
          title: t('reference.col.digital'),
          key: 'digital',
          render: (_, r) => (r.attrs.digital ? <Tag color="blue">{t('reference.occupation.digital')}</Tag> : '—'),
        },
        { title: t('reference.col.formerCodes'), key: 'formerCodes', render: (_, r) => list(r.attrs.formerCodes) },
        { title: t('reference.col.minorGroup'), key: 'minorGroup', render: (_, r) => dash(r.attrs.minorGroup) },
      ];
    case 'skill_level':
      return [
        { title: t('reference.col.ordinal'), key: 'ordinal', render: (_, r) => dash(r.attrs.ordinal) },
        {
          title: t('reference.col.highSkill'),
          key: 'highSkill',
          render: (_, r) => (r.attrs.highSkill ? <Tag color="gold">{t('reference.skillLevel.highSkill')}</Tag> : '—'),
        },
      ];
    case 'skill':
      return [
        { title: t('reference.col.domain'), key: 'domain', render: (_, r) => dash(r.attrs.domain) },
        { title: t('reference.col.occupations'), key: 'occupations', render: (_, r) => list(r.attrs.occupations) },
      ];
    default:
      return [];
  }
}

/**
 * One kind of reference data as valid on `asOf` (today when absent). The server sends the whole
 * kind (at most a few hundred rows), so this table pages in the browser.
 */
export function ReferenceTable({
  kind,
  asOf,
  onEdit,
}: {
  kind: ReferenceKind;
  asOf?: string;
  onEdit?: (item: ReferenceItem) => void;
}) {
  const t = useT();
  const items = useReference(kind, asOf);

  const columns: TableColumnsType<ReferenceItem> = [
    { title: t('reference.col.code'), dataIndex: 'code' },
    { title: t('reference.col.name'), dataIndex: 'name' },
    ...kindColumns(kind, t),
    { title: t('reference.col.validFrom'), dataIndex: 'validFrom' },
    { title: t('reference.col.validTo'), dataIndex: 'validTo', render: (d: string | null) => d ?? '—' },
  ];
  if (onEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) => (
        <Space>
          <Button type="link" size="small" onClick={() => onEdit(r)} data-testid={`reference-row-edit-${r.code}`}>
            {t('common.edit')}
          </Button>
        </Space>
      ),
    });
  }

  return (
    <Table<ReferenceItem>
      rowKey="code"
      size="small"
      columns={columns}
      dataSource={items.data}
      loading={items.isFetching}
      scroll={{ x: 'max-content' }}
      pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
      data-testid={`reference-table-${kind}`}
    />
  );
}
