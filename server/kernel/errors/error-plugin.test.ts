import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testApp, type TestApp } from '../../test/app.js';
import { as } from '../../test/factories.js';
import { AppError } from './app-error.js';

let t: TestApp;
const PUBLIC = { access: { permission: 'public', scope: 'public' } } as const;
const BAD_SQL = 'select no_such_column from no_such_table_jx';

async function routes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/test/bad-sql',
    { config: PUBLIC, schema: { response: { 200: z.object({ ok: z.boolean() }) } } },
    async () => {
      await t.database.db.execute(sql.raw(BAD_SQL));
      return { ok: true };
    },
  );
  r.get(
    '/api/test/bad-sql-pool',
    { config: PUBLIC, schema: { response: { 200: z.object({ ok: z.boolean() }) } } },
    async () => {
      await t.database.pool.query("insert into audit_log (action, entity) values (null, 'x')");
      return { ok: true };
    },
  );
  r.post(
    '/api/test/echo',
    {
      config: PUBLIC,
      schema: {
        body: z.object({ name: z.string().min(2), person: z.object({ age: z.number().int() }) }),
        response: { 200: z.object({ name: z.string() }) },
      },
    },
    async (req) => ({ name: req.body.name }),
  );
  r.get(
    '/api/test/leaky',
    { config: PUBLIC, schema: { response: { 200: z.object({ id: z.string(), name: z.string() }) } } },
    async () => ({ id: 'p1', name: '张三', idNumberEnc: 'v1:c2VjcmV0LWNpcGhlcnRleHQ', idNumberHash: 'h4sh' }),
  );
  r.get(
    '/api/test/app-error',
    { config: PUBLIC, schema: { response: { 200: z.object({ ok: z.boolean() }) } } },
    async () => {
      throw new AppError('CONFLICT', '该记录已被他人修改，请刷新后重试', { version: 3 });
    },
  );
}

beforeAll(async () => {
  t = await testApp({ extraRoutes: routes });
});

describe('the error plugin', () => {
  it('turns a database error into a generic 500 that reveals nothing of the SQL', async () => {
    for (const url of ['/api/test/bad-sql', '/api/test/bad-sql-pool']) {
      const res = await as(t, null, 'GET', url);
      expect(res.statusCode).toBe(500);
      const body = res.json();
      expect(Object.keys(body)).toEqual(['error']);
      expect(body.error).toEqual({
        code: 'INTERNAL',
        message: '系统内部错误，请稍后重试',
        requestId: expect.any(String),
      });
      expect(body.error.requestId).toBe(res.headers['x-request-id']);
      for (const leak of [
        'no_such',
        'select',
        'insert',
        'audit_log',
        'relation',
        'does not exist',
        'violates',
        'Failed query',
      ])
        expect(res.body).not.toContain(leak);
    }
  });

  it('turns a body validation failure into 400 VALIDATION with field paths', async () => {
    const res = await as(t, null, 'POST', '/api/test/echo', { name: 'x', person: { age: 'old' } });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/提交的数据不符合要求/);
    expect(error.requestId).toBe(res.headers['x-request-id']);
    const paths = (error.details.fields as { path: string }[]).map((f) => f.path).sort();
    expect(paths).toEqual(['body.name', 'body.person.age']);
  });

  it('answers an unknown /api path with 404 NOT_FOUND in Chinese', async () => {
    const res = await as(t, null, 'GET', '/api/no/such/endpoint');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({
      code: 'NOT_FOUND',
      message: '请求的接口不存在',
      requestId: res.headers['x-request-id'],
    });
  });

  it('maps an AppError to its status with code, message and details', async () => {
    const res = await as(t, null, 'GET', '/api/test/app-error');
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({
      code: 'CONFLICT',
      message: '该记录已被他人修改，请刷新后重试',
      requestId: res.headers['x-request-id'],
      details: { version: 3 },
    });
  });

  it('strips fields the response schema does not declare', async () => {
    const res = await as(t, null, 'GET', '/api/test/leaky');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: 'p1', name: '张三' });
    expect(res.body).not.toContain('idNumberEnc');
    expect(res.body).not.toContain('v1:');
    expect(res.body).not.toContain('idNumberHash');
  });
});

describe('validation messages', () => {
  it('are Chinese even where a schema gives none of its own', async () => {
    const t = await testApp();
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.fields as { path: string; message: string }[];
    expect(fields.find((f) => f.path.endsWith('password'))?.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});
