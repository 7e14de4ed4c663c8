import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Db } from './kernel/db/types.js';
import type { PiiCrypto } from './kernel/crypto/pii.js';
import type { SmsSender } from './kernel/auth/sms.js';
import { registerErrorHandler } from './kernel/errors/error-plugin.js';
import { registerActor } from './kernel/http/actor.js';
import type { DeclaredRoute } from './kernel/http/access.js';
import { kernelRoutes } from './kernel/http/kernel.routes.js';
import { createAuthService } from './kernel/auth/auth.service.js';
import { createOrgService } from './kernel/auth/org.service.js';
import { createUsersService } from './kernel/auth/users.service.js';
import { createSmsChallenges } from './kernel/auth/sms-challenge.js';
import { createAuditService } from './kernel/audit/audit.service.js';
import { createReferenceService } from './kernel/reference/reference.service.js';
import type { Jobs } from './kernel/jobs/jobs.js';
import { createRegistryService } from './modules/registry/registry.service.js';
import { createCredentialService } from './modules/registry/registry.credentials.js';
import { createRegistryExport } from './modules/registry/registry.export.js';
import { createSettingsService } from './kernel/settings/settings.service.js';
import { registryRoutes } from './modules/registry/registry.routes.js';
import { registryImportRoutes } from './modules/registry/registry.import.routes.js';
import { createHomeService } from './modules/home/home.service.js';
import { homeRoutes } from './modules/home/home.routes.js';
import { createTargetsService } from './modules/targets/targets.service.js';
import { targetsRoutes } from './modules/targets/targets.routes.js';
import { targetsImportRoutes } from './modules/targets/targets.import.routes.js';
import { createReportsService } from './modules/reports/reports.service.js';
import { reportsRoutes } from './modules/reports/reports.routes.js';
import { supervisionForReports } from './modules/reports/reports.supervision.js';
import { registryIndicators } from './modules/registry/registry.indicators.js';
import { createSupervisionService } from './modules/supervision/supervision.service.js';
import { supervisionRoutes } from './modules/supervision/supervision.routes.js';
import { createSubsidyService } from './modules/subsidy/subsidy.service.js';
import { subsidyRoutes } from './modules/subsidy/subsidy.routes.js';
import { credentialSource } from './modules/subsidy/subsidy.credentials.js';
import { createTrainingService } from './modules/training/training.service.js';
import { trainingImportRoutes, trainingRoutes } from './modules/training/training.routes.js';
import { trainingIndicators } from './modules/training/training.indicators.js';
import { createMatchingStore } from './modules/matching/matching.store.js';
import { createMatchingService } from './modules/matching/matching.service.js';
import { matchingRoutes } from './modules/matching/matching.routes.js';
import { matchingImportRoutes } from './modules/matching/matching.import.routes.js';
import { createEventsService } from './modules/matching/matching.events.service.js';
import { matchingEventsRoutes } from './modules/matching/matching.events.routes.js';
import { createFitService } from './modules/matching/matching.fit.js';
import { matchingFitRoutes } from './modules/matching/matching.fit.routes.js';
import { matchingIndicators } from './modules/matching/matching.indicators.js';

/** Everything from outside that the app needs: tests pass fakes here (clock, SMS). */
export interface AppDeps {
  db: Db;
  crypto: PiiCrypto;
  sms: SmsSender;
  clock?: () => Date;
  jobs?: Jobs | null;
  https?: boolean;
  trustProxy?: boolean | number | string[];
  idleMinutes?: number;
  logLevel?: string;
  webDist?: string | null;
  /** Requests per minute per IP: overall, and on login/sign-up routes. */
  rateLimit?: { max: number; auth: number };
  /** Extra plugins registered after the modules (tests use it to prove the route checks catch mistakes). */
  extraRoutes?: (app: FastifyInstance, services: AppServices) => Promise<void>;
}

export type AppServices = ReturnType<typeof createServices>;

export function createServices(deps: AppDeps) {
  const clock = deps.clock ?? (() => new Date());
  const db = deps.db;
  const reference = createReferenceService({ db, clock });
  const auth = createAuthService({ db, clock, idleMinutes: deps.idleMinutes ?? 30 });
  const orgs = createOrgService({ db, clock, reference, auth });
  const users = createUsersService({ db, clock, auth });
  const auditLog = createAuditService({ db });
  const sms = createSmsChallenges({ db, clock, sms: deps.sms, crypto: deps.crypto });
  const settings = createSettingsService({ db, clock });
  const registry = createRegistryService({ db, clock, crypto: deps.crypto, reference, users, sms, settings });
  const credentials = createCredentialService({ db, clock, reference, orgs, registry, settings });
  const registryExport = createRegistryExport({ db, clock, crypto: deps.crypto, reference, settings });
  const home = createHomeService({ orgs, registry, credentials, users, auditLog, reference });
  const targets = createTargetsService({ db, clock, reference, jobs: deps.jobs ?? null });
  targets.register(...registryIndicators({ credentials, registry }));
  const supervision = createSupervisionService({ db, clock, reference, settings });
  const training = createTrainingService({ db, clock, reference, orgs, registry, credentials, settings });
  const subsidy = createSubsidyService({
    db,
    clock,
    crypto: deps.crypto,
    reference,
    settings,
    orgs,
    credentials: credentialSource({ credentials, registry }),
    training,
  });
  targets.register(...trainingIndicators({ settings, fundDef: training.fundDef }));
  const matching = createMatchingService({
    db,
    clock,
    reference,
    settings,
    registry,
    crypto: deps.crypto,
    store: createMatchingStore({ db, clock, reference }),
  });
  // Employment, city moves, merges, imports and the nightly refresh reach the matching index.
  // (A bulk change — an import, the nightly refresh — makes every process rebuild instead.)
  registry.onPersonsChanged((tx, ids) =>
    ids && ids.length <= 20_000 ? matching.refreshTalents(ids, tx) : matching.invalidateIndex(tx),
  );
  const matchingEvents = createEventsService({ db, clock, reference, matching });
  const matchingFit = createFitService({
    db,
    clock,
    reference,
    matching,
    jobs: deps.jobs ?? null,
    // A new run shows on the dashboards at once.
    afterRun: () => targets.refreshRollups({ indicators: ['T5'] }),
  });
  targets.register(...matchingIndicators({ events: matchingEvents }));
  const reports = createReportsService({
    db,
    clock,
    reference,
    targets,
    supervision: supervisionForReports(supervision),
    jobs: deps.jobs ?? null,
  });
  return {
    db,
    clock,
    reference,
    auth,
    orgs,
    users,
    auditLog,
    sms,
    settings,
    registry,
    credentials,
    registryExport,
    home,
    targets,
    reports,
    supervision,
    subsidy,
    training,
    matching,
    matchingEvents,
    matchingFit,
  };
}

// Validation messages users see are Chinese (zod's zh-CN locale) unless a schema gives its own.
z.config(z.locales.zhCN());

export async function buildApp(deps: AppDeps) {
  const app = Fastify({
    logger: { level: deps.logLevel ?? 'info', redact: ['req.headers.cookie', 'req.body.password'] },
    // A hop count is valid at run time (proxy-addr); the type lists only the other forms.
    trustProxy: (deps.trustProxy ?? false) as boolean | string[],
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const declared: DeclaredRoute[] = [];
  app.addHook('onRoute', (r) => {
    // Integrators read each route's permission and scope in the OpenAPI document.
    const access = r.config?.access;
    if (access && r.schema) {
      r.schema = {
        ...r.schema,
        description: `权限 permission: \`${access.permission}\` · 范围 scope: \`${access.scope}\``,
        ...(access.permission === 'public' ? {} : { security: [{ session: [] }] }),
      };
    }
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const m of methods)
      declared.push({
        method: m,
        url: r.url,
        access: r.config?.access,
        hasResponseSchema: !!r.schema?.response && Object.keys(r.schema.response as object).length > 0,
      });
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', String(req.id));
  });

  const serveWeb = !!deps.webDist && existsSync(deps.webDist);
  registerErrorHandler(app, { spaIndex: serveWeb });
  await app.register(cookie);
  await app.register(helmet, {
    hsts: deps.https ? undefined : false,
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'upgrade-insecure-requests': deps.https ? [] : null,
      },
    },
  });
  const limits = deps.rateLimit ?? { max: 600, auth: 60 };
  await app.register(rateLimit, { global: true, max: limits.max, timeWindow: '1 minute' });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: '匠心 Jiangxin API', description: '山东省数字技能人才培育平台开放接口', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'jx_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const services = createServices(deps);
  const cookies = registerActor(app, services.auth, { secureCookies: !!deps.https });

  await app.register(
    kernelRoutes({
      auth: services.auth,
      orgs: services.orgs,
      users: services.users,
      auditLog: services.auditLog,
      reference: services.reference,
      jobs: deps.jobs ?? null,
      cookies,
      authLimit: limits.auth,
      settings: services.settings,
    }),
  );
  await app.register(registryRoutes(services.registry, services.credentials, services.registryExport, limits.auth));
  await app.register(registryImportRoutes({ ...services, crypto: deps.crypto, jobs: deps.jobs ?? null }));
  await app.register(homeRoutes(services.home));
  await app.register(targetsRoutes(services.targets));
  await app.register(targetsImportRoutes({ ...services, crypto: deps.crypto, jobs: deps.jobs ?? null }));
  await app.register(reportsRoutes(services.reports, deps.jobs ?? null));
  await app.register(supervisionRoutes(services.supervision));
  await app.register(subsidyRoutes(services.subsidy));
  await app.register(trainingRoutes(services.training));
  await app.register(trainingImportRoutes({ ...services, crypto: deps.crypto, jobs: deps.jobs ?? null }));
  await app.register(matchingRoutes(services.matching));
  await app.register(matchingImportRoutes({ ...services, crypto: deps.crypto, jobs: deps.jobs ?? null }));
  await app.register(matchingEventsRoutes(services.matchingEvents));
  await app.register(matchingFitRoutes(services.matchingFit, deps.jobs ?? null));
  if (deps.extraRoutes) await app.register(async (scoped) => deps.extraRoutes!(scoped, services));

  // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
  if (serveWeb) await app.register(fastifyStatic, { root: deps.webDist!, wildcard: true });

  return Object.assign(app, { declaredRoutes: declared, services });
}

export type App = Awaited<ReturnType<typeof buildApp>>;
