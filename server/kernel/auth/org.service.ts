import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/types.js';
import { audit, type Actor } from '../audit/audit.js';
import { AppError, forbidden, notFound } from '../errors/app-error.js';
import { parseUscc } from '../validation/uscc.js';
import type { ReferenceService } from '../reference/reference.service.js';
import type { AuthService } from './auth.service.js';
import { assertPermission, assertReach, scopeFilter } from './scope.js';
import * as repo from './org.repo.js';
import { organisation } from './auth.schema.js';
import type { Role } from '../../../contracts/roles.js';

export const ORG_KINDS = ['enterprise', 'college', 'training', 'evaluation', 'service', 'government', 'host'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** The role an organisation's own accounts get. */
export function roleForOrgKind(kind: OrgKind): Role | null {
  switch (kind) {
    case 'enterprise':
    case 'service':
    case 'host':
      return 'enterprise';
    case 'college':
    case 'training':
      return 'provider';
    case 'evaluation':
      return 'evaluator';
    default:
      return null;
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const INVITATION_DAYS = 7;

export interface OrgDto {
  id: string;
  kind: string;
  name: string;
  uscc: string;
  cityCode: string;
  cityName: string | null;
  sizeClass: string | null;
  industryChains: string[];
  pilotFlags: string[];
  status: string;
  createdAt: string;
}

export function createOrgService(deps: {
  db: Db;
  clock: () => Date;
  reference: Pick<ReferenceService, 'assertActiveCity' | 'cities'>;
  auth: Pick<AuthService, 'checkPassword' | 'hashPassword'>;
}) {
  const { db, clock } = deps;

  async function toDto(rows: repo.OrgRow[]): Promise<OrgDto[]> {
    const cities = await deps.reference.cities();
    return rows.map((o) => ({
      id: o.id,
      kind: o.kind,
      name: o.name,
      uscc: o.uscc,
      cityCode: o.cityCode,
      cityName: cities.get(o.cityCode)?.name ?? null,
      sizeClass: o.sizeClass,
      industryChains: o.industryChains,
      pilotFlags: o.pilotFlags,
      status: o.status,
      createdAt: o.createdAt.toISOString(),
    }));
  }

  async function newAccount(
    tx: Db | Parameters<Parameters<Db['transaction']>[0]>[0],
    input: { username: string; displayName: string; password: string },
  ) {
    await deps.auth.checkPassword(input.password);
    if (await repo.usernameTaken(tx, input.username))
      throw new AppError('DUPLICATE', `用户名 ${input.username} 已被使用`);
    return deps.auth.hashPassword(input.password);
  }

  return {
    /** An organisation registers itself; its city admin approves it. */
    async register(
      actor: Actor,
      input: {
        kind: OrgKind;
        name: string;
        uscc: string;
        cityCode: string;
        sizeClass?: string | null;
        industryChains?: string[];
        admin: { username: string; displayName: string; password: string };
      },
    ): Promise<OrgDto> {
      const u = parseUscc(input.uscc);
      if (!u.ok) throw new AppError('VALIDATION', `统一社会信用代码无效：${u.reason}`, { field: 'uscc' });
      const role = roleForOrgKind(input.kind);
      if (!role) throw new AppError('VALIDATION', '政府部门账号由系统管理员开设，不能自行注册');
      await deps.reference.assertActiveCity(input.cityCode);
      return db.transaction(async (tx) => {
        if (await repo.findOrgByUscc(tx, u.value))
          throw new AppError('DUPLICATE', '该统一社会信用代码已注册，请联系本单位管理员邀请您加入');
        const passwordHash = await newAccount(tx, input.admin);
        const org = await repo.insertOrg(tx, {
          kind: input.kind,
          name: input.name.trim(),
          uscc: u.value,
          cityCode: input.cityCode,
          sizeClass: input.sizeClass ?? null,
          industryChains: input.industryChains ?? [],
        });
        const user = await repo.insertUser(tx, {
          username: input.admin.username,
          displayName: input.admin.displayName,
          passwordHash,
          roles: [role],
          orgId: org.id,
          isOrgAdmin: true,
          cityCode: org.cityCode,
        });
        await audit(tx, actor, { action: 'org.register', entity: 'organisation', entityId: org.id, after: org });
        await audit(tx, actor, {
          action: 'user.create',
          entity: 'user',
          entityId: user.id,
          after: { username: user.username, roles: user.roles, orgId: org.id },
        });
        return (await toDto([org]))[0]!;
      });
    },

    /** Create an organisation directly (government units, seeding); approved at once. */
    async createApproved(actor: Actor, input: Omit<typeof organisation.$inferInsert, 'status'>): Promise<OrgDto> {
      return db.transaction(async (tx) => {
        const org = await repo.insertOrg(tx, { ...input, status: 'approved' });
        await audit(tx, actor, { action: 'org.create', entity: 'organisation', entityId: org.id, after: org });
        return (await toDto([org]))[0]!;
      });
    },

    /** Bulk load of approved organisations (demo generator, imports): one statement per batch, one audit row. */
    async bulkInsertApproved(
      actor: Actor,
      rows: {
        kind: OrgKind;
        name: string;
        uscc: string;
        cityCode: string;
        sizeClass: string | null;
        industryChains: string[];
      }[],
    ): Promise<string[]> {
      return db.transaction(async (tx) => {
        const ids: string[] = [];
        for (let i = 0; i < rows.length; i += 5000) {
          const chunk = rows.slice(i, i + 5000);
          const r = await tx
            .insert(organisation)
            .values(chunk.map((c) => ({ ...c, status: 'approved' })))
            .returning({ id: organisation.id });
          ids.push(...r.map((x) => x.id));
        }
        await audit(tx, actor, { action: 'org.bulk_create', entity: 'organisation', after: { count: rows.length } });
        return ids;
      });
    },

    async list(
      actor: Actor,
      f: { status?: string; kind?: string; cityCode?: string; q?: string; page: number; pageSize: number },
    ) {
      assertPermission(actor, 'org.read');
      const scope = scopeFilter(actor, { city: organisation.cityCode, org: organisation.id });
      const { items, total } = await repo.listOrgs(db, scope, {
        ...f,
        limit: f.pageSize,
        offset: (f.page - 1) * f.pageSize,
      });
      return { items: await toDto(items), total };
    },

    async count(actor: Actor, status?: string): Promise<number> {
      return repo.countOrgs(db, scopeFilter(actor, { city: organisation.cityCode, org: organisation.id }), status);
    },

    async get(actor: Actor, id: string): Promise<OrgDto> {
      assertPermission(actor, 'org.read');
      const o = await repo.getOrg(db, id);
      assertReach(actor, o && { cityCode: o.cityCode, orgId: o.id }, '机构');
      return (await toDto([o!]))[0]!;
    },

    /** Where an organisation lives, for other modules' scope checks. */
    async locate(id: string): Promise<{ id: string; cityCode: string; name: string; status: string } | undefined> {
      const o = await repo.getOrg(db, id);
      return o && { id: o.id, cityCode: o.cityCode, name: o.name, status: o.status };
    },

    /** Live organisations by USCC (normalised upper case), for bulk look-ups such as imports. */
    async findByUscc(
      usccs: string[],
    ): Promise<Map<string, { id: string; name: string; cityCode: string; status: string }>> {
      const rows = await repo.findOrgsByUscc(db, [...new Set(usccs)]);
      return new Map(rows.map((o) => [o.uscc, { id: o.id, name: o.name, cityCode: o.cityCode, status: o.status }]));
    },

    async decide(actor: Actor, id: string, input: { decision: 'approve' | 'reject'; note?: string }): Promise<OrgDto> {
      assertPermission(actor, 'org.approve');
      return db.transaction(async (tx) => {
        const before = await repo.getOrg(tx, id);
        assertReach(actor, before && { cityCode: before.cityCode, orgId: null }, '机构');
        const status = input.decision === 'approve' ? 'approved' : 'rejected';
        const after = await repo.decideOrg(tx, id, status, actor.userId, input.note ?? null, clock());
        if (!after) throw new AppError('INVALID_TRANSITION', '该机构不是待审核状态，不能重复审核');
        await audit(tx, actor, {
          action: 'org.' + input.decision,
          entity: 'organisation',
          entityId: id,
          before,
          after,
        });
        return (await toDto([after]))[0]!;
      });
    },

    /**
     * Edit an organisation's profile: its own admin (size class, industry chains), the
     * province admin also the pilot flags (先行先试). Name and USCC are registration facts.
     */
    async update(
      actor: Actor,
      id: string,
      input: { sizeClass?: string | null; industryChains?: string[]; pilotFlags?: string[] },
    ): Promise<OrgDto> {
      assertPermission(actor, 'org.edit');
      return db.transaction(async (tx) => {
        const before = await repo.getOrg(tx, id);
        assertReach(actor, before && { cityCode: null, orgId: before.id }, '机构');
        const isProvince = actor.roles.includes('province_admin');
        if (!isProvince && !(await repo.isOrgAdmin(tx, actor.userId, id)))
          throw forbidden('只有本单位管理员可以修改机构信息');
        if (input.pilotFlags !== undefined && !isProvince) throw forbidden('试点标识由省级管理员设置');
        const patch: Partial<repo.OrgRow> = {};
        if (input.sizeClass !== undefined) patch.sizeClass = input.sizeClass;
        if (input.industryChains !== undefined) patch.industryChains = [...new Set(input.industryChains)];
        if (input.pilotFlags !== undefined) patch.pilotFlags = [...new Set(input.pilotFlags)];
        const after = await repo.updateOrg(tx, id, patch);
        await audit(tx, actor, { action: 'org.update', entity: 'organisation', entityId: id, before, after });
        return (await toDto([after]))[0]!;
      });
    },

    /** An organisation's admin invites staff; the link token is shown once. */
    async invite(actor: Actor, orgId: string, input: { note?: string }): Promise<{ token: string; expiresAt: string }> {
      assertPermission(actor, 'org.invite');
      const o = await repo.getOrg(db, orgId);
      assertReach(actor, o && { cityCode: null, orgId: o.id }, '机构');
      if (!(await repo.isOrgAdmin(db, actor.userId, o!.id))) throw forbidden('只有本单位管理员可以邀请员工');
      if (o!.status !== 'approved') throw new AppError('INVALID_TRANSITION', '机构审核通过后才能邀请员工');
      const role = roleForOrgKind(o!.kind as OrgKind);
      if (!role) throw new AppError('VALIDATION', '该类机构不能邀请员工');
      const token = randomBytes(24).toString('base64url');
      const expiresAt = new Date(clock().getTime() + INVITATION_DAYS * 86400_000);
      await db.transaction(async (tx) => {
        const inv = await repo.insertInvitation(tx, {
          tokenHash: sha256(token),
          orgId: o!.id,
          role,
          note: input.note ?? null,
          invitedBy: actor.userId!,
          expiresAt,
        });
        await audit(tx, actor, {
          action: 'org.invite',
          entity: 'invitation',
          entityId: inv.id,
          after: { orgId, role },
        });
      });
      return { token, expiresAt: expiresAt.toISOString() };
    },

    async acceptInvitation(
      actor: Actor,
      token: string,
      input: { username: string; displayName: string; password: string },
    ): Promise<{ userId: string }> {
      return db.transaction(async (tx) => {
        const inv = await repo.findOpenInvitation(tx, sha256(token));
        if (!inv || inv.expiresAt < clock()) throw new AppError('NOT_FOUND', '邀请链接无效或已过期');
        const o = await repo.getOrg(tx, inv.orgId);
        const passwordHash = await newAccount(tx, input);
        const user = await repo.insertUser(tx, {
          username: input.username,
          displayName: input.displayName,
          passwordHash,
          roles: [inv.role],
          orgId: inv.orgId,
          cityCode: o?.cityCode ?? null,
        });
        if (!(await repo.markInvitationAccepted(tx, inv.id, user.id, clock())))
          throw new AppError('CONFLICT', '邀请已被使用');
        await audit(
          tx,
          { ...actor, userId: user.id, username: user.username },
          {
            action: 'org.invitation_accepted',
            entity: 'user',
            entityId: user.id,
            after: { username: user.username, roles: user.roles, orgId: inv.orgId },
          },
        );
        return { userId: user.id };
      });
    },
  };
}

export type OrgService = ReturnType<typeof createOrgService>;
export { notFound };
