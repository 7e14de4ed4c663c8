import type { ErrorBody } from '../../../contracts/errors';

/**
 * The only fetch wrapper of the web app: JSON (or a multipart upload) in, JSON out, same-origin
 * cookies, and one error shape.
 * Feature `api.ts` files call it; components never call fetch.
 */

/** Client-side codes, for failures that never reached the server's error plugin. */
export type ClientErrorCode = 'NETWORK' | 'BAD_RESPONSE';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** Server error code (contracts/errors.ts ERROR_CODES) or a ClientErrorCode. */
  readonly code: string;
  /** HTTP status; 0 when the request never got a response. */
  readonly status: number;
  /** The server's request id, to quote to support; empty when there is none. */
  readonly requestId: string;
  readonly details: unknown;

  constructor(init: { code: string; message: string; status: number; requestId?: string; details?: unknown }) {
    super(init.message);
    this.code = init.code;
    this.status = init.status;
    this.requestId = init.requestId ?? '';
    this.details = init.details;
  }

  /** True for the client-side codes, whose message is only a fallback and should be translated. */
  get isClientSide(): boolean {
    return this.code === 'NETWORK' || this.code === 'BAD_RESPONSE';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** A server-paginated list. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** 1-based page number and page size, as the list endpoints take them. */
export interface PageParams {
  page: number;
  pageSize: number;
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** Appends defined params as a query string: withQuery('/api/x', { page: 1 }) → '/api/x?page=1'. */
export function withQuery(path: string, params: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
  extraHeaders?: Record<string, string>,
): Promise<T> {
  // FormData goes as it is: the browser writes the multipart content type with its boundary.
  const form = body instanceof FormData;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        ...(body === undefined || form
          ? { Accept: 'application/json' }
          : { Accept: 'application/json', 'Content-Type': 'application/json' }),
        ...extraHeaders,
      },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ code: 'NETWORK', message: '网络连接失败，请检查网络后重试', status: 0 });
  }

  const payload = await readJson(response);
  if (response.ok) return payload as T;

  if (isErrorBody(payload)) {
    const { code, message, requestId, details } = payload.error;
    throw new ApiError({ code, message, requestId, details, status: response.status });
  }
  throw new ApiError({
    code: 'BAD_RESPONSE',
    message: '服务暂时不可用，请稍后再试',
    status: response.status,
    requestId: response.headers.get('x-request-id') ?? undefined,
  });
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** POST multipart/form-data, e.g. a file upload (field names as the route expects). */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
  /** A money request with an Idempotency-Key: a retry with the same key gets the same answer, never a second effect. */
  idempotent: <T>(method: 'POST' | 'PUT', path: string, body: unknown, key: string) =>
    request<T>(method, path, body ?? {}, undefined, { 'Idempotency-Key': key }),
};
