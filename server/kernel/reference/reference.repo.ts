import { and, asc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/types.js';
import { referenceItem } from './reference.schema.js';

export type ReferenceRow = typeof referenceItem.$inferSelect;

const validAt = (asOf: string) =>
  and(lte(referenceItem.validFrom, asOf), or(isNull(referenceItem.validTo), gt(referenceItem.validTo, asOf)));

export function listKind(db: DbOrTx, kind: string, asOf: string) {
  return db
    .select()
    .from(referenceItem)
    .where(and(eq(referenceItem.kind, kind), validAt(asOf)))
    .orderBy(asc(referenceItem.code));
}

export function current(db: DbOrTx, kind: string, code: string) {
  return db
    .select()
    .from(referenceItem)
    .where(and(eq(referenceItem.kind, kind), eq(referenceItem.code, code), isNull(referenceItem.validTo)))
    .then((r) => r[0]);
}

export function countKind(db: DbOrTx, kind: string) {
  return db
    .select({ n: sql<number>`count(*)::int` })
    .from(referenceItem)
    .where(eq(referenceItem.kind, kind))
    .then((r) => r[0]?.n ?? 0);
}

export function insertItems(db: DbOrTx, rows: (typeof referenceItem.$inferInsert)[]) {
  return rows.length ? db.insert(referenceItem).values(rows) : Promise.resolve();
}

export function closeCurrent(db: DbOrTx, kind: string, code: string, validTo: string) {
  return db
    .update(referenceItem)
    .set({ validTo })
    .where(and(eq(referenceItem.kind, kind), eq(referenceItem.code, code), isNull(referenceItem.validTo)))
    .returning()
    .then((r) => r[0]);
}
