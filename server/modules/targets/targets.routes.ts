import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Person } from '../../../contracts/identity.js';
import { page, Paging } from '../../kernel/http/schemas.js';
import {
  CitiesQuery,
  CityRanking,
  ComputeAccepted,
  ComputeRequest,
  Dashboard,
  DashboardQuery,
  DrillDownQuery,
  ExportTargetsQuery,
  IndicatorIdParam,
  IndicatorMeta,
  PlanYear,
  ResetTargetQuery,
  SaveTargets,
  SaveTargetsResult,
  SetTarget,
  TargetPlan,
  TargetRow,
} from '../../../contracts/targets.js';
import type { TargetsService } from './targets.service.js';
import { exportTargets } from './targets.export.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 目标监测: the indicator catalogue, dashboards read from rollups, targets per year and city, drill-down. */
export const targetsRoutes =
  (targets: TargetsService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/targets/indicators',
      {
        config: { access: { permission: 'target.read', scope: 'province' } },
        schema: { tags: ['targets'], response: { 200: z.array(IndicatorMeta) } },
      },
      async (req) => targets.catalogue(req.actor),
    );
    app.get(
      '/api/targets/dashboard',
      {
        config: { access: { permission: 'target.read', scope: 'city' } },
        schema: { tags: ['targets'], querystring: DashboardQuery, response: { 200: Dashboard } },
      },
      async (req) => targets.dashboard(req.actor, req.query),
    );
    app.get(
      '/api/targets/cities',
      {
        config: { access: { permission: 'target.read', scope: 'city' } },
        schema: { tags: ['targets'], querystring: CitiesQuery, response: { 200: CityRanking } },
      },
      async (req) => targets.cities(req.actor, req.query),
    );
    app.post(
      '/api/targets/computations',
      {
        config: { access: { permission: 'target.read', scope: 'city' } },
        schema: {
          tags: ['targets'],
          description: 'Figures for another day (or as known at another time): a job; poll GET /api/jobs/:id.',
          body: ComputeRequest,
          response: { 200: ComputeAccepted, 202: ComputeAccepted },
        },
      },
      async (req, reply) => {
        const r = await targets.requestComputation(req.actor, req.body);
        return reply.status(r.jobId ? 202 : 200).send(r);
      },
    );
    app.get(
      '/api/targets/:indicator/targets',
      {
        config: { access: { permission: 'target.read', scope: 'city' } },
        schema: { tags: ['targets'], params: IndicatorIdParam, response: { 200: TargetPlan } },
      },
      async (req) => targets.plan(req.actor, req.params.indicator),
    );
    app.put(
      '/api/targets/:indicator/:year',
      {
        config: { access: { permission: 'target.edit', scope: 'province' } },
        schema: {
          tags: ['targets'],
          params: IndicatorIdParam.extend({ year: PlanYear }),
          body: SetTarget,
          response: { 200: TargetRow },
        },
      },
      async (req) => targets.setTarget(req.actor, req.params.indicator, req.params.year, req.body),
    );
    app.put(
      '/api/targets/:indicator',
      {
        config: { access: { permission: 'target.edit', scope: 'province' } },
        schema: {
          tags: ['targets'],
          description:
            'Save cells of one indicator’s grid (value null = back to the default): checked as a whole, all or nothing, each change audited. A refusal lists every problem in error.details.problems.',
          params: IndicatorIdParam,
          body: SaveTargets,
          response: { 200: SaveTargetsResult },
        },
      },
      async (req) => targets.saveTargets(req.actor, req.params.indicator, req.body.changes),
    );
    app.delete(
      '/api/targets/:indicator/:year',
      {
        config: { access: { permission: 'target.edit', scope: 'province' } },
        schema: {
          tags: ['targets'],
          description: 'Reset a set target (the province, or ?city=) to its default; audited.',
          params: IndicatorIdParam.extend({ year: PlanYear }),
          querystring: ResetTargetQuery,
          response: { 200: SaveTargetsResult },
        },
      },
      async (req) => targets.resetTarget(req.actor, req.params.indicator, req.params.year, req.query.city ?? null),
    );
    app.get(
      '/api/targets/export',
      {
        config: { access: { permission: 'target.read', scope: 'city' } },
        schema: {
          tags: ['targets'],
          description:
            'The target grid as .xlsx in the import template’s columns (one indicator, or all): edit and import again.',
          querystring: ExportTargetsQuery,
          response: { 200: z.any().describe('.xlsx 文件') },
        },
      },
      async (req, reply) => {
        const f = await exportTargets(targets, req.actor, req.query.indicator);
        return reply
          .header('content-type', XLSX_MIME)
          .header(
            'content-disposition',
            `attachment; filename="${f.ascii}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
          )
          .header('cache-control', 'no-store')
          .send(f.data);
      },
    );
    app.get(
      '/api/targets/:indicator/persons',
      {
        config: { access: { permission: 'target.read', scope: 'city' } },
        schema: {
          tags: ['targets'],
          params: IndicatorIdParam,
          querystring: Paging.extend(DrillDownQuery.shape),
          response: { 200: page(Person) },
        },
      },
      async (req) => targets.persons(req.actor, req.params.indicator, req.query),
    );
  };
