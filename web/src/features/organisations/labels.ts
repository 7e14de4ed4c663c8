import type { Translate } from '../../i18n';
import { KIND_LABELS, STATUS_LABELS, type OrganisationKind, type OrganisationStatus } from './api';

/** A kind's label (企业、院校 …); unknown kinds are shown as they are. */
export function kindLabel(kind: string, t: Translate): string {
  const key = KIND_LABELS[kind as OrganisationKind] as (typeof KIND_LABELS)[OrganisationKind] | undefined;
  return key ? t(key) : kind;
}

export function statusLabel(status: string, t: Translate): string {
  const key = STATUS_LABELS[status as OrganisationStatus] as (typeof STATUS_LABELS)[OrganisationStatus] | undefined;
  return key ? t(key) : status;
}

export const STATUS_COLORS: Record<string, string> = { pending: 'gold', approved: 'green', rejected: 'red' };
