import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, withQuery, type Page } from '../../api/client';
import type { CityRanking, Dashboard, Person } from '../../api/contracts';
import type * as targets from '../../../../contracts/targets';

export type IndicatorMeta = z.infer<typeof targets.IndicatorMeta>;
export type TargetPlan = z.infer<typeof targets.TargetPlan>;
export type TargetSource = z.infer<typeof targets.TargetSource>;
export type TargetChange = z.infer<typeof targets.TargetChange>;
export type SaveTargetsResult = z.infer<typeof targets.SaveTargetsResult>;
export type TargetPlanProblem = z.infer<typeof targets.TargetPlanProblem>;

const enc = encodeURIComponent;

/** 目标监测 dashboard: one card per indicator for the province (no city) or one city. */
export function useTargetDashboard(year: number, city?: string) {
  return useQuery({
    queryKey: ['targets', 'dashboard', year, city ?? null],
    queryFn: ({ signal }) => api.get<Dashboard>(withQuery('/api/targets/dashboard', { year, city }), signal),
    placeholderData: keepPreviousData,
  });
}

/** One indicator across the 16 cities, ranked. */
export function useCityRanking(indicator: string, year: number, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['targets', 'cities', indicator, year],
    queryFn: ({ signal }) => api.get<CityRanking>(withQuery('/api/targets/cities', { indicator, year }), signal),
    placeholderData: keepPreviousData,
  });
}

/** The persons behind an indicator's figure (masked). */
export function useIndicatorPersons(indicator: string, city: string | undefined, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['targets', 'persons', indicator, city ?? null, page, pageSize],
    queryFn: ({ signal }) =>
      api.get<Page<Person>>(withQuery(`/api/targets/${enc(indicator)}/persons`, { city, page, pageSize }), signal),
    placeholderData: keepPreviousData,
  });
}

/** The Shandong city boundaries (web/public), registered once with ECharts by the map. */
export function useShandongGeo() {
  return useQuery({
    queryKey: ['targets', 'geo'],
    queryFn: async ({ signal }) => {
      const res = await fetch('/shandong-cities.geo.json', { signal });
      if (!res.ok) throw new Error(`geo ${res.status}`);
      return (await res.json()) as ShandongGeo;
    },
    staleTime: Infinity,
  });
}

export interface ShandongGeo {
  type: 'FeatureCollection';
  features: Array<{ properties: { adcode: number | string; name: string } }>;
}

/** The indicator catalogue (ids, titles, units, kinds). */
export function useIndicators() {
  return useQuery({
    queryKey: ['targets', 'indicators'],
    queryFn: ({ signal }) => api.get<IndicatorMeta[]>('/api/targets/indicators', signal),
    staleTime: 5 * 60 * 1000,
  });
}

/** One indicator's targets for every plan year: the province and the cities (a city admin: their own), with sources. */
export function useTargetPlan(indicator: string) {
  return useQuery({
    queryKey: ['targets', 'plan', indicator],
    queryFn: ({ signal }) => api.get<TargetPlan>(`/api/targets/${enc(indicator)}/targets`, signal),
    placeholderData: keepPreviousData,
  });
}

/** Saves cells of the grid at once (value null = back to the default); the server checks the whole and writes all or nothing. */
export function useSaveTargets(indicator: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (changes: TargetChange[]) => api.put<SaveTargetsResult>(`/api/targets/${enc(indicator)}`, { changes }),
    onSuccess: (r) => {
      qc.setQueryData(['targets', 'plan', indicator], r.plan);
      void qc.invalidateQueries({ queryKey: ['targets'] });
    },
  });
}

/** Back to the default for one cell (city null = the province). */
export function useResetTarget(indicator: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (cell: { year: number; cityCode: string | null }) =>
      api.delete<SaveTargetsResult>(
        withQuery(`/api/targets/${enc(indicator)}/${cell.year}`, { city: cell.cityCode ?? undefined }),
      ),
    onSuccess: (r) => {
      qc.setQueryData(['targets', 'plan', indicator], r.plan);
      void qc.invalidateQueries({ queryKey: ['targets'] });
    },
  });
}

/** The grid as .xlsx in the import template's columns (a same-origin link: the session cookie goes with it). */
export const targetExportUrl = (indicator?: string) => withQuery('/api/targets/export', { indicator });
