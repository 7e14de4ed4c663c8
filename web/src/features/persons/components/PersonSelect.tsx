import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import type { Person } from '../../../api/contracts';
import { useDebouncedValue } from '../../../hooks/useDebouncedValue';
import { useT, type Translate } from '../../../i18n';
import { usePersonSearch } from '../api';

/** "张三（370***1234，济南市，1990）": enough to tell two records of the same name apart. */
export function personSummary(p: Person, t: Translate): string {
  return t('person.summary', {
    name: p.name,
    idNumber: p.idNumberMasked,
    city: p.cityName ?? p.cityCode,
    birthYear: p.birthYear,
  });
}

/** A person picker searching by name prefix on the server; `exclude` hides one record (the current one). */
export function PersonSelect({
  exclude,
  onPick,
  ...props
}: Omit<SelectProps<string>, 'options' | 'showSearch' | 'onChange'> & {
  exclude?: string;
  onPick: (person: Person | undefined) => void;
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const search = useDebouncedValue(q.trim());
  const found = usePersonSearch(search);
  const persons = (found.data?.items ?? []).filter((p) => p.id !== exclude);

  return (
    <Select<string>
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('person.select.placeholder')}
      notFoundContent={search ? t('person.select.none') : t('person.select.typeName')}
      loading={found.isFetching}
      options={persons.map((p) => ({ value: p.id, label: personSummary(p, t) }))}
      onChange={(id?: string) => onPick(persons.find((p) => p.id === id))}
      {...props}
    />
  );
}
