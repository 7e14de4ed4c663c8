import { Input, Select, Space } from 'antd';
import { useT } from '../../../i18n';
import {
  KIND_LABELS,
  ORGANISATION_KINDS,
  ORGANISATION_STATUSES,
  STATUS_LABELS,
  type OrganisationFilters,
} from '../api';

/** Status, kind and name (or 信用代码) search of the organisation list. */
export function OrganisationFilterBar({
  filters,
  onChange,
}: {
  filters: OrganisationFilters;
  onChange: (patch: OrganisationFilters) => void;
}) {
  const t = useT();
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Select
        allowClear
        placeholder={t('org.filter.status')}
        style={{ width: 140 }}
        value={filters.status}
        onChange={(status?: string) => onChange({ status })}
        options={ORGANISATION_STATUSES.map((s) => ({ value: s, label: t(STATUS_LABELS[s]) }))}
        data-testid="org-filter-status"
      />
      <Select
        allowClear
        placeholder={t('org.filter.kind')}
        style={{ width: 160 }}
        value={filters.kind}
        onChange={(kind?: string) => onChange({ kind })}
        options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(KIND_LABELS[k]) }))}
        data-testid="org-filter-kind"
      />
      <Input.Search
        allowClear
        placeholder={t('org.filter.q')}
        style={{ width: 280 }}
        defaultValue={filters.q}
        maxLength={100}
        onSearch={(q) => onChange({ q: q.trim() })}
        data-testid="org-filter-q"
      />
    </Space>
  );
}
