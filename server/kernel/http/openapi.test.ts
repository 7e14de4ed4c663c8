import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/app.js';

describe('OpenAPI', () => {
  it('documents every API route with its schemas, browsable at /api/docs', async () => {
    const t = await testApp();
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set<string>();
    for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>))
      for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`);
    const routes = t.app.declaredRoutes.filter(
      (r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD',
    );
    for (const r of routes) expect(documented, `${r.method} ${r.url}`).toContain(`${r.method} ${r.url}`);
    // Response schemas are in the document, e.g. the organisation list.
    const list = doc.paths['/api/organisations'].get.responses['200'].content['application/json'].schema;
    expect(JSON.stringify(list)).toContain('uscc');
    // Each operation names its permission and scope, and needs a session unless public.
    const decide = doc.paths['/api/organisations/{id}/decision'].post;
    expect(decide.description).toContain('org.approve');
    expect(decide.security).toEqual([{ session: [] }]);
    expect(doc.paths['/api/auth/login'].post.security).toBeUndefined();
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/html/);
  });
});
