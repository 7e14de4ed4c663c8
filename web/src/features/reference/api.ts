import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client';
import type { ReferenceItem } from '../../api/contracts';
import type { MessageKey } from '../../i18n';

// The server's list (server/kernel/reference/seed-data.ts REFERENCE_KINDS), in tab order.
export const REFERENCE_KINDS = [
  'city',
  'skill_level',
  'occupation',
  'industry_chain',
  'digital_domain',
  'worker_tier',
  'skill',
] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export const REFERENCE_KIND_LABELS: Record<ReferenceKind, MessageKey> = {
  city: 'reference.kind.city',
  skill_level: 'reference.kind.skill_level',
  occupation: 'reference.kind.occupation',
  industry_chain: 'reference.kind.industry_chain',
  digital_domain: 'reference.kind.digital_domain',
  worker_tier: 'reference.kind.worker_tier',
  skill: 'reference.kind.skill',
};

export interface Option {
  value: string;
  label: string;
}

const referenceKey = (kind: ReferenceKind | 'designation_type', asOf?: string) =>
  ['reference', kind, asOf ?? 'today'] as const;

/** The versions of one kind valid today, or on `asOf` (YYYY-MM-DD). Public: also used before login. */
export function useReference(kind: ReferenceKind, asOf?: string) {
  return useQuery({
    queryKey: referenceKey(kind, asOf),
    queryFn: ({ signal }) => api.get<ReferenceItem[]>(withQuery(`/api/reference/${kind}`, { asOf }), signal),
    staleTime: 5 * 60 * 1000,
  });
}

/** The 16 current cities (the abolished 莱芜 is kept only to map old codes), as Select options. */
export function useActiveCities() {
  return useQuery({
    queryKey: referenceKey('city'),
    queryFn: ({ signal }) => api.get<ReferenceItem[]>('/api/reference/city', signal),
    staleTime: 5 * 60 * 1000,
    select: (items): Option[] =>
      items.filter((c) => c.attrs.status === 'active').map((c) => ({ value: c.code, label: c.name })),
  });
}

export function useIndustryChains() {
  return useQuery({
    queryKey: referenceKey('industry_chain'),
    queryFn: ({ signal }) => api.get<ReferenceItem[]>('/api/reference/industry_chain', signal),
    staleTime: 5 * 60 * 1000,
    select: (items): Option[] => items.map((c) => ({ value: c.code, label: c.name })),
  });
}

/** Today's items of a kind, shaped by `select` (the cache is shared with useReference). */
function useTodayReference<T>(kind: ReferenceKind | 'designation_type', select: (items: ReferenceItem[]) => T) {
  return useQuery({
    queryKey: referenceKey(kind),
    queryFn: ({ signal }) => api.get<ReferenceItem[]>(`/api/reference/${kind}`, signal),
    staleTime: 5 * 60 * 1000,
    select,
  });
}

const identity = (items: ReferenceItem[]) => items;
const toOptions = (items: ReferenceItem[]): Option[] => items.map((c) => ({ value: c.code, label: c.name }));
const nameByCode = (items: ReferenceItem[]) => new Map(items.map((c) => [c.code, c.name]));

/** 职业分类大典 occupations valid today (attrs.digital marks 数字职业, attrs.formerCodes the old codes). */
export function useOccupations() {
  return useTodayReference('occupation', identity);
}

/** Skill levels (新八级工 and 专业技术等级), labelled by name; attrs.ladder says which ladder. */
export function useSkillLevels() {
  return useTodayReference('skill_level', identity);
}

/** 人才称号 types (the admin adds more), as Select options. */
export function useDesignationTypes() {
  return useTodayReference('designation_type', toOptions);
}

/** Every city's name by code, the abolished ones too (old records may still point at them). */
export function useCityNames() {
  return useTodayReference('city', nameByCode);
}

export interface ReferenceUpdate {
  kind: ReferenceKind;
  code: string;
  name: string;
  /** Sent attributes replace those of the current version; the rest are kept. */
  attrs?: Record<string, unknown>;
  /** YYYY-MM-DD; the server takes today (Asia/Shanghai) when absent. */
  effectiveFrom?: string;
}

/** An edit is a new version from its effective date; the old one stays readable for earlier dates. */
export function useUpdateReference() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, code, ...body }: ReferenceUpdate) =>
      api.put<ReferenceItem>(`/api/reference/${kind}/${encodeURIComponent(code)}`, body),
    meta: { silent: true },
    onSuccess: (_item, { kind }) => queryClient.invalidateQueries({ queryKey: ['reference', kind] }),
  });
}
