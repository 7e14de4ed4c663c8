import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './client';

export interface RequestMeta extends Record<string, unknown> {
  /** The caller shows the error itself: skip the global error message. */
  silent?: boolean;
}

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: RequestMeta;
    mutationMeta: RequestMeta;
  }
}

export type ErrorSource = 'query' | 'mutation';
export type ErrorListener = (error: unknown, source: ErrorSource) => void;

const MAX_RETRIES = 2;

/** Retry only what may succeed on a second try: network failures and 5xx, never 4xx. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < MAX_RETRIES;
}

/** One QueryClient per app; every failed query or mutation is reported to onError unless its meta says silent. */
export function createQueryClient(onError: ErrorListener): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (!query.meta?.silent) onError(error, 'query');
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (!mutation.meta?.silent) onError(error, 'mutation');
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 30 * 1000 },
      mutations: { retry: false },
    },
  });
}
