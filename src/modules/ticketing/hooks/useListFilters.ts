// The ticket list's filters live in the URL: read them from the query string and write changes back.
import { useRouter } from 'next/router';
import { useCallback, useMemo } from 'react';
import type { ParsedUrlQuery } from 'node:querystring';

export const FILTER_KEYS = [
  'status', 'priority', 'source', 'type', 'slaState', 'billingType', 'assignee', 'dr', 'project', 'client', 'tag',
  'createdFrom', 'createdTo', 'q', 'sort', 'order',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

/** Pure: the known filters from a parsed query string (repeated keys joined with commas, as the API accepts). */
export function pickFilters(query: ParsedUrlQuery): Filters {
  const out: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = query[k];
    const s = Array.isArray(v) ? v.join(',') : v;
    if (s) out[k] = s;
  }
  return out;
}

/** Pure: applies a patch, dropping emptied keys. */
export function mergeFilters(current: Filters, patch: Filters): Filters {
  const out: Filters = { ...current };
  for (const [k, v] of Object.entries(patch) as [FilterKey, string | undefined][]) {
    if (v) out[k] = v;
    else delete out[k];
  }
  return out;
}

export function useListFilters() {
  const router = useRouter();
  const filters = useMemo(() => pickFilters(router.query), [router.query]);
  const setFilters = useCallback(
    (patch: Filters, replaceAll = false) => {
      const next = replaceAll ? mergeFilters({}, patch) : mergeFilters(filters, patch);
      void router.replace({ pathname: router.pathname, query: next }, undefined, { shallow: true, scroll: false });
    },
    [filters, router],
  );
  return { filters, setFilters, ready: router.isReady };
}
