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
  'credential.issue': 'audit.action.credential.issue',
  'credential.bulk_issue': 'audit.action.credential.bulk_issue',
  'credential.correct': 'audit.action.credential.correct',
  'credential.revoke': 'audit.action.credential.revoke',
  'employment.add': 'audit.action.employment.add',
  'employment.end': 'audit.action.employment.end',
  'import.upload': 'audit.action.import.upload',
  'import.commit': 'audit.action.import.commit',
  'import.reject': 'audit.action.import.reject',
  'org.update': 'audit.action.org.update',
  'person.bulk_create': 'audit.action.person.bulk_create',
  'person.export': 'audit.action.person.export',
  'person.merge': 'audit.action.person.merge',
  'person.move_city': 'audit.action.person.move_city',
  'setting.update': 'audit.action.setting.update',
  'target.set': 'audit.action.target.set',
  'target.reset': 'audit.action.target.reset',
  'report.request': 'audit.action.report.request',
  'report.ready': 'audit.action.report.ready',
  'supervision.save': 'audit.action.supervision.save',
  'supervision.submit': 'audit.action.supervision.submit',
  'supervision.return': 'audit.action.supervision.return',
  'supervision.score': 'audit.action.supervision.score',
  'supervision.evidence_add': 'audit.action.supervision.evidence_add',
  'supervision.evidence_remove': 'audit.action.supervision.evidence_remove',
  'supervision.rectification_create': 'audit.action.supervision.rectification_create',
  'supervision.rectification_report': 'audit.action.supervision.rectification_report',
  'supervision.rectification_accept': 'audit.action.supervision.rectification_accept',
  'supervision.rectification_reject': 'audit.action.supervision.rectification_reject',
};

export const ENTITY_LABELS: Record<string, MessageKey> = {
  user: 'audit.entity.user',
  organisation: 'audit.entity.organisation',
  invitation: 'audit.entity.invitation',
  person: 'audit.entity.person',
  security_setting: 'audit.entity.security_setting',
  credential: 'audit.entity.credential',
  employment: 'audit.entity.employment',
  contribution: 'audit.entity.contribution',
  import_batch: 'audit.entity.import_batch',
  indicator_target: 'audit.entity.indicator_target',
  report: 'audit.entity.report',
  setting: 'audit.entity.setting',
  supervision_assessment: 'audit.entity.supervision_assessment',
  supervision_evidence: 'audit.entity.supervision_evidence',
  supervision_rectification: 'audit.entity.supervision_rectification',
  'reference:city': 'reference.kind.city',
  'reference:skill_level': 'reference.kind.skill_level',
  'reference:occupation': 'reference.kind.occupation',
  'reference:industry_chain': 'reference.kind.industry_chain',
  'reference:digital_domain': 'reference.kind.digital_domain',
  'reference:worker_tier': 'reference.kind.worker_tier',
  'reference:skill': 'reference.kind.skill',
};
