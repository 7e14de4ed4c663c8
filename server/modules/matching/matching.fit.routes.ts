import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Jobs } from '../../kernel/jobs/jobs.js';
import {
  FitRun,
  FitShortages,
  FitShortagesQuery,
  FitUnfilledPage,
  FitUnfilledQuery,
  FitView,
  StartFitRun,
} from '../../../contracts/matching-events.js';
import { registerFitJobs, type FitService } from './matching.fit.js';

/** T5 企业需求与人才适配度: start a run (a job), the latest figures, unfilled positions with reasons, shortages. */
export const matchingFitRoutes =
  (fit: FitService, jobs: Pick<Jobs, 'register'> | null): FastifyPluginAsyncZod =>
  async (app) => {
    if (jobs) registerFitJobs(jobs, fit);
    const tags = ['matching-fit'];
    app.post(
      '/api/matching/fit/runs',
      {
        config: { access: { permission: 'fit.run', scope: 'province' } },
        schema: {
          tags,
          summary: '计算全省企业需求与人才适配度（后台任务；精确最大一对一匹配并校验证书）',
          body: StartFitRun,
          response: { 202: FitRun },
        },
      },
      async (req, reply) => reply.status(202).send(await fit.start(req.actor, req.body)),
    );
    app.get(
      '/api/matching/fit',
      {
        config: { access: { permission: 'fit.read', scope: 'city' } },
        schema: {
          tags,
          summary: '最近一次适配度计算：全省与各市（市级管理员只见本市）',
          response: { 200: FitView },
        },
      },
      async (req) => fit.view(req.actor),
    );
    app.get(
      '/api/matching/fit/unfilled',
      {
        config: { access: { permission: 'fit.read', scope: 'city' } },
        schema: {
          tags,
          summary: '未能满足的岗位及原因（按城市时为该市自身的匹配）',
          querystring: FitUnfilledQuery,
          response: { 200: FitUnfilledPage },
        },
      },
      async (req) => fit.unfilled(req.actor, req.query),
    );
    app.get(
      '/api/matching/fit/shortages',
      {
        config: { access: { permission: 'fit.read', scope: 'city' } },
        schema: {
          tags,
          summary: '人才缺口清单：按职业 × 城市（供培训计划参考）',
          querystring: FitShortagesQuery,
          response: { 200: FitShortages },
        },
      },
      async (req) => fit.shortages(req.actor, req.query),
    );
  };
