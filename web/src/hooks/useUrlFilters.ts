import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export type Filters<K extends string> = Partial<Record<K, string>>;

/**
 * A list's filters, kept in the URL beside its page (?q=张&status=pending) so reloads and
 * the back button keep them. Changing a filter starts again from page 1.
 */
export function useUrlFilters<K extends string>(
  keys: readonly K[],
): [Filters<K>, (patch: Partial<Record<K, string | null | undefined>>) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const serialised = searchParams.toString();
  const keyList = keys.join(',');

  // Rebuilt only when the URL or the keys change, so query keys built from it stay stable.
  const filters = useMemo(() => {
    const params = new URLSearchParams(serialised);
    const out: Filters<K> = {};
    for (const key of keyList.split(',') as K[]) {
      const value = params.get(key);
      if (value) out[key] = value;
    }
    return out;
  }, [serialised, keyList]);

  const setFilters = useCallback(
    (patch: Partial<Record<K, string | null | undefined>>) => {
      setSearchParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(patch) as [K, string | null | undefined][]) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        next.delete('page');
        return next;
      });
    },
    [setSearchParams],
  );

  return [filters, setFilters];
}
