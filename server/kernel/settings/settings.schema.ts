import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Policy settings (the plan is a consultation draft: its numbers and rules are settings). */
export const platformSetting = pgTable('platform_setting', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
