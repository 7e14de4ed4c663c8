import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CurrentUser, LoginRequest, Ok } from '../../../contracts/auth.js';
import {
  AccountInput,
  AuditRow,
  CreateUser,
  DecideOrganisation,
  Invitation,
  Job,
  Organisation,
  ReferenceItem,
  RegisterOrganisation,
  UpdateOrganisation,
  User,
} from '../../../contracts/identity.js';
import { ROLES } from '../../../contracts/roles.js';
import type { AuthService } from '../auth/auth.service.js';
import type { OrgService } from '../auth/org.service.js';
import type { UsersService } from '../auth/users.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { REFERENCE_KINDS } from '../reference/seed-data.js';
import { SecuritySettings } from '../auth/security-settings.js';
import type { Jobs } from '../jobs/jobs.js';
import type { SettingsService } from '../settings/settings.service.js';
import { IdParam, IsoDate, page, Paging } from './schemas.js';
import { SESSION_COOKIE } from '../auth/auth.service.js';

export interface KernelRouteDeps {
  auth: AuthService;
  orgs: OrgService;
  users: UsersService;
  auditLog: AuditService;
  reference: ReferenceService;
  jobs: Pick<Jobs, 'get'> | null;
  authLimit: number;
  settings: SettingsService;
  cookies: {
    setSessionCookie(reply: import('fastify').FastifyReply, token: string): void;
    clearSessionCookie(reply: import('fastify').FastifyReply): void;
  };
}

export const kernelRoutes =
  (d: KernelRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/health',
      {
        config: { access: { permission: 'public', scope: 'public' } },
        schema: { tags: ['system'], response: { 200: z.object({ status: z.literal('ok') }) } },
      },
      async () => ({ status: 'ok' as const }),
    );

    // ---- session ----
    app.post(
      '/api/auth/login',
      {
        config: {
          access: { permission: 'public', scope: 'public' },
          rateLimit: { max: d.authLimit, timeWindow: '1 minute' },
        },
        schema: { tags: ['auth'], body: LoginRequest, response: { 200: CurrentUser } },
      },
      async (req, reply) => {
        const r = await d.auth.login(req.body, {
          ip: req.ip,
          requestId: String(req.id),
          userAgent: req.headers['user-agent'] ?? null,
        });
        d.cookies.setSessionCookie(reply, r.token);
        return r.user;
      },
    );
    app.post(
      '/api/auth/logout',
      {
        config: { access: { permission: 'session.self', scope: 'self' } },
        schema: { tags: ['auth'], response: { 200: Ok } },
      },
      async (req, reply) => {
        await d.auth.logout(req.cookies[SESSION_COOKIE], req.actor);
        d.cookies.clearSessionCookie(reply);
        return { ok: true as const };
      },
    );
    app.get(
      '/api/auth/me',
      {
        config: { access: { permission: 'session.self', scope: 'self' } },
        schema: { tags: ['auth'], response: { 200: CurrentUser } },
      },
      async (req) => req.currentUser!,
    );
    app.post(
      '/api/auth/password',
      {
        config: { access: { permission: 'session.self', scope: 'self' } },
        schema: {
          tags: ['auth'],
          body: z.object({ currentPassword: z.string().max(200), newPassword: z.string().max(200) }),
          response: { 200: Ok },
        },
      },
      async (req, reply) => {
        await d.auth.changePassword(req.actor, req.body);
        d.cookies.clearSessionCookie(reply);
        return { ok: true as const };
      },
    );

    // ---- organisations ----
    app.post(
      '/api/public/organisations',
      {
        config: {
          access: { permission: 'public', scope: 'public' },
          rateLimit: { max: d.authLimit, timeWindow: '1 minute' },
        },
        schema: { tags: ['organisations'], body: RegisterOrganisation, response: { 201: Organisation } },
      },
      async (req, reply) => reply.status(201).send(await d.orgs.register(req.actor, req.body)),
    );
    app.get(
      '/api/organisations',
      {
        config: { access: { permission: 'org.read', scope: 'org' } },
        schema: {
          tags: ['organisations'],
          querystring: Paging.extend({
            status: z.enum(['pending', 'approved', 'rejected']).optional(),
            kind: z.string().max(20).optional(),
            cityCode: z.string().max(6).optional(),
            q: z.string().max(100).optional(),
          }),
          response: { 200: page(Organisation) },
        },
      },
      async (req) => d.orgs.list(req.actor, req.query),
    );
    app.get(
      '/api/organisations/:id',
      {
        config: { access: { permission: 'org.read', scope: 'org' } },
        schema: { tags: ['organisations'], params: IdParam, response: { 200: Organisation } },
      },
      async (req) => d.orgs.get(req.actor, req.params.id),
    );
    app.patch(
      '/api/organisations/:id',
      {
        config: { access: { permission: 'org.edit', scope: 'org' } },
        schema: { tags: ['organisations'], params: IdParam, body: UpdateOrganisation, response: { 200: Organisation } },
      },
      async (req) => d.orgs.update(req.actor, req.params.id, req.body),
    );
    app.post(
      '/api/organisations/:id/decision',
      {
        config: { access: { permission: 'org.approve', scope: 'city' } },
        schema: { tags: ['organisations'], params: IdParam, body: DecideOrganisation, response: { 200: Organisation } },
      },
      async (req) => d.orgs.decide(req.actor, req.params.id, req.body),
    );
    app.post(
      '/api/organisations/:id/invitations',
      {
        config: { access: { permission: 'org.invite', scope: 'org' } },
        schema: {
          tags: ['organisations'],
          params: IdParam,
          body: z.object({ note: z.string().max(200).optional() }),
          response: { 201: Invitation },
        },
      },
      async (req, reply) => reply.status(201).send(await d.orgs.invite(req.actor, req.params.id, req.body)),
    );
    app.post(
      '/api/public/invitations/:token/accept',
      {
        config: {
          access: { permission: 'public', scope: 'public' },
          rateLimit: { max: d.authLimit, timeWindow: '1 minute' },
        },
        schema: {
          tags: ['organisations'],
          params: z.object({ token: z.string().min(10).max(100) }),
          body: AccountInput,
          response: { 201: z.object({ userId: z.string() }) },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await d.orgs.acceptInvitation(req.actor, req.params.token, req.body)),
    );

    // ---- accounts (system admin), roles and security (security admin), audit (audit admin) ----
    app.get(
      '/api/users',
      {
        config: { access: { permission: 'user.read', scope: 'province' } },
        schema: {
          tags: ['accounts'],
          querystring: Paging.extend({ q: z.string().max(64).optional() }),
          response: { 200: page(User) },
        },
      },
      async (req) => d.users.list(req.actor, req.query),
    );
    app.post(
      '/api/users',
      {
        config: { access: { permission: 'user.manage', scope: 'province' } },
        schema: { tags: ['accounts'], body: CreateUser, response: { 201: User } },
      },
      async (req, reply) => reply.status(201).send(await d.users.create(req.actor, req.body)),
    );
    app.post(
      '/api/users/:id/status',
      {
        config: { access: { permission: 'user.manage', scope: 'province' } },
        schema: {
          tags: ['accounts'],
          params: IdParam,
          body: z
            .object({ status: z.enum(['active', 'disabled']).optional(), unlock: z.literal(true).optional() })
            .refine((b) => b.status !== undefined || b.unlock, '请指定状态或解锁'),
          response: { 200: User },
        },
      },
      async (req) => d.users.setStatus(req.actor, req.params.id, req.body),
    );
    app.put(
      '/api/users/:id/roles',
      {
        config: { access: { permission: 'role.assign', scope: 'province' } },
        schema: {
          tags: ['accounts'],
          params: IdParam,
          body: z.object({ roles: z.array(z.enum(ROLES)).min(1) }),
          response: { 200: User },
        },
      },
      async (req) => d.users.setRoles(req.actor, req.params.id, req.body.roles),
    );
    app.get(
      '/api/security/settings',
      {
        config: { access: { permission: 'security.settings', scope: 'province' } },
        schema: { tags: ['security'], response: { 200: SecuritySettings } },
      },
      async (req) => d.users.getSecuritySettings(req.actor),
    );
    app.put(
      '/api/security/settings',
      {
        config: { access: { permission: 'security.settings', scope: 'province' } },
        schema: { tags: ['security'], body: SecuritySettings, response: { 200: SecuritySettings } },
      },
      async (req) => d.users.putSecuritySettings(req.actor, req.body),
    );
    app.get(
      '/api/audit',
      {
        config: { access: { permission: 'audit.read', scope: 'province' } },
        schema: {
          tags: ['audit'],
          querystring: Paging.extend({
            entity: z.string().max(64).optional(),
            entityId: z.string().max(64).optional(),
            action: z.string().max(64).optional(),
            from: IsoDate.optional(),
            to: IsoDate.optional(),
          }),
          response: { 200: page(AuditRow) },
        },
      },
      async (req) => d.auditLog.list(req.actor, req.query),
    );

    // ---- reference data ----
    app.get(
      '/api/reference/:kind',
      {
        config: { access: { permission: 'public', scope: 'public' } },
        schema: {
          tags: ['reference'],
          params: z.object({ kind: z.enum(REFERENCE_KINDS) }),
          querystring: z.object({
            asOf: IsoDate.optional(),
          }),
          response: { 200: z.array(ReferenceItem) },
        },
      },
      async (req) => d.reference.list(req.params.kind, req.query.asOf),
    );
    app.put(
      '/api/reference/:kind/:code',
      {
        config: { access: { permission: 'reference.edit', scope: 'province' } },
        schema: {
          tags: ['reference'],
          params: z.object({ kind: z.enum(REFERENCE_KINDS), code: z.string().min(1).max(40) }),
          body: z.object({
            name: z.string().trim().min(1).max(100),
            attrs: z.record(z.string(), z.unknown()).optional(),
            effectiveFrom: IsoDate.optional(),
          }),
          response: { 200: ReferenceItem },
        },
      },
      async (req) => d.reference.upsert(req.actor, req.params.kind, req.params.code, req.body),
    );

    // ---- policy settings (the plan's numbers and rules) ----
    app.get(
      '/api/settings',
      {
        config: { access: { permission: 'settings.edit', scope: 'province' } },
        schema: {
          tags: ['settings'],
          response: { 200: z.array(z.object({ key: z.string(), title: z.string(), value: z.unknown() })) },
        },
      },
      async (req) =>
        Promise.all(d.settings.list().map(async (x) => ({ ...x, value: await d.settings.getByKey(req.actor, x.key) }))),
    );
    app.put(
      '/api/settings/:key',
      {
        config: { access: { permission: 'settings.edit', scope: 'province' } },
        schema: {
          tags: ['settings'],
          params: z.object({ key: z.string().max(100) }),
          body: z.unknown(),
          response: { 200: z.unknown() },
        },
      },
      async (req) => d.settings.put(req.actor, req.params.key, req.body),
    );

    // ---- jobs ----
    if (d.jobs) {
      const jobs = d.jobs;
      app.get(
        '/api/jobs/:id',
        {
          config: { access: { permission: 'job.read', scope: 'self' } },
          schema: { tags: ['jobs'], params: IdParam, response: { 200: Job } },
        },
        async (req) => jobs.get(req.actor, req.params.id),
      );
    }
  };
