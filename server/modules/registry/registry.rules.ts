import { z } from 'zod';
import type { Role } from '../../../contracts/roles.js';
import type { CredentialKind } from './registry.schema.js';

/**
 * The plan's categories, as a setting (the plan is a consultation draft): which occupation is
 * the solution designer, which designation is the leader, which occupations count as
 * manufacturing for 复合型 talent, and where the 数字技术工程师 ladder lives.
 */
export const CategoryRules = z.object({
  solutionDesignerOccupation: z.string().default('4-04-04-05'),
  leaderDesignation: z.string().default('LEADER'),
  /** 大典 major group 6: 生产制造及有关人员. */
  manufacturingPrefixes: z.array(z.string()).default(['6-']),
  /** A certificate in this minor group at a professional-technical level is a 数字技术工程师 credential. */
  digitalEngineerMinorGroup: z.string().default('2-02-38'),
});
export type CategoryRules = z.infer<typeof CategoryRules>;
export const DEFAULT_CATEGORY_RULES: CategoryRules = CategoryRules.parse({});

/** The setting the province admin edits (kernel settings: audited, no constants in code). */
export const CATEGORY_RULES_SETTING = {
  key: 'registry.categories',
  title: '人才类别认定规则（T1–T4、复合型）',
  schema: CategoryRules,
  defaults: DEFAULT_CATEGORY_RULES,
};

/** Which kinds each role may issue (the province admin any). */
const ISSUABLE: Partial<Record<Role, readonly CredentialKind[]>> = {
  province_admin: [
    'skill_cert',
    'training_completion',
    'digital_engineer',
    'professional_title',
    'competition_award',
    'designation',
  ],
  city_admin: ['competition_award', 'designation', 'professional_title'],
  evaluator: ['skill_cert'],
  provider: ['training_completion'],
  // 企业自主评价 (enterprise skill evaluation) and 特级技师/首席技师 appointment (评聘).
  enterprise: ['skill_cert'],
};

export function mayIssue(roles: readonly string[], kind: CredentialKind): boolean {
  return roles.some((r) => ISSUABLE[r as Role]?.includes(kind));
}

/**
 * A certificate in a 2-02-38 occupation at 专业技术等级 初级/中级/高级 *is* a 数字技术工程师
 * credential, whoever recorded it and however: normalise the kind on the way in.
 */
export function normaliseKind(
  kind: CredentialKind,
  occupationCode: string | null | undefined,
  levelCode: string | null | undefined,
  rules: CategoryRules,
): CredentialKind {
  if (
    kind === 'skill_cert' &&
    occupationCode?.startsWith(rules.digitalEngineerMinorGroup + '-') &&
    levelCode?.startsWith('PT_')
  )
    return 'digital_engineer';
  return kind;
}

/** Status of a credential version on a calendar day (YYYY-MM-DD strings compare as dates). */
export function statusOn(
  c: { issuedOn: string; expiresOn: string | null; revokedOn: string | null },
  day: string,
): 'valid' | 'revoked' | 'expired' | 'not_yet' {
  if (c.issuedOn > day) return 'not_yet';
  if (c.revokedOn && c.revokedOn <= day) return 'revoked';
  if (c.expiresOn && c.expiresOn < day) return 'expired';
  return 'valid';
}

export const KIND_LABELS: Record<CredentialKind, string> = {
  skill_cert: '职业技能等级证书',
  training_completion: '实践应用结业证书',
  digital_engineer: '数字技术工程师',
  professional_title: '职称',
  competition_award: '竞赛获奖',
  designation: '人才称号',
};
