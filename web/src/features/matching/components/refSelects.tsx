import { Select, type SelectProps } from 'antd';
import { useMemo } from 'react';
import { useActiveCities, useIndustryChains, useReference, useSkillLevels } from '../../reference/api';

type Props = Omit<SelectProps<string[] | string>, 'options' | 'mode'>;

/** 技能 from the taxonomy (reference kind skill), several at once; typing searches code and name. */
export function SkillSelect(props: Props) {
  const skills = useReference('skill');
  const options = useMemo(
    () => (skills.data ?? []).map((s) => ({ value: s.code, label: s.name, search: `${s.code} ${s.name}` })),
    [skills.data],
  );
  return (
    <Select
      mode="multiple"
      allowClear
      showSearch={{ optionFilterProp: 'search' }}
      loading={skills.isPending}
      options={options}
      {...props}
    />
  );
}

/** 技能等级 (新八级工 and 专业技术等级). */
export function LevelSelect(props: Props) {
  const levels = useSkillLevels();
  const options = useMemo(() => (levels.data ?? []).map((l) => ({ value: l.code, label: l.name })), [levels.data]);
  return <Select allowClear popupMatchSelectWidth={false} loading={levels.isPending} options={options} {...props} />;
}

/** One city (or several with mode="multiple"), of the 16 current ones. */
export function CitySelect({ multiple, ...props }: Props & { multiple?: boolean }) {
  const cities = useActiveCities();
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={cities.isPending}
      options={cities.data}
      {...props}
    />
  );
}

/** 产业链 (or several with mode="multiple"). */
export function ChainSelect({ multiple, ...props }: Props & { multiple?: boolean }) {
  const chains = useIndustryChains();
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      popupMatchSelectWidth={false}
      loading={chains.isPending}
      options={chains.data}
      {...props}
    />
  );
}

/** Skill names by code (for showing a demand's or talent's skills). */
export function useSkillNames() {
  const skills = useReference('skill');
  return useMemo(() => new Map((skills.data ?? []).map((s) => [s.code, s.name])), [skills.data]);
}
