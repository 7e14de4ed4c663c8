import { z } from 'zod';

/**
 * Targets and indicators (目标监测): the plan's indicator catalogue, its targets per year and
 * city, and the actuals read from rollups. Shared by server and web.
 */

/** The plan years (2026–2030 action plan); 2025 is the baseline year (its year end starts the trajectory). */
export const PLAN_FIRST_YEAR = 2026;
export const PLAN_LAST_YEAR = 2030;
export const BASELINE_YEAR = 2025;

export const INDICATOR_KINDS = ['cumulative', 'yearly', 'share'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export const FORECAST_METHOD = '按年末值线性外推' as const;
export const NO_SOURCE_MESSAGE = '暂无数据来源（相关模块尚未上线）';
export const NOT_COMPUTED_MESSAGE = '尚未汇总（等待每日汇总任务）';

export const IndicatorIdParam = z.object({
  indicator: z.string().regex(/^[A-Z][0-9]{1,2}$/, '指标编号格式不正确'),
});
export const PlanYear = z.coerce
  .number()
  .int('年份应为整数')
  .min(PLAN_FIRST_YEAR, `年份应在 ${PLAN_FIRST_YEAR}–${PLAN_LAST_YEAR} 之间`)
  .max(PLAN_LAST_YEAR, `年份应在 ${PLAN_FIRST_YEAR}–${PLAN_LAST_YEAR} 之间`);
export const CityCode = z.string().regex(/^\d{6}$/, '城市代码应为 6 位数字');

/** An actual: a value from the rollups (with how fresh it is), or why there is none — never a made-up zero. */
export const Actual = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    value: z.number(),
    /** 'now' or the year 'YYYY' (its year-end, as known at computedAt). */
    period: z.string(),
    asOf: z.string(),
    computedAt: z.string(),
  }),
  z.object({ status: z.literal('no_source'), message: z.string() }),
  z.object({ status: z.literal('not_computed'), message: z.string() }),
]);
export type Actual = z.infer<typeof Actual>;

/** Where a target figure comes from: set by the province admin, the catalogue default, the linear trajectory, or the province rate (shares). */
export const TargetSource = z.enum(['set', 'default', 'trajectory', 'province']);
export type TargetSource = z.infer<typeof TargetSource>;

export const IndicatorMeta = z.object({
  id: z.string(),
  title: z.string(),
  unit: z.string(),
  kind: z.enum(INDICATOR_KINDS),
  /** false: the module that owns its records is not live yet. */
  hasSource: z.boolean(),
  /** The figure opens to a list of persons (GET /api/targets/:indicator/persons). */
  drillDown: z.boolean(),
  /**
   * The .xlsx of the persons behind today's figure (masked), from the module that owns them;
   * append `&cityCode=<code>` for a city. null: no export.
   */
  exportPath: z.string().nullable(),
  definition: z.string(),
});

export const TrendPoint = z.object({ period: z.string(), asOf: z.string(), value: z.number() });

export const IndicatorCard = IndicatorMeta.extend({
  actual: Actual,
  target: z.number().nullable(),
  targetSource: TargetSource.nullable(),
  /** actual / target of the year (null without a target or an actual). */
  share: z.number().nullable(),
  /** Where the trajectory says the figure should be on the actual's as-of day. */
  trajectoryValue: z.number().nullable(),
  /** The actual is below the trajectory (null when either is unknown). */
  behind: z.boolean().nullable(),
  trend: z.array(TrendPoint),
  forecast2030: z.number().nullable(),
  forecastMethod: z.literal(FORECAST_METHOD),
  /** The points the forecast line was fitted to. */
  forecastBasis: z.array(z.object({ asOf: z.string(), value: z.number() })),
});

export const DashboardQuery = z.object({ year: PlanYear.optional(), city: CityCode.optional() });
export const Dashboard = z.object({
  year: z.number().int(),
  /** null: the province. */
  cityCode: z.string().nullable(),
  cityName: z.string().nullable(),
  today: z.string(),
  indicators: z.array(IndicatorCard),
});

export const CitiesQuery = z.object({
  indicator: IndicatorIdParam.shape.indicator.default('T1'),
  year: PlanYear.optional(),
});
export const CityRow = z.object({
  cityCode: z.string(),
  cityName: z.string().nullable(),
  actual: Actual,
  target: z.number().nullable(),
  targetSource: TargetSource.nullable(),
  share: z.number().nullable(),
  trajectoryValue: z.number().nullable(),
  behind: z.boolean().nullable(),
  /** 1 = best, among the 16 cities, by share where targets are split, else by actual. */
  rank: z.number().int().nullable(),
});
export const CityRanking = z.object({
  indicator: IndicatorMeta,
  year: z.number().int(),
  rankBy: z.enum(['share', 'actual']).nullable(),
  province: CityRow.omit({ cityCode: true, cityName: true, rank: true }),
  cities: z.array(CityRow),
});

export const SetTarget = z.object({
  cityCode: CityCode.nullable(),
  value: z.number().min(0, '目标值不能为负数').max(1e9),
});
export const TargetRow = z.object({
  indicatorId: z.string(),
  year: z.number().int(),
  cityCode: z.string().nullable(),
  value: z.number(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});

export const TargetPlan = z.object({
  indicator: IndicatorMeta,
  years: z.array(
    z.object({
      year: z.number().int(),
      province: z.object({ value: z.number().nullable(), source: TargetSource.nullable() }),
      cities: z.array(
        z.object({
          cityCode: z.string(),
          cityName: z.string().nullable(),
          value: z.number().nullable(),
          source: TargetSource.nullable(),
        }),
      ),
      /** Sum of the cities' set targets (counts only; shares are not additive). */
      citySum: z.number().nullable(),
    }),
  ),
});

export const DrillDownQuery = z.object({ city: CityCode.optional() });

export const ComputeRequest = z.object({
  asOf: z.iso.date('日期格式应为 YYYY-MM-DD 且为有效日期'),
  knownAt: z.iso.datetime({ offset: true }).optional(),
});
export const ComputeAccepted = z.object({
  /** The job to poll (GET /api/jobs/:id); null when the date is served by the rollups. */
  jobId: z.string().nullable(),
  /** The rollup period that already holds this date ('now' or 'YYYY'), if any. */
  period: z.string().nullable(),
  message: z.string(),
});

/** One cell of the target grid to save: a value sets it, null resets it to its default. */
export const TargetChange = z.object({
  year: z
    .number()
    .int('年份应为整数')
    .min(PLAN_FIRST_YEAR, `年份应在 ${PLAN_FIRST_YEAR}–${PLAN_LAST_YEAR} 之间`)
    .max(PLAN_LAST_YEAR, `年份应在 ${PLAN_FIRST_YEAR}–${PLAN_LAST_YEAR} 之间`),
  /** null: the province total. */
  cityCode: CityCode.nullable(),
  /** null: back to the default (catalogue, trajectory or province rate). */
  value: z.number().min(0, '目标值不能为负数').max(1e9, '目标值过大').nullable(),
});
/** A bulk save of one indicator's grid: checked as a whole, written all or nothing. */
export const SaveTargets = z.object({
  changes: z.array(TargetChange).min(1, '没有要保存的修改').max(500, '一次最多保存 500 个目标'),
});
export const ResetTargetQuery = z.object({ city: CityCode.optional() });
export const SaveTargetsResult = z.object({
  /** Settings written or reset (each audited). */
  changed: z.number().int(),
  /** Cells already holding that value (nothing written). */
  unchanged: z.number().int(),
  plan: TargetPlan,
});
/** details.problems of a refused save: each names its year and city (null: the province or the year as a whole). */
export const TargetPlanProblem = z.object({
  year: z.number().int(),
  cityCode: z.string().nullable(),
  message: z.string(),
});
export const ExportTargetsQuery = z.object({ indicator: IndicatorIdParam.shape.indicator.optional() });

/** The import entity of targets (/api/imports/indicator_targets) and its template's headers. */
export const TARGET_IMPORT_ENTITY = 'indicator_targets';
export const TARGET_IMPORT_HEADERS = ['指标编号', '年份', '城市', '目标值'] as const;
/** The 城市 cell of a province total. */
export const PROVINCE_LABEL = '全省';
