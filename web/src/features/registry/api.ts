import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client';
import type {
  CategoryCounts,
  ContributionInput,
  Contribution,
  CorrectCredentialInput,
  Credential,
  CredentialInput,
  IssueByIdNumberInput,
  Profile,
  RevokeCredentialInput,
} from '../../api/contracts';

/**
 * The two times of the registry: `asOf` the calendar day a credential's validity and the
 * categories are judged on (状态日期), `knownAt` the moment whose records are read (记录时点,
 * "as known then"). Both absent: today, as known now.
 */
export interface AsOf {
  asOf?: string;
  knownAt?: string;
}

const enc = encodeURIComponent;

/** 人才档案: categories, current levels, credentials as of a day and known at a time, every version. */
export function useProfile(personId: string, when: AsOf, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['registry', 'profile', personId, when],
    queryFn: ({ signal }) => api.get<Profile>(withQuery(`/api/persons/${enc(personId)}/profile`, { ...when }), signal),
    // While another day or time loads, keep showing this person's profile (never another person's).
    placeholderData: (previous) => (previous?.personId === personId ? previous : undefined),
  });
}

/** T1–T4 and 复合型 by city (a city admin gets their city only). */
export function useCategoryCounts(when: AsOf) {
  return useQuery({
    queryKey: ['registry', 'categories', when],
    queryFn: ({ signal }) => api.get<CategoryCounts[]>(withQuery('/api/registry/categories', { ...when }), signal),
    placeholderData: keepPreviousData,
  });
}

/** A credential changes the profile, the categories and the list's filters. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['registry'] });
    void queryClient.invalidateQueries({ queryKey: ['persons'] });
    void queryClient.invalidateQueries({ queryKey: ['home'] });
  };
}

/** 登记证书 for a person on their profile. */
export function useIssueCredential(personId: string) {
  const onSuccess = useInvalidate();
  return useMutation({
    mutationFn: (body: CredentialInput) => api.post<Credential>(`/api/persons/${enc(personId)}/credentials`, body),
    meta: { silent: true },
    onSuccess,
  });
}

/** 证书登记 by ID number and name (evaluators, providers): the person is registered if new. */
export function useIssueByIdNumber() {
  const onSuccess = useInvalidate();
  return useMutation({
    mutationFn: (body: IssueByIdNumberInput) => api.post<Credential>('/api/credentials', body),
    meta: { silent: true },
    onSuccess,
  });
}

/** 更正: a new version; the old one stays readable "as known then". */
export function useCorrectCredential() {
  const onSuccess = useInvalidate();
  return useMutation({
    mutationFn: ({ credentialId, ...body }: CorrectCredentialInput & { credentialId: string }) =>
      api.post<Credential>(`/api/credentials/${enc(credentialId)}/corrections`, body),
    meta: { silent: true },
    onSuccess,
  });
}

/** 撤销 from a day (valid time), recorded as a new version. */
export function useRevokeCredential() {
  const onSuccess = useInvalidate();
  return useMutation({
    mutationFn: ({ credentialId, ...body }: RevokeCredentialInput & { credentialId: string }) =>
      api.post<Credential>(`/api/credentials/${enc(credentialId)}/revocation`, body),
    meta: { silent: true },
    onSuccess,
  });
}

/** 登记贡献: attested by the person's current employer. */
export function useAttestContribution(personId: string) {
  const onSuccess = useInvalidate();
  return useMutation({
    mutationFn: (body: ContributionInput) =>
      api.post<Contribution>(`/api/persons/${enc(personId)}/contributions`, body),
    meta: { silent: true },
    onSuccess,
  });
}
