import { hash, verify } from '@node-rs/argon2';

export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
}

/** ≥ 8 characters with at least 3 of 4 classes (lower, upper, digit, symbol) by default. */
export function passwordProblem(pw: string, policy: PasswordPolicy): string | null {
  if (pw.length < policy.minLength) return `密码长度至少 ${policy.minLength} 位`;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length;
  if (classes < policy.minClasses) return `密码须包含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类`;
  return null;
}

export function hashPassword(pw: string): Promise<string> {
  // @node-rs/argon2 defaults to argon2id (asserted in password.test.ts).
  return hash(pw, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(stored: string, pw: string): Promise<boolean> {
  try {
    return await verify(stored, pw);
  } catch {
    return false;
  }
}
