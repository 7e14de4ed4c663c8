import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, withQuery, type Page, type PageParams } from '../../api/client';
import type { Person, PersonIdentity } from '../../api/contracts';

export interface PersonFilters {
  /** Name prefix. */
  q?: string;
  cityCode?: string;
}

/** The talent pool within the user's reach (city, organisation's employees, or oneself). */
export function usePersons({ page, pageSize, ...filters }: PageParams & PersonFilters) {
  return useQuery({
    queryKey: ['persons', 'list', { page, pageSize, ...filters }],
    queryFn: ({ signal }) => api.get<Page<Person>>(withQuery('/api/persons', { page, pageSize, ...filters }), signal),
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: string) {
  return useQuery({
    queryKey: ['persons', 'one', id],
    queryFn: ({ signal }) => api.get<Person>(`/api/persons/${encodeURIComponent(id)}`, signal),
  });
}

/**
 * The full ID number and phone. A mutation, not a query: every view writes an audit row, so it
 * runs only when the user asks, and is never cached or refetched.
 */
export function usePersonIdentity() {
  return useMutation({
    mutationFn: (id: string) => api.get<PersonIdentity>(`/api/persons/${encodeURIComponent(id)}/identity`),
  });
}
