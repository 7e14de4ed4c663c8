import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import { readUpload } from '../../kernel/http/files.js';
import { IdParam } from '../../kernel/http/schemas.js';
import {
  CreateRectification,
  EvidenceFile,
  Rectification,
  RejectRectification,
  ReportRectification,
  ReturnInput,
  SaveSelfAssessment,
  ScoreInput,
  SelfAssessment,
  SupervisionDetail,
  SupervisionOverview,
  YearCityParams,
  YearParam,
} from '../../../contracts/supervision.js';
import { EVIDENCE_MAX_BYTES, contentDisposition } from './supervision.rules.js';
import type { SupervisionService } from './supervision.service.js';

/** A binary body (the route still declares a response schema, as every route does). */
const BinaryFile = z.any().describe('佐证材料文件');
const MB = EVIDENCE_MAX_BYTES / 1024 / 1024;

/** 督导评估: self-assessment with evidence, scoring, rectification items. */
export const supervisionRoutes =
  (supervision: SupervisionService): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(multipart, { limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1, fields: 5, parts: 6 } });
    const tags = ['supervision'];
    const base = '/api/supervision/years/:year/cities/:city';

    app.get(
      '/api/supervision/years/:year',
      {
        config: { access: { permission: 'supervision.read', scope: 'city' } },
        schema: {
          tags,
          summary: '各市督导评估进度（市级管理员只见本市）',
          params: YearParam,
          response: { 200: SupervisionOverview },
        },
      },
      async (req) => supervision.overview(req.actor, req.params.year),
    );
    app.get(
      base,
      {
        config: { access: { permission: 'supervision.read', scope: 'city' } },
        schema: {
          tags,
          summary: '一个城市的年度督导评估：自评、佐证材料、评分、整改事项',
          params: YearCityParams,
          response: { 200: SupervisionDetail },
        },
      },
      async (req) => supervision.detail(req.actor, req.params.year, req.params.city),
    );
    app.put(
      `${base}/self-assessment`,
      {
        config: { access: { permission: 'supervision.submit', scope: 'city' } },
        schema: {
          tags,
          summary: '保存自评（填报中或已退回时）',
          params: YearCityParams,
          body: SaveSelfAssessment,
          response: { 200: SelfAssessment },
        },
      },
      async (req) => supervision.save(req.actor, req.params.year, req.params.city, req.body),
    );
    app.post(
      `${base}/evidence`,
      {
        config: { access: { permission: 'supervision.submit', scope: 'city' } },
        schema: {
          tags,
          summary: `上传自评佐证材料（multipart，字段 file：pdf/docx/xlsx/jpg/png，不超过 ${MB} MB）`,
          consumes: ['multipart/form-data'],
          params: YearCityParams,
          response: { 201: EvidenceFile },
        },
      },
      async (req, reply) => {
        const file = await readUpload(req, EVIDENCE_MAX_BYTES);
        return reply.status(201).send(await supervision.addEvidence(req.actor, req.params.year, req.params.city, file));
      },
    );
    app.post(
      `${base}/self-assessment/submit`,
      {
        config: { access: { permission: 'supervision.submit', scope: 'city' } },
        schema: { tags, summary: '提交自评', params: YearCityParams, response: { 200: SelfAssessment } },
      },
      async (req) => supervision.submit(req.actor, req.params.year, req.params.city),
    );
    app.post(
      `${base}/self-assessment/return`,
      {
        config: { access: { permission: 'supervision.review', scope: 'city' } },
        schema: {
          tags,
          summary: '退回自评修改（须说明原因）',
          params: YearCityParams,
          body: ReturnInput,
          response: { 200: SelfAssessment },
        },
      },
      async (req) => supervision.returnForRevision(req.actor, req.params.year, req.params.city, req.body),
    );
    app.post(
      `${base}/self-assessment/score`,
      {
        config: { access: { permission: 'supervision.review', scope: 'city' } },
        schema: {
          tags,
          summary: '按评分细则评分',
          params: YearCityParams,
          body: ScoreInput,
          response: { 200: SelfAssessment },
        },
      },
      async (req) => supervision.score(req.actor, req.params.year, req.params.city, req.body),
    );
    app.post(
      `${base}/rectifications`,
      {
        config: { access: { permission: 'supervision.review', scope: 'city' } },
        schema: {
          tags,
          summary: '下达整改事项',
          params: YearCityParams,
          body: CreateRectification,
          response: { 201: Rectification },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await supervision.createRectification(req.actor, req.params.year, req.params.city, req.body)),
    );
    app.get(
      '/api/supervision/evidence/:id',
      {
        config: { access: { permission: 'supervision.read', scope: 'city' } },
        schema: { tags, summary: '下载佐证材料', params: IdParam, response: { 200: BinaryFile } },
      },
      async (req, reply) => {
        const f = await supervision.downloadEvidence(req.actor, req.params.id);
        return reply
          .header('content-type', f.contentType)
          .header('content-disposition', contentDisposition(f.fileName))
          .header('x-content-sha256', f.sha256)
          .header('cache-control', 'private, no-store')
          .send(f.data);
      },
    );
    app.delete(
      '/api/supervision/evidence/:id',
      {
        config: { access: { permission: 'supervision.submit', scope: 'city' } },
        schema: { tags, summary: '删除佐证材料', params: IdParam, response: { 200: z.object({ id: z.string() }) } },
      },
      async (req) => supervision.removeEvidence(req.actor, req.params.id),
    );
    app.post(
      '/api/supervision/rectifications/:id/evidence',
      {
        config: { access: { permission: 'supervision.submit', scope: 'city' } },
        schema: {
          tags,
          summary: `上传整改佐证材料（multipart，字段 file：pdf/docx/xlsx/jpg/png，不超过 ${MB} MB）`,
          consumes: ['multipart/form-data'],
          params: IdParam,
          response: { 201: EvidenceFile },
        },
      },
      async (req, reply) => {
        const file = await readUpload(req, EVIDENCE_MAX_BYTES);
        return reply.status(201).send(await supervision.addRectificationEvidence(req.actor, req.params.id, file));
      },
    );
    app.post(
      '/api/supervision/rectifications/:id/report',
      {
        config: { access: { permission: 'supervision.submit', scope: 'city' } },
        schema: {
          tags,
          summary: '报送整改情况',
          params: IdParam,
          body: ReportRectification,
          response: { 200: Rectification },
        },
      },
      async (req) => supervision.reportRectification(req.actor, req.params.id, req.body),
    );
    app.post(
      '/api/supervision/rectifications/:id/accept',
      {
        config: { access: { permission: 'supervision.review', scope: 'city' } },
        schema: { tags, summary: '整改验收通过（销号）', params: IdParam, response: { 200: Rectification } },
      },
      async (req) => supervision.acceptRectification(req.actor, req.params.id),
    );
    app.post(
      '/api/supervision/rectifications/:id/reject',
      {
        config: { access: { permission: 'supervision.review', scope: 'city' } },
        schema: {
          tags,
          summary: '整改不予销号（退回继续整改，须说明原因）',
          params: IdParam,
          body: RejectRectification,
          response: { 200: Rectification },
        },
      },
      async (req) => supervision.rejectRectification(req.actor, req.params.id, req.body),
    );
  };
