import { ORG_ROLES, ROLE_LABELS, SEPARATED_ADMIN_ROLES, type Role } from '../../../../contracts/roles';
import type { MessageKey } from '../../i18n';

/** Every role, in the order of contracts/roles.ts. */
export const ALL_ROLES = Object.keys(ROLE_LABELS) as Role[];

/** The roles the system admin may open accounts with (the three admin roles are granted by the security admin). */
export const CREATABLE_ROLES = ['province_admin', 'city_admin', 'enterprise', 'provider', 'evaluator'] as const;

export const isSeparatedAdmin = (r: string) => (SEPARATED_ADMIN_ROLES as readonly string[]).includes(r);
export const isOrgRole = (r: string) => (ORG_ROLES as readonly string[]).includes(r);

/**
 * What is wrong with a role set for this account, as the server will say it (三员分立, the
 * binding of organisation roles and city admins); null when it is fine.
 */
export function roleSetProblem(
  roles: readonly string[],
  account: { orgId: string | null; cityCode: string | null },
): MessageKey | null {
  if (roles.length === 0) return 'roles.problem.empty';
  if (roles.some(isSeparatedAdmin) && roles.length > 1) return 'roles.problem.separation';
  if (roles.some(isOrgRole) && !account.orgId) return 'roles.problem.needsOrg';
  if (roles.includes('city_admin') && !account.cityCode) return 'roles.problem.needsCity';
  return null;
}
