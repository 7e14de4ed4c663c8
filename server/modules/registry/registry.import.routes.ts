import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../kernel/db/types.js';
import type { PiiCrypto } from '../../kernel/crypto/pii.js';
import type { Jobs } from '../../kernel/jobs/jobs.js';
import type { OrgService } from '../../kernel/auth/org.service.js';
import type { ReferenceService } from '../../kernel/reference/reference.service.js';
import { createImportService, registerImportJobs } from '../../kernel/imports/imports.service.js';
import { importRoutes } from '../../kernel/imports/imports.routes.js';
import type { RegistryService } from './registry.service.js';
import { createPersonImport } from './registry.import.js';

/**
 * Person import routes (/api/imports/persons/…) and their jobs. The queue handlers are
 * registered here, while the app is built: the process starts the queue afterwards.
 */
export const registryImportRoutes =
  (deps: {
    db: Db;
    clock: () => Date;
    crypto: PiiCrypto;
    jobs: Pick<Jobs, 'enqueue' | 'register'> | null;
    orgs: Pick<OrgService, 'findByUscc'>;
    reference: Pick<ReferenceService, 'cities' | 'resolveOccupation'>;
    registry: Pick<RegistryService, 'bulkInsert' | 'refreshCategories'>;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const persons = createPersonImport(deps);
    const imports = createImportService({
      db: deps.db,
      crypto: deps.crypto,
      clock: deps.clock,
      jobs: deps.jobs,
      entities: [persons],
    });
    if (deps.jobs) registerImportJobs(deps.jobs, imports);
    await app.register(importRoutes(imports, persons));
  };
