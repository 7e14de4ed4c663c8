import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { useDebouncedValue } from '../../../hooks/useDebouncedValue';
import { useOrganisation, useOrganisations } from '../api';

/**
 * An organisation picker that searches by name on the server (GET /api/organisations?q=);
 * the chosen one keeps its name even when it is not among the current matches.
 */
export function OrganisationSelect({ value, ...props }: Omit<SelectProps<string>, 'options' | 'showSearch'>) {
  const [q, setQ] = useState('');
  const search = useDebouncedValue(q.trim());
  const list = useOrganisations({ page: 1, pageSize: 20, q: search || undefined });
  const chosen = useOrganisation(value ?? null);

  const options = (list.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  if (chosen.data && !options.some((o) => o.value === chosen.data.id))
    options.unshift({ value: chosen.data.id, label: chosen.data.name });

  return (
    <Select<string>
      allowClear
      value={value}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={list.isFetching}
      options={options}
      popupMatchSelectWidth={false}
      {...props}
    />
  );
}
