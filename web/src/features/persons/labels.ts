import type { Employment } from '../../api/contracts';
import type { MessageKey, Translate } from '../../i18n';

/** contracts/registry.ts PersonSearch.tier (人员层级). */
export const TIER_CODES = ['FRONTLINE', 'BACKBONE', 'MANAGER'] as const;

const TIER_LABELS: Record<string, MessageKey> = {
  FRONTLINE: 'person.tier.FRONTLINE',
  BACKBONE: 'person.tier.BACKBONE',
  MANAGER: 'person.tier.MANAGER',
};
const GENDER_LABELS: Record<string, MessageKey> = { M: 'person.gender.M', F: 'person.gender.F' };

/** Suggestions for 学历 (free text on the server, up to 30 characters); the values are stored as typed. */
export const EDUCATION_OPTIONS = ['初中及以下', '高中/中专/技校', '大专', '本科', '硕士研究生', '博士研究生'] as const;

/** 人员层级: 一线操作人员 / 技术骨干 / 管理人才; '—' when not set. */
export function tierLabel(tier: string | null, t: Translate): string {
  if (!tier) return '—';
  const key = TIER_LABELS[tier];
  return key ? t(key) : tier;
}

export function genderLabel(gender: string, t: Translate): string {
  const key = GENDER_LABELS[gender];
  return key ? t(key) : gender;
}

/** The employments still open (no end date): the person's current employers. */
export function currentEmployments(employments: readonly Employment[]): Employment[] {
  return employments.filter((e) => e.toDate === null);
}
