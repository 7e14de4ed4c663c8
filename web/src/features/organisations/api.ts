import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery, type Page, type PageParams } from '../../api/client';
import type { DecideOrganisationInput, Invitation, Organisation } from '../../api/contracts';
import type { MessageKey } from '../../i18n';

// contracts/identity.ts ORG_KIND_VALUES; its Organisation schema types kind and status as plain strings.
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

export type OrganisationListItem = Organisation;

export interface OrganisationFilters {
  status?: string;
  kind?: string;
  q?: string;
}

export function useOrganisations({ page, pageSize, ...filters }: PageParams & OrganisationFilters) {
  return useQuery({
    queryKey: ['organisations', 'list', { page, pageSize, ...filters }],
    queryFn: ({ signal }) =>
      api.get<Page<Organisation>>(withQuery('/api/organisations', { page, pageSize, ...filters }), signal),
    placeholderData: keepPreviousData,
  });
}

/** One organisation; `id` null disables the query. */
export function useOrganisation(id: string | null) {
  return useQuery({
    queryKey: ['organisations', 'one', id],
    queryFn: ({ signal }) => api.get<Organisation>(`/api/organisations/${id}`, signal),
    enabled: !!id,
  });
}

/** 审核: approve or reject a pending application (the city's administration, or the province). */
export function useDecideOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: DecideOrganisationInput & { id: string }) =>
      api.post<Organisation>(`/api/organisations/${id}/decision`, body),
    meta: { silent: true },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['organisations'] });
      void queryClient.invalidateQueries({ queryKey: ['home'] });
    },
  });
}

/** 邀请员工: a one-time link (the token is shown once) for a staff member to set up an account. */
export function useInviteStaff() {
  return useMutation({
    mutationFn: (orgId: string) => api.post<Invitation>(`/api/organisations/${orgId}/invitations`, {}),
    meta: { silent: true },
  });
}
