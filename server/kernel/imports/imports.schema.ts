import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

import { IMPORT_MODES, IMPORT_STATUSES, type ImportMode, type ImportStatus } from '../../../contracts/imports.js';
export { IMPORT_MODES, IMPORT_STATUSES, type ImportMode, type ImportStatus };

/**
 * One upload of one entity's file by one user, and where it stands
 * (docs/adr/0006-imports.md): uploaded → validating → validated → committing → committed,
 * or rejected (file unusable, or all-or-nothing with errors) / failed (unexpected error).
 */
export const importBatch = pgTable(
  'import_batch',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entity: text('entity').notNull(),
    ownerUserId: uuid('owner_user_id').notNull(),
    fileName: text('file_name').notNull(),
    fileFormat: text('file_format').notNull(), // xlsx | csv
    fileBytes: integer('file_bytes').notNull(),
    fileSha256: text('file_sha256').notNull(),
    status: text('status').notNull().default('uploaded'),
    mode: text('mode'),
    totalRows: integer('total_rows'),
    validRows: integer('valid_rows'),
    errorRows: integer('error_rows'),
    /** What the user reads about the batch as a whole (Chinese): why it was rejected or failed. */
    message: text('message'),
    /** Counts the entity's commit returned (e.g. persons inserted / already registered). */
    outcome: jsonb('outcome'),
    /** The job_progress row of the running (or last) job: validation, then commit. */
    jobId: uuid('job_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    validatedAt: timestamp('validated_at', { withTimezone: true }),
    committedAt: timestamp('committed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('import_batch_owner_idx').on(t.ownerUserId, t.entity, t.createdAt),
    check(
      'import_batch_status_chk',
      sql`${t.status} in ('uploaded','validating','validated','committing','committed','failed','rejected')`,
    ),
    check('import_batch_mode_chk', sql`${t.mode} is null or ${t.mode} in ('all_or_nothing','valid_only')`),
    check('import_batch_format_chk', sql`${t.fileFormat} in ('xlsx','csv')`),
  ],
);

/**
 * The uploaded file, sealed: AES-256-GCM under a per-batch key, which is itself stored
 * encrypted with the personal-data key (uploads carry ID numbers and phones, ADR 0004).
 * Kept apart from import_batch so listing batches never reads the blobs.
 */
export const importFile = pgTable('import_file', {
  batchId: uuid('batch_id')
    .primaryKey()
    .references(() => importBatch.id),
  keyEnc: text('key_enc').notNull(),
  content: bytea('content').notNull(),
});

/** Rows that passed validation, normalised, in sealed chunks (JSON) that the commit replays in order. */
export const importChunk = pgTable(
  'import_chunk',
  {
    batchId: uuid('batch_id')
      .notNull()
      .references(() => importBatch.id),
    seq: integer('seq').notNull(),
    rows: integer('rows').notNull(),
    content: bytea('content').notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.seq] })],
);

/** One problem of one row (and column): what the result file and the error list show. No cell values. */
export const importRowError = pgTable(
  'import_row_error',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => importBatch.id),
    rowNo: integer('row_no').notNull(),
    /** The column's Chinese header, or null for a problem of the whole row. */
    columnName: text('column_name'),
    message: text('message').notNull(),
  },
  (t) => [index('import_row_error_batch_idx').on(t.batchId, t.rowNo, t.id)],
);
