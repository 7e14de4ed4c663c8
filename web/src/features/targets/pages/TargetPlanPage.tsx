import { DownloadOutlined, RollbackOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../../api/client';
import { FormError } from '../../../components/FormError';
import { LoadError } from '../../../components/LoadError';
import { useT, type MessageKey } from '../../../i18n';
import { hasAnyPermission, useMe } from '../../auth/api';
import {
  targetExportUrl,
  useIndicators,
  useResetTarget,
  useSaveTargets,
  useTargetPlan,
  type TargetChange,
  type TargetPlan,
  type TargetPlanProblem,
  type TargetSource,
} from '../api';

/** Each source has its own colour, so 已设定 stands out from the derived values. */
export const SOURCE_TAGS: Record<TargetSource, { color: string; label: MessageKey }> = {
  set: { color: 'blue', label: 'targets.source.set' },
  default: { color: 'default', label: 'targets.source.default' },
  trajectory: { color: 'purple', label: 'targets.source.trajectory' },
  province: { color: 'gold', label: 'targets.source.province' },
};

type Cell = { value: number | null; source: TargetSource | null };
interface GridRow {
  key: string;
  cityCode: string | null;
  name: string;
  cells: Record<number, Cell>;
}

const keyOf = (year: number, cityCode: string | null) => `${year}:${cityCode ?? ''}`;
const testKey = (year: number, cityCode: string | null) => `${year}-${cityCode ?? 'province'}`;

function rowsOf(plan: TargetPlan, provinceName: string): GridRow[] {
  const province: GridRow = { key: 'province', cityCode: null, name: provinceName, cells: {} };
  const cities = new Map<string, GridRow>();
  for (const y of plan.years) {
    province.cells[y.year] = y.province;
    for (const c of y.cities) {
      const row = cities.get(c.cityCode) ?? {
        key: c.cityCode,
        cityCode: c.cityCode,
        name: c.cityName ?? c.cityCode,
        cells: {},
      };
      row.cells[y.year] = { value: c.value, source: c.source };
      cities.set(c.cityCode, row);
    }
  }
  return [province, ...cities.values()];
}

/**
 * 目标设置 (/targets/plan?indicator=T1): one indicator's targets for 2026–2030, the province and
 * the 16 cities, each with where it comes from. A province admin edits cells and saves them at
 * once (the server checks the whole and writes all or nothing), resets a set cell to its
 * default, downloads the grid as Excel and imports it again. Others read their own plan.
 */
export function TargetPlanPage() {
  const t = useT();
  const { message } = App.useApp();
  const { data: user } = useMe();
  const canEdit = hasAnyPermission(user, ['target.edit']);
  const [params, setParams] = useSearchParams();
  const indicator = params.get('indicator') ?? 'T1';
  const indicators = useIndicators();
  const plan = useTargetPlan(indicator);
  const save = useSaveTargets(indicator);
  const reset = useResetTarget(indicator);
  const [edits, setEdits] = useState<Map<string, TargetChange>>(new Map());

  const share = plan.data?.indicator.kind === 'share';
  const years = useMemo(() => plan.data?.years.map((y) => y.year) ?? [], [plan.data]);
  const rows = useMemo(() => (plan.data ? rowsOf(plan.data, t('targets.province')) : []), [plan.data, t]);
  const problems: TargetPlanProblem[] =
    isApiError(save.error) &&
    typeof save.error.details === 'object' &&
    save.error.details !== null &&
    'problems' in save.error.details
      ? (save.error.details as { problems: TargetPlanProblem[] }).problems
      : [];
  const problemAt = (year: number, cityCode: string | null) =>
    problems.some((p) => p.year === year && p.cityCode === cityCode);

  const choose = (id: string) => {
    setEdits(new Map());
    save.reset();
    setParams({ indicator: id });
  };
  /** A typed value becomes a pending change, unless it is what is already set (a derived value typed again is pinned as set). */
  const edit = (year: number, cityCode: string | null, shown: number | null, current: Cell) => {
    const value = shown === null ? null : share ? Math.round(shown * 100) / 10_000 : shown;
    setEdits((prev) => {
      const next = new Map(prev);
      if (value === null || (current.source === 'set' && value === current.value)) next.delete(keyOf(year, cityCode));
      else next.set(keyOf(year, cityCode), { year, cityCode, value });
      return next;
    });
  };
  const onSave = () =>
    save.mutate([...edits.values()], {
      onSuccess: (r) => {
        setEdits(new Map());
        message.success(t('targets.plan.saved', { changed: r.changed }));
      },
    });

  const display = (v: number | null) =>
    v === null ? '—' : share ? `${(v * 100).toFixed(v * 100 === Math.round(v * 100) ? 0 : 2)}%` : v.toLocaleString();

  const cellView = (row: GridRow, year: number) => {
    const cell = row.cells[year] ?? { value: null, source: null };
    const pending = edits.get(keyOf(year, row.cityCode));
    const tag = cell.source ? SOURCE_TAGS[cell.source] : null;
    const tk = testKey(year, row.cityCode);
    return (
      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
        {canEdit ? (
          <InputNumber<number>
            size="small"
            min={0}
            max={share ? 100 : undefined}
            precision={share ? 2 : 0}
            suffix={share ? '%' : undefined}
            style={{ width: '100%' }}
            status={problemAt(year, row.cityCode) ? 'error' : pending ? 'warning' : undefined}
            value={
              pending
                ? share
                  ? (pending.value ?? 0) * 100
                  : pending.value
                : cell.value === null
                  ? null
                  : share
                    ? Math.round(cell.value * 10_000) / 100
                    : cell.value
            }
            onChange={(v) => edit(year, row.cityCode, v, cell)}
            aria-label={`${row.name} ${year}`}
            data-testid={`target-cell-${tk}`}
          />
        ) : (
          <Typography.Text strong={cell.source === 'set'} data-testid={`target-value-${tk}`}>
            {display(cell.value)}
          </Typography.Text>
        )}
        <Space size={2}>
          {pending ? (
            <Tag color="orange" data-testid={`target-source-${tk}`}>
              {t('targets.plan.pending')}
            </Tag>
          ) : tag ? (
            <Tag color={tag.color} data-testid={`target-source-${tk}`} data-source={cell.source}>
              {t(tag.label)}
            </Tag>
          ) : (
            <Tag data-testid={`target-source-${tk}`}>{t('targets.source.none')}</Tag>
          )}
          {canEdit && cell.source === 'set' && !pending && (
            <Popconfirm
              title={t('targets.plan.resetConfirm', { scope: row.name, year })}
              onConfirm={() =>
                reset.mutateAsync({ year, cityCode: row.cityCode }).then(
                  () => message.success(t('targets.plan.resetDone')),
                  (e: unknown) => message.error(isApiError(e) ? e.message : String(e)),
                )
              }
            >
              <Tooltip title={t('targets.plan.reset')}>
                <Button
                  size="small"
                  type="text"
                  icon={<RollbackOutlined />}
                  aria-label={t('targets.plan.reset')}
                  data-testid={`target-reset-${tk}`}
                />
              </Tooltip>
            </Popconfirm>
          )}
        </Space>
      </Space>
    );
  };

  const columns: TableColumnsType<GridRow> = [
    {
      title: t('targets.plan.scope'),
      dataIndex: 'name',
      fixed: 'left',
      width: 110,
      render: (n: string, r) => (r.cityCode === null ? <Typography.Text strong>{n}</Typography.Text> : n),
    },
    ...years.map((y) => ({
      title: `${y}`,
      key: String(y),
      width: 150,
      render: (_: unknown, r: GridRow) => cellView(r, y),
    })),
  ];

  const citySums = plan.data?.years.map((y) => y.citySum) ?? [];
  const showSums = !share && citySums.some((s) => s !== null);

  return (
    <div data-testid="target-plan-page">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3}>{t('targets.plan.title')}</Typography.Title>
        <Space wrap>
          <Select
            aria-label={t('targets.plan.indicator')}
            value={indicator}
            style={{ width: 280 }}
            loading={indicators.isLoading}
            options={(indicators.data ?? []).map((i) => ({ value: i.id, label: `${i.id} ${i.title}` }))}
            onChange={choose}
            data-testid="target-plan-indicator"
          />
          <Button
            icon={<DownloadOutlined />}
            href={targetExportUrl(indicator)}
            download
            data-testid="target-plan-download"
          >
            {t('targets.plan.download')}
          </Button>
          {canEdit && (
            <Link to="/targets/import" data-testid="target-plan-import">
              <Button icon={<UploadOutlined />}>{t('targets.plan.import')}</Button>
            </Link>
          )}
        </Space>
      </Flex>
      <Typography.Paragraph type="secondary">
        {canEdit ? t('targets.plan.intro') : t('targets.plan.readOnly')} <Link to="/targets">{t('targets.back')}</Link>
      </Typography.Paragraph>
      {plan.isError ? (
        <LoadError onRetry={() => void plan.refetch()} />
      ) : (
        <Card
          title={
            plan.data
              ? `${plan.data.indicator.id} ${plan.data.indicator.title}（${share ? '%' : plan.data.indicator.unit}）`
              : ''
          }
          extra={
            <Space wrap>
              {(Object.keys(SOURCE_TAGS) as TargetSource[]).map((s) => (
                <Tag key={s} color={SOURCE_TAGS[s].color}>
                  {t(SOURCE_TAGS[s].label)}
                </Tag>
              ))}
            </Space>
          }
        >
          {share && canEdit && (
            <Typography.Paragraph type="secondary">{t('targets.plan.percentHint')}</Typography.Paragraph>
          )}
          {problems.length > 0 ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('targets.plan.problems')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {problems.map((p, i) => (
                    <li key={i}>{p.message}</li>
                  ))}
                </ul>
              }
              data-testid="target-plan-problems"
            />
          ) : (
            <FormError error={save.error} testId="target-plan-error" />
          )}
          <Table<GridRow>
            rowKey="key"
            size="small"
            columns={columns}
            dataSource={rows}
            loading={plan.isFetching && !plan.data}
            pagination={false}
            scroll={{ x: 110 + years.length * 150 }}
            data-testid="target-plan-grid"
            summary={() =>
              showSums ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>{t('targets.plan.citySum')}</Table.Summary.Cell>
                  {citySums.map((s, i) => (
                    <Table.Summary.Cell key={i} index={i + 1}>
                      {s === null ? '—' : s.toLocaleString()}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              ) : null
            }
          />
          {canEdit && (
            <Flex justify="flex-end" gap="small" style={{ marginTop: 16 }}>
              <Button
                disabled={edits.size === 0 || save.isPending}
                onClick={() => {
                  setEdits(new Map());
                  save.reset();
                }}
                data-testid="target-plan-discard"
              >
                {t('targets.plan.discard')}
              </Button>
              <Button
                type="primary"
                icon={<SaveOutlined />}
                disabled={edits.size === 0}
                loading={save.isPending}
                onClick={onSave}
                data-testid="target-plan-save"
              >
                {t('targets.plan.save', { count: edits.size })}
              </Button>
            </Flex>
          )}
        </Card>
      )}
    </div>
  );
}
