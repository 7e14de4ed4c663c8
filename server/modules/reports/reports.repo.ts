import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.js';
import { report } from './reports.schema.js';

export type ReportDb = typeof report.$inferSelect;

/** Every column but the documents (the list and the job read these). */
const summary = {
  id: report.id,
  year: report.year,
  cityCode: report.cityCode,
  asOf: report.asOf,
  knownAt: report.knownAt,
  status: report.status,
  jobId: report.jobId,
  contentHash: report.contentHash,
  docxSha256: report.docxSha256,
  xlsxSha256: report.xlsxSha256,
  error: report.error,
  createdBy: report.createdBy,
  createdAt: report.createdAt,
  readyAt: report.readyAt,
};
export type ReportSummary = Pick<ReportDb, keyof typeof summary>;

export async function insert(
  db: DbOrTx,
  v: { year: number; cityCode: string | null; asOf: string; knownAt: Date; createdBy: string | null },
): Promise<ReportSummary> {
  const [row] = await db.insert(report).values(v).returning(summary);
  return row!;
}

export async function get(db: DbOrTx, id: string): Promise<ReportSummary | undefined> {
  const [row] = await db.select(summary).from(report).where(eq(report.id, id));
  return row;
}

export async function content(db: DbOrTx, id: string): Promise<unknown> {
  const [row] = await db.select({ content: report.content }).from(report).where(eq(report.id, id));
  return row?.content ?? null;
}

export async function file(db: DbOrTx, id: string, format: 'docx' | 'xlsx'): Promise<Buffer | null> {
  const [row] = await db
    .select({ data: format === 'docx' ? report.docx : report.xlsx })
    .from(report)
    .where(eq(report.id, id));
  return row?.data ?? null;
}

/** Newest first; `cityCode` undefined = every scope, null = the province's own reports. */
export function list(db: DbOrTx, f: { year?: number; cityCode?: string | null }): Promise<ReportSummary[]> {
  const where: SQL[] = [];
  if (f.year !== undefined) where.push(eq(report.year, f.year));
  if (f.cityCode === null) where.push(isNull(report.cityCode));
  else if (f.cityCode !== undefined) where.push(eq(report.cityCode, f.cityCode));
  return db
    .select(summary)
    .from(report)
    .where(and(...where))
    .orderBy(desc(report.createdAt), desc(report.id))
    .limit(200);
}

export async function setJob(db: DbOrTx, id: string, jobId: string): Promise<void> {
  await db
    .update(report)
    .set({ jobId })
    .where(and(eq(report.id, id), eq(report.status, 'pending')));
}

/** pending → ready: content and documents written once; the trigger freezes the row from then on. */
export async function complete(
  db: DbOrTx,
  id: string,
  v: { content: unknown; contentHash: string; docx: Buffer; docxSha256: string; xlsx: Buffer; xlsxSha256: string },
): Promise<boolean> {
  const r = await db
    .update(report)
    .set({ ...v, status: 'ready', readyAt: sql`now()` })
    .where(and(eq(report.id, id), eq(report.status, 'pending')))
    .returning({ id: report.id });
  return r.length === 1;
}

export async function fail(db: DbOrTx, id: string, error: string): Promise<void> {
  await db
    .update(report)
    .set({ status: 'failed', error })
    .where(and(eq(report.id, id), eq(report.status, 'pending')));
}
