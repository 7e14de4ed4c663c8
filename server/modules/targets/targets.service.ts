import type { z } from 'zod';
import type { Db, DbOrTx } from '../../kernel/db/types.js';
import { audit, type Actor } from '../../kernel/audit/audit.js';
import { AppError, notFound } from '../../kernel/errors/app-error.js';
import { assertPermission } from '../../kernel/auth/scope.js';
import type { ReferenceService } from '../../kernel/reference/reference.service.js';
import type { Jobs } from '../../kernel/jobs/jobs.js';
import { shanghaiDate } from '../../kernel/time.js';
import type { Person } from '../../../contracts/identity.js';
import {
  BASELINE_YEAR,
  FORECAST_METHOD,
  NOT_COMPUTED_MESSAGE,
  NO_SOURCE_MESSAGE,
  PLAN_FIRST_YEAR,
  PLAN_LAST_YEAR,
  type Actual,
  type CityRanking,
  type Dashboard,
  type IndicatorCard,
  type IndicatorKind,
  type IndicatorMeta,
  type TargetPlan,
  type TargetRow,
} from '../../../contracts/targets.js';
import * as repo from './targets.repo.js';
import {
  CATALOGUE,
  PLAN_YEARS,
  PROVINCE_CODE,
  forecast2030,
  isBehind,
  hasTargets,
  isCount,
  planProblems,
  rank,
  resolveTargets,
  shareOf,
  targetProblem,
  targetKey,
  trajectoryAt,
  type CatalogueEntry,
  type PlanProblem,
  type Resolved,
  type TargetSetting,
} from './targets.rules.js';

export interface IndicatorComputeOptions {
  /** Calendar day (Asia/Shanghai). Cumulative and share figures stand at its end; yearly ones count its year up to it. */
  asOf: string;
  /** Record time (bitemporal sources): as known then. Absent: as known now. */
  knownAt?: Date;
  /**
   * A scratchpad for one run (one refresh, one on-demand computation): definitions that share a
   * query (T1–T4 are one aggregate) keep its result here instead of running it again.
   */
  cache?: Map<string, Promise<unknown>>;
}

/**
 * An indicator as code, registered by the module that owns its records. `compute` returns the
 * figure per city code (GB/T 2260); for counts the province is the sum of the 16 cities, for a
 * share the definition returns the province figure under PROVINCE_CODE (370000).
 */
export interface IndicatorDefinition {
  id: string;
  title: string;
  unit: string;
  kind: IndicatorKind;
  compute(db: DbOrTx, o: IndicatorComputeOptions): Promise<Map<string, number>>;
  /** The .xlsx export of the persons behind today's figure (a path of the owning module; `&cityCode=` narrows it). */
  exportPath?: string;
  /** The persons behind the figure today, in the actor's scope (the owning module's list). */
  persons?(
    actor: Actor,
    q: { cityCode?: string; page: number; pageSize: number },
  ): Promise<{ items: z.infer<typeof Person>[]; total: number }>;
}

type Scope = string | null;
interface Point {
  period: string;
  asOf: string;
  value: number;
}

const isYearPeriod = (p: string) => /^\d{4}$/.test(p);

/** A cell of a plan change: a value sets it, null resets it to its default. */
export interface PlanChange {
  year: number;
  cityCode: string | null;
  value: number | null;
}

/** A refused plan change: every problem (year, city, Chinese message) in details.problems. */
export function planError(problems: PlanProblem[]): AppError {
  const first = problems[0]!;
  const message =
    problems.length === 1
      ? first.message
      : `有 ${problems.length} 处问题，未保存任何修改：${problems
          .slice(0, 3)
          .map((p) => p.message)
          .join('；')}${problems.length > 3 ? '……' : ''}`;
  return new AppError(problems.some((p) => p.code === 'CONFLICT') ? 'CONFLICT' : 'VALIDATION', message, {
    problems: problems.map((p) => ({ year: p.year, cityCode: p.cityCode, message: p.message })),
  });
}

export interface SaveResult {
  changed: number;
  unchanged: number;
  plan: z.infer<typeof TargetPlan>;
}

export function createTargetsService(deps: {
  db: Db;
  clock: () => Date;
  reference: Pick<ReferenceService, 'cities'>;
  jobs: Pick<Jobs, 'enqueue'> | null;
}) {
  const { db, clock } = deps;
  const defs = new Map<string, IndicatorDefinition>();

  function entries(): CatalogueEntry[] {
    const extra = [...defs.values()]
      .filter((d) => !CATALOGUE.some((c) => c.id === d.id))
      .map((d) => ({
        id: d.id,
        title: d.title,
        unit: d.unit,
        kind: d.kind,
        definition: d.title,
        target: null,
        targetEveryYear: false,
      }));
    return [...CATALOGUE, ...extra];
  }

  function entry(id: string): CatalogueEntry {
    const e = entries().find((x) => x.id === id);
    if (!e) throw notFound('指标');
    return e;
  }

  const meta = (e: CatalogueEntry): z.infer<typeof IndicatorMeta> => ({
    id: e.id,
    title: e.title,
    unit: e.unit,
    kind: e.kind,
    hasSource: defs.has(e.id),
    drillDown: !!defs.get(e.id)?.persons,
    exportPath: defs.get(e.id)?.exportPath ?? null,
    definition: e.definition,
  });

  async function activeCities(): Promise<{ code: string; name: string }[]> {
    return [...(await deps.reference.cities()).values()]
      .filter((c) => c.attrs.status === 'active')
      .map((c) => ({ code: c.code, name: c.name }))
      .sort((a, b) => a.code.localeCompare(b.code));
  }

  /** The scope an actor reads: a province admin any city or the province; a city admin only their own city. */
  async function scopeOf(actor: Actor, requested: string | undefined): Promise<Scope> {
    if (actor.roles.includes('province_admin')) {
      if (requested && !(await activeCities()).some((c) => c.code === requested)) throw notFound('城市');
      return requested ?? null;
    }
    if (actor.roles.includes('city_admin') && actor.cityCode) {
      if (requested && requested !== actor.cityCode) throw notFound('城市');
      return actor.cityCode;
    }
    throw notFound('城市');
  }

  const today = () => shanghaiDate(clock());
  const currentYear = () => Number(today().slice(0, 4));
  const defaultYear = () => Math.min(PLAN_LAST_YEAR, Math.max(PLAN_FIRST_YEAR, currentYear()));

  const setOf = (rows: repo.TargetRowDb[], id: string, scope: Scope) =>
    new Map(rows.filter((r) => r.indicatorId === id && r.cityCode === scope).map((r) => [r.year, r.value]));
  const baselineOf = (rows: repo.ValueRowDb[]) => rows.find((r) => r.period === String(BASELINE_YEAR))?.value ?? null;

  /** Targets of every plan year for a scope; a city's share targets fall back to the province's. */
  function targetsFor(e: CatalogueEntry, scope: Scope, set: repo.TargetRowDb[], values: repo.ValueRowDb[]) {
    const province =
      scope === null
        ? undefined
        : resolveTargets({
            entry: e,
            cityCode: null,
            set: setOf(set, e.id, null),
            baseline: baselineOf(values.filter((v) => v.indicatorId === e.id && v.cityCode === null)),
          });
    return resolveTargets({
      entry: e,
      cityCode: scope,
      set: setOf(set, e.id, scope),
      baseline: baselineOf(values.filter((v) => v.indicatorId === e.id && v.cityCode === scope)),
      province,
    });
  }

  /**
   * The figures of one indicator in one scope for a dashboard year, from the rollup rows of that
   * scope: the running year (and later ones) read 'now'; an earlier year its year-end.
   */
  function figures(e: CatalogueEntry, rows: repo.ValueRowDb[], targets: Map<number, Resolved | null>, year: number) {
    const sourced = defs.has(e.id);
    const period = year < currentYear() ? String(year) : 'now';
    const row = rows.find((r) => r.period === period);
    const actual: Actual = !sourced
      ? { status: 'no_source', message: NO_SOURCE_MESSAGE }
      : row
        ? {
            status: 'ok',
            value: row.value,
            period: row.period,
            asOf: row.asOf,
            computedAt: row.computedAt.toISOString(),
          }
        : { status: 'not_computed', message: NOT_COMPUTED_MESSAGE };
    const target = targets.get(year) ?? null;
    const value = actual.status === 'ok' ? actual.value : null;
    const yearEnds: Point[] = rows
      .filter((r) => isYearPeriod(r.period))
      .map((r) => ({ period: r.period, asOf: r.asOf, value: r.value }))
      .sort((a, b) => a.asOf.localeCompare(b.asOf));
    const trend = sourced ? yearEnds.filter((p) => Number(p.period) < year) : [];
    let basis: { asOf: string; value: number }[] = [];
    if (actual.status === 'ok') {
      const upTo = yearEnds.filter((p) => p.asOf <= actual.asOf && p.period !== actual.period);
      // Cumulative: the year-ends and the latest figure; yearly and shares: completed years only.
      basis = (e.kind === 'cumulative' || isYearPeriod(actual.period) ? [...upTo, actual] : upTo).map((p) => ({
        asOf: p.asOf,
        value: p.value,
      }));
    }
    const trajectoryValue =
      actual.status === 'ok' ? trajectoryAt(e.kind, actual.asOf, targets, baselineOf(rows)) : null;
    return {
      actual,
      target: target?.value ?? null,
      targetSource: target?.source ?? null,
      share: shareOf(value, target?.value ?? null),
      trajectoryValue: trajectoryValue === null ? null : Math.round(trajectoryValue * 10_000) / 10_000,
      behind: isBehind(value, trajectoryValue),
      trend,
      forecast2030: forecast2030(e.kind, basis),
      forecastMethod: FORECAST_METHOD,
      forecastBasis: basis,
    };
  }

  /** Each definition's figures per scope: every active city and the province (null). */
  function scopeRows(def: IndicatorDefinition, m: Map<string, number>, cities: string[]) {
    const out: { cityCode: string | null; value: number }[] = [];
    if (isCount(def.kind)) {
      let sum = 0;
      for (const c of cities) {
        const v = m.get(c) ?? 0;
        sum += v;
        out.push({ cityCode: c, value: v });
      }
      out.push({ cityCode: null, value: sum });
    } else {
      for (const c of cities) if (m.has(c)) out.push({ cityCode: c, value: m.get(c)! });
      if (m.has(PROVINCE_CODE)) out.push({ cityCode: null, value: m.get(PROVINCE_CODE)! });
    }
    return out;
  }

  /** The stored settings with the changes applied, and the problems of the result. */
  function checkPlan(
    e: CatalogueEntry,
    set: repo.TargetRowDb[],
    values: repo.ValueRowDb[],
    changes: PlanChange[],
    names: Map<string, string>,
  ) {
    const before: TargetSetting[] = set.map((r) => ({ year: r.year, cityCode: r.cityCode, value: r.value }));
    const after = new Map(before.map((s) => [targetKey(s.year, s.cityCode), s]));
    for (const c of changes) {
      const k = targetKey(c.year, c.cityCode);
      if (c.value === null) after.delete(k);
      else after.set(k, { year: c.year, cityCode: c.cityCode, value: c.value });
    }
    const problems = planProblems({
      entry: e,
      before,
      after: [...after.values()],
      changed: changes,
      baseline: baselineOf(values.filter((v) => v.cityCode === null)),
      label: (c) => (c === null ? '全省' : (names.get(c) ?? c)),
    });
    return { problems };
  }

  /**
   * Writes a change of one indicator's plan inside `tx`: locks the indicator's years, checks the
   * whole result, then upserts or deletes each cell that differs, audited (before/after).
   */
  async function applyChanges(
    tx: DbOrTx,
    actor: Actor,
    e: CatalogueEntry,
    changes: PlanChange[],
    via: 'grid' | 'import',
    names: Map<string, string>,
  ): Promise<{ changed: number; unchanged: number }> {
    for (const y of PLAN_YEARS) await repo.lockIndicatorYear(tx, e.id, y);
    const set = await repo.targets(tx, e.id);
    const values = await repo.valuesOfIndicator(tx, e.id);
    const { problems } = checkPlan(e, set, values, changes, names);
    if (problems.length) throw planError(problems);
    const stored = new Map(set.map((r) => [targetKey(r.year, r.cityCode), r]));
    let changed = 0;
    const at = clock();
    for (const c of changes) {
      const before = stored.get(targetKey(c.year, c.cityCode)) ?? null;
      const entityId = `${e.id}:${c.year}:${c.cityCode ?? 'province'}`;
      if (c.value === null) {
        if (!before) continue;
        await repo.deleteTarget(tx, e.id, c.year, c.cityCode, { updatedBy: actor.userId, at });
        await audit(tx, actor, {
          action: 'target.reset',
          entity: 'indicator_target',
          entityId,
          before: { value: before.value, updatedBy: before.updatedBy },
          after: { indicatorId: e.id, year: c.year, cityCode: c.cityCode, value: null, via },
        });
      } else {
        if (before && before.value === c.value) continue;
        await repo.upsertTarget(tx, {
          indicatorId: e.id,
          year: c.year,
          cityCode: c.cityCode,
          value: c.value,
          updatedBy: actor.userId,
          at,
        });
        await audit(tx, actor, {
          action: 'target.set',
          entity: 'indicator_target',
          entityId,
          before: before && { value: before.value, updatedBy: before.updatedBy },
          after: { indicatorId: e.id, year: c.year, cityCode: c.cityCode, value: c.value, via },
        });
      }
      changed++;
    }
    return { changed, unchanged: changes.length - changed };
  }

  const service = {
    /** Modules register the indicators they own (at start, before any request). */
    register(...list: IndicatorDefinition[]) {
      for (const d of list) {
        const c = CATALOGUE.find((x) => x.id === d.id);
        if (c && (c.kind !== d.kind || c.unit !== d.unit))
          throw new Error(`indicator ${d.id}: kind/unit differ from the catalogue (${c.kind}, ${c.unit})`);
        if (defs.has(d.id)) throw new Error(`indicator ${d.id} is registered twice`);
        defs.set(d.id, d);
      }
    },

    catalogue(actor: Actor): z.infer<typeof IndicatorMeta>[] {
      assertPermission(actor, 'target.read');
      return entries().map(meta);
    },

    /** A card per indicator for the province or one city: actual (rollups), target, share, trend, forecast. */
    async dashboard(actor: Actor, q: { year?: number; city?: string }): Promise<z.infer<typeof Dashboard>> {
      assertPermission(actor, 'target.read');
      const scope = await scopeOf(actor, q.city);
      const year = q.year ?? defaultYear();
      const [values, set, cities] = await Promise.all([
        scope === null
          ? repo.valuesOfScope(db, null)
          : Promise.all([repo.valuesOfScope(db, scope), repo.valuesOfScope(db, null)]).then((r) => r.flat()),
        repo.targets(db),
        activeCities(),
      ]);
      const cards: z.infer<typeof IndicatorCard>[] = entries().map((e) => {
        const rows = values.filter((v) => v.indicatorId === e.id && v.cityCode === scope);
        return { ...meta(e), ...figures(e, rows, targetsFor(e, scope, set, values), year) };
      });
      return {
        year,
        cityCode: scope,
        cityName: scope === null ? null : (cities.find((c) => c.code === scope)?.name ?? null),
        today: today(),
        indicators: cards,
      };
    },

    /** The 16 cities of one indicator: actual, target, share, rank (a city admin gets their own row). */
    async cities(actor: Actor, q: { indicator: string; year?: number }): Promise<z.infer<typeof CityRanking>> {
      assertPermission(actor, 'target.read');
      const own = await scopeOf(actor, undefined);
      const e = entry(q.indicator);
      const year = q.year ?? defaultYear();
      const [values, set, cities] = await Promise.all([
        repo.valuesOfIndicator(db, e.id),
        repo.targets(db, e.id),
        activeCities(),
      ]);
      const of = (scope: Scope) =>
        figures(
          e,
          values.filter((v) => v.cityCode === scope),
          targetsFor(e, scope, set, values),
          year,
        );
      const rows = cities.map((c) => ({ cityCode: c.code, cityName: c.name, ...of(c.code) }));
      const byShare = rows.some((r) => r.share !== null);
      const anyActual = rows.some((r) => r.actual.status === 'ok');
      const ranks = rank(rows.map((r) => (byShare ? r.share : r.actual.status === 'ok' ? r.actual.value : null)));
      const strip = ({
        trend: _t,
        forecast2030: _f,
        forecastMethod: _m,
        forecastBasis: _b,
        ...r
      }: ReturnType<typeof of>) => r;
      const province = strip(of(null));
      return {
        indicator: meta(e),
        year,
        rankBy: byShare ? 'share' : anyActual ? 'actual' : null,
        // A city admin sees the province's total and target, and of the cities only their own row.
        province,
        cities: rows
          .map((r, i) => ({ ...strip({ ...r }), cityCode: r.cityCode, cityName: r.cityName, rank: ranks[i] ?? null }))
          .filter((r) => own === null || r.cityCode === own),
      };
    },

    /** The targets of one indicator for every plan year: province and cities, with where each comes from. */
    async plan(actor: Actor, indicatorId: string): Promise<z.infer<typeof TargetPlan>> {
      assertPermission(actor, 'target.read');
      const own = await scopeOf(actor, undefined);
      const e = entry(indicatorId);
      const [values, set, cities] = await Promise.all([
        repo.valuesOfIndicator(db, e.id),
        repo.targets(db, e.id),
        activeCities(),
      ]);
      const province = targetsFor(e, null, set, values);
      const perCity = cities
        .filter((c) => own === null || c.code === own)
        .map((c) => ({ ...c, t: targetsFor(e, c.code, set, values) }));
      return {
        indicator: meta(e),
        years: PLAN_YEARS.map((y) => ({
          year: y,
          province: { value: province.get(y)?.value ?? null, source: province.get(y)?.source ?? null },
          cities: perCity.map((c) => ({
            cityCode: c.code,
            cityName: c.name,
            value: c.t.get(y)?.value ?? null,
            source: c.t.get(y)?.source ?? null,
          })),
          citySum:
            isCount(e.kind) && own === null
              ? set.filter((r) => r.year === y && r.cityCode !== null).reduce((a, r) => a + r.value, 0)
              : null,
        })),
      };
    },

    /**
     * The province admin sets an indicator's target for a year, for the province (cityCode null)
     * or a city. A city split never exceeds the province total; audited in the same transaction.
     */
    async setTarget(
      actor: Actor,
      indicatorId: string,
      year: number,
      input: { cityCode: string | null; value: number },
    ): Promise<z.infer<typeof TargetRow>> {
      assertPermission(actor, 'target.edit');
      const e = entry(indicatorId);
      if (!hasTargets(e.id)) throw new AppError('VALIDATION', `指标 ${e.id}（${e.title}）不设目标`);
      if (input.cityCode !== null && !(await activeCities()).some((c) => c.code === input.cityCode))
        throw new AppError('VALIDATION', `城市代码 ${input.cityCode} 不是山东省现行的地级市`, { field: 'cityCode' });
      return db.transaction(async (tx) => {
        await repo.lockIndicatorYear(tx, e.id, year);
        const [set, values] = await Promise.all([repo.targets(tx, e.id), repo.valuesOfIndicator(tx, e.id)]);
        const before = set.find((r) => r.year === year && r.cityCode === input.cityCode) ?? null;
        const province = targetsFor(e, null, set, values).get(year)?.value ?? null;
        const otherCities = set
          .filter((r) => r.year === year && r.cityCode !== null && r.cityCode !== input.cityCode)
          .reduce((a, r) => a + r.value, 0);
        const problem = targetProblem({
          kind: e.kind,
          year,
          cityCode: input.cityCode,
          value: input.value,
          province,
          otherCities,
        });
        if (problem) throw new AppError(problem.code, problem.message);
        const row = await repo.upsertTarget(tx, {
          indicatorId: e.id,
          year,
          cityCode: input.cityCode,
          value: input.value,
          updatedBy: actor.userId,
          at: clock(),
        });
        await audit(tx, actor, {
          action: 'target.set',
          entity: 'indicator_target',
          entityId: `${e.id}:${year}:${input.cityCode ?? 'province'}`,
          before: before && { value: before.value, updatedBy: before.updatedBy },
          after: { indicatorId: e.id, year, cityCode: input.cityCode, value: row.value },
        });
        return {
          indicatorId: row.indicatorId,
          year: row.year,
          cityCode: row.cityCode,
          value: row.value,
          updatedBy: row.updatedBy,
          updatedAt: row.updatedAt.toISOString(),
        };
      });
    },

    /**
     * Every indicator's target for one plan year — the province's and each city's — as known at a
     * record time: the targets set by then (indicator_target_version) and the trajectory's
     * baseline (the BASELINE_YEAR year-end) computed as known then. The yearly report reads its
     * targets here, so generated again with the same record time it shows the same targets.
     */
    async yearTargetsKnownAt(
      year: number,
      knownAt: Date,
    ): Promise<Map<string, { province: number | null; cities: Map<string, number | null> }>> {
      const [set, cities, base] = await Promise.all([
        repo.targetsKnownAt(db, knownAt),
        activeCities(),
        // Only the cumulative indicators' trajectories start from the baseline.
        service.computeAsOf({
          asOf: `${BASELINE_YEAR}-12-31`,
          knownAt: knownAt.toISOString(),
          only: entries()
            .filter((e) => e.kind === 'cumulative')
            .map((e) => e.id),
        }),
      ]);
      const period = String(BASELINE_YEAR);
      const values: repo.ValueRowDb[] = [];
      const row = (indicatorId: string, cityCode: string | null, value: number): repo.ValueRowDb => ({
        indicatorId,
        cityCode,
        period,
        asOf: base.asOf,
        value,
        computedAt: knownAt,
      });
      for (const ind of base.indicators) {
        if (ind.province !== null) values.push(row(ind.id, null, ind.province));
        for (const c of ind.cities) if (c.cityCode !== null) values.push(row(ind.id, c.cityCode, c.value));
      }
      const out = new Map<string, { province: number | null; cities: Map<string, number | null> }>();
      for (const e of entries())
        out.set(e.id, {
          province: targetsFor(e, null, set, values).get(year)?.value ?? null,
          cities: new Map(cities.map((c) => [c.code, targetsFor(e, c.code, set, values).get(year)?.value ?? null])),
        });
      return out;
    },

    /** The indicators that carry targets (the plan's catalogue), in catalogue order. */
    targetIndicators(): CatalogueEntry[] {
      return entries().filter((e) => hasTargets(e.id));
    },

    /** Every indicator id known (catalogue and registered), for "unknown" versus "without targets". */
    indicatorIds(): string[] {
      return entries().map((e) => e.id);
    },

    /** The active cities, by code. */
    activeCities,

    /**
     * The province admin saves one indicator's grid: every change checked as a whole (each value,
     * and per year the cities' split against the province total), then written in one
     * transaction — all or nothing — each set or reset audited with its before and after.
     */
    async saveTargets(actor: Actor, indicatorId: string, changes: PlanChange[]): Promise<SaveResult> {
      assertPermission(actor, 'target.edit');
      const e = entry(indicatorId);
      if (!hasTargets(e.id)) throw new AppError('VALIDATION', `指标 ${e.id}（${e.title}）不设目标`);
      const cities = await activeCities();
      const names = new Map(cities.map((c) => [c.code, c.name]));
      const seen = new Set<string>();
      for (const c of changes) {
        if (c.cityCode !== null && !names.has(c.cityCode))
          throw new AppError('VALIDATION', `城市代码 ${c.cityCode} 不是山东省现行的地级市`, { field: 'cityCode' });
        const k = targetKey(c.year, c.cityCode);
        if (seen.has(k))
          throw new AppError(
            'VALIDATION',
            `${c.cityCode === null ? '全省' : names.get(c.cityCode)} ${c.year} 年的目标在本次保存中出现了多次`,
          );
        seen.add(k);
      }
      const counts = await db.transaction((tx) => applyChanges(tx, actor, e, changes, 'grid', names));
      return { ...counts, plan: await service.plan(actor, e.id) };
    },

    /** Back to the default (catalogue, trajectory or province rate): the setting is deleted, audited. */
    async resetTarget(actor: Actor, indicatorId: string, year: number, cityCode: string | null): Promise<SaveResult> {
      return service.saveTargets(actor, indicatorId, [{ year, cityCode, value: null }]);
    },

    /**
     * The split problems the rows of an import would cause, with what is stored (read outside the
     * commit; the commit checks again under the lock).
     */
    async importProblems(indicatorId: string, rows: TargetSetting[]): Promise<PlanProblem[]> {
      const e = entry(indicatorId);
      const names = new Map((await activeCities()).map((c) => [c.code, c.name]));
      const [set, values] = await Promise.all([repo.targets(db, e.id), repo.valuesOfIndicator(db, e.id)]);
      return checkPlan(e, set, values, rows, names).problems;
    },

    /** The commit of a target import: each indicator's rows checked and written in the caller's transaction. */
    async commitImport(tx: DbOrTx, actor: Actor, rows: (TargetSetting & { indicatorId: string })[]) {
      const names = new Map((await activeCities()).map((c) => [c.code, c.name]));
      const totals = { targetsChanged: 0, targetsUnchanged: 0 };
      for (const id of [...new Set(rows.map((r) => r.indicatorId))].sort()) {
        const r = await applyChanges(
          tx,
          actor,
          entry(id),
          rows.filter((x) => x.indicatorId === id),
          'import',
          names,
        );
        totals.targetsChanged += r.changed;
        totals.targetsUnchanged += r.unchanged;
      }
      return totals;
    },

    /** Set targets of one indicator or of all (the rows an export writes). */
    settings(indicatorId?: string) {
      return repo.targets(db, indicatorId);
    },

    /** Drill-down: the persons behind a figure today, through the owning module's list (its scope rules apply). */
    async persons(actor: Actor, indicatorId: string, q: { city?: string; page: number; pageSize: number }) {
      assertPermission(actor, 'target.read');
      const def = defs.get(indicatorId);
      if (!def?.persons) throw notFound('指标明细');
      const scope = await scopeOf(actor, q.city);
      return def.persons(actor, { cityCode: scope ?? undefined, page: q.page, pageSize: q.pageSize });
    },

    /**
     * Figures for any other day (or as known at another time) are computed by a job, never in a
     * request. Days the rollups hold ('now', year-ends as known now) are answered from there.
     */
    async requestComputation(actor: Actor, input: { asOf: string; knownAt?: string }) {
      assertPermission(actor, 'target.read');
      const scope = await scopeOf(actor, undefined);
      const now = clock();
      if (input.asOf > shanghaiDate(now)) throw new AppError('VALIDATION', '统计日期不能晚于今天', { field: 'asOf' });
      if (input.knownAt && new Date(input.knownAt) > now)
        throw new AppError('VALIDATION', '记录时点不能晚于现在', { field: 'knownAt' });
      if (!input.knownAt) {
        const y = Number(input.asOf.slice(0, 4));
        const period =
          input.asOf === shanghaiDate(now)
            ? 'now'
            : input.asOf.endsWith('-12-31') && y >= BASELINE_YEAR
              ? String(y)
              : null;
        if (period) return { jobId: null, period, message: '该日期的数值由每日汇总提供，请在看板中查看' };
      }
      if (!deps.jobs) throw new AppError('UNAVAILABLE', '后台任务未启用，暂时不能计算');
      const jobId = await deps.jobs.enqueue('targets.compute-as-of', actor.userId, {
        asOf: input.asOf,
        knownAt: input.knownAt ?? null,
        cityCode: scope,
      });
      return { jobId, period: null, message: '已提交计算任务，完成后可在任务结果中查看' };
    },

    /** The job body of an on-demand computation: every sourced indicator on a day, in one read-only snapshot. */
    async computeAsOf(data: {
      asOf: string;
      knownAt?: string | null;
      cityCode?: string | null;
      /** Only these indicators (default: every sourced one). */
      only?: readonly string[];
    }) {
      const knownAt = data.knownAt ? new Date(data.knownAt) : undefined;
      const cities = (await activeCities()).map((c) => c.code);
      const sourced = [...defs.values()].filter((d) => !data.only || data.only.includes(d.id));
      const computed = await db.transaction(
        async (tx) => {
          const cache = new Map<string, Promise<unknown>>();
          const out: { def: IndicatorDefinition; rows: ReturnType<typeof scopeRows> }[] = [];
          for (const def of sourced)
            out.push({ def, rows: scopeRows(def, await def.compute(tx, { asOf: data.asOf, knownAt, cache }), cities) });
          return out;
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      );
      const only = data.cityCode ?? undefined;
      return {
        asOf: data.asOf,
        knownAt: knownAt?.toISOString() ?? null,
        cityCode: only ?? null,
        indicators: computed.map(({ def, rows }) => ({
          id: def.id,
          title: def.title,
          unit: def.unit,
          province: only ? null : (rows.find((r) => r.cityCode === null)?.value ?? null),
          cities: rows.filter((r) => r.cityCode !== null && (!only || r.cityCode === only)),
        })),
        noSource: entries()
          .filter((e) => !defs.has(e.id))
          .map((e) => e.id),
      };
    },

    /**
     * Recompute the rollups of the sourced indicators (or of some): 'now' and every passed
     * year-end from the baseline (2025) on, as known now, replaced in one transaction.
     */
    async refreshRollups(opts: { indicators?: string[] } = {}) {
      const now = clock();
      const day = shanghaiDate(now);
      const periods = [{ period: 'now', asOf: day }];
      for (let y = BASELINE_YEAR; y <= Number(day.slice(0, 4)); y++)
        if (`${y}-12-31` <= day) periods.push({ period: String(y), asOf: `${y}-12-31` });
      const cities = (await activeCities()).map((c) => c.code);
      const chosen = [...defs.values()].filter((d) => !opts.indicators || opts.indicators.includes(d.id));
      return db.transaction(async (tx) => {
        await repo.lockRefresh(tx);
        const cache = new Map<string, Promise<unknown>>();
        const rows: repo.ValueInsert[] = [];
        for (const def of chosen)
          for (const p of periods)
            for (const r of scopeRows(def, await def.compute(tx, { asOf: p.asOf, cache }), cities))
              rows.push({
                indicatorId: def.id,
                cityCode: r.cityCode,
                period: p.period,
                asOf: p.asOf,
                value: r.value,
                computedAt: now,
              });
        await repo.replaceValues(
          tx,
          chosen.map((d) => d.id),
          rows,
        );
        return {
          indicators: chosen.length,
          periods: periods.map((p) => p.period),
          rows: rows.length,
          computedAt: now.toISOString(),
        };
      });
    },

    /** True when a sourced indicator has no 'now' rollup of today (the server slept through the night, or never ran it). */
    async rollupsStale(): Promise<boolean> {
      if (defs.size === 0) return false;
      const oldest = await repo.oldestNow(db, [...defs.keys()]);
      return oldest === null || oldest < today();
    },
  };
  return service;
}
export type TargetsService = ReturnType<typeof createTargetsService>;

/** The queue handlers of targets: the rollup refresh (nightly, and after the registry's category refresh) and on-demand days. */
export function registerTargetJobs(jobs: Pick<Jobs, 'register'>, targets: TargetsService): void {
  // Scheduled runs carry no data: they refresh only what is stale; an enqueued { force: true } always refreshes.
  jobs.register<{ force?: boolean } | null>('targets.refresh-rollups', async (data, ctx) => {
    if (!data?.force && !(await targets.rollupsStale())) {
      await ctx.progress(0, 0, '指标汇总已是今日数据，无需更新');
      return { skipped: true };
    }
    const r = await targets.refreshRollups();
    await ctx.progress(r.rows, r.rows, '已更新指标汇总');
    return r;
  });
  jobs.register<{ asOf: string; knownAt: string | null; cityCode: string | null }>(
    'targets.compute-as-of',
    async (data, ctx) => {
      const r = await targets.computeAsOf(data);
      await ctx.progress(r.indicators.length, r.indicators.length, `已计算 ${data.asOf} 的指标`);
      return r;
    },
  );
}
