import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery, type Page, type PageParams } from '../../api/client';

import type { z } from 'zod';
import type * as ev from '../../../../contracts/matching-events';
import type * as m from '../../../../contracts/matching';

/** The shapes of contracts/matching.ts, as types only (zod stays out of the bundle). */
export type MatchingPolicyView = z.infer<typeof m.MatchingPolicyView>;
export type Demand = z.infer<typeof m.Demand>;
export type DemandStatus = Demand['status'];
export type DemandSummary = z.infer<typeof m.DemandSummary>;
export type DemandInput = z.input<typeof m.CreateDemand>;
export type DemandPatch = z.input<typeof m.UpdateDemand>;
export type Intention = z.infer<typeof m.Intention>;
export type IntentionInput = z.input<typeof m.IntentionInput>;
export type MatchPart = z.infer<typeof m.MatchPart>;
export type Candidate = z.infer<typeof m.Candidate>;
export type CandidateList = z.infer<typeof m.CandidateList>;
export type TalentProfile = z.infer<typeof m.TalentProfile>;
export type Recommendation = z.infer<typeof m.Recommendation>;
export type RecommendationList = z.infer<typeof m.RecommendationList>;
export type Application = z.infer<typeof m.Application>;
export type ApplicationBrief = z.infer<typeof m.ApplicationBrief>;
export type ApplicationStatus = Application['status'];
export type ApplicationAction = m.ApplicationAction;
export type ApplicationActionInput = z.input<typeof m.ApplicationActionInput>;
export type PlacementFit = z.infer<typeof m.PlacementFit>;

const enc = encodeURIComponent;
export const MATCHING_KEY = 'matching';

export type DemandFilters = Partial<Record<'city' | 'chain' | 'occupation' | 'status' | 'q', string>>;

export function useMatchingPolicy() {
  return useQuery({
    queryKey: [MATCHING_KEY, 'policy'],
    queryFn: ({ signal }) => api.get<MatchingPolicyView>('/api/matching/policy', signal),
    staleTime: 5 * 60 * 1000,
    meta: { silent: true },
  });
}

/** 需求大厅: the demands within the user's reach, filtered and paged by the server. */
export function useDemands({ page, pageSize, ...filters }: PageParams & DemandFilters) {
  return useQuery({
    queryKey: [MATCHING_KEY, 'demands', { page, pageSize, ...filters }],
    queryFn: ({ signal }) => api.get<Page<Demand>>(withQuery('/api/demands', { page, pageSize, ...filters }), signal),
    placeholderData: keepPreviousData,
  });
}

export function useDemand(id: string) {
  return useQuery({
    queryKey: [MATCHING_KEY, 'demand', id],
    queryFn: ({ signal }) => api.get<Demand>(`/api/demands/${enc(id)}`, signal),
  });
}

/** The ranked talents of a demand, with each score's parts (only for an open demand). */
export function useCandidates(id: string, enabled: boolean, limit = 20) {
  return useQuery({
    enabled,
    queryKey: [MATCHING_KEY, 'candidates', id, limit],
    queryFn: ({ signal }) => api.get<CandidateList>(withQuery(`/api/demands/${enc(id)}/candidates`, { limit }), signal),
  });
}

export function useRecommendations(limit = 20) {
  return useQuery({
    queryKey: [MATCHING_KEY, 'recommendations', limit],
    queryFn: ({ signal }) => api.get<RecommendationList>(withQuery('/api/me/recommendations', { limit }), signal),
  });
}

export function useIntention() {
  return useQuery({
    queryKey: [MATCHING_KEY, 'intention'],
    queryFn: ({ signal }) => api.get<Intention>('/api/me/intention', signal),
  });
}

export type ApplicationFilters = Partial<Record<'demandId' | 'status', string>>;

/**
 * Applications: `mine` (a talent, GET /api/me/applications) or those of the demands within reach
 * (an enterprise: its own demands; admins: their scope; GET /api/applications).
 */
export function useApplications(filters: ApplicationFilters & Partial<PageParams> = {}, mine = false) {
  return useQuery({
    queryKey: [MATCHING_KEY, 'applications', mine ? 'mine' : 'all', filters],
    queryFn: ({ signal }) =>
      api.get<Page<Application>>(withQuery(mine ? '/api/me/applications' : '/api/applications', filters), signal),
    placeholderData: keepPreviousData,
  });
}

/** Every matching view changes together (a status, an invitation, a hire): refresh them all. */
function useMatchingMutation<V, R>(fn: (v: V) => Promise<R>, alsoAffects: readonly string[] = []) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: { silent: true },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: [MATCHING_KEY] });
      for (const k of alsoAffects) void qc.invalidateQueries({ queryKey: [k] });
    },
  });
}

export const useCreateDemand = () => useMatchingMutation((body: DemandInput) => api.post<Demand>('/api/demands', body));

export const useUpdateDemand = () =>
  useMatchingMutation(({ id, body }: { id: string; body: DemandPatch }) =>
    api.patch<Demand>(`/api/demands/${enc(id)}`, body),
  );

export const useSetDemandStatus = () =>
  useMatchingMutation(({ id, to }: { id: string; to: 'open' | 'filled' | 'closed' }) =>
    api.post<Demand>(`/api/demands/${enc(id)}/status`, { status: to }),
  );

export const useInvite = () =>
  useMatchingMutation(({ demandId, personId }: { demandId: string; personId: string }) =>
    api.post<Application>(`/api/demands/${enc(demandId)}/invitations`, { personId }),
  );

export const useApply = () =>
  useMatchingMutation((demandId: string) => api.post<Application>(`/api/demands/${enc(demandId)}/applications`));

export const useSaveIntention = () =>
  useMatchingMutation((body: IntentionInput) => api.put<Intention>('/api/me/intention', body));

/** A step of the flow; a hire also changes the registry (the person's employment). */
export const useApplicationAction = () =>
  useMatchingMutation(
    ({ id, action, body }: { id: string; action: ApplicationAction; body?: ApplicationActionInput }) =>
      api.post<Application>(`/api/applications/${enc(id)}/${action}`, body),
    ['persons', 'registry', 'home'],
  );

// ---------------------------------------------------------------- part 2: contracts/matching-events.ts

export type MatchEvent = z.infer<typeof ev.MatchEvent>;
export type MatchEventDetail = z.infer<typeof ev.MatchEventDetail>;
export type EventStatus = MatchEvent['status'];
export type CreateEventInput = z.input<typeof ev.CreateEvent>;
export type EventOutcomesInput = z.input<typeof ev.EventOutcomesInput>;
export type CheckinInput = z.input<typeof ev.CheckinInput>;
export type Visit = z.infer<typeof ev.Visit>;
export type CreateVisitInput = z.input<typeof ev.CreateVisit>;
export type FitView = z.infer<typeof ev.FitView>;
export type FitRun = z.infer<typeof ev.FitRun>;
export type FitCity = z.infer<typeof ev.FitCity>;
export type FitUnfilled = z.infer<typeof ev.FitUnfilled>;
export type FitUnfilledPage = z.infer<typeof ev.FitUnfilledPage>;
export type FitShortages = z.infer<typeof ev.FitShortages>;
export type FitShortage = z.infer<typeof ev.FitShortage>;
export type FitReason = z.infer<typeof ev.FitReason>;

export type EventFilters = Partial<Record<'city' | 'year' | 'status', string>>;

/** 对接活动 within reach (a city admin: their city). */
export function useEvents({ page, pageSize, ...filters }: PageParams & EventFilters) {
  return useQuery({
    queryKey: [MATCHING_KEY, 'events', { page, pageSize, ...filters }],
    queryFn: ({ signal }) =>
      api.get<Page<MatchEvent>>(withQuery('/api/matching/events', { page, pageSize, ...filters }), signal),
    placeholderData: keepPreviousData,
  });
}

export function useEvent(id: string) {
  return useQuery({
    queryKey: [MATCHING_KEY, 'event', id],
    queryFn: ({ signal }) => api.get<MatchEventDetail>(`/api/matching/events/${enc(id)}`, signal),
  });
}

const eventBase = (id: string) => `/api/matching/events/${enc(id)}`;

export const useCreateEvent = () =>
  useMatchingMutation((body: CreateEventInput) => api.post<MatchEvent>('/api/matching/events', body));

export const useEventStatus = () =>
  useMatchingMutation(({ id, status }: { id: string; status: 'held' | 'closed' }) =>
    api.post<MatchEventDetail>(`${eventBase(id)}/status`, { status }),
  );

/** Builds (or rebuilds) the pre-matched invite list. */
export const useBuildInvitations = () =>
  useMatchingMutation(({ id, perDemand }: { id: string; perDemand?: number }) =>
    api.post<MatchEventDetail>(`${eventBase(id)}/invitations`, { perDemand }),
  );

export const useCheckin = () =>
  useMatchingMutation(({ id, body }: { id: string; body: CheckinInput }) =>
    api.post<MatchEventDetail>(`${eventBase(id)}/checkins`, body),
  );

export const useEventOutcomes = () =>
  useMatchingMutation(({ id, body }: { id: string; body: EventOutcomesInput }) =>
    api.put<MatchEventDetail>(`${eventBase(id)}/outcomes`, body),
  );

export type VisitFilters = Partial<Record<'city' | 'year', string>>;

/** 助企行 visits within reach. */
export function useVisits({ page, pageSize, ...filters }: PageParams & VisitFilters) {
  return useQuery({
    queryKey: [MATCHING_KEY, 'visits', { page, pageSize, ...filters }],
    queryFn: ({ signal }) =>
      api.get<Page<Visit>>(withQuery('/api/matching/visits', { page, pageSize, ...filters }), signal),
    placeholderData: keepPreviousData,
  });
}

export const useCreateVisit = () =>
  useMatchingMutation((body: CreateVisitInput) => api.post<Visit>('/api/matching/visits', body));

/** T5: the latest finished run's province and city figures, and the run in progress (polled while running). */
export function useFit() {
  return useQuery({
    queryKey: [MATCHING_KEY, 'fit'],
    queryFn: ({ signal }) => api.get<FitView>('/api/matching/fit', signal),
    refetchInterval: (q) => (q.state.data?.pending && q.state.data.pending.status !== 'failed' ? 2000 : false),
  });
}

/** The unfilled positions with the requirement that had no supply (a city: its own assignment). */
export function useFitUnfilled({ page, pageSize, city }: PageParams & { city?: string }) {
  return useQuery({
    queryKey: [MATCHING_KEY, 'fit', 'unfilled', { page, pageSize, city }],
    queryFn: ({ signal }) =>
      api.get<FitUnfilledPage>(withQuery('/api/matching/fit/unfilled', { page, pageSize, city }), signal),
    placeholderData: keepPreviousData,
  });
}

export function useFitShortages(city?: string) {
  return useQuery({
    queryKey: [MATCHING_KEY, 'fit', 'shortages', city ?? ''],
    queryFn: ({ signal }) => api.get<FitShortages>(withQuery('/api/matching/fit/shortages', { city }), signal),
  });
}

export const useStartFitRun = () => useMatchingMutation(() => api.post<FitRun>('/api/matching/fit/runs', {}));
