import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/types.js';
import { audit, type Actor } from '../audit/audit.js';
import { AppError, notFound } from '../errors/app-error.js';
import { ORG_ROLES, SEPARATED_ADMIN_ROLES, type Role } from '../../../contracts/roles.js';
import { appUser, organisation } from './auth.schema.js';
import type { AuthService } from './auth.service.js';
import * as authRepo from './auth.repo.js';
import * as orgRepo from './org.repo.js';
import { assertPermission } from './scope.js';
import { roleForOrgKind, type OrgKind } from './org.service.js';
import { SecuritySettings } from './security-settings.js';

export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  requestedRoles: string[];
  origin: string;
  orgId: string | null;
  orgName: string | null;
  cityCode: string | null;
  status: string;
  locked: boolean;
  createdAt: string;
}

/** 三员分立: one of the three admin roles alone, or business roles only. */
export function roleSetProblem(roles: readonly Role[]): string | null {
  if (roles.length === 0) return '至少指定一个角色';
  const admins = roles.filter((r) => (SEPARATED_ADMIN_ROLES as readonly string[]).includes(r));
  if (admins.length > 0 && roles.length > 1) return '系统管理员、安全管理员、安全审计员三员分立，不能兼任其他角色';
  return null;
}

export function createUsersService(deps: {
  db: Db;
  clock: () => Date;
  auth: Pick<AuthService, 'checkPassword' | 'hashPassword' | 'settings'>;
}) {
  const { db, clock } = deps;

  const toDto = (u: typeof appUser.$inferSelect, orgName: string | null): UserDto => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    requestedRoles: u.requestedRoles,
    origin: u.origin,
    orgId: u.orgId,
    orgName,
    cityCode: u.cityCode,
    status: u.status,
    locked: !!u.lockedUntil && u.lockedUntil > clock(),
    createdAt: u.createdAt.toISOString(),
  });

  async function validateBinding(roles: Role[], orgId: string | null | undefined, cityCode: string | null | undefined) {
    const p = roleSetProblem(roles);
    if (p) throw new AppError('VALIDATION', p);
    if (roles.some((r) => (ORG_ROLES as readonly string[]).includes(r)) && !orgId)
      throw new AppError('VALIDATION', '机构角色必须绑定所属机构');
    if (roles.includes('city_admin') && !cityCode) throw new AppError('VALIDATION', '市级管理员必须指定所属城市');
  }

  const isSeparatedAdmin = (roles: readonly string[]) =>
    roles.some((r) => (SEPARATED_ADMIN_ROLES as readonly string[]).includes(r));

  /**
   * What the security admin may grant to this account. The three admin roles only come from the
   * deployment CLI; government roles only to accounts the system admin opened (never to a
   * self-registered, invited or signed-up account); organisation roles only matching the
   * organisation's kind; the talent role only to an account bound to a person.
   */
  async function grantProblem(tx: DbOrTx, target: typeof appUser.$inferSelect, roles: Role[]): Promise<string | null> {
    if (isSeparatedAdmin(target.roles) || isSeparatedAdmin(roles))
      return '三员账号的角色只能通过部署命令（create-admin）设置';
    if (
      (roles.includes('province_admin') || roles.includes('city_admin')) &&
      (target.origin !== 'admin' || target.personId)
    )
      return '政府管理角色只能授予系统管理员开设的工作人员账号';
    if (roles.includes('talent') && !target.personId) return '人才角色只能授予已实名登记的个人账号';
    if (!roles.includes('talent') && target.personId) return '个人账号只能持有人才角色';
    const orgRoles = roles.filter((r) => (ORG_ROLES as readonly string[]).includes(r));
    if (orgRoles.length) {
      const org = target.orgId ? await orgRepo.getOrg(tx, target.orgId) : undefined;
      const expected = org ? roleForOrgKind(org.kind as OrgKind) : null;
      if (!org || orgRoles.some((r) => r !== expected)) return '机构角色须与所属机构类型一致';
    }
    return null;
  }

  return {
    async list(actor: Actor, f: { page: number; pageSize: number; q?: string }) {
      assertPermission(actor, 'user.read');
      const where = f.q
        ? sql`${appUser.username} ilike ${'%' + f.q + '%'} or ${appUser.displayName} ilike ${'%' + f.q + '%'}`
        : undefined;
      const [rows, total] = await Promise.all([
        db
          .select({ u: appUser, orgName: organisation.name })
          .from(appUser)
          .leftJoin(organisation, eq(organisation.id, appUser.orgId))
          .where(where)
          .orderBy(desc(appUser.createdAt), appUser.id)
          .limit(f.pageSize)
          .offset((f.page - 1) * f.pageSize),
        db
          .select({ n: count() })
          .from(appUser)
          .where(where)
          .then((r) => r[0]?.n ?? 0),
      ]);
      return { items: rows.map((r) => toDto(r.u, r.orgName)), total };
    },

    /**
     * The system admin opens accounts (government staff and others) with an initial password the
     * holder must change, and *requests* roles: the security admin grants them (三员分立).
     */
    async create(
      actor: Actor,
      input: {
        username: string;
        displayName: string;
        password: string;
        roles: Role[];
        orgId?: string | null;
        cityCode?: string | null;
      },
    ): Promise<UserDto> {
      assertPermission(actor, 'user.manage');
      if (input.roles.some((r) => (SEPARATED_ADMIN_ROLES as readonly string[]).includes(r)))
        throw new AppError('FORBIDDEN', '三员账号只能由安全管理员授权');
      await validateBinding(input.roles, input.orgId, input.cityCode);
      await deps.auth.checkPassword(input.password);
      const passwordHash = await deps.auth.hashPassword(input.password);
      return db.transaction(async (tx) => {
        if (await orgRepo.usernameTaken(tx, input.username))
          throw new AppError('DUPLICATE', `用户名 ${input.username} 已被使用`);
        let cityCode = input.cityCode ?? null;
        if (input.orgId) {
          const o = await orgRepo.getOrg(tx, input.orgId);
          if (!o) throw notFound('机构');
          cityCode = o.cityCode;
        }
        const u = await orgRepo.insertUser(tx, {
          username: input.username,
          displayName: input.displayName,
          passwordHash,
          roles: [],
          requestedRoles: input.roles,
          origin: 'admin',
          mustChangePassword: true,
          orgId: input.orgId ?? null,
          cityCode,
        });
        await audit(tx, actor, {
          action: 'user.create',
          entity: 'user',
          entityId: u.id,
          after: { username: u.username, roles: u.roles, orgId: u.orgId, cityCode },
        });
        return toDto(u, null);
      });
    },

    /** The security admin grants roles; the separation of the three admins is enforced here and by a CHECK. */
    async setRoles(actor: Actor, userId: string, roles: Role[]): Promise<UserDto> {
      assertPermission(actor, 'role.assign');
      if (userId === actor.userId) throw new AppError('FORBIDDEN', '不能修改本人的角色');
      return db.transaction(async (tx) => {
        const before = await authRepo.findUserById(tx, userId);
        if (!before) throw notFound('用户');
        await validateBinding(roles, before.orgId, before.cityCode);
        const problem = await grantProblem(tx, before, roles);
        if (problem) throw new AppError('FORBIDDEN', problem);
        const [after] = await tx
          .update(appUser)
          .set({ roles, requestedRoles: [] })
          .where(eq(appUser.id, userId))
          .returning();
        await authRepo.revokeUserSessions(tx, userId, clock());
        await audit(tx, actor, {
          action: 'user.roles',
          entity: 'user',
          entityId: userId,
          before: { roles: before.roles },
          after: { roles },
        });
        return toDto(after!, null);
      });
    },

    async setStatus(
      actor: Actor,
      userId: string,
      input: { status?: 'active' | 'disabled'; unlock?: boolean },
    ): Promise<UserDto> {
      assertPermission(actor, 'user.manage');
      if (userId === actor.userId) throw new AppError('FORBIDDEN', '不能停用或解锁本人账号');
      return db.transaction(async (tx) => {
        const before = await authRepo.findUserById(tx, userId);
        if (!before) throw notFound('用户');
        if (isSeparatedAdmin(before.roles)) throw new AppError('FORBIDDEN', '系统管理员不能停用或解锁三员账号');
        const patch: Partial<typeof appUser.$inferInsert> = {};
        if (input.status) patch.status = input.status;
        if (input.unlock) Object.assign(patch, { failedLogins: 0, lockedUntil: null });
        const [after] = await tx
          .update(appUser)
          .set(patch)
          .where(and(eq(appUser.id, userId)))
          .returning();
        if (input.status === 'disabled') await authRepo.revokeUserSessions(tx, userId, clock());
        await audit(tx, actor, {
          action: input.unlock ? 'user.unlock' : 'user.status',
          entity: 'user',
          entityId: userId,
          before: { status: before.status, lockedUntil: before.lockedUntil },
          after: { status: after!.status, lockedUntil: after!.lockedUntil },
        });
        return toDto(after!, null);
      });
    },

    async getSecuritySettings(actor: Actor): Promise<SecuritySettings> {
      assertPermission(actor, 'security.settings');
      return deps.auth.settings();
    },

    async putSecuritySettings(actor: Actor, next: SecuritySettings): Promise<SecuritySettings> {
      assertPermission(actor, 'security.settings');
      const parsed = SecuritySettings.parse(next);
      return db.transaction(async (tx) => {
        const before = await deps.auth.settings();
        await authRepo.putSetting(tx, 'security', parsed);
        await audit(tx, actor, {
          action: 'security.settings',
          entity: 'security_setting',
          entityId: 'security',
          before,
          after: parsed,
        });
        return parsed;
      });
    },

    /** Checks a new account's username and password (before any one-time code is spent). */
    async checkNewAccount(username: string, password: string): Promise<void> {
      await deps.auth.checkPassword(password);
      if (await orgRepo.usernameTaken(db, username)) throw new AppError('DUPLICATE', `用户名 ${username} 已被使用`);
    },

    async personHasAccount(tx: DbOrTx, personId: string): Promise<boolean> {
      const r = await tx.select({ id: appUser.id }).from(appUser).where(eq(appUser.personId, personId));
      return r.length > 0;
    },

    /** A talent's own account, bound to their person record (called inside the sign-up transaction). */
    async createTalentAccount(
      tx: DbOrTx,
      actor: Actor,
      input: { username: string; displayName: string; password: string; personId: string; cityCode: string },
    ): Promise<string> {
      await deps.auth.checkPassword(input.password);
      if (await orgRepo.usernameTaken(tx, input.username))
        throw new AppError('DUPLICATE', `用户名 ${input.username} 已被使用`);
      const taken = await tx.select({ id: appUser.id }).from(appUser).where(eq(appUser.personId, input.personId));
      if (taken.length) throw new AppError('DUPLICATE', '该身份证号已注册账号，请直接登录或找回密码');
      const passwordHash = await deps.auth.hashPassword(input.password);
      const u = await orgRepo.insertUser(tx, {
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        roles: ['talent'],
        personId: input.personId,
        cityCode: input.cityCode,
      });
      await audit(
        tx,
        { ...actor, userId: u.id, username: u.username },
        {
          action: 'user.create',
          entity: 'user',
          entityId: u.id,
          after: { username: u.username, roles: u.roles, personId: input.personId },
        },
      );
      return u.id;
    },

    /** Demo accounts (embedded mode only): rows built by the generator, one audit row each. */
    async insertSeedAccounts(actor: Actor, rows: (typeof appUser.$inferInsert)[]): Promise<void> {
      await db.transaction(async (tx) => {
        for (const r of rows) {
          const p = roleSetProblem(r.roles as Role[]);
          if (p) throw new AppError('VALIDATION', p);
          const u = await orgRepo.insertUser(tx, r);
          await audit(tx, actor, {
            action: 'user.create',
            entity: 'user',
            entityId: u.id,
            after: { username: u.username, roles: u.roles },
          });
        }
      });
    },

    /** CLI: the first administrator of a deployment with DATABASE_URL (no demo accounts there). */
    async createFirstAdmin(
      actor: Actor,
      input: { username: string; displayName: string; password: string; role: Role },
    ) {
      await deps.auth.checkPassword(input.password);
      const p = roleSetProblem([input.role]);
      if (p) throw new AppError('VALIDATION', p);
      const passwordHash = await deps.auth.hashPassword(input.password);
      return db.transaction(async (tx) => {
        if (await orgRepo.usernameTaken(tx, input.username))
          throw new AppError('DUPLICATE', `用户名 ${input.username} 已被使用`);
        const u = await orgRepo.insertUser(tx, {
          username: input.username,
          displayName: input.displayName,
          passwordHash,
          roles: [input.role],
          origin: 'admin',
        });
        await audit(tx, actor, {
          action: 'user.create_first_admin',
          entity: 'user',
          entityId: u.id,
          after: { username: u.username, roles: u.roles },
        });
        return toDto(u, null);
      });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
