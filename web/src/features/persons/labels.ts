import type { Employment } from '../../api/contracts';
import type { MessageKey, Translate } from '../../i18n';

const TIER_LABELS: Record<string, MessageKey> = {
  FRONTLINE: 'person.tier.FRONTLINE',
  BACKBONE: 'person.tier.BACKBONE',
  MANAGER: 'person.tier.MANAGER',
};
const GENDER_LABELS: Record<string, MessageKey> = { M: 'person.gender.M', F: 'person.gender.F' };

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
