import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../kernel/db/types.js';
import type { PiiCrypto } from '../../kernel/crypto/pii.js';
import type { Jobs } from '../../kernel/jobs/jobs.js';
import type { ReferenceService } from '../../kernel/reference/reference.service.js';
import { createImportService, registerImportJobs } from '../../kernel/imports/imports.service.js';
import { importRoutes } from '../../kernel/imports/imports.routes.js';
import type { MatchingService } from './matching.service.js';
import { createDemandImport } from './matching.import.js';

/** Demand import routes (/api/imports/demands/…) and their jobs, registered while the app is built. */
export const matchingImportRoutes =
  (deps: {
    db: Db;
    clock: () => Date;
    crypto: PiiCrypto;
    jobs: Pick<Jobs, 'enqueue' | 'register'> | null;
    reference: Pick<ReferenceService, 'list' | 'cities'>;
    matching: MatchingService;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const entity = createDemandImport(deps);
    const imports = createImportService({
      db: deps.db,
      crypto: deps.crypto,
      clock: deps.clock,
      jobs: deps.jobs,
      entities: [entity],
    });
    if (deps.jobs) registerImportJobs(deps.jobs, imports);
    await app.register(importRoutes(imports, entity));
  };
