import { z } from 'zod';
import { ROLES } from './roles.js';

export const LoginRequest = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const CurrentUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  /** The organisation's administrator (may invite staff and edit the organisation). */
  isOrgAdmin: z.boolean(),
  cityCode: z.string().nullable(),
  personId: z.string().nullable(),
  permissions: z.array(z.string()),
  /** An account opened with an initial password: nothing but changing it is allowed until then. */
  mustChangePassword: z.boolean(),
});
export type CurrentUser = z.infer<typeof CurrentUser>;

export const HomeCard = z.object({ key: z.string(), label: z.string(), value: z.union([z.number(), z.string()]) });
export const HomeSummary = z.object({
  role: z.enum(ROLES),
  title: z.string(),
  scopeLabel: z.string(),
  cards: z.array(HomeCard),
});
export type HomeSummary = z.infer<typeof HomeSummary>;

export const Ok = z.object({ ok: z.literal(true) });
