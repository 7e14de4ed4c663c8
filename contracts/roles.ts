/**
 * Roles, scopes and permissions: the one table that the server checks and the web
 * shell reads to build its menu. Shared by server and web.
 */
export const ROLES = [
  'province_admin',
  'city_admin',
  'enterprise',
  'provider',
  'evaluator',
  'talent',
  'system_admin',
  'security_admin',
  'audit_admin',
] as const;
export type Role = (typeof ROLES)[number];

/** 三员分立: a user holds at most one of these, and never together with a business role. */
export const SEPARATED_ADMIN_ROLES = ['system_admin', 'security_admin', 'audit_admin'] as const;

/** The organisation-bound roles (their users belong to one organisation). */
export const ORG_ROLES = ['enterprise', 'provider', 'evaluator'] as const;

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  province_admin: { zh: '省级管理员', en: 'Province administrator' },
  city_admin: { zh: '市级管理员', en: 'City administrator' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  provider: { zh: '培训机构/院校', en: 'Training provider' },
  evaluator: { zh: '评价机构', en: 'Evaluation organisation' },
  talent: { zh: '人才', en: 'Talent' },
  system_admin: { zh: '系统管理员', en: 'System administrator' },
  security_admin: { zh: '安全管理员', en: 'Security administrator' },
  audit_admin: { zh: '安全审计员', en: 'Audit administrator' },
};

/**
 * Scope of a route: how far the actor's reach is checked against the object.
 * - public: no login
 * - self: the actor's own account or person record
 * - org: objects of the actor's own organisation (province/city admins reach by their scope)
 * - city: objects in the actor's city (province admins reach all)
 * - province: province-wide, no object filter beyond the permission
 */
export const SCOPES = ['public', 'self', 'org', 'city', 'province'] as const;
export type Scope = (typeof SCOPES)[number];

export const PERMISSIONS = [
  'public',
  'session.self',
  'home.view',
  'reference.read',
  'reference.edit',
  'org.read',
  'org.approve',
  'org.edit',
  'org.invite',
  'person.read',
  'person.pii.read',
  'user.read',
  'user.manage',
  'role.assign',
  'security.settings',
  'audit.read',
  'job.read',
  'settings.edit',
  'credential.read',
  'credential.issue',
  'employment.manage',
  'contribution.attest',
  'person.merge',
  'person.export',
  'import.run',
  'indicator.read',
  'target.read',
  'target.edit',
  'supervision.read',
  'supervision.submit',
  'supervision.review',
  'report.read',
  'report.generate',
  'demand.read',
  'demand.manage',
  'match.read',
  'intention.manage',
  'application.manage',
  'event.read',
  'event.manage',
  'visit.manage',
  'fit.read',
  'fit.run',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** role × permission. Scope limits are applied per route, against the object. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  province_admin: [
    'session.self',
    'home.view',
    'reference.read',
    'reference.edit',
    'org.read',
    'org.approve',
    'org.edit',
    'person.read',
    'person.pii.read',
    'job.read',
    'settings.edit',
    'credential.read',
    'credential.issue',
    'person.merge',
    'person.export',
    'import.run',
    'indicator.read',
    'target.read',
    'target.edit',
    'supervision.read',
    'supervision.review',
    'report.read',
    'report.generate',
    'demand.read',
    'match.read',
    'event.read',
    'event.manage',
    'visit.manage',
    'fit.read',
    'fit.run',
  ],
  city_admin: [
    'session.self',
    'home.view',
    'reference.read',
    'org.read',
    'org.approve',
    'person.read',
    'person.pii.read',
    'job.read',
    'credential.read',
    'credential.issue',
    'person.export',
    'import.run',
    'indicator.read',
    'target.read',
    'supervision.read',
    'supervision.submit',
    'report.read',
    'report.generate',
    'demand.read',
    'match.read',
    'event.read',
    'event.manage',
    'visit.manage',
    'fit.read',
  ],
  enterprise: [
    'session.self',
    'home.view',
    'reference.read',
    'org.read',
    'org.edit',
    'org.invite',
    'person.read',
    'job.read',
    'credential.read',
    'credential.issue',
    'employment.manage',
    'contribution.attest',
    'person.export',
    'import.run',
    'demand.read',
    'demand.manage',
    'match.read',
    'application.manage',
    'event.read',
  ],
  provider: [
    'session.self',
    'home.view',
    'reference.read',
    'org.read',
    'org.edit',
    'org.invite',
    'person.read',
    'job.read',
    'credential.read',
    'credential.issue',
  ],
  evaluator: [
    'session.self',
    'home.view',
    'reference.read',
    'org.read',
    'org.edit',
    'org.invite',
    'person.read',
    'job.read',
    'credential.read',
    'credential.issue',
  ],
  talent: [
    'session.self',
    'home.view',
    'reference.read',
    'person.read',
    'person.pii.read',
    'job.read',
    'credential.read',
    'intention.manage',
    'application.manage',
  ],
  system_admin: ['session.self', 'home.view', 'reference.read', 'user.read', 'user.manage', 'job.read'],
  security_admin: ['session.self', 'home.view', 'reference.read', 'user.read', 'role.assign', 'security.settings'],
  audit_admin: ['session.self', 'home.view', 'audit.read'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r]) out.add(p);
  return out;
}
