import { Table, Typography, type TableColumnsType } from 'antd';
import type { CategoryCounts } from '../../../api/contracts';
import { LoadError } from '../../../components/LoadError';
import { useT } from '../../../i18n';
import { useMe } from '../../auth/api';
import { useActiveCities, useCityNames } from '../../reference/api';
import { useCategoryCounts } from '../api';
import { AsOfControls } from '../components/AsOfControls';
import { CATEGORY_CODES, CATEGORY_KEYS, CATEGORY_LABELS, type CategoryKey } from '../labels';
import { useAsOf } from '../useAsOf';

const zero = (cityCode: string): CategoryCounts => ({ cityCode, t1: 0, t2: 0, t3: 0, t4: 0, composite: 0 });

/**
 * 人才类别统计: T1–T4 and 复合型 by city on a day, as known at a time, with the province total.
 * The province sees every current city (zeros included); a city admin sees their own city.
 */
export function CategoryStatsPage() {
  const t = useT();
  const { data: user } = useMe();
  const [when] = useAsOf();
  const counts = useCategoryCounts(when);
  const cities = useActiveCities();
  const names = useCityNames();
  const province = !!user?.roles.includes('province_admin');

  const byCity = new Map((counts.data ?? []).map((r) => [r.cityCode, r]));
  const codes = province ? (cities.data ?? []).map((c) => c.value) : user?.cityCode ? [user.cityCode] : [];
  // Cities the server counts that are not current (莱芜 before 2019) still get their row.
  for (const code of byCity.keys()) if (!codes.includes(code)) codes.push(code);
  const rows = codes.map((code) => byCity.get(code) ?? zero(code));
  const total = (k: CategoryKey) => rows.reduce((sum, r) => sum + r[k], 0);

  const columns: TableColumnsType<CategoryCounts> = [
    {
      title: t('categories.city'),
      dataIndex: 'cityCode',
      render: (code: string) => names.data?.get(code) ?? code,
    },
    ...CATEGORY_KEYS.map((k) => ({
      title: (
        <span>
          {CATEGORY_CODES[k] && <Typography.Text strong>{CATEGORY_CODES[k]} </Typography.Text>}
          {t(CATEGORY_LABELS[k])}
        </span>
      ),
      dataIndex: k,
      align: 'right' as const,
      render: (n: number) => n.toLocaleString(),
    })),
  ];

  return (
    <>
      <Typography.Title level={3}>{t('menu.categories')}</Typography.Title>
      <div style={{ marginBottom: 16 }}>
        <AsOfControls note="asOf.statsNote" />
      </div>
      {counts.isError ? (
        <LoadError onRetry={() => void counts.refetch()} />
      ) : (
        <Table<CategoryCounts>
          rowKey="cityCode"
          size="small"
          bordered
          columns={columns}
          dataSource={rows}
          loading={counts.isFetching || cities.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="categories-table"
          summary={() =>
            province && (
              <Table.Summary fixed>
                <Table.Summary.Row data-testid="categories-total">
                  <Table.Summary.Cell index={0}>
                    <Typography.Text strong>{t('categories.total')}</Typography.Text>
                  </Table.Summary.Cell>
                  {CATEGORY_KEYS.map((k, i) => (
                    <Table.Summary.Cell key={k} index={i + 1} align="right">
                      <Typography.Text strong>{total(k).toLocaleString()}</Typography.Text>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            )
          }
        />
      )}
    </>
  );
}
