import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * A target the province admin set for an indicator × year × city (city null = the province).
 * Only explicit settings are stored: the catalogue defaults and the linear trajectory are
 * derived on read (targets.rules.ts), so a row here always means "someone decided this".
 */
export const indicatorTarget = pgTable(
  'indicator_target',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    indicatorId: text('indicator_id').notNull(),
    year: integer('year').notNull(),
    /** null: the province total. */
    cityCode: text('city_code'),
    value: numeric('value', { mode: 'number' }).notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('indicator_target_key').on(t.indicatorId, t.year, t.cityCode).nullsNotDistinct(),
    check('indicator_target_value_check', sql`${t.value} >= 0`),
  ],
);

/**
 * Every change of indicator_target as it was recorded (append-only): value null = the setting was
 * removed (back to the default). A yearly report reads the targets as known at its record time,
 * so a target changed afterwards does not change a report generated again (ADR 0009).
 */
export const indicatorTargetVersion = pgTable(
  'indicator_target_version',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    indicatorId: text('indicator_id').notNull(),
    year: integer('year').notNull(),
    cityCode: text('city_code'),
    value: numeric('value', { mode: 'number' }),
    recordedBy: uuid('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('indicator_target_version_key').on(t.indicatorId, t.year, t.cityCode, t.recordedAt)],
);

/**
 * Rollups: each sourced indicator's value per city (null = province) for 'now' and for each
 * year-end ('YYYY', as known at computed_at). Dashboards read only this table.
 */
export const indicatorValue = pgTable(
  'indicator_value',
  {
    indicatorId: text('indicator_id').notNull(),
    /** null: the province (the sum of the cities for counts). */
    cityCode: text('city_code'),
    /** 'now' or a year 'YYYY' (its year-end). */
    period: text('period').notNull(),
    asOf: date('as_of').notNull(),
    value: numeric('value', { mode: 'number' }).notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('indicator_value_key').on(t.indicatorId, t.period, t.cityCode).nullsNotDistinct()],
);
