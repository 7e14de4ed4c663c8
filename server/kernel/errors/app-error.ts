import { ERROR_CODES, type ErrorCode } from '../../../contracts/errors.js';

/** The one error type services throw. `message` is shown to users, so it is Chinese. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = ERROR_CODES[code];
  }
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在或无权访问`);
export const forbidden = (msg = '无权执行此操作') => new AppError('FORBIDDEN', msg);
export const invalid = (msg: string, details?: unknown) => new AppError('VALIDATION', msg, details);
