import type { Translate } from '../i18n';
import { isApiError } from './client';

/**
 * The message for an error shown next to a form: the server's own (Chinese) text, with the
 * request id only for server faults (to quote to support), as the login page does.
 */
export function formErrorText(error: unknown, t: Translate): string {
  if (!isApiError(error)) return t('error.badResponse');
  if (error.isClientSide) return t(error.code === 'NETWORK' ? 'error.network' : 'error.badResponse');
  return error.status >= 500 && error.requestId
    ? error.message + t('error.requestId', { requestId: error.requestId })
    : error.message;
}
