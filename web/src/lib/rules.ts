import type { FormRule } from 'antd';
import { useMemo } from 'react';
import { useT, type MessageKey, type Translate } from '../i18n';
import {
  idNumberProblem,
  passwordProblem,
  phoneProblem,
  smsCodeProblem,
  usccProblem,
  usernameProblem,
  type Problem,
} from './validators';

/** An antd rule from a check: empty values are left to the `required` rule. */
function check(t: Translate, problem: (value: string) => Problem): FormRule {
  return {
    validator: (_rule, value: unknown) => {
      if (typeof value !== 'string' || value === '') return Promise.resolve();
      const p = problem(value);
      return p ? Promise.reject(new Error(t(p.key, p.vars))) : Promise.resolve();
    },
  };
}

function buildRules(t: Translate) {
  return {
    /** Required text input: 请输入{field}. */
    input: (field: MessageKey): FormRule => ({
      required: true,
      whitespace: true,
      message: t('validate.input', { field: t(field) }),
    }),
    /** Required choice: 请选择{field}. */
    select: (field: MessageKey): FormRule => ({ required: true, message: t('validate.select', { field: t(field) }) }),
    max: (max: number): FormRule => ({ max, message: t('validate.tooLong', { max }) }),
    username: check(t, usernameProblem),
    password: check(t, passwordProblem),
    phone: check(t, phoneProblem),
    smsCode: check(t, smsCodeProblem),
    uscc: check(t, usccProblem),
    idNumber: check(t, idNumberProblem),
    /** The second password field must repeat the first (`name` of that field). */
    samePassword:
      (name: string | string[]): FormRule =>
      ({ getFieldValue }) => ({
        validator: (_rule, value: unknown) =>
          !value || getFieldValue(name) === value
            ? Promise.resolve()
            : Promise.reject(new Error(t('validate.passwordMismatch'))),
      }),
  };
}

export type Rules = ReturnType<typeof buildRules>;

/** The form rules of the platform, with messages in the current language. */
export function useRules(): Rules {
  const t = useT();
  return useMemo(() => buildRules(t), [t]);
}
