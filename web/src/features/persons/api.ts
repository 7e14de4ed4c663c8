import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery, type Page, type PageParams } from '../../api/client';
import type { AddEmployeeInput, Person, PersonIdentity, PersonSearch } from '../../api/contracts';

/**
 * The list's server-side filters and sort (contracts/registry.ts PersonSearch), as strings from
 * the URL: q is a name prefix; occupation and level match credentials valid today.
 */
export type PersonFilters = { [K in keyof PersonSearch]?: string };

/** The talent pool within the user's reach (city, organisation's employees, or oneself). */
export function usePersons({ page, pageSize, ...filters }: PageParams & PersonFilters) {
  return useQuery({
    queryKey: ['persons', 'list', { page, pageSize, ...filters }],
    queryFn: ({ signal }) => api.get<Page<Person>>(withQuery('/api/persons', { page, pageSize, ...filters }), signal),
    placeholderData: keepPreviousData,
  });
}

/** Persons whose name starts with `q` (a picker's search); nothing is asked while `q` is empty. */
export function usePersonSearch(q: string) {
  return useQuery({
    queryKey: ['persons', 'list', { page: 1, pageSize: 20, q }],
    queryFn: ({ signal }) => api.get<Page<Person>>(withQuery('/api/persons', { page: 1, pageSize: 20, q }), signal),
    enabled: q.length > 0,
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

/** Persons and the registry views built on them change together. */
function useInvalidateRegistry() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['persons'] });
    void queryClient.invalidateQueries({ queryKey: ['registry'] });
    void queryClient.invalidateQueries({ queryKey: ['home'] });
  };
}

/** 登记员工: an enterprise adds an employee by ID number (the person is registered if new). */
export function useAddEmployee() {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: (body: AddEmployeeInput) =>
      api.post<{ employmentId: string; personId: string; personCreated: boolean }>('/api/employments', body),
    meta: { silent: true },
    onSuccess: invalidate,
  });
}

/**
 * 办理离职: the employer closes its own current employment on a leaving date. The employer then no
 * longer reaches the person: the caller leaves the profile, then drops it with useForgetPerson.
 */
export function useEndEmployment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ employmentId, toDate }: { employmentId: string; toDate: string }) =>
      api.post<{ employmentId: string; toDate: string }>(`/api/employments/${encodeURIComponent(employmentId)}/end`, {
        toDate,
      }),
    meta: { silent: true },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['persons', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['registry', 'categories'] });
      void queryClient.invalidateQueries({ queryKey: ['home'] });
    },
  });
}

/** Drops a person's cached profile without refetching it (after the user lost access to it). */
export function useForgetPerson() {
  const queryClient = useQueryClient();
  return (personId: string) => {
    queryClient.removeQueries({ queryKey: ['persons', 'one', personId] });
    queryClient.removeQueries({ queryKey: ['registry', 'profile', personId] });
  };
}

export interface MergeResult {
  survivorId: string;
  duplicateId: string;
  moved: { credentials: number; employments: number; contributions: number };
}

/** 合并重复记录: the duplicate's credentials, employments and contributions move to the survivor. */
export function useMergePerson() {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: ({ survivorId, duplicateId }: { survivorId: string; duplicateId: string }) =>
      api.post<MergeResult>(`/api/persons/${encodeURIComponent(survivorId)}/merge`, { duplicateId }),
    meta: { silent: true },
    onSuccess: invalidate,
  });
}
