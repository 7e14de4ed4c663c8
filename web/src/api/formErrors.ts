import type { FormInstance } from 'antd';
import type { Translate } from '../i18n';
import { isApiError } from './client';

interface FieldDetail {
  path: string;
  message: string;
}

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

/**
 * Puts a server validation error on the form fields it names: `details.field` (a service's
 * check, e.g. 统一社会信用代码无效) or `details.fields` (schema validation, paths like
 * `body.admin.username`). The form's Alert still shows the server's message.
 */
export function applyServerErrors(form: FormInstance, error: unknown, t: Translate): void {
  if (!isApiError(error) || typeof error.details !== 'object' || error.details === null) return;
  const details = error.details as { field?: unknown; fields?: unknown };
  if (typeof details.field === 'string') {
    form.setFields([{ name: details.field.split('.'), errors: [error.message] }]);
  }
  if (Array.isArray(details.fields)) {
    form.setFields(
      (details.fields as FieldDetail[])
        .filter((f) => typeof f.path === 'string' && f.path.startsWith('body.'))
        .map((f) => ({
          name: f.path.slice('body.'.length).split('.'),
          errors: [hasChinese(f.message) ? f.message : t('validate.invalid')],
        })),
    );
  }
}
