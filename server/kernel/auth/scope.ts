import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from '../audit/audit.js';
import { permissionsOf, type Permission, type Role } from '../../../contracts/roles.js';
import { forbidden, notFound } from '../errors/app-error.js';

/** Where an object lives, for scope checks. */
export interface ScopeTarget {
  cityCode: string | null;
  orgId: string | null;
  personId?: string | null;
  userId?: string | null;
}

const has = (a: Actor, r: Role) => a.roles.includes(r);
const isOrgRole = (a: Actor) => has(a, 'enterprise') || has(a, 'provider') || has(a, 'evaluator');

export function assertPermission(actor: Actor, permission: Permission): void {
  if (!permissionsOf(actor.roles as Role[]).has(permission)) throw forbidden();
}

/**
 * Can the actor reach this object? Province admins reach the province; city admins their
 * city; organisation roles their own organisation; talents themselves. Out-of-reach objects
 * answer 404, so their existence does not leak.
 */
export function reaches(actor: Actor, t: ScopeTarget): boolean {
  if (has(actor, 'province_admin')) return true;
  if (has(actor, 'city_admin') && actor.cityCode && t.cityCode === actor.cityCode) return true;
  if (isOrgRole(actor) && actor.orgId && t.orgId === actor.orgId) return true;
  if (actor.personId && t.personId && t.personId === actor.personId) return true;
  if (actor.userId && t.userId && t.userId === actor.userId) return true;
  return false;
}

export function assertReach(actor: Actor, t: ScopeTarget | undefined | null, what = '记录'): asserts t is ScopeTarget {
  if (!t || !reaches(actor, t)) throw notFound(what);
}

/**
 * The same rule as `reaches`, as a SQL filter for lists: the repo applies it so a list never
 * returns what the actor may not see.
 */
export function scopeFilter(actor: Actor, cols: { city?: AnyPgColumn; org?: AnyPgColumn; person?: AnyPgColumn }): SQL {
  if (has(actor, 'province_admin')) return sql`true`;
  const parts: SQL[] = [];
  if (has(actor, 'city_admin') && actor.cityCode && cols.city) parts.push(sql`${cols.city} = ${actor.cityCode}`);
  if (isOrgRole(actor) && actor.orgId && cols.org) parts.push(sql`${cols.org} = ${actor.orgId}`);
  if (actor.personId && cols.person) parts.push(sql`${cols.person} = ${actor.personId}`);
  if (parts.length === 0) return sql`false`;
  return sql.join(parts, sql` or `);
}

export { forbidden };
