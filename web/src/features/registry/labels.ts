import type { CurrentUser } from '../../../../contracts/auth';
import type { Role } from '../../../../contracts/roles';
import type { Categories, ContributionKind, Credential, CredentialKind } from '../../api/contracts';
import type { MessageKey, Translate } from '../../i18n';

/** contracts/registry.ts CREDENTIAL_KIND_VALUES (a value import would bring zod into the bundle). */
export const CREDENTIAL_KIND_LABELS: Record<CredentialKind, MessageKey> = {
  skill_cert: 'credential.kind.skill_cert',
  training_completion: 'credential.kind.training_completion',
  digital_engineer: 'credential.kind.digital_engineer',
  professional_title: 'credential.kind.professional_title',
  competition_award: 'credential.kind.competition_award',
  designation: 'credential.kind.designation',
};
export const CREDENTIAL_KINDS = Object.keys(CREDENTIAL_KIND_LABELS) as CredentialKind[];

export function credentialKindLabel(kind: string, t: Translate): string {
  const key = CREDENTIAL_KIND_LABELS[kind as CredentialKind] as MessageKey | undefined;
  return key ? t(key) : kind;
}

/**
 * Which kinds each role may issue: server/modules/registry/registry.rules.ts ISSUABLE, copied to
 * offer only those in the form. The server decides (and says 您的机构不能登记此类证书).
 */
const ISSUABLE: Partial<Record<Role, readonly CredentialKind[]>> = {
  province_admin: CREDENTIAL_KINDS,
  city_admin: ['competition_award', 'designation', 'professional_title'],
  evaluator: ['skill_cert'],
  provider: ['training_completion'],
  enterprise: ['skill_cert'],
};

export function issuableKinds(user: CurrentUser | null | undefined): CredentialKind[] {
  const roles = user?.roles ?? [];
  return CREDENTIAL_KINDS.filter((k) => roles.some((r) => ISSUABLE[r]?.includes(k)));
}

/** Who may correct or revoke (server assertIssuerOf): the issuing organisation, city and province admins. */
export function mayAmend(user: CurrentUser | null | undefined, c: Credential): boolean {
  if (!user?.permissions.includes('credential.issue')) return false;
  if (user.roles.includes('province_admin') || user.roles.includes('city_admin')) return true;
  return !!user.orgId && user.orgId === c.issuerOrgId;
}

/** Kinds whose form asks for occupation and level. */
export const needsLevel = (kind: string | undefined) => kind === 'skill_cert' || kind === 'digital_engineer';

export const STATUS_TAGS: Record<string, { label: MessageKey; color: string }> = {
  valid: { label: 'credential.status.valid', color: 'green' },
  revoked: { label: 'credential.status.revoked', color: 'red' },
  expired: { label: 'credential.status.expired', color: 'default' },
  not_yet: { label: 'credential.status.not_yet', color: 'blue' },
};

export const CONTRIBUTION_KIND_LABELS: Record<ContributionKind, MessageKey> = {
  innovation: 'contribution.kind.innovation',
  process: 'contribution.kind.process',
  transfer: 'contribution.kind.transfer',
  patent: 'contribution.kind.patent',
  mentoring: 'contribution.kind.mentoring',
};
export const CONTRIBUTION_KINDS = Object.keys(CONTRIBUTION_KIND_LABELS) as ContributionKind[];

export function contributionKindLabel(kind: string, t: Translate): string {
  const key = CONTRIBUTION_KIND_LABELS[kind as ContributionKind] as MessageKey | undefined;
  return key ? t(key) : kind;
}

/** The plan's categories (人才类别), in order, with their short codes. */
export const CATEGORY_KEYS = ['t1', 't2', 't3', 't4', 'composite'] as const;
export type CategoryKey = (typeof CATEGORY_KEYS)[number];
export const CATEGORY_LABELS: Record<keyof Categories, MessageKey> = {
  t1: 'category.t1',
  t2: 'category.t2',
  t3: 'category.t3',
  t4: 'category.t4',
  composite: 'category.composite',
  highSkill: 'category.highSkill',
};
export const CATEGORY_CODES: Record<CategoryKey, string> = { t1: 'T1', t2: 'T2', t3: 'T3', t4: 'T4', composite: '' };

/** "T1 数字技能人才", or the label alone for 复合型. */
export function categoryLabel(key: CategoryKey, t: Translate): string {
  return [CATEGORY_CODES[key], t(CATEGORY_LABELS[key])].filter(Boolean).join(' ');
}

/** An instant in Beijing time, to the minute: 2026-03-01 14:05. */
export function formatInstant(iso: string, lang: string): string {
  return new Date(iso).toLocaleString(lang, {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** What a credential is about: 职业·等级, the 称号, the 职称 or award, the training's occupation. */
export function credentialSubject(c: Credential, designations: ReadonlyMap<string, string>): string {
  const occupation = c.occupationCode ? `${c.occupationCode} ${c.occupationName ?? ''}`.trim() : '';
  switch (c.kind) {
    case 'skill_cert':
    case 'digital_engineer':
      return [occupation, c.levelName ?? c.levelCode].filter(Boolean).join(' · ');
    case 'designation':
      return c.field ? (designations.get(c.field) ?? c.field) : '';
    case 'training_completion':
      return occupation || (c.field ?? '');
    default:
      return c.field ?? '';
  }
}
