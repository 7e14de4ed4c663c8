import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** What a user sees of a background job (pg-boss keeps its own queue tables). */
export const jobProgress = pgTable('job_progress', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  ownerUserId: uuid('owner_user_id'),
  status: text('status').notNull().default('queued'), // queued | running | done | failed
  done: integer('done').notNull().default(0),
  total: integer('total'),
  message: text('message'),
  result: jsonb('result'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
