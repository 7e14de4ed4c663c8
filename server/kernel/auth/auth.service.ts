import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/types.js';
import { audit, type Actor } from '../audit/audit.js';
import { AppError } from '../errors/app-error.js';
import { permissionsOf, type Role } from '../../../contracts/roles.js';
import type { CurrentUser } from '../../../contracts/auth.js';
import * as repo from './auth.repo.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';
import { loadSecuritySettings, type SecuritySettings } from './security-settings.js';

export const SESSION_COOKIE = 'jx_session';
const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

/** A hash to verify against when the username does not exist, so timing does not tell. */
let dummyHash: Promise<string> | undefined;

export interface AuthDeps {
  db: Db;
  clock: () => Date;
  idleMinutes: number;
}

export interface ResolvedSession {
  user: CurrentUser;
  actorBase: Omit<Actor, 'ip' | 'requestId'>;
}

export function createAuthService(deps: AuthDeps) {
  const { db, clock } = deps;
  const settings = () => loadSecuritySettings(db, deps.idleMinutes);

  function toCurrentUser(u: repo.UserRow, orgName: string | null): CurrentUser {
    const roles = u.roles as Role[];
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles,
      orgId: u.orgId,
      orgName,
      isOrgAdmin: u.isOrgAdmin,
      cityCode: u.cityCode,
      personId: u.personId,
      permissions: [...permissionsOf(roles)].sort(),
      mustChangePassword: u.mustChangePassword,
    };
  }

  return {
    settings,

    async checkPassword(pw: string, s?: SecuritySettings): Promise<void> {
      const st = s ?? (await settings());
      const p = passwordProblem(pw, { minLength: st.passwordMinLength, minClasses: st.passwordMinClasses });
      if (p) throw new AppError('VALIDATION', p);
    },

    hashPassword,

    /** Login: 5 failures lock the account for 30 minutes (settings); every outcome is audited. */
    async login(
      input: { username: string; password: string },
      ctx: { ip: string | null; requestId: string; userAgent: string | null },
    ): Promise<{ token: string; user: CurrentUser }> {
      const st = await settings();
      const now = clock();
      const username = input.username.trim();
      type Outcome = { ok: true; token: string; user: repo.UserRow } | { ok: false; error: AppError };
      // One transaction holding the user's row lock: parallel guesses are counted one by one, and a
      // lock taken by one of them is seen by the next (no race past the 5-failure limit).
      const outcome: Outcome = await db.transaction(async (tx) => {
        const u = await repo.findUserByUsernameForUpdate(tx, username);
        const anon: Actor = {
          userId: u?.id ?? null,
          // Never the raw input for unknown users: people type ID numbers and phones here.
          username: u ? u.username : null,
          roles: (u?.roles as string[]) ?? [],
          orgId: null,
          cityCode: null,
          personId: null,
          ip: ctx.ip,
          requestId: ctx.requestId,
        };
        const passwordOk = await verifyPassword(
          u?.passwordHash ?? (await (dummyHash ??= hashPassword('Dummy-password-1'))),
          input.password,
        );
        if (!u) {
          await audit(tx, anon, { action: 'auth.login_failed', entity: 'user', after: { reason: 'unknown_user' } });
          return { ok: false, error: new AppError('UNAUTHENTICATED', '用户名或密码错误') };
        }
        if (u.lockedUntil && u.lockedUntil > now) {
          await audit(tx, anon, {
            action: 'auth.login_refused',
            entity: 'user',
            entityId: u.id,
            after: { reason: 'locked' },
          });
          return {
            ok: false,
            error: new AppError('LOCKED', `账号已锁定，请于 ${st.lockMinutes} 分钟后再试或联系系统管理员解锁`),
          };
        }
        if (!passwordOk) {
          const r = await repo.recordFailedLogin(
            tx,
            u.id,
            st.maxFailedLogins,
            now,
            new Date(now.getTime() + st.lockMinutes * 60_000),
          );
          const nowLocked = (r?.failedLogins ?? 0) >= st.maxFailedLogins;
          await audit(tx, anon, {
            action: nowLocked ? 'auth.locked' : 'auth.login_failed',
            entity: 'user',
            entityId: u.id,
            after: { failedLogins: r?.failedLogins },
          });
          return {
            ok: false,
            error: nowLocked
              ? new AppError('LOCKED', `连续 ${st.maxFailedLogins} 次密码错误，账号已锁定 ${st.lockMinutes} 分钟`)
              : new AppError('UNAUTHENTICATED', '用户名或密码错误'),
          };
        }
        // The account's state is told only to whoever knows its password.
        if (u.status !== 'active') {
          await audit(tx, anon, {
            action: 'auth.login_refused',
            entity: 'user',
            entityId: u.id,
            after: { reason: 'disabled' },
          });
          return { ok: false, error: new AppError('FORBIDDEN', '账号已停用，请联系管理员') };
        }
        if (u.roles.length === 0) {
          await audit(tx, anon, {
            action: 'auth.login_refused',
            entity: 'user',
            entityId: u.id,
            after: { reason: 'no_role' },
          });
          return { ok: false, error: new AppError('FORBIDDEN', '账号尚未授权角色，请联系安全管理员') };
        }
        const token = randomBytes(32).toString('base64url');
        await repo.resetFailedLogins(tx, u.id);
        await repo.insertSession(tx, {
          idHash: sha256(token),
          userId: u.id,
          createdAt: now,
          lastSeenAt: now,
          ip: ctx.ip,
          userAgent: ctx.userAgent?.slice(0, 300) ?? null,
        });
        await audit(
          tx,
          { ...anon, orgId: u.orgId, cityCode: u.cityCode },
          { action: 'auth.login', entity: 'user', entityId: u.id },
        );
        return { ok: true, token, user: u };
      });
      if (!outcome.ok) throw outcome.error;
      const { token, user: u } = outcome;
      const s = await repo.findLiveSession(db, sha256(token));
      return { token, user: toCurrentUser(u, s?.orgName ?? null) };
    },

    /** Resolve a cookie token into the acting user; idle sessions end after `idleMinutes`. */
    async resolve(token: string | undefined): Promise<ResolvedSession | null> {
      if (!token) return null;
      const idHash = sha256(token);
      const row = await repo.findLiveSession(db, idHash);
      if (!row) return null;
      const now = clock();
      const st = await settings();
      if (now.getTime() - row.s.lastSeenAt.getTime() > st.idleMinutes * 60_000) {
        await repo.revokeSession(db, idHash, now);
        return null;
      }
      // A lock stops password guessing; it does not end the holder's live sessions (no lock-out by strangers).
      if (row.u.status !== 'active' || row.u.roles.length === 0) return null;
      // Touch at most once a minute: idle time is minute-grained, and reads stay cheap.
      if (now.getTime() - row.s.lastSeenAt.getTime() > 60_000) await repo.touchSession(db, idHash, now);
      const user = toCurrentUser(row.u, row.orgName);
      return {
        user,
        actorBase: {
          userId: user.id,
          username: user.username,
          roles: user.roles,
          orgId: user.orgId,
          cityCode: user.cityCode,
          personId: user.personId,
        },
      };
    },

    async logout(token: string | undefined, actor: Actor): Promise<void> {
      if (!token) return;
      await db.transaction(async (tx) => {
        await repo.revokeSession(tx, sha256(token), clock());
        await audit(tx, actor, { action: 'auth.logout', entity: 'user', entityId: actor.userId });
      });
    },

    async changePassword(actor: Actor, input: { currentPassword: string; newPassword: string }): Promise<void> {
      const u = actor.userId ? await repo.findUserById(db, actor.userId) : undefined;
      if (!u || !(await verifyPassword(u.passwordHash, input.currentPassword)))
        throw new AppError('VALIDATION', '当前密码不正确');
      await this.checkPassword(input.newPassword);
      const h = await hashPassword(input.newPassword);
      await db.transaction(async (tx) => {
        await repo.setPasswordHash(tx, u.id, h);
        await repo.revokeUserSessions(tx, u.id, clock());
        await audit(tx, actor, { action: 'user.password_changed', entity: 'user', entityId: u.id });
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
