import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  GenerateReport,
  ReportDetail,
  ReportFileParam,
  ReportIdParam,
  ReportListQuery,
  ReportRow,
} from '../../../contracts/reports.js';
import type { Jobs } from '../../kernel/jobs/jobs.js';
import { registerReportJobs, type ReportsService } from './reports.service.js';

/** 督导评估报告: request (a job), list, read and download the frozen Word report and its .xlsx appendix. */
export const reportsRoutes =
  (reports: ReportsService, jobs: Pick<Jobs, 'register'> | null): FastifyPluginAsyncZod =>
  async (app) => {
    if (jobs) registerReportJobs(jobs, reports);
    app.post(
      '/api/reports',
      {
        config: { access: { permission: 'report.generate', scope: 'city' } },
        schema: {
          tags: ['reports'],
          description:
            'Generate a yearly report as a job (poll GET /api/reports/:id or /api/jobs/:jobId). knownAt reproduces an earlier report.',
          body: GenerateReport,
          response: { 202: ReportRow },
        },
      },
      async (req, reply) => reply.status(202).send(await reports.generate(req.actor, req.body)),
    );
    app.get(
      '/api/reports',
      {
        config: { access: { permission: 'report.read', scope: 'city' } },
        schema: { tags: ['reports'], querystring: ReportListQuery, response: { 200: z.array(ReportRow) } },
      },
      async (req) => reports.list(req.actor, req.query),
    );
    app.get(
      '/api/reports/:id',
      {
        config: { access: { permission: 'report.read', scope: 'city' } },
        schema: { tags: ['reports'], params: ReportIdParam, response: { 200: ReportDetail } },
      },
      async (req) => reports.get(req.actor, req.params.id),
    );
    app.get(
      '/api/reports/:id/:format',
      {
        config: { access: { permission: 'report.read', scope: 'city' } },
        schema: {
          tags: ['reports'],
          description: 'The frozen Word report (docx) or its appendix (xlsx); X-Content-SHA256 carries the file hash.',
          params: ReportFileParam,
          response: { 200: z.any() },
        },
      },
      async (req, reply) => {
        const f = await reports.file(req.actor, req.params.id, req.params.format);
        return reply
          .type(f.contentType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
          .header('x-content-sha256', f.sha256 ?? '')
          .send(f.data);
      },
    );
  };
