import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from './app-error.js';

/**
 * Maps every error to `{ error: { code, message, requestId, details? } }`.
 * Validation errors become 400 with field paths; database and unexpected errors become a
 * generic 500 whose details stay in the server log only.
 */
export function registerErrorHandler(app: FastifyInstance, opts: { spaIndex?: boolean } = {}): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const requestId = String(req.id);
    const send = (status: number, code: string, message: string, details?: unknown) =>
      reply.status(status).send({ error: { code, message, requestId, ...(details === undefined ? {} : { details }) } });

    if (err instanceof AppError) return send(err.status, err.code, err.message, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => ({
        path: [err.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message,
      }));
      return send(400, 'VALIDATION', '提交的数据不符合要求，请检查后重试', { fields });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response did not match its schema');
      return send(500, 'INTERNAL', '系统内部错误，请稍后重试');
    }
    // A unique constraint that a race let through to the database: a duplicate, said plainly.
    const pgCode = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    if (pgCode === '23505') return send(409, 'DUPLICATE', '记录已存在，请勿重复提交');
    if (err.statusCode === 429) return send(429, 'RATE_LIMITED', '请求过于频繁，请稍后再试');
    if (
      err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ||
      err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      err.statusCode === 400
    )
      return send(400, 'VALIDATION', '请求格式不正确');
    if (err.statusCode === 413) return send(413, 'VALIDATION', '上传内容过大');
    req.log.error({ err }, 'unhandled error');
    return send(500, 'INTERNAL', '系统内部错误，请稍后重试');
  });
  app.setNotFoundHandler((req, reply) => {
    // The single-page app answers every non-API path (its router shows its own 404 page).
    if (opts.spaIndex && !req.url.startsWith('/api/') && req.method === 'GET') return reply.sendFile('index.html');
    return reply
      .status(404)
      .send({ error: { code: 'NOT_FOUND', message: '请求的接口不存在', requestId: String(req.id) } });
  });
}
