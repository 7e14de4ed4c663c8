import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery, type Page } from '../../api/client';
import type { CityRanking, Dashboard, Person } from '../../api/contracts';

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
