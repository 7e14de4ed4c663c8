import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HomeSummary } from '../../../contracts/auth.js';
import type { createHomeService } from './home.service.js';

export const homeRoutes =
  (home: ReturnType<typeof createHomeService>): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/home',
      {
        config: { access: { permission: 'home.view', scope: 'self' } },
        schema: { tags: ['home'], response: { 200: HomeSummary } },
      },
      async (req) => home.summary(req.actor),
    );
  };
