import { AutoComplete, DatePicker, Space } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../../i18n';
import { ACTION_LABELS, ENTITY_LABELS, type AuditFilters } from '../api';

/**
 * Entity and action (exact codes; the known ones are offered with their labels, any other code
 * can be typed) and a date range in Beijing time.
 */
export function AuditFilterBar({
  filters,
  onChange,
}: {
  filters: AuditFilters;
  onChange: (patch: AuditFilters) => void;
}) {
  const t = useT();
  /** Text filters are committed on select or blur, and only when they changed (a change resets the page). */
  const commit = (key: 'entity' | 'action', raw: string | undefined) => {
    const value = raw?.trim() || undefined;
    if (value !== filters[key]) onChange({ [key]: value });
  };
  const options = (labels: Record<string, Parameters<typeof t>[0]>) =>
    Object.entries(labels).map(([value, key]) => ({ value, label: `${t(key)}（${value}）` }));

  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <AutoComplete
        allowClear
        placeholder={t('audit.filter.entity')}
        style={{ width: 220 }}
        defaultValue={filters.entity}
        options={options(ENTITY_LABELS)}
        showSearch={{ filterOption: (input, o) => !!o && `${o.value} ${String(o.label)}`.includes(input) }}
        onSelect={(value: string) => commit('entity', value)}
        onBlur={(e) => commit('entity', (e.target as HTMLInputElement).value)}
        onClear={() => commit('entity', undefined)}
        data-testid="audit-filter-entity"
      />
      <AutoComplete
        allowClear
        placeholder={t('audit.filter.action')}
        style={{ width: 240 }}
        defaultValue={filters.action}
        options={options(ACTION_LABELS)}
        showSearch={{ filterOption: (input, o) => !!o && `${o.value} ${String(o.label)}`.includes(input) }}
        onSelect={(value: string) => commit('action', value)}
        onBlur={(e) => commit('action', (e.target as HTMLInputElement).value)}
        onClear={() => commit('action', undefined)}
        data-testid="audit-filter-action"
      />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
        onChange={(range) => onChange({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
        data-testid="audit-filter-range"
      />
    </Space>
  );
}
