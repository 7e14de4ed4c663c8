import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import type { PageParams } from '../api/client';

const MAX_PAGE_SIZE = 200;

function positiveInt(raw: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

/** Page and page size of a server-paginated list, kept in the URL (?page=2&pageSize=20) so reloads keep them. */
export function usePageParams(
  defaultPageSize: number,
): PageParams & { setPage: (page: number, pageSize: number) => void } {
  const [searchParams, setSearchParams] = useSearchParams();
  const page = positiveInt(searchParams.get('page'), 1);
  const pageSize = positiveInt(searchParams.get('pageSize'), defaultPageSize, MAX_PAGE_SIZE);

  const setPage = useCallback(
    (nextPage: number, nextPageSize: number) => {
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          // A new page size starts again from page 1.
          next.set('page', String(nextPageSize === pageSize ? nextPage : 1));
          if (nextPageSize === defaultPageSize) next.delete('pageSize');
          else next.set('pageSize', String(nextPageSize));
          return next;
        },
        { replace: false },
      );
    },
    [setSearchParams, pageSize, defaultPageSize],
  );

  return { page, pageSize, setPage };
}
