import { and, asc, count, desc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/types.js';
import { jobProgress } from '../jobs/jobs.schema.js';
import { importBatch, importChunk, importFile, importRowError, type ImportStatus } from './imports.schema.js';

export type BatchRow = typeof importBatch.$inferSelect;
export type BatchWithProgress = BatchRow & { jobDone: number | null; jobTotal: number | null };

const withProgress = {
  batch: importBatch,
  jobDone: jobProgress.done,
  jobTotal: jobProgress.total,
};
const flatten = (r: { batch: BatchRow; jobDone: number | null; jobTotal: number | null }): BatchWithProgress => ({
  ...r.batch,
  jobDone: r.jobDone,
  jobTotal: r.jobTotal,
});

export function insertBatch(db: DbOrTx, v: typeof importBatch.$inferInsert) {
  return db
    .insert(importBatch)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

export function insertFile(db: DbOrTx, v: typeof importFile.$inferInsert) {
  return db.insert(importFile).values(v);
}

export function getFile(db: DbOrTx, batchId: string) {
  return db
    .select()
    .from(importFile)
    .where(eq(importFile.batchId, batchId))
    .then((r) => r[0]);
}

export function getFileKey(db: DbOrTx, batchId: string) {
  return db
    .select({ keyEnc: importFile.keyEnc })
    .from(importFile)
    .where(eq(importFile.batchId, batchId))
    .then((r) => r[0]?.keyEnc);
}

export function getBatch(db: DbOrTx, id: string): Promise<BatchWithProgress | undefined> {
  return db
    .select(withProgress)
    .from(importBatch)
    .leftJoin(jobProgress, eq(jobProgress.id, importBatch.jobId))
    .where(eq(importBatch.id, id))
    .then((r) => (r[0] ? flatten(r[0]) : undefined));
}

export async function listBatches(
  db: DbOrTx,
  f: { ownerUserId: string; entity: string; limit: number; offset: number },
): Promise<{ items: BatchWithProgress[]; total: number }> {
  const where = and(eq(importBatch.ownerUserId, f.ownerUserId), eq(importBatch.entity, f.entity));
  const [items, total] = await Promise.all([
    db
      .select(withProgress)
      .from(importBatch)
      .leftJoin(jobProgress, eq(jobProgress.id, importBatch.jobId))
      .where(where)
      .orderBy(desc(importBatch.createdAt), desc(importBatch.id))
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ n: count() })
      .from(importBatch)
      .where(where)
      .then((r) => r[0]?.n ?? 0),
  ]);
  return { items: items.map(flatten), total };
}

/**
 * The state machine's one door: move a batch only from the expected states
 * (`UPDATE … WHERE status IN (…)`), so two requests or two workers cannot both win.
 */
export function transition(
  db: DbOrTx,
  id: string,
  from: readonly ImportStatus[],
  patch: PgUpdateSetSource<typeof importBatch> & { status?: ImportStatus },
) {
  return db
    .update(importBatch)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(importBatch.id, id), inArray(importBatch.status, [...from])))
    .returning()
    .then((r) => r[0]);
}

export function setJob(db: DbOrTx, id: string, jobId: string) {
  return db
    .update(importBatch)
    .set({ jobId, updatedAt: sql`now()` })
    .where(eq(importBatch.id, id));
}

/** Staged rows and errors of an earlier, interrupted validation run. */
export async function clearStaging(db: DbOrTx, batchId: string) {
  await db.delete(importChunk).where(eq(importChunk.batchId, batchId));
  await db.delete(importRowError).where(eq(importRowError.batchId, batchId));
}

export function deleteChunks(db: DbOrTx, batchId: string) {
  return db.delete(importChunk).where(eq(importChunk.batchId, batchId));
}

export function insertChunk(db: DbOrTx, v: typeof importChunk.$inferInsert) {
  return db.insert(importChunk).values(v);
}

export function getChunk(db: DbOrTx, batchId: string, seq: number) {
  return db
    .select()
    .from(importChunk)
    .where(and(eq(importChunk.batchId, batchId), eq(importChunk.seq, seq)))
    .then((r) => r[0]);
}

export async function insertErrors(
  db: DbOrTx,
  batchId: string,
  errors: { rowNo: number; columnName: string | null; message: string }[],
) {
  if (!errors.length) return;
  await db.execute(sql`
    insert into import_row_error (batch_id, row_no, column_name, message)
    select ${batchId}::uuid, * from unnest(${sql.param(errors.map((e) => e.rowNo))}::int[],
      ${sql.param(errors.map((e) => e.columnName))}::text[], ${sql.param(errors.map((e) => e.message))}::text[])`);
}

/** Row numbers that have at least one error (the commit skips them). */
export async function errorRowNumbers(db: DbOrTx, batchId: string): Promise<Set<number>> {
  const r = await db
    .selectDistinct({ rowNo: importRowError.rowNo })
    .from(importRowError)
    .where(eq(importRowError.batchId, batchId));
  return new Set(r.map((x) => x.rowNo));
}

export async function listErrors(db: DbOrTx, batchId: string, limit: number, offset: number) {
  const where = eq(importRowError.batchId, batchId);
  const [items, total] = await Promise.all([
    db
      .select()
      .from(importRowError)
      .where(where)
      .orderBy(asc(importRowError.rowNo), asc(importRowError.id))
      .limit(limit)
      .offset(offset),
    db
      .select({ n: count() })
      .from(importRowError)
      .where(where)
      .then((r) => r[0]?.n ?? 0),
  ]);
  return { items, total };
}

/** All errors of a batch in row order, a page at a time (keyset), for the result file. */
export async function* errorsInRowOrder(db: DbOrTx, batchId: string, pageSize = 5000) {
  let after = { rowNo: 0, id: 0 };
  for (;;) {
    const page = await db
      .select()
      .from(importRowError)
      .where(
        and(
          eq(importRowError.batchId, batchId),
          or(
            gt(importRowError.rowNo, after.rowNo),
            and(eq(importRowError.rowNo, after.rowNo), gt(importRowError.id, after.id)),
          ),
        ),
      )
      .orderBy(asc(importRowError.rowNo), asc(importRowError.id))
      .limit(pageSize);
    yield* page;
    if (page.length < pageSize) return;
    const last = page[page.length - 1]!;
    after = { rowNo: last.rowNo, id: last.id };
  }
}
