import { sql } from 'drizzle-orm';
import { bigserial, date, index, jsonb, pgTable, text, timestamp, uuid, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Reference data of every kind (city, skill_level, occupation, industry_chain, digital_domain,
 * worker_tier, skill), versioned with effective dates: an edit closes the current version
 * (valid_to) and adds a new one, so any date has an answer.
 */
export const referenceItem = pgTable(
  'reference_item',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    attrs: jsonb('attrs')
      .notNull()
      .default(sql`'{}'::jsonb`),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reference_kind_code_idx').on(t.kind, t.code),
    uniqueIndex('reference_current_uq')
      .on(t.kind, t.code)
      .where(sql`${t.validTo} is null`),
  ],
);
