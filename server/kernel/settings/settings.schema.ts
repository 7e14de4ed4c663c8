import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Policy settings (the plan is a consultation draft: its numbers and rules are settings). */
export const platformSetting = pgTable('platform_setting', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every value a setting has had, as recorded (append-only): what a computation "as known at" a
 * record time reads (a yearly report's category rules), so a later change does not rewrite it.
 */
export const platformSettingVersion = pgTable(
  'platform_setting_version',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull(),
    value: jsonb('value').notNull(),
    recordedBy: uuid('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('platform_setting_version_key').on(t.key, t.recordedAt)],
);
