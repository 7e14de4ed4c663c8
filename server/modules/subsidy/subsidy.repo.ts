import { and, asc, count, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.js';
import type { Actor } from '../../kernel/audit/audit.js';
import { scopeFilter } from '../../kernel/auth/scope.js';
import type { ClaimStatus, SubsidyKind } from '../../../contracts/subsidy.js';
import {
  subsidyBatch,
  subsidyBudget,
  subsidyClaim,
  subsidyIdempotency,
  subsidyObjection,
  subsidyPayment,
  subsidyPaymentOutcome,
  subsidyReconciliation,
} from './subsidy.schema.js';

export type ClaimDb = typeof subsidyClaim.$inferSelect;
export type ObjectionDb = typeof subsidyObjection.$inferSelect;
export type BudgetDb = typeof subsidyBudget.$inferSelect;
export type BatchDb = typeof subsidyBatch.$inferSelect;
export type PaymentDb = typeof subsidyPayment.$inferSelect;
export type ReconciliationDb = typeof subsidyReconciliation.$inferSelect;

const C = subsidyClaim;
const O = subsidyObjection;
const B = subsidyBudget;
const P = subsidyPayment;

/** Claims the actor reaches: city admins their city, providers their organisation, talents themselves. */
export const claimScope = (actor: Actor) => scopeFilter(actor, { city: C.cityCode, org: C.orgId, person: C.personId });

// ---------------------------------------------------------------- claims

/** Serialises the rule checks of one person × kind (per-year limit, once per level, lower after higher). */
export async function lockPersonKind(tx: DbOrTx, personId: string, kind: SubsidyKind): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'subsidy:' + personId + ':' + kind}, 0))`);
}

export function claimsOfPerson(db: DbOrTx, personId: string): Promise<ClaimDb[]> {
  return db.select().from(C).where(eq(C.personId, personId)).orderBy(asc(C.submittedAt));
}

export function claimsOfPersons(db: DbOrTx, personIds: string[]): Promise<ClaimDb[]> {
  if (personIds.length === 0) return Promise.resolve([]);
  return db.select().from(C).where(inArray(C.personId, personIds));
}

export async function insertClaim(tx: DbOrTx, v: typeof subsidyClaim.$inferInsert): Promise<ClaimDb> {
  const [row] = await tx.insert(C).values(v).returning();
  return row!;
}

export async function getClaim(db: DbOrTx, id: string, lock = false): Promise<ClaimDb | undefined> {
  const q = db.select().from(C).where(eq(C.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** Lock several claims in id order (no deadlock between two batches). */
export function lockClaims(tx: DbOrTx, ids: string[]): Promise<ClaimDb[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx.select().from(C).where(inArray(C.id, ids)).orderBy(asc(C.id)).for('update');
}

/** Update a claim only if it is still in the state the caller saw (documenso's rule); undefined otherwise. */
export async function updateClaim(
  tx: DbOrTx,
  id: string,
  expected: ClaimStatus,
  patch: Partial<typeof subsidyClaim.$inferInsert>,
): Promise<ClaimDb | undefined> {
  const [row] = await tx
    .update(C)
    .set(patch)
    .where(and(eq(C.id, id), eq(C.status, expected)))
    .returning();
  return row;
}

export async function listClaims(
  db: DbOrTx,
  actor: Actor,
  f: { status?: ClaimStatus; kind?: SubsidyKind; limit: number; offset: number },
): Promise<{ rows: ClaimDb[]; total: number }> {
  const where = and(
    claimScope(actor),
    f.status ? eq(C.status, f.status) : undefined,
    f.kind ? eq(C.kind, f.kind) : undefined,
  );
  const [rows, [n]] = await Promise.all([
    db.select().from(C).where(where).orderBy(desc(C.submittedAt), asc(C.id)).limit(f.limit).offset(f.offset),
    db.select({ n: count() }).from(C).where(where),
  ]);
  return { rows, total: n?.n ?? 0 };
}

export function claimsInNotice(db: DbOrTx): Promise<ClaimDb[]> {
  return db.select().from(C).where(eq(C.status, 'in_notice')).orderBy(asc(C.noticeStartsOn), asc(C.id)).limit(500);
}

export function claimsByIds(db: DbOrTx, ids: string[]): Promise<ClaimDb[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(C).where(inArray(C.id, ids));
}

// ---------------------------------------------------------------- objections

export function objectionsOf(db: DbOrTx, claimIds: string[]): Promise<ObjectionDb[]> {
  if (claimIds.length === 0) return Promise.resolve([]);
  return db.select().from(O).where(inArray(O.claimId, claimIds)).orderBy(asc(O.receivedAt), asc(O.id));
}

export async function getObjection(db: DbOrTx, id: string): Promise<ObjectionDb | undefined> {
  const [row] = await db.select().from(O).where(eq(O.id, id));
  return row;
}

export async function insertObjection(tx: DbOrTx, v: typeof subsidyObjection.$inferInsert): Promise<ObjectionDb> {
  const [row] = await tx.insert(O).values(v).returning();
  return row!;
}

export async function resolveObjection(
  tx: DbOrTx,
  id: string,
  patch: Partial<typeof subsidyObjection.$inferInsert>,
): Promise<ObjectionDb | undefined> {
  const [row] = await tx
    .update(O)
    .set(patch)
    .where(and(eq(O.id, id), eq(O.status, 'open')))
    .returning();
  return row;
}

export async function openObjections(db: DbOrTx, claimId: string): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(O)
    .where(and(eq(O.claimId, claimId), eq(O.status, 'open')));
  return r?.n ?? 0;
}

// ---------------------------------------------------------------- budgets

/** The budget row of a kind × city × year, created at 0 if missing, locked for this transaction. */
export async function lockBudget(tx: DbOrTx, kind: SubsidyKind, cityCode: string, year: number): Promise<BudgetDb> {
  await tx.insert(B).values({ kind, cityCode, year }).onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(B)
    .where(and(eq(B.kind, kind), eq(B.cityCode, cityCode), eq(B.year, year)))
    .for('update');
  return row!;
}

export async function updateBudget(
  tx: DbOrTx,
  b: { kind: SubsidyKind; cityCode: string; year: number },
  patch: Partial<typeof subsidyBudget.$inferInsert>,
): Promise<BudgetDb> {
  const [row] = await tx
    .update(B)
    .set(patch)
    .where(and(eq(B.kind, b.kind), eq(B.cityCode, b.cityCode), eq(B.year, b.year)))
    .returning();
  return row!;
}

export function budgets(db: DbOrTx, actor: Actor, year?: number): Promise<BudgetDb[]> {
  return db
    .select()
    .from(B)
    .where(and(scopeFilter(actor, { city: B.cityCode }), year ? eq(B.year, year) : undefined))
    .orderBy(asc(B.year), asc(B.cityCode), asc(B.kind));
}

// ---------------------------------------------------------------- batches and payments

export async function insertBatch(tx: DbOrTx, v: typeof subsidyBatch.$inferInsert): Promise<BatchDb> {
  const [row] = await tx.insert(subsidyBatch).values(v).returning();
  return row!;
}

export async function getBatch(db: DbOrTx, id: string, lock = false): Promise<BatchDb | undefined> {
  const q = db.select().from(subsidyBatch).where(eq(subsidyBatch.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function setBatch(tx: DbOrTx, id: string, patch: Partial<typeof subsidyBatch.$inferInsert>) {
  const [row] = await tx.update(subsidyBatch).set(patch).where(eq(subsidyBatch.id, id)).returning();
  return row!;
}

export async function listBatches(db: DbOrTx) {
  return db
    .select({
      batch: subsidyBatch,
      // The outer table named in full: inside a select list drizzle writes a bare column name.
      count: sql<number>`(select count(*)::int from subsidy_payment p where p.batch_id = subsidy_batch.id)`,
      total: sql<string>`(select coalesce(sum(p.amount_cents), 0) from subsidy_payment p where p.batch_id = subsidy_batch.id)`,
    })
    .from(subsidyBatch)
    .orderBy(desc(subsidyBatch.createdAt))
    .limit(200);
}

/**
 * The one payment row of a claim: inserted the first time; a failed one is taken again by the new
 * batch (attempts + 1). Returns undefined when the claim already has a live payment — the unique
 * constraint on claim_id makes a second payment row impossible whatever the caller does.
 */
export async function upsertPayment(
  tx: DbOrTx,
  v: { claimId: string; batchId: string; amountCents: number; at: Date },
): Promise<PaymentDb | undefined> {
  const [row] = await tx
    .insert(P)
    .values({ claimId: v.claimId, batchId: v.batchId, amountCents: v.amountCents, updatedAt: v.at })
    .onConflictDoUpdate({
      target: P.claimId,
      set: {
        batchId: v.batchId,
        status: 'pending',
        attempts: sql`${P.attempts} + 1`,
        bankSerial: null,
        updatedAt: v.at,
      },
      setWhere: eq(P.status, 'failed'),
    })
    .returning();
  return row;
}

export function paymentsOfBatch(db: DbOrTx, batchId: string): Promise<PaymentDb[]> {
  return db.select().from(P).where(eq(P.batchId, batchId)).orderBy(asc(P.claimId));
}

export async function setPayment(tx: DbOrTx, id: string, patch: Partial<typeof subsidyPayment.$inferInsert>) {
  const [row] = await tx.update(P).set(patch).where(eq(P.id, id)).returning();
  return row!;
}

/** Has this bank serial number already been used by any payment's outcome? */
export async function serialUsed(tx: DbOrTx, bankSerial: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: subsidyPaymentOutcome.id })
    .from(subsidyPaymentOutcome)
    .where(eq(subsidyPaymentOutcome.bankSerial, bankSerial))
    .limit(1);
  return !!row;
}

/** Has this attempt of the payment already had its outcome? */
export async function attemptAnswered(tx: DbOrTx, paymentId: string, attempt: number): Promise<boolean> {
  const [row] = await tx
    .select({ id: subsidyPaymentOutcome.id })
    .from(subsidyPaymentOutcome)
    .where(and(eq(subsidyPaymentOutcome.paymentId, paymentId), eq(subsidyPaymentOutcome.attempt, attempt)))
    .limit(1);
  return !!row;
}

/** Records the one outcome of a payment attempt (unique per attempt and per bank serial in the database). */
export async function insertOutcome(tx: DbOrTx, v: typeof subsidyPaymentOutcome.$inferInsert) {
  await tx.insert(subsidyPaymentOutcome).values(v);
}

export async function paymentCounts(db: DbOrTx): Promise<{ claimId: string; n: number }[]> {
  return db
    .select({ claimId: P.claimId, n: count() })
    .from(P)
    .groupBy(P.claimId)
    .having(sql`count(*) > 0`);
}

// ---------------------------------------------------------------- reconciliation

export async function insertReconciliation(tx: DbOrTx, v: typeof subsidyReconciliation.$inferInsert) {
  const [row] = await tx.insert(subsidyReconciliation).values(v).returning();
  return row!;
}

export function reconciliationsOf(db: DbOrTx, batchId: string): Promise<ReconciliationDb[]> {
  return db
    .select()
    .from(subsidyReconciliation)
    .where(eq(subsidyReconciliation.batchId, batchId))
    .orderBy(desc(subsidyReconciliation.uploadedAt));
}

// ---------------------------------------------------------------- idempotency keys

/** Take a key for this request; false when the key was taken already (then read it with getKey). */
export async function takeKey(
  tx: DbOrTx,
  v: { userId: string; key: string; route: string; requestHash: string },
): Promise<boolean> {
  const r = await tx
    .insert(subsidyIdempotency)
    .values(v)
    .onConflictDoNothing()
    .returning({ key: subsidyIdempotency.key });
  return r.length === 1;
}

export async function getKey(db: DbOrTx, userId: string, key: string) {
  const [row] = await db
    .select()
    .from(subsidyIdempotency)
    .where(and(eq(subsidyIdempotency.userId, userId), eq(subsidyIdempotency.key, key)));
  return row;
}

export async function storeKey(tx: DbOrTx, userId: string, key: string, statusCode: number, response: unknown) {
  await tx
    .update(subsidyIdempotency)
    .set({ statusCode, response: response as object })
    .where(and(eq(subsidyIdempotency.userId, userId), eq(subsidyIdempotency.key, key)));
}

export const notRejected: SQL = ne(C.status, 'rejected');
