import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testApp } from './app.js';
import { routeDeclarationProblems } from '../kernel/http/access.js';
import { runMatrix } from './route-matrix.js';
import { organisation } from '../kernel/auth/auth.schema.js';
import { eq } from 'drizzle-orm';

describe('every route declares permission, scope and response schema', () => {
  it('holds for the whole app', async () => {
    const t = await testApp();
    const api = t.app.declaredRoutes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    expect(api.length).toBeGreaterThan(15);
    expect(routeDeclarationProblems(t.app.declaredRoutes)).toEqual([]);
  });

  it('fails when a route is added without a permission or a response schema', async () => {
    const t = await testApp({
      extraRoutes: async (app) => {
        app.get('/api/oops/no-access', { schema: { response: { 200: z.object({}) } } }, async () => ({}));
        app.get(
          '/api/oops/no-schema',
          { config: { access: { permission: 'org.read', scope: 'org' } } },
          async () => ({}),
        );
      },
    });
    const problems = routeDeclarationProblems(t.app.declaredRoutes);
    expect(problems).toEqual([
      'GET /api/oops/no-access: no access declaration (permission and scope)',
      'GET /api/oops/no-schema: no response schema',
    ]);
  });
});

describe('route × role × scope matrix', () => {
  it('allows exactly what the table says, for every route and role', async () => {
    const t = await testApp();
    const r = await runMatrix(t, t.app.declaredRoutes);
    expect(r.errors).toEqual([]);
    expect(r.unexpectedAllow).toEqual([]);
    expect(r.unexpectedDeny).toEqual([]);
    expect(r.calls).toBeGreaterThan(300);
  }, 180_000);

  it('catches a route that forgets its scope check, and one that declares the wrong scope', async () => {
    const Org = z.object({ id: z.string(), name: z.string() });
    const t = await testApp({
      extraRoutes: async (app, services) => {
        // Declared org-scoped, but reads the organisation without checking the actor's reach.
        app.get(
          '/api/organisations/:id/leaky',
          { config: { access: { permission: 'org.read', scope: 'org' } }, schema: { response: { 200: Org } } },
          async (req) => {
            const { id } = req.params as { id: string };
            const [o] = await services.db.select().from(organisation).where(eq(organisation.id, id));
            return { id: o!.id, name: o!.name };
          },
        );
        // Checks reach correctly, but declares 'self' although organisations are reached by org/city.
        app.get(
          '/api/organisations/:id/mis-scoped',
          { config: { access: { permission: 'org.read', scope: 'self' } }, schema: { response: { 200: Org } } },
          async (req) => {
            const o = await services.orgs.get(req.actor, (req.params as { id: string }).id);
            return { id: o.id, name: o.name };
          },
        );
      },
    });
    const extra = t.app.declaredRoutes.filter((r) => r.url.includes('/leaky') || r.url.includes('/mis-scoped'));
    const r = await runMatrix(t, extra);
    expect(
      r.unexpectedAllow.some((x) => x.startsWith('city_admin GET /api/organisations/:id/leaky on otherCity')),
    ).toBe(true);
    expect(r.unexpectedAllow.some((x) => x.startsWith('enterprise GET /api/organisations/:id/leaky on sameCity'))).toBe(
      true,
    );
    expect(
      r.unexpectedAllow.some((x) => x.startsWith('city_admin GET /api/organisations/:id/mis-scoped on sameCity')),
    ).toBe(true);
  }, 120_000);
});
