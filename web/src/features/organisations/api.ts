import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery, type Page, type PageParams } from '../../api/client';
import type { MessageKey } from '../../i18n';

// Local until the server publishes an organisations contract in contracts/.
export const ORGANISATION_KINDS = [
  'enterprise',
  'college',
  'training',
  'evaluation',
  'service',
  'government',
  'host',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

/** i18n keys of the kind and status labels (企业、院校 … / 待审核、已通过、已驳回). */
export const KIND_LABELS: Record<OrganisationKind, MessageKey> = {
  enterprise: 'org.kind.enterprise',
  college: 'org.kind.college',
  training: 'org.kind.training',
  evaluation: 'org.kind.evaluation',
  service: 'org.kind.service',
  government: 'org.kind.government',
  host: 'org.kind.host',
};
export const STATUS_LABELS: Record<OrganisationStatus, MessageKey> = {
  pending: 'org.status.pending',
  approved: 'org.status.approved',
  rejected: 'org.status.rejected',
};

export interface OrganisationListItem {
  id: string;
  name: string;
  kind: OrganisationKind;
  uscc: string | null;
  cityCode: string | null;
  cityName: string | null;
  status: OrganisationStatus;
}

export function useOrganisations({ page, pageSize }: PageParams) {
  return useQuery({
    queryKey: ['organisations', 'list', { page, pageSize }],
    queryFn: ({ signal }) =>
      api.get<Page<OrganisationListItem>>(withQuery('/api/organisations', { page, pageSize }), signal),
    placeholderData: keepPreviousData,
  });
}
