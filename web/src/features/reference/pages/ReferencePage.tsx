import { Alert, DatePicker, Flex, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ReferenceItem } from '../../../api/contracts';
import { useT } from '../../../i18n';
import { hasAnyPermission, useMe } from '../../auth/api';
import { REFERENCE_KIND_LABELS, REFERENCE_KINDS, type ReferenceKind } from '../api';
import { ReferenceEditModal } from '../components/ReferenceEditModal';
import { ReferenceTable } from '../components/ReferenceTable';

const isKind = (k: string | null): k is ReferenceKind => !!k && (REFERENCE_KINDS as readonly string[]).includes(k);

/** 基础数据: each kind as valid today or on a chosen date; the province admin edits by new versions. */
export function ReferencePage() {
  const t = useT();
  const { data: user } = useMe();
  const [searchParams, setSearchParams] = useSearchParams();
  const rawKind = searchParams.get('kind');
  const kind: ReferenceKind = isKind(rawKind) ? rawKind : 'city';
  const asOf = searchParams.get('asOf') ?? undefined;
  const [editing, setEditing] = useState<ReferenceItem | null>(null);
  // Editing changes the current version: offered on today's view only, not on a past or future date.
  const canEdit = hasAnyPermission(user, ['reference.edit']) && !asOf;

  const setParam = (name: string, value: string | undefined) =>
    setSearchParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(name, value);
      else next.delete(name);
      return next;
    });

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3}>{t('menu.reference')}</Typography.Title>
        <Flex align="center" gap="small">
          <Typography.Text type="secondary">{t('reference.asOf')}</Typography.Text>
          <DatePicker
            allowClear
            placeholder={t('reference.asOfToday')}
            value={asOf ? dayjs(asOf) : null}
            onChange={(d) => setParam('asOf', d ? d.format('YYYY-MM-DD') : undefined)}
            data-testid="reference-as-of"
          />
        </Flex>
      </Flex>
      {hasAnyPermission(user, ['reference.edit']) && asOf && (
        <Alert type="info" showIcon title={t('reference.editTodayOnly')} style={{ marginBottom: 16 }} />
      )}
      <Tabs
        activeKey={kind}
        onChange={(k) => setParam('kind', k)}
        items={REFERENCE_KINDS.map((k) => ({
          key: k,
          label: <span data-testid={`reference-tab-${k}`}>{t(REFERENCE_KIND_LABELS[k])}</span>,
          children: <ReferenceTable kind={k} asOf={asOf} onEdit={canEdit ? setEditing : undefined} />,
        }))}
        destroyOnHidden
      />
      <ReferenceEditModal kind={kind} item={editing} onClose={() => setEditing(null)} />
    </>
  );
}
