import { and, count, desc, eq, ilike, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/types.js';
import { appUser, invitation, organisation } from './auth.schema.js';

export type OrgRow = typeof organisation.$inferSelect;

export function getOrg(db: DbOrTx, id: string) {
  return db
    .select()
    .from(organisation)
    .where(eq(organisation.id, id))
    .then((r) => r[0]);
}

export function findOrgByUscc(db: DbOrTx, uscc: string) {
  return db
    .select({ id: organisation.id })
    .from(organisation)
    .where(and(eq(organisation.uscc, uscc), ne(organisation.status, 'rejected')))
    .then((r) => r[0]);
}

/** Live (not rejected) organisations with these USCCs, for bulk look-ups (imports). */
export function findOrgsByUscc(db: DbOrTx, usccs: string[]) {
  if (!usccs.length) return Promise.resolve([]);
  return db
    .select({
      id: organisation.id,
      uscc: organisation.uscc,
      name: organisation.name,
      cityCode: organisation.cityCode,
      status: organisation.status,
    })
    .from(organisation)
    .where(and(inArray(organisation.uscc, usccs), ne(organisation.status, 'rejected')));
}

export function insertOrg(db: DbOrTx, v: typeof organisation.$inferInsert) {
  return db
    .insert(organisation)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

/** State change re-checked inside the transaction: only a pending organisation can be decided. */
export function decideOrg(
  db: DbOrTx,
  id: string,
  status: 'approved' | 'rejected',
  by: string | null,
  note: string | null,
  at: Date,
) {
  return db
    .update(organisation)
    .set({ status, reviewedBy: by, reviewedAt: at, reviewNote: note })
    .where(and(eq(organisation.id, id), eq(organisation.status, 'pending')))
    .returning()
    .then((r) => r[0]);
}

export async function listOrgs(
  db: DbOrTx,
  scope: SQL,
  f: { status?: string; kind?: string; cityCode?: string; q?: string; limit: number; offset: number },
) {
  const where = and(
    scope,
    f.status ? eq(organisation.status, f.status) : undefined,
    f.kind ? eq(organisation.kind, f.kind) : undefined,
    f.cityCode ? eq(organisation.cityCode, f.cityCode) : undefined,
    f.q ? ilike(organisation.name, `%${f.q.replace(/[%_\\]/g, (m) => '\\' + m)}%`) : undefined,
  );
  const [items, total] = await Promise.all([
    db
      .select()
      .from(organisation)
      .where(where)
      .orderBy(desc(organisation.createdAt), organisation.id)
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ n: count() })
      .from(organisation)
      .where(where)
      .then((r) => r[0]?.n ?? 0),
  ]);
  return { items, total };
}

export function countOrgs(db: DbOrTx, scope: SQL, status?: string) {
  return db
    .select({ n: count() })
    .from(organisation)
    .where(and(scope, status ? eq(organisation.status, status) : undefined))
    .then((r) => r[0]?.n ?? 0);
}

export function insertInvitation(db: DbOrTx, v: typeof invitation.$inferInsert) {
  return db
    .insert(invitation)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

export function findOpenInvitation(db: DbOrTx, tokenHash: string) {
  return db
    .select()
    .from(invitation)
    .where(and(eq(invitation.tokenHash, tokenHash), isNull(invitation.acceptedAt)))
    .then((r) => r[0]);
}

export function markInvitationAccepted(db: DbOrTx, id: string, userId: string, at: Date) {
  return db
    .update(invitation)
    .set({ acceptedAt: at, acceptedUserId: userId })
    .where(and(eq(invitation.id, id), isNull(invitation.acceptedAt)))
    .returning({ id: invitation.id })
    .then((r) => r[0]);
}

export function insertUser(db: DbOrTx, v: typeof appUser.$inferInsert) {
  return db
    .insert(appUser)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

/** Is the user the admin of this organisation (the account that registered it)? */
export function isOrgAdmin(db: DbOrTx, userId: string | null, orgId: string) {
  if (!userId) return Promise.resolve(false);
  return db
    .select({ id: appUser.id })
    .from(appUser)
    .where(and(eq(appUser.id, userId), eq(appUser.orgId, orgId), eq(appUser.isOrgAdmin, true)))
    .then((r) => r.length > 0);
}

export function usernameTaken(db: DbOrTx, username: string) {
  return db
    .select({ id: appUser.id })
    .from(appUser)
    .where(sql`lower(${appUser.username}) = lower(${username})`)
    .then((r) => r.length > 0);
}

export function updateOrg(db: DbOrTx, id: string, patch: Partial<OrgRow>) {
  return db
    .update(organisation)
    .set(patch)
    .where(eq(organisation.id, id))
    .returning()
    .then((r) => r[0]!);
}
