import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Person, PersonIdentity, TalentSignup } from '../../../contracts/identity.js';
import { Ok } from '../../../contracts/auth.js';
import { IdParam, page, Paging } from '../../kernel/http/schemas.js';
import type { RegistryService } from './registry.service.js';
import type { CredentialService } from './registry.credentials.js';
import type { RegistryExport } from './registry.export.js';
import {
  AddEmployee,
  AsOfQuery,
  CategoryCounts,
  Contribution,
  ContributionInput,
  CorrectCredential,
  Credential,
  CredentialInput,
  IssueByIdNumber,
  PersonSearch,
  Profile,
  RevokeCredential,
} from '../../../contracts/registry.js';

export const registryRoutes =
  (
    registry: RegistryService,
    credentials: CredentialService,
    exporter: RegistryExport,
    authLimit: number,
  ): FastifyPluginAsyncZod =>
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
          querystring: Paging.extend(PersonSearch.shape),
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
    app.get(
      '/api/persons/:id/profile',
      {
        config: { access: { permission: 'credential.read', scope: 'org' } },
        schema: { tags: ['registry'], params: IdParam, querystring: AsOfQuery, response: { 200: Profile } },
      },
      async (req) => credentials.profile(req.actor, req.params.id, req.query),
    );
    app.post(
      '/api/persons/:id/credentials',
      {
        config: { access: { permission: 'credential.issue', scope: 'org' } },
        schema: { tags: ['registry'], params: IdParam, body: CredentialInput, response: { 201: Credential } },
      },
      async (req, reply) =>
        reply.status(201).send(await credentials.issueForPerson(req.actor, req.params.id, req.body)),
    );
    app.post(
      '/api/credentials',
      {
        config: { access: { permission: 'credential.issue', scope: 'province' } },
        schema: { tags: ['registry'], body: IssueByIdNumber, response: { 201: Credential } },
      },
      async (req, reply) => reply.status(201).send(await credentials.issueByIdNumber(req.actor, req.body)),
    );
    app.post(
      '/api/credentials/:id/corrections',
      {
        config: { access: { permission: 'credential.issue', scope: 'org' } },
        schema: { tags: ['registry'], params: IdParam, body: CorrectCredential, response: { 200: Credential } },
      },
      async (req) => credentials.correct(req.actor, req.params.id, req.body),
    );
    app.post(
      '/api/credentials/:id/revocation',
      {
        config: { access: { permission: 'credential.issue', scope: 'org' } },
        schema: { tags: ['registry'], params: IdParam, body: RevokeCredential, response: { 200: Credential } },
      },
      async (req) => credentials.revoke(req.actor, req.params.id, req.body),
    );
    app.post(
      '/api/persons/:id/contributions',
      {
        config: { access: { permission: 'contribution.attest', scope: 'org' } },
        schema: { tags: ['registry'], params: IdParam, body: ContributionInput, response: { 201: Contribution } },
      },
      async (req, reply) =>
        reply.status(201).send(await credentials.attestContribution(req.actor, req.params.id, req.body)),
    );
    app.post(
      '/api/employments',
      {
        config: { access: { permission: 'employment.manage', scope: 'org' } },
        schema: {
          tags: ['registry'],
          body: AddEmployee,
          response: { 201: z.object({ employmentId: z.string(), personId: z.string(), personCreated: z.boolean() }) },
        },
      },
      async (req, reply) => reply.status(201).send(await registry.addEmployee(req.actor, req.body)),
    );
    app.post(
      '/api/employments/:id/end',
      {
        config: { access: { permission: 'employment.manage', scope: 'org' } },
        schema: {
          tags: ['registry'],
          params: IdParam,
          body: z.object({ toDate: z.iso.date() }),
          response: { 200: z.object({ employmentId: z.string(), toDate: z.string() }) },
        },
      },
      async (req) => registry.endEmployment(req.actor, req.params.id, req.body.toDate),
    );
    app.post(
      '/api/persons/:id/merge',
      {
        config: { access: { permission: 'person.merge', scope: 'province' } },
        schema: {
          tags: ['registry'],
          params: IdParam,
          body: z.object({ duplicateId: z.string().uuid() }),
          response: {
            200: z.object({
              survivorId: z.string(),
              duplicateId: z.string(),
              moved: z.object({ credentials: z.number(), employments: z.number(), contributions: z.number() }),
            }),
          },
        },
      },
      async (req) => registry.merge(req.actor, req.params.id, req.body.duplicateId),
    );
    app.get(
      '/api/registry/categories',
      {
        config: { access: { permission: 'indicator.read', scope: 'city' } },
        schema: { tags: ['registry'], querystring: AsOfQuery, response: { 200: z.array(CategoryCounts) } },
      },
      async (req) => credentials.countsByCity(req.actor, req.query),
    );
    app.get(
      '/api/persons/export',
      {
        config: { access: { permission: 'person.export', scope: 'org' } },
        schema: {
          tags: ['registry'],
          description:
            'The filtered list as .xlsx (streamed); ID numbers and phones masked unless pii=true and permitted.',
          querystring: PersonSearch.extend({ pii: z.enum(['true', 'false']).optional() }),
          response: { 200: z.any() },
        },
      },
      async (req, reply) => {
        const { pii, ...filters } = req.query;
        const r = await exporter.persons(req.actor, filters, { pii: pii === 'true' });
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(r.filename)}`)
          .send(r.stream);
      },
    );
  };
