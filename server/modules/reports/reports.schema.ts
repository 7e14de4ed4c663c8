import { sql } from 'drizzle-orm';
import { check, customType, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const REPORT_STATUSES = ['pending', 'ready', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/**
 * A yearly report (督导评估报告) of the province or one city: the figures as known at
 * `known_at` for the day `as_of`, frozen once ready (a trigger refuses any later change or
 * deletion). `content_hash` is the SHA-256 of the canonical figures, so a report generated
 * again with the same as-of and known-at times carries the same hash.
 */
export const report = pgTable(
  'report',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    /** null: the province. */
    cityCode: text('city_code'),
    asOf: date('as_of').notNull(),
    knownAt: timestamp('known_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: REPORT_STATUSES }).notNull().default('pending'),
    jobId: text('job_id'),
    /** The canonical figures the documents were made from (hashed). */
    content: jsonb('content'),
    contentHash: text('content_hash'),
    docx: bytea('docx'),
    docxSha256: text('docx_sha256'),
    xlsx: bytea('xlsx'),
    xlsxSha256: text('xlsx_sha256'),
    error: text('error'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readyAt: timestamp('ready_at', { withTimezone: true }),
  },
  (t) => [
    check('report_status_check', sql`${t.status} in ('pending', 'ready', 'failed')`),
    check(
      'report_ready_complete',
      sql`${t.status} <> 'ready' or (${t.contentHash} is not null and ${t.docx} is not null and ${t.xlsx} is not null)`,
    ),
    index('report_scope_idx').on(t.year, t.cityCode, t.createdAt),
  ],
);
