import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.js';
import type { Actor } from '../../kernel/audit/audit.js';
import { scopeFilter } from '../../kernel/auth/scope.js';
import { supervisionAssessment, supervisionEvidence, supervisionRectification } from './supervision.schema.js';

export type AssessmentDb = typeof supervisionAssessment.$inferSelect;
export type RectificationDb = typeof supervisionRectification.$inferSelect;
export type EvidenceMetaDb = Omit<typeof supervisionEvidence.$inferSelect, 'data'>;

const A = supervisionAssessment;
const R = supervisionRectification;
const E = supervisionEvidence;

// ---------------------------------------------------------------- self-assessments

export async function getAssessment(db: DbOrTx, year: number, cityCode: string): Promise<AssessmentDb | undefined> {
  const [row] = await db
    .select()
    .from(A)
    .where(and(eq(A.year, year), eq(A.cityCode, cityCode)));
  return row;
}

/** The city-year's self-assessment, created as an empty draft if there is none, locked for this transaction. */
export async function lockAssessment(tx: DbOrTx, year: number, cityCode: string, at: Date): Promise<AssessmentDb> {
  await tx
    .insert(A)
    .values({ year, cityCode, createdAt: at, updatedAt: at })
    .onConflictDoNothing({ target: [A.year, A.cityCode] });
  const [row] = await tx
    .select()
    .from(A)
    .where(and(eq(A.year, year), eq(A.cityCode, cityCode)))
    .for('update');
  return row!;
}

/** Self-assessments of a year; with an actor, only those in the actor's reach (scopeFilter). */
export function assessmentsOfYear(db: DbOrTx, year: number, actor?: Actor): Promise<AssessmentDb[]> {
  return db
    .select()
    .from(A)
    .where(and(eq(A.year, year), actor ? scopeFilter(actor, { city: A.cityCode }) : undefined))
    .orderBy(asc(A.cityCode));
}

export async function updateAssessment(
  tx: DbOrTx,
  id: string,
  patch: Partial<typeof supervisionAssessment.$inferInsert>,
): Promise<AssessmentDb> {
  const [row] = await tx.update(A).set(patch).where(eq(A.id, id)).returning();
  return row!;
}

// ---------------------------------------------------------------- rectification items

export function rectificationsOf(
  db: DbOrTx,
  year: number,
  o: { cityCode?: string; actor?: Actor } = {},
): Promise<RectificationDb[]> {
  return db
    .select()
    .from(R)
    .where(
      and(
        eq(R.year, year),
        o.cityCode ? eq(R.cityCode, o.cityCode) : undefined,
        o.actor ? scopeFilter(o.actor, { city: R.cityCode }) : undefined,
      ),
    )
    .orderBy(asc(R.cityCode), asc(R.createdAt), asc(R.id));
}

export async function getRectification(db: DbOrTx, id: string, lock = false): Promise<RectificationDb | undefined> {
  const q = db.select().from(R).where(eq(R.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertRectification(
  tx: DbOrTx,
  v: typeof supervisionRectification.$inferInsert,
): Promise<RectificationDb> {
  const [row] = await tx.insert(R).values(v).returning();
  return row!;
}

export async function updateRectification(
  tx: DbOrTx,
  id: string,
  patch: Partial<typeof supervisionRectification.$inferInsert>,
): Promise<RectificationDb> {
  const [row] = await tx.update(R).set(patch).where(eq(R.id, id)).returning();
  return row!;
}

// ---------------------------------------------------------------- evidence files

const meta = {
  id: E.id,
  assessmentId: E.assessmentId,
  rectificationId: E.rectificationId,
  fileName: E.fileName,
  contentType: E.contentType,
  bytes: E.bytes,
  sha256: E.sha256,
  uploadedBy: E.uploadedBy,
  uploadedAt: E.uploadedAt,
};

/** Evidence of these self-assessments and rectification items (without the bytes), oldest first. */
export async function evidenceOf(
  db: DbOrTx,
  o: { assessmentIds?: string[]; rectificationIds?: string[] },
): Promise<EvidenceMetaDb[]> {
  const a = o.assessmentIds ?? [];
  const r = o.rectificationIds ?? [];
  if (a.length === 0 && r.length === 0) return [];
  const parts = [];
  if (a.length) parts.push(inArray(E.assessmentId, a));
  if (r.length) parts.push(inArray(E.rectificationId, r));
  return db
    .select(meta)
    .from(E)
    .where(parts.length === 1 ? parts[0] : sql`(${parts[0]} or ${parts[1]})`)
    .orderBy(asc(E.uploadedAt), asc(E.id));
}

export async function countEvidence(
  tx: DbOrTx,
  owner: { assessmentId: string } | { rectificationId: string },
): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(E)
    .where(
      'assessmentId' in owner ? eq(E.assessmentId, owner.assessmentId) : eq(E.rectificationId, owner.rectificationId),
    );
  return row?.n ?? 0;
}

/** One evidence file's metadata with where it belongs (city, year) and its owner's state. */
export async function getEvidence(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      ...meta,
      cityCode: sql<string>`coalesce(${A.cityCode}, ${R.cityCode})`,
      year: sql<number>`coalesce(${A.year}, ${R.year})`,
    })
    .from(E)
    .leftJoin(A, eq(A.id, E.assessmentId))
    .leftJoin(R, eq(R.id, E.rectificationId))
    .where(eq(E.id, id));
  return row;
}

export async function evidenceData(db: DbOrTx, id: string): Promise<Buffer | undefined> {
  const [row] = await db.select({ data: E.data }).from(E).where(eq(E.id, id));
  return row?.data;
}

export async function insertEvidence(tx: DbOrTx, v: typeof supervisionEvidence.$inferInsert): Promise<EvidenceMetaDb> {
  const [row] = await tx.insert(E).values(v).returning(meta);
  return row!;
}

export async function deleteEvidence(tx: DbOrTx, id: string): Promise<void> {
  await tx.delete(E).where(eq(E.id, id));
}
