import { Input, Select, Space } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../../i18n';
import { useMe } from '../../auth/api';
import { OrganisationSelect } from '../../organisations/components/OrganisationSelect';
import { useActiveCities, useIndustryChains, useSkillLevels } from '../../reference/api';
import { OccupationSelect } from '../../reference/components/OccupationSelect';
import { categoryLabel, CATEGORY_KEYS } from '../../registry/labels';
import type { PersonFilters } from '../api';
import { TIER_CODES, tierLabel } from '../labels';

/**
 * The 人才库's server-side filters: 城市, 产业链 (of the current employer), 职业 and 等级 (a valid
 * credential today), 人员层级, 人才类别, 工作单位 (province and city admins), 姓名.
 */
export function PersonFilterBar({
  filters,
  onChange,
}: {
  filters: PersonFilters;
  onChange: (patch: PersonFilters) => void;
}) {
  const t = useT();
  const { data: user } = useMe();
  const cities = useActiveCities();
  const chains = useIndustryChains();
  const levels = useSkillLevels();
  const levelOptions = useMemo(() => (levels.data ?? []).map((l) => ({ value: l.code, label: l.name })), [levels.data]);
  const isAdmin = !!user?.roles.some((r) => r === 'province_admin' || r === 'city_admin');

  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Input.Search
        allowClear
        placeholder={t('person.filter.q')}
        style={{ width: 240 }}
        defaultValue={filters.q}
        maxLength={30}
        onSearch={(q) => onChange({ q: q.trim() })}
        data-testid="person-filter-q"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('person.filter.city')}
        style={{ width: 130 }}
        value={filters.cityCode}
        onChange={(cityCode?: string) => onChange({ cityCode })}
        options={cities.data}
        loading={cities.isPending}
        data-testid="person-filter-city"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('person.filter.chain')}
        style={{ width: 160 }}
        value={filters.chain}
        onChange={(chain?: string) => onChange({ chain })}
        options={chains.data}
        loading={chains.isPending}
        popupMatchSelectWidth={false}
        data-testid="person-filter-chain"
      />
      <OccupationSelect
        placeholder={t('person.filter.occupation')}
        style={{ width: 220 }}
        value={filters.occupation}
        onChange={(occupation?: string) => onChange({ occupation })}
        data-testid="person-filter-occupation"
      />
      <Select
        allowClear
        placeholder={t('person.filter.level')}
        style={{ width: 150 }}
        value={filters.level}
        onChange={(level?: string) => onChange({ level })}
        options={levelOptions}
        loading={levels.isPending}
        popupMatchSelectWidth={false}
        data-testid="person-filter-level"
      />
      <Select
        allowClear
        placeholder={t('person.filter.tier')}
        style={{ width: 140 }}
        value={filters.tier}
        onChange={(tier?: string) => onChange({ tier })}
        options={TIER_CODES.map((c) => ({ value: c, label: tierLabel(c, t) }))}
        data-testid="person-filter-tier"
      />
      <Select
        allowClear
        placeholder={t('person.filter.category')}
        style={{ width: 200 }}
        value={filters.category}
        onChange={(category?: string) => onChange({ category })}
        options={CATEGORY_KEYS.map((k) => ({ value: k, label: categoryLabel(k, t) }))}
        popupMatchSelectWidth={false}
        data-testid="person-filter-category"
      />
      {isAdmin && (
        <OrganisationSelect
          placeholder={t('person.filter.org')}
          style={{ width: 240 }}
          value={filters.orgId}
          onChange={(orgId?: string) => onChange({ orgId })}
          data-testid="person-filter-org"
        />
      )}
    </Space>
  );
}
