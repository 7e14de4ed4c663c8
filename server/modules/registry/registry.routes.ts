import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Person, PersonIdentity, TalentSignup } from '../../../contracts/identity.js';
import { Ok } from '../../../contracts/auth.js';
import { IdParam, page, Paging } from '../../kernel/http/schemas.js';
import type { RegistryService } from './registry.service.js';

export const registryRoutes =
  (registry: RegistryService, authLimit: number): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/public/talents/sms-code',
      {
        config: {
          access: { permission: 'public', scope: 'public' },
          rateLimit: { max: authLimit, timeWindow: '1 minute' },
        },
        schema: {
          tags: ['registry'],
          body: z.object({ phone: z.string().regex(/^1[3-9]\d{9}$/, '手机号格式不正确') }),
          response: { 200: Ok },
        },
      },
      async (req) => {
        await registry.sendSignupCode(req.body.phone);
        return { ok: true as const };
      },
    );
    app.post(
      '/api/public/talents',
      {
        config: {
          access: { permission: 'public', scope: 'public' },
          rateLimit: { max: authLimit, timeWindow: '1 minute' },
        },
        schema: {
          tags: ['registry'],
          body: TalentSignup,
          response: { 201: z.object({ userId: z.string(), personId: z.string() }) },
        },
      },
      async (req, reply) => reply.status(201).send(await registry.signupTalent(req.actor, req.body)),
    );
    app.get(
      '/api/persons',
      {
        config: { access: { permission: 'person.read', scope: 'org' } },
        schema: {
          tags: ['registry'],
          querystring: Paging.extend({ cityCode: z.string().max(6).optional(), q: z.string().max(30).optional() }),
          response: { 200: page(Person) },
        },
      },
      async (req) => registry.list(req.actor, req.query),
    );
    app.get(
      '/api/persons/:id',
      {
        config: { access: { permission: 'person.read', scope: 'org' } },
        schema: { tags: ['registry'], params: IdParam, response: { 200: Person } },
      },
      async (req) => registry.get(req.actor, req.params.id),
    );
    app.get(
      '/api/persons/:id/identity',
      {
        config: { access: { permission: 'person.pii.read', scope: 'org' } },
        schema: { tags: ['registry'], params: IdParam, response: { 200: PersonIdentity } },
      },
      async (req) => registry.identity(req.actor, req.params.id),
    );
  };
