import '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../audit/audit.js';
import type { AuthService } from '../auth/auth.service.js';
import { SESSION_COOKIE } from '../auth/auth.service.js';
import type { CurrentUser } from '../../../contracts/auth.js';
import { AppError } from '../errors/app-error.js';
import { permissionsOf, type Role } from '../../../contracts/roles.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    currentUser: CurrentUser | null;
  }
}

/**
 * Resolves the session cookie into an Actor on every request, then enforces the route's
 * declared permission before the body is even parsed. Scope against objects is the
 * service's job (it knows where the object lives).
 */
export function registerActor(app: FastifyInstance, auth: AuthService, opts: { secureCookies: boolean }) {
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('currentUser', null);
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const token = req.cookies?.[SESSION_COOKIE];
    const resolved = await auth.resolve(token);
    req.currentUser = resolved?.user ?? null;
    req.actor = {
      ...(resolved?.actorBase ?? {
        userId: null,
        username: null,
        roles: [],
        orgId: null,
        cityCode: null,
        personId: null,
      }),
      ip: req.ip ?? null,
      requestId: String(req.id),
    };
    const access = req.routeOptions.config?.access;
    if (!access || access.permission === 'public') return;
    if (!resolved) throw new AppError('UNAUTHENTICATED', '请先登录（登录已过期或未登录）');
    if (resolved.user.mustChangePassword && access.permission !== 'session.self')
      throw new AppError('FORBIDDEN', '请先修改初始密码后再使用系统', { reason: 'password_change_required' });
    if (!permissionsOf(resolved.user.roles as Role[]).has(access.permission))
      throw new AppError('FORBIDDEN', '无权执行此操作');
  });
  return {
    setSessionCookie(reply: FastifyReply, token: string) {
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: opts.secureCookies,
      });
    },
    clearSessionCookie(reply: FastifyReply) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },
  };
}
