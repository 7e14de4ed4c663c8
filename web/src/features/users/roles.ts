import { ORG_ROLES, ROLE_LABELS, SEPARATED_ADMIN_ROLES, type Role } from '../../../../contracts/roles';
import type { User } from '../../api/contracts';
import type { MessageKey } from '../../i18n';

/** Every role, in the order of contracts/roles.ts. */
export const ALL_ROLES = Object.keys(ROLE_LABELS) as Role[];

/**
 * The roles the system admin may request for a new account (the security admin grants them):
 * government staff only — organisation staff join through registration and invitations.
 */
export const CREATABLE_ROLES = ['province_admin', 'city_admin'] as const;

export const isSeparatedAdmin = (r: string) => (SEPARATED_ADMIN_ROLES as readonly string[]).includes(r);
export const isOrgRole = (r: string) => (ORG_ROLES as readonly string[]).includes(r);

/** A 三员 account: its roles are set by the deployment command, and the system admin cannot disable it. */
export const isSeparatedAdminAccount = (u: Pick<User, 'roles'>) => u.roles.some(isSeparatedAdmin);

/**
 * What is wrong with a role set for this account, as the server will say it (三员分立, the
 * binding of organisation roles and city admins); null when it is fine.
 */
export function roleSetProblem(
  roles: readonly string[],
  account: { orgId: string | null; cityCode: string | null },
): MessageKey | null {
  if (roles.length === 0) return 'roles.problem.empty';
  if (roles.some(isSeparatedAdmin)) return 'roles.problem.separation';
  if (roles.some(isOrgRole) && !account.orgId) return 'roles.problem.needsOrg';
  if (roles.includes('city_admin') && !account.cityCode) return 'roles.problem.needsCity';
  return null;
}
