import {
  BASELINE_YEAR,
  PLAN_FIRST_YEAR,
  PLAN_LAST_YEAR,
  type IndicatorKind,
  type TargetSource,
} from '../../../contracts/targets.js';

/**
 * The indicator catalogue of the plan (SPEC.md) and the pure rules of targets: default
 * targets, the linear trajectory, shares, the city-split cap, ranking and the 2030 forecast.
 * No I/O here. The plan is a consultation draft: the numbers below are defaults the province
 * admin overrides per year and city (indicator_target), never constants the code relies on.
 */

/** 山东省 (GB/T 2260): the key under which a share indicator's compute returns the province figure. */
export const PROVINCE_CODE = '370000';

export const PLAN_YEARS: readonly number[] = Array.from(
  { length: PLAN_LAST_YEAR - PLAN_FIRST_YEAR + 1 },
  (_, i) => PLAN_FIRST_YEAR + i,
);

export interface CatalogueEntry {
  id: string;
  title: string;
  unit: string;
  kind: IndicatorKind;
  definition: string;
  /** The plan's province figure: for 2030 only (cumulative; T5) or for every plan year (yearly quotas, enterprise rules). */
  target: number | null;
  targetEveryYear: boolean;
}

const cumulative = (id: string, title: string, target: number, definition: string): CatalogueEntry => ({
  id,
  title,
  unit: '人',
  kind: 'cumulative',
  definition,
  target,
  targetEveryYear: false,
});
const yearly = (id: string, title: string, unit: string, target: number, definition: string): CatalogueEntry => ({
  id,
  title,
  unit,
  kind: 'yearly',
  definition,
  target,
  targetEveryYear: true,
});

export const CATALOGUE: readonly CatalogueEntry[] = [
  cumulative(
    'T1',
    '数字技能人才规模',
    280_000,
    '截至统计日持有有效数字职业证书、数字技能培训结业证书或数字技术工程师证书的人数（含2026年前取得者）',
  ),
  cumulative('T2', '高技能领军人才', 10_000, '数字技能人才中持有有效高技能领军人才称号的人数'),
  cumulative('T3', '数字化解决方案设计师', 5_000, '持有有效数字化解决方案设计师职业证书的人数'),
  cumulative('T4', '数字技术工程师', 6_000, '持有有效数字技术工程师证书的人数（任一领域、等级）'),
  {
    id: 'T5',
    title: '企业需求与人才适配度',
    unit: '比例',
    kind: 'share',
    definition: '开放的企业需求岗位中，可由匹配度达标的不同人才一对一填补的比例',
    target: 0.85,
    targetEveryYear: false,
  },
  yearly('A1', '开展数字技能内训的企业', '家', 1_000, '当年开展数字技能内部培训的企业数'),
  yearly('A2', '企业内训人次', '人次', 80_000, '当年完成的企业数字技能内训人次'),
  yearly('A3', '社会化数字技能培训人次', '人次', 30_000, '当年完成的社会化数字技能培训（含云课堂）人次'),
  yearly('A4', '省级数字技能竞赛', '项', 5, '当年举办的省级数字技能竞赛数'),
  yearly('A5', '竞赛选拔人才', '人', 1_000, '当年通过竞赛选拔的人才数'),
  yearly('A6', '培育数字领域高技能领军人才', '人', 500, '当年培育的数字领域高技能领军人才数'),
  yearly('A7', '人才供需对接活动', '场', 20, '当年举办的人才供需对接活动数'),
  yearly('A8', '对接服务企业', '家', 500, '当年通过供需对接服务的企业数'),
  {
    id: 'C1',
    title: '职工教育经费用于一线职工比例',
    unit: '比例',
    kind: 'share',
    definition: '企业当年职工教育经费用于一线职工的比例（逐企业不低于60%）',
    target: 0.6,
    targetEveryYear: true,
  },
  {
    id: 'C2',
    title: '高技能人才工资增幅达标',
    unit: '比例',
    kind: 'share',
    definition: '高技能人才工资增幅不低于同级专业技术人员和管理人员的企业占比',
    target: null,
    targetEveryYear: true,
  },
];

export const isCount = (kind: IndicatorKind) => kind !== 'share';

/** The catalogue's province figure for a year, before any setting. */
export function defaultTarget(e: Pick<CatalogueEntry, 'target' | 'targetEveryYear'>, year: number): number | null {
  if (e.target === null) return null;
  return e.targetEveryYear || year === PLAN_LAST_YEAR ? e.target : null;
}

export interface Resolved {
  value: number;
  source: TargetSource;
}

/**
 * The target of every plan year for one scope (the province or a city).
 *
 * - A set value (indicator_target) wins.
 * - Cumulative indicators: anchors are the actual at the baseline year-end (2025-12-31), the
 *   set years and, for the province, the catalogue's 2030 figure; a year between two anchors
 *   gets the straight line between them (the default trajectory). No line without both ends.
 * - Yearly quotas: the catalogue figure for the province every year; a city only by setting.
 * - Shares: the catalogue figure for the province; a city without its own takes the province's.
 */
export function resolveTargets(input: {
  entry: Pick<CatalogueEntry, 'kind' | 'target' | 'targetEveryYear'>;
  /** null: the province. */
  cityCode: string | null;
  set: ReadonlyMap<number, number>;
  /** The scope's actual at the baseline year-end, if known. */
  baseline: number | null;
  /** Shares only: the province's resolved targets (a city's fallback). */
  province?: ReadonlyMap<number, Resolved | null>;
}): Map<number, Resolved | null> {
  const { entry, cityCode, set } = input;
  const out = new Map<number, Resolved | null>();
  const def = (y: number) => (cityCode === null ? defaultTarget(entry, y) : null);
  if (entry.kind !== 'cumulative') {
    for (const y of PLAN_YEARS) {
      const s = set.get(y);
      const d = def(y);
      const p = entry.kind === 'share' && cityCode !== null ? (input.province?.get(y) ?? null) : null;
      out.set(
        y,
        s !== undefined
          ? { value: s, source: 'set' }
          : d !== null
            ? { value: d, source: 'default' }
            : p
              ? { value: p.value, source: 'province' }
              : null,
      );
    }
    return out;
  }
  const anchors: [number, number][] = [];
  if (input.baseline !== null) anchors.push([BASELINE_YEAR, input.baseline]);
  for (const y of PLAN_YEARS) {
    const s = set.get(y);
    const d = def(y);
    if (s !== undefined) anchors.push([y, s]);
    else if (d !== null) anchors.push([y, d]);
  }
  for (const y of PLAN_YEARS) {
    const s = set.get(y);
    if (s !== undefined) {
      out.set(y, { value: s, source: 'set' });
      continue;
    }
    const d = def(y);
    if (d !== null) {
      out.set(y, { value: d, source: 'default' });
      continue;
    }
    const before = anchors.filter(([x]) => x < y).at(-1);
    const after = anchors.find(([x]) => x > y);
    out.set(
      y,
      before && after
        ? {
            value: Math.round(before[1] + ((after[1] - before[1]) * (y - before[0])) / (after[0] - before[0])),
            source: 'trajectory',
          }
        : null,
    );
  }
  return out;
}

const daysInYear = (y: number) => (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 366 : 365);

/** Day of the year (1…366) of YYYY-MM-DD. */
export function dayOfYear(day: string): number {
  const y = Number(day.slice(0, 4));
  return (
    Math.round((Date.UTC(y, Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) - Date.UTC(y, 0, 1)) / 86400_000) + 1
  );
}

/** Elapsed share of the calendar year at the end of `day` (Dec 31 → 1). */
export function yearFraction(day: string): number {
  return dayOfYear(day) / daysInYear(Number(day.slice(0, 4)));
}

/** A day as a decimal year at its end: 2025-12-31 → 2026.0, 2026-07-02 → ≈2026.5. */
export const decimalYear = (day: string) => Number(day.slice(0, 4)) + yearFraction(day);

/**
 * Where the trajectory says the figure should stand at the end of `asOf`:
 * cumulative — between the previous year-end's target (the baseline for 2026) and this year's,
 * by the elapsed share of the year; yearly — this year's quota pro rata; share — the year's target.
 */
export function trajectoryAt(
  kind: IndicatorKind,
  asOf: string,
  targets: ReadonlyMap<number, Resolved | null>,
  baseline: number | null,
): number | null {
  const y = Number(asOf.slice(0, 4));
  const t = targets.get(y)?.value;
  if (t === undefined) return null;
  if (kind === 'share') return t;
  const f = yearFraction(asOf);
  if (kind === 'yearly') return t * f;
  const prev = y - 1 === BASELINE_YEAR ? baseline : (targets.get(y - 1)?.value ?? null);
  if (prev === null || prev === undefined) return null;
  return prev + (t - prev) * f;
}

export function shareOf(actual: number | null, target: number | null): number | null {
  if (actual === null || target === null || target <= 0) return null;
  return Math.round((actual / target) * 10_000) / 10_000;
}

/** Behind: below the trajectory (a small tolerance for the fractional day share). */
export function isBehind(actual: number | null, expected: number | null): boolean | null {
  if (actual === null || expected === null) return null;
  return actual < expected - 1e-9;
}

/**
 * The forecast for 2030: the least-squares line through the points (decimal year → value),
 * read at the end of 2030. Cumulative figures use each year-end value and the latest value of
 * the running year; yearly figures and shares use the values of completed years. Fewer than two
 * distinct points: no forecast.
 */
export function forecast2030(kind: IndicatorKind, points: readonly { asOf: string; value: number }[]): number | null {
  const xs = points.map((p) => (kind === 'cumulative' ? decimalYear(p.asOf) : Number(p.asOf.slice(0, 4))));
  if (new Set(xs).size < 2) return null;
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = points.reduce((a, p) => a + p.value, 0) / n;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (points[i]!.value - my);
    sxx += (x - mx) ** 2;
  });
  const slope = sxy / sxx;
  const at = kind === 'cumulative' ? PLAN_LAST_YEAR + 1 : PLAN_LAST_YEAR;
  const v = Math.max(0, my + slope * (at - mx));
  return isCount(kind) ? Math.round(v) : Math.round(v * 10_000) / 10_000;
}

/**
 * A target setting's own checks (Chinese messages): counts are whole numbers, shares lie in
 * 0…1; a city split needs a province total and must not exceed it; a province total must not
 * fall below the cities' split.
 */
export function targetProblem(input: {
  kind: IndicatorKind;
  year: number;
  cityCode: string | null;
  value: number;
  /** The province target of the year (set, default or trajectory). */
  province: number | null;
  /** The sum of the other cities' set targets of the year (counts only). */
  otherCities: number;
}): { code: 'VALIDATION' | 'CONFLICT'; message: string } | null {
  const { kind, year, value } = input;
  if (kind === 'share')
    return value > 1 ? { code: 'VALIDATION', message: '比例类目标应在 0 到 1 之间（如 0.85 表示 85%）' } : null;
  if (!Number.isInteger(value)) return { code: 'VALIDATION', message: '数量类目标应为整数' };
  if (input.cityCode === null)
    return value < input.otherCities
      ? {
          code: 'CONFLICT',
          message: `全省 ${year} 年目标（${value}）不能低于各市已分解目标之和（${input.otherCities}）`,
        }
      : null;
  if (input.province === null) return { code: 'CONFLICT', message: `请先设定全省 ${year} 年目标，再分解到各市` };
  const sum = input.otherCities + value;
  return sum > input.province
    ? { code: 'CONFLICT', message: `各市分解之和（${sum}）超过全省 ${year} 年目标（${input.province}），请调整` }
    : null;
}

/** Competition ranking (1, 1, 3 …) of the rows with a score, higher first; rows without a score get null. */
export function rank(scores: readonly (number | null)[]): (number | null)[] {
  return scores.map((s) => (s === null ? null : 1 + scores.filter((o) => o !== null && o > s).length));
}

/** Plan indicators carry targets; an indicator a module registers beyond the plan's catalogue does not. */
export const hasTargets = (id: string) => CATALOGUE.some((c) => c.id === id);

/** One explicit setting of an indicator (city null = the province). */
export interface TargetSetting {
  year: number;
  cityCode: string | null;
  value: number;
}

/** A problem of a plan change, naming the year and (when it concerns one) the city. */
export interface PlanProblem {
  year: number;
  cityCode: string | null;
  code: 'VALIDATION' | 'CONFLICT';
  message: string;
}

export const targetKey = (year: number, cityCode: string | null) => `${year}:${cityCode ?? ''}`;

/** A value's own rules: not negative, counts whole, shares at most 100 %. */
export function valueProblem(kind: IndicatorKind, value: number): string | null {
  if (!Number.isFinite(value)) return '目标值应为数字';
  if (value < 0) return '目标值不能为负数';
  if (kind === 'share') return value > 1 ? '比例类目标应在 0 到 100% 之间（如 0.85 表示 85%）' : null;
  return Number.isInteger(value) ? null : '数量类目标应为整数';
}

/**
 * Per year of a count indicator: a city split needs a province total (set, default or
 * trajectory — the trajectory follows the set years) and must not exceed it.
 */
function splitProblems(
  entry: Pick<CatalogueEntry, 'kind' | 'target' | 'targetEveryYear'>,
  set: readonly TargetSetting[],
  baseline: number | null,
): Map<number, PlanProblem> {
  const out = new Map<number, PlanProblem>();
  if (!isCount(entry.kind)) return out;
  const province = resolveTargets({
    entry,
    cityCode: null,
    set: new Map(set.filter((s) => s.cityCode === null).map((s) => [s.year, s.value])),
    baseline,
  });
  for (const y of PLAN_YEARS) {
    const cities = set.filter((s) => s.year === y && s.cityCode !== null);
    if (!cities.length) continue;
    const sum = cities.reduce((a, s) => a + s.value, 0);
    const p = province.get(y)?.value ?? null;
    if (p === null)
      out.set(y, { year: y, cityCode: null, code: 'CONFLICT', message: `请先设定全省 ${y} 年目标，再分解到各市` });
    else if (sum > p)
      out.set(y, {
        year: y,
        cityCode: null,
        code: 'CONFLICT',
        message: `${y} 年各市分解之和（${sum}）超过全省目标（${p}），请调整全省或各市目标`,
      });
  }
  return out;
}

/**
 * The checks of a change to one indicator's plan, as a whole: each changed value's own rules,
 * and per year the cities' split against the province total after the change. A year's split
 * problem is reported when the change touches that year, or when the change creates it (a
 * cumulative province total moves the trajectory of the years before it).
 */
export function planProblems(input: {
  entry: Pick<CatalogueEntry, 'kind' | 'target' | 'targetEveryYear'>;
  before: readonly TargetSetting[];
  after: readonly TargetSetting[];
  changed: readonly { year: number; cityCode: string | null }[];
  /** The province's actual at the baseline year-end (cumulative trajectory). */
  baseline: number | null;
  /** 全省, 济南市 … */
  label: (cityCode: string | null) => string;
}): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const after = new Map(input.after.map((s) => [targetKey(s.year, s.cityCode), s]));
  for (const c of input.changed) {
    const s = after.get(targetKey(c.year, c.cityCode));
    const m = s ? valueProblem(input.entry.kind, s.value) : null;
    if (m)
      problems.push({
        year: c.year,
        cityCode: c.cityCode,
        code: 'VALIDATION',
        message: `${input.label(c.cityCode)} ${c.year} 年：${m}`,
      });
  }
  const was = splitProblems(input.entry, input.before, input.baseline);
  const now = splitProblems(input.entry, input.after, input.baseline);
  const touched = new Set(input.changed.map((c) => c.year));
  for (const [y, p] of now) if (touched.has(y) || !was.has(y)) problems.push(p);
  return problems.sort((a, b) => a.year - b.year || (a.cityCode ?? '').localeCompare(b.cityCode ?? ''));
}
