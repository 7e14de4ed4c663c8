import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import { AppError } from '../errors/app-error.js';
import { IdParam, page, Paging } from '../http/schemas.js';
import type { AnyImportEntity } from './entity.js';
import type { ImportService } from './imports.service.js';
import { CommitImport, ImportBatch, ImportBatchDetail, ImportRowError } from '../../../contracts/imports.js';

// Response shapes of the import routes: contracts/imports.ts (the web app reads them as types).
/** A binary .xlsx body (the route still declares a response schema, as every route does). */
const XlsxFile = z.any().describe('.xlsx 文件');

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(reply: FastifyReply, f: { fileName: string; ascii: string }) {
  return reply
    .header('content-type', XLSX_MIME)
    .header(
      'content-disposition',
      `attachment; filename="${f.ascii}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
    )
    .header('cache-control', 'no-store');
}

/** The one file of a multipart upload (field `file`), as a buffer within the size limit. */
async function readUpload(req: FastifyRequest, maxBytes: number): Promise<{ fileName: string; data: Buffer }> {
  const mb = Math.round(maxBytes / 1024 / 1024);
  if (!req.isMultipart()) throw new AppError('VALIDATION', '请以 multipart/form-data 上传文件（字段名 file）');
  const part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) throw new AppError('VALIDATION', '请选择要上传的文件');
  try {
    return { fileName: part.filename, data: await part.toBuffer() };
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('VALIDATION', `文件超过 ${mb} MB 上限，请拆分成多个文件后分别上传`);
    throw e;
  }
}

/**
 * The routes of one importable entity, under /api/imports/<key>: template, upload, my
 * batches, one batch (with progress and the first errors), its errors, its result file, commit.
 * Every route declares the entity's permission; batches are the owner's alone (scope self).
 */
export const importRoutes =
  (imports: ImportService, entity: AnyImportEntity): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(multipart, { limits: { fileSize: imports.maxBytes, files: 1, fields: 10, parts: 11 } });
    const base = `/api/imports/${entity.key}`;
    const tags = ['imports'];
    const permission = entity.permission;
    const k = entity.key;

    app.get(
      `${base}/template`,
      {
        config: { access: { permission, scope: 'province' } },
        schema: { tags, summary: `下载${entity.title}导入模板`, response: { 200: XlsxFile } },
      },
      async (req, reply) => {
        const f = await imports.template(req.actor, k);
        return attachment(reply, f).send(f.data);
      },
    );
    app.post(
      base,
      {
        config: { access: { permission, scope: 'org' } },
        schema: {
          tags,
          summary: `上传${entity.title}文件（multipart，字段 file：.xlsx 或 .csv）`,
          consumes: ['multipart/form-data'],
          response: { 201: ImportBatch },
        },
      },
      async (req, reply) => {
        imports.assertCanImport(req.actor, k);
        const file = await readUpload(req, imports.maxBytes);
        return reply.status(201).send(await imports.upload(req.actor, k, file));
      },
    );
    app.get(
      `${base}/batches`,
      {
        config: { access: { permission, scope: 'self' } },
        schema: { tags, summary: '我的导入批次', querystring: Paging, response: { 200: page(ImportBatch) } },
      },
      async (req) => imports.list(req.actor, k, req.query),
    );
    app.get(
      `${base}/batches/:id`,
      {
        config: { access: { permission, scope: 'self' } },
        schema: {
          tags,
          summary: '导入批次：状态、进度和前 100 条错误',
          params: IdParam,
          response: { 200: ImportBatchDetail },
        },
      },
      async (req) => imports.get(req.actor, k, req.params.id),
    );
    app.get(
      `${base}/batches/:id/errors`,
      {
        config: { access: { permission, scope: 'self' } },
        schema: {
          tags,
          summary: '导入批次的错误行',
          params: IdParam,
          querystring: Paging,
          response: { 200: page(ImportRowError) },
        },
      },
      async (req) => imports.errors(req.actor, k, req.params.id, req.query),
    );
    app.get(
      `${base}/batches/:id/result`,
      {
        config: { access: { permission, scope: 'self' } },
        schema: { tags, summary: '下载结果文件（原表 + 错误说明列）', params: IdParam, response: { 200: XlsxFile } },
      },
      async (req, reply) => {
        const f = await imports.result(req.actor, k, req.params.id);
        return attachment(reply, f).send(f.stream);
      },
    );
    app.post(
      `${base}/batches/:id/commit`,
      {
        config: { access: { permission, scope: 'self' } },
        schema: {
          tags,
          summary: '确认导入：all_or_nothing 全部正确才导入；valid_only 只导入正确的行',
          params: IdParam,
          body: CommitImport,
          response: { 200: ImportBatch },
        },
      },
      async (req) => imports.commit(req.actor, k, req.params.id, req.body.mode),
    );
  };
