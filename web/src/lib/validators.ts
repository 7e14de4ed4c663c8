import type { MessageKey } from '../i18n';

/**
 * Client-side checks that mirror the server's (server/kernel/validation, contracts/identity.ts),
 * so a form says what is wrong before it is sent. The server checks everything again.
 * Each returns the i18n key of the problem, or null.
 */
export type Problem = { key: MessageKey; vars?: Record<string, string | number> } | null;

/** Full-width letters and digits to half-width, trimmed: what the server's normalizeText does. */
export function normalize(value: string): string {
  return value.normalize('NFKC').trim();
}

/** The platform's default password policy (the security admin may raise it; the server then says so). */
export const DEFAULT_PASSWORD_POLICY = { minLength: 8, minClasses: 3 } as const;

export function passwordProblem(pw: string, policy = DEFAULT_PASSWORD_POLICY): Problem {
  if (pw.length < policy.minLength) return { key: 'validate.passwordLength', vars: { min: policy.minLength } };
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length;
  if (classes < policy.minClasses) return { key: 'validate.passwordClasses', vars: { n: policy.minClasses } };
  return null;
}

export function usernameProblem(value: string): Problem {
  const v = value.trim();
  if (v.length < 3) return { key: 'validate.usernameLength' };
  if (v.length > 64) return { key: 'validate.tooLong', vars: { max: 64 } };
  if (!/^[A-Za-z0-9_.@-]+$/.test(v)) return { key: 'validate.usernameChars' };
  return null;
}

export function phoneProblem(value: string): Problem {
  return /^1[3-9]\d{9}$/.test(normalize(value)) ? null : { key: 'validate.phone' };
}

export function smsCodeProblem(value: string): Problem {
  return /^\d{6}$/.test(value.trim()) ? null : { key: 'validate.smsCode' };
}

/** 统一社会信用代码 (GB 32100-2015): 18 characters, no I/O/Z/S/V, check character. */
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccProblem(input: string): Problem {
  const value = normalize(input).toUpperCase();
  if (value.length !== 18) return { key: 'validate.usccLength', vars: { n: value.length } };
  if ([...value].some((ch) => !USCC_ALPHABET.includes(ch))) return { key: 'validate.usccChars' };
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(value[i]!) * USCC_WEIGHTS[i]!;
  const check = USCC_ALPHABET[(31 - (sum % 31)) % 31];
  return value[17] === check ? null : { key: 'validate.usccCheck' };
}

/** 居民身份证号 (GB 11643-1999): 17 digits and a check character, with a real birth date. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function idNumberProblem(input: string): Problem {
  const value = normalize(input).toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { key: 'validate.idNumberFormat' };
  const [y, m, d] = [value.slice(6, 10), value.slice(10, 12), value.slice(12, 14)].map(Number) as [
    number,
    number,
    number,
  ];
  const birth = new Date(Date.UTC(y, m - 1, d));
  const realDate = birth.getUTCFullYear() === y && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d;
  if (!realDate || y < 1900 || birth.getTime() > Date.now()) return { key: 'validate.idNumberDate' };
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * ID_WEIGHTS[i]!;
  return value[17] === ID_CHECK[sum % 11] ? null : { key: 'validate.idNumberCheck' };
}
