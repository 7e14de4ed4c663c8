import { z } from 'zod';

/**
 * Bulk imports (批量导入): the shapes the import routes answer with (server/kernel/imports),
 * read by the web app as types.
 */
export const IMPORT_STATUSES = [
  'uploaded',
  'validating',
  'validated',
  'committing',
  'committed',
  'failed',
  'rejected',
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
/** all_or_nothing: 全部正确才导入; valid_only: 仅导入正确的行. */
export const IMPORT_MODES = ['all_or_nothing', 'valid_only'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const ImportBatch = z.object({
  id: z.string(),
  entity: z.string(),
  entityTitle: z.string(),
  fileName: z.string(),
  fileFormat: z.string(),
  fileBytes: z.number(),
  status: z.enum(IMPORT_STATUSES),
  /** The status in Chinese, as the server words it. */
  statusLabel: z.string(),
  mode: z.enum(IMPORT_MODES).nullable(),
  totalRows: z.number().nullable(),
  validRows: z.number().nullable(),
  errorRows: z.number().nullable(),
  /** Why a batch was rejected or failed, or the summary of its validation / commit (Chinese). */
  message: z.string().nullable(),
  /** The commit's counts (rows, personsInserted, personsExisting, …). */
  outcome: z.record(z.string(), z.number()).nullable(),
  /** The running (or last) job: validation, then commit; total is null while unknown. */
  progress: z.object({ done: z.number(), total: z.number().nullable() }).nullable(),
  /** The result file (upload + 错误说明 column) exists once the batch was validated. */
  resultAvailable: z.boolean(),
  createdAt: z.string(),
  validatedAt: z.string().nullable(),
  committedAt: z.string().nullable(),
  updatedAt: z.string(),
});
/** One problem of one row; column is the Chinese header, null for the row as a whole. */
export const ImportRowError = z.object({ row: z.number(), column: z.string().nullable(), message: z.string() });
/** A batch with its first 100 problems. */
export const ImportBatchDetail = ImportBatch.extend({ errors: z.array(ImportRowError) });
export const CommitImport = z.object({ mode: z.enum(IMPORT_MODES) });
