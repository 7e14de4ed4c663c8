import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../kernel/db/types.js';
import type { PiiCrypto } from '../../kernel/crypto/pii.js';
import type { Jobs } from '../../kernel/jobs/jobs.js';
import type { ReferenceService } from '../../kernel/reference/reference.service.js';
import { createImportService, registerImportJobs } from '../../kernel/imports/imports.service.js';
import { importRoutes } from '../../kernel/imports/imports.routes.js';
import type { TargetsService } from './targets.service.js';
import { createTargetImport } from './targets.import.js';

/**
 * Target import routes (/api/imports/indicator_targets/…) and their jobs. The queue handlers
 * are registered here, while the app is built: the process starts the queue afterwards.
 */
export const targetsImportRoutes =
  (deps: {
    db: Db;
    clock: () => Date;
    crypto: PiiCrypto;
    jobs: Pick<Jobs, 'enqueue' | 'register'> | null;
    reference: Pick<ReferenceService, 'cities'>;
    targets: TargetsService;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const entity = createTargetImport(deps);
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
