import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery, type Page, type PageParams } from '../../api/client';
import type { AuditRow } from '../../api/contracts';
import type { MessageKey } from '../../i18n';

export type AuditEntry = AuditRow;

export interface AuditFilters {
  entity?: string;
  action?: string;
  /** YYYY-MM-DD, Beijing time, inclusive. */
  from?: string;
  to?: string;
}

export function useAuditLog({ page, pageSize, ...filters }: PageParams & AuditFilters) {
  return useQuery({
    queryKey: ['audit', 'list', { page, pageSize, ...filters }],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>(withQuery('/api/audit', { page, pageSize, ...filters }), signal),
    placeholderData: keepPreviousData,
  });
}

/** Labels of the actions and entities the server writes today; others are shown as their codes. */
export const ACTION_LABELS: Record<string, MessageKey> = {
  'auth.login': 'audit.action.auth.login',
  'auth.login_failed': 'audit.action.auth.login_failed',
  'auth.login_refused': 'audit.action.auth.login_refused',
  'auth.locked': 'audit.action.auth.locked',
  'auth.logout': 'audit.action.auth.logout',
  'user.password_changed': 'audit.action.user.password_changed',
  'user.create': 'audit.action.user.create',
  'user.create_first_admin': 'audit.action.user.create_first_admin',
  'user.roles': 'audit.action.user.roles',
  'user.status': 'audit.action.user.status',
  'user.unlock': 'audit.action.user.unlock',
  'org.register': 'audit.action.org.register',
  'org.approve': 'audit.action.org.approve',
  'org.reject': 'audit.action.org.reject',
  'org.create': 'audit.action.org.create',
  'org.bulk_create': 'audit.action.org.bulk_create',
  'org.invite': 'audit.action.org.invite',
  'org.invitation_accepted': 'audit.action.org.invitation_accepted',
  'person.create': 'audit.action.person.create',
  'person.pii_view': 'audit.action.person.pii_view',
  'reference.create': 'audit.action.reference.create',
  'reference.version': 'audit.action.reference.version',
  'security.settings': 'audit.action.security.settings',
};

export const ENTITY_LABELS: Record<string, MessageKey> = {
  user: 'audit.entity.user',
  organisation: 'audit.entity.organisation',
  invitation: 'audit.entity.invitation',
  person: 'audit.entity.person',
  security_setting: 'audit.entity.security_setting',
  'reference:city': 'reference.kind.city',
  'reference:skill_level': 'reference.kind.skill_level',
  'reference:occupation': 'reference.kind.occupation',
  'reference:industry_chain': 'reference.kind.industry_chain',
  'reference:digital_domain': 'reference.kind.digital_domain',
  'reference:worker_tier': 'reference.kind.worker_tier',
  'reference:skill': 'reference.kind.skill',
};
