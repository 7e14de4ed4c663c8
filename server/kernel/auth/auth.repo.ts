import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/types.js';
import { appUser, organisation, securitySetting, session } from './auth.schema.js';

export type UserRow = typeof appUser.$inferSelect;

export function findUserByUsername(db: DbOrTx, username: string) {
  return db
    .select()
    .from(appUser)
    .where(eq(appUser.username, username))
    .then((r) => r[0]);
}

export function findUserById(db: DbOrTx, id: string) {
  return db
    .select()
    .from(appUser)
    .where(eq(appUser.id, id))
    .then((r) => r[0]);
}

export function findUserByUsernameForUpdate(db: DbOrTx, username: string) {
  return db
    .select()
    .from(appUser)
    .where(eq(appUser.username, username))
    .for('update')
    .then((r) => r[0]);
}

/** Counts a failure; after an expired lock the count starts again, so one wrong guess does not re-lock. */
export async function recordFailedLogin(db: DbOrTx, id: string, maxFailed: number, now: Date, lockUntil: Date) {
  const expired = sql`(${appUser.lockedUntil} is not null and ${appUser.lockedUntil} <= ${now.toISOString()}::timestamptz)`;
  const next = sql`(case when ${expired} then 1 else ${appUser.failedLogins} + 1 end)`;
  const r = await db
    .update(appUser)
    .set({
      failedLogins: next,
      lockedUntil: sql`case when ${next} >= ${maxFailed} then ${lockUntil.toISOString()}::timestamptz when ${expired} then null else ${appUser.lockedUntil} end`,
    })
    .where(eq(appUser.id, id))
    .returning({ failedLogins: appUser.failedLogins, lockedUntil: appUser.lockedUntil });
  return r[0];
}

export function resetFailedLogins(db: DbOrTx, id: string) {
  return db.update(appUser).set({ failedLogins: 0, lockedUntil: null }).where(eq(appUser.id, id));
}

export function insertSession(db: DbOrTx, v: typeof session.$inferInsert) {
  return db.insert(session).values(v);
}

export async function findLiveSession(db: DbOrTx, idHash: string) {
  const r = await db
    .select({ s: session, u: appUser, orgName: organisation.name })
    .from(session)
    .innerJoin(appUser, eq(appUser.id, session.userId))
    .leftJoin(organisation, eq(organisation.id, appUser.orgId))
    .where(and(eq(session.idHash, idHash), isNull(session.revokedAt)));
  return r[0];
}

export function touchSession(db: DbOrTx, idHash: string, at: Date) {
  return db.update(session).set({ lastSeenAt: at }).where(eq(session.idHash, idHash));
}

export function revokeSession(db: DbOrTx, idHash: string, at: Date) {
  return db.update(session).set({ revokedAt: at }).where(eq(session.idHash, idHash));
}

export function revokeUserSessions(db: DbOrTx, userId: string, at: Date) {
  return db
    .update(session)
    .set({ revokedAt: at })
    .where(and(eq(session.userId, userId), isNull(session.revokedAt)));
}

export async function getSetting<T>(db: DbOrTx, key: string): Promise<T | undefined> {
  const r = await db.select().from(securitySetting).where(eq(securitySetting.key, key));
  return r[0]?.value as T | undefined;
}

export function putSetting(db: DbOrTx, key: string, value: unknown) {
  return db
    .insert(securitySetting)
    .values({ key, value })
    .onConflictDoUpdate({ target: securitySetting.key, set: { value, updatedAt: sql`now()` } });
}

export function setPasswordHash(db: DbOrTx, id: string, passwordHash: string) {
  return db.update(appUser).set({ passwordHash, mustChangePassword: false }).where(eq(appUser.id, id));
}
