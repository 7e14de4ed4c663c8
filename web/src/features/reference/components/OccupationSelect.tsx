import { Select, Space, Tag, type SelectProps } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../../i18n';
import { useOccupations } from '../api';

/**
 * A 职业 picker over the 职业分类大典: options read `code name`, 数字职业 carry a 数字 tag, and
 * typing searches code, name and former codes.
 */
export function OccupationSelect(props: Omit<SelectProps<string>, 'options'>) {
  const t = useT();
  const occupations = useOccupations();
  const options = useMemo(
    () =>
      (occupations.data ?? []).map((o) => {
        const former = Array.isArray(o.attrs.formerCodes) ? (o.attrs.formerCodes as string[]) : [];
        return {
          value: o.code,
          search: [o.code, o.name, ...former].join(' '),
          label: (
            <Space size={4}>
              <span>
                {o.code} {o.name}
              </span>
              {o.attrs.digital === true && (
                <Tag color="blue" variant="filled" style={{ marginInlineEnd: 0 }}>
                  {t('occupation.digitalTag')}
                </Tag>
              )}
            </Space>
          ),
        };
      }),
    [occupations.data, t],
  );
  return (
    <Select<string>
      allowClear
      showSearch={{ optionFilterProp: 'search' }}
      popupMatchSelectWidth={false}
      loading={occupations.isPending}
      options={options}
      {...props}
    />
  );
}
