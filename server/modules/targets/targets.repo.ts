import { and, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.js';
import { indicatorTarget, indicatorTargetVersion, indicatorValue } from './targets.schema.js';

export type TargetRowDb = typeof indicatorTarget.$inferSelect;
export type ValueRowDb = typeof indicatorValue.$inferSelect;
export type ValueInsert = typeof indicatorValue.$inferInsert;

const cityIs = (col: typeof indicatorTarget.cityCode | typeof indicatorValue.cityCode, cityCode: string | null) =>
  cityCode === null ? isNull(col) : eq(col, cityCode);

// ---------------------------------------------------------------- targets (settings)

/** Set targets of one indicator (every year and scope), or of every indicator. */
export function targets(db: DbOrTx, indicatorId?: string): Promise<TargetRowDb[]> {
  return db
    .select()
    .from(indicatorTarget)
    .where(indicatorId ? eq(indicatorTarget.indicatorId, indicatorId) : undefined);
}

export async function getTarget(db: DbOrTx, indicatorId: string, year: number, cityCode: string | null) {
  const [row] = await db
    .select()
    .from(indicatorTarget)
    .where(
      and(
        eq(indicatorTarget.indicatorId, indicatorId),
        eq(indicatorTarget.year, year),
        cityIs(indicatorTarget.cityCode, cityCode),
      ),
    );
  return row;
}

export async function upsertTarget(
  db: DbOrTx,
  v: { indicatorId: string; year: number; cityCode: string | null; value: number; updatedBy: string | null; at: Date },
): Promise<TargetRowDb> {
  const [row] = await db
    .insert(indicatorTarget)
    .values({
      indicatorId: v.indicatorId,
      year: v.year,
      cityCode: v.cityCode,
      value: v.value,
      updatedBy: v.updatedBy,
      updatedAt: v.at,
    })
    .onConflictDoUpdate({
      target: [indicatorTarget.indicatorId, indicatorTarget.year, indicatorTarget.cityCode],
      set: { value: v.value, updatedBy: v.updatedBy, updatedAt: v.at },
    })
    .returning();
  await db.insert(indicatorTargetVersion).values({
    indicatorId: v.indicatorId,
    year: v.year,
    cityCode: v.cityCode,
    value: v.value,
    recordedBy: v.updatedBy,
    recordedAt: v.at,
  });
  return row!;
}

/**
 * The set targets as known at a record time (from indicator_target_version: the newest version
 * of each indicator × year × city recorded by then, when it is not a removal), shaped as rows.
 */
export async function targetsKnownAt(db: DbOrTx, knownAt: Date, indicatorId?: string): Promise<TargetRowDb[]> {
  const rows = await db.execute<{
    indicator_id: string;
    year: number;
    city_code: string | null;
    value: string;
    recorded_by: string | null;
    recorded_at: Date | string;
  }>(sql`
    select * from (
      select distinct on (indicator_id, year, city_code) indicator_id, year, city_code, value, recorded_by, recorded_at
      from indicator_target_version
      where recorded_at <= ${knownAt.toISOString()}::timestamptz
        ${indicatorId ? sql`and indicator_id = ${indicatorId}` : sql``}
      order by indicator_id, year, city_code, recorded_at desc, id desc
    ) v where value is not null`);
  return rows.rows.map((r) => ({
    id: '00000000-0000-0000-0000-000000000000',
    indicatorId: r.indicator_id,
    year: Number(r.year),
    cityCode: r.city_code,
    value: Number(r.value),
    updatedBy: r.recorded_by,
    updatedAt: new Date(r.recorded_at),
  }));
}

/** Serialises target edits of one indicator-year, so two city splits cannot pass the cap together. */
export async function lockIndicatorYear(tx: DbOrTx, indicatorId: string, year: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'indicator_target:' + indicatorId}), ${year})`);
}

// ---------------------------------------------------------------- values (rollups)

/** Rollup rows of one scope (a city, or null for the province), every indicator and period. */
export function valuesOfScope(db: DbOrTx, cityCode: string | null): Promise<ValueRowDb[]> {
  return db.select().from(indicatorValue).where(cityIs(indicatorValue.cityCode, cityCode));
}

/** Rollup rows of one indicator, every scope and period. */
export function valuesOfIndicator(db: DbOrTx, indicatorId: string): Promise<ValueRowDb[]> {
  return db.select().from(indicatorValue).where(eq(indicatorValue.indicatorId, indicatorId));
}

/** One refresh at a time (nightly schedule, the chain after the category refresh, a manual run). */
export async function lockRefresh(tx: DbOrTx) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('indicator_value.refresh'))`);
}

/** Replace the rollups of these indicators by a fresh set, inside the caller's transaction. */
export async function replaceValues(tx: DbOrTx, indicatorIds: string[], rows: ValueInsert[]) {
  if (indicatorIds.length === 0) return;
  await tx.delete(indicatorValue).where(inArray(indicatorValue.indicatorId, indicatorIds));
  for (let i = 0; i < rows.length; i += 2000) await tx.insert(indicatorValue).values(rows.slice(i, i + 2000));
}

/** The oldest 'now' day among these indicators' rollups (null when any of them has none). */
export async function oldestNow(db: DbOrTx, indicatorIds: string[]): Promise<string | null> {
  if (indicatorIds.length === 0) return null;
  const rows = await db
    .select({ id: indicatorValue.indicatorId, asOf: max(indicatorValue.asOf) })
    .from(indicatorValue)
    .where(and(inArray(indicatorValue.indicatorId, indicatorIds), eq(indicatorValue.period, 'now')))
    .groupBy(indicatorValue.indicatorId);
  // An indicator whose source has no figure yet (e.g. T5 before its first run) writes no rows and
  // does not make the rollups stale; no rows at all means never refreshed.
  if (rows.length === 0) return null;
  return rows.map((r) => r.asOf!).sort()[0]!;
}

/** A setting removed: the cell goes back to its default (recorded as a version with no value). */
export async function deleteTarget(
  db: DbOrTx,
  indicatorId: string,
  year: number,
  cityCode: string | null,
  by: { updatedBy: string | null; at: Date },
) {
  await db
    .insert(indicatorTargetVersion)
    .values({ indicatorId, year, cityCode, value: null, recordedBy: by.updatedBy, recordedAt: by.at });
  await db
    .delete(indicatorTarget)
    .where(
      and(
        eq(indicatorTarget.indicatorId, indicatorId),
        eq(indicatorTarget.year, year),
        cityIs(indicatorTarget.cityCode, cityCode),
      ),
    );
}
