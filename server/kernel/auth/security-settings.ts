import { z } from 'zod';
import type { DbOrTx } from '../db/types.js';
import { getSetting } from './auth.repo.js';

/** Security policy: a setting the security admin can change; these are the defaults. */
export const SecuritySettings = z.object({
  passwordMinLength: z.number().int().min(8).max(64),
  passwordMinClasses: z.number().int().min(3).max(4),
  maxFailedLogins: z.number().int().min(3).max(20),
  lockMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
  idleMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
});
export type SecuritySettings = z.infer<typeof SecuritySettings>;

export function defaultSecuritySettings(idleMinutes = 30): SecuritySettings {
  return { passwordMinLength: 8, passwordMinClasses: 3, maxFailedLogins: 5, lockMinutes: 30, idleMinutes };
}

export async function loadSecuritySettings(db: DbOrTx, idleMinutes: number): Promise<SecuritySettings> {
  const stored = await getSetting<Partial<SecuritySettings>>(db, 'security');
  return { ...defaultSecuritySettings(idleMinutes), ...(stored ?? {}) };
}
