import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { AsOf } from './api';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** 状态日期 and 记录时点 of a registry view, kept in the URL (?asOf=2026-01-01&knownAt=…) to share and reload. */
export function useAsOf(): [AsOf, (patch: AsOf) => void] {
  const [params, setParams] = useSearchParams();
  const rawAsOf = params.get('asOf');
  const rawKnownAt = params.get('knownAt');
  const when = useMemo<AsOf>(() => {
    const out: AsOf = {};
    if (rawAsOf && DAY.test(rawAsOf)) out.asOf = rawAsOf;
    if (rawKnownAt && !Number.isNaN(Date.parse(rawKnownAt))) out.knownAt = rawKnownAt;
    return out;
  }, [rawAsOf, rawKnownAt]);

  const set = useCallback(
    (patch: AsOf) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const key of ['asOf', 'knownAt'] as const) {
          if (!(key in patch)) continue;
          const value = patch[key];
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      }),
    [setParams],
  );
  return [when, set];
}
