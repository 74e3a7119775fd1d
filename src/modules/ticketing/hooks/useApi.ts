// Generic SWR hooks over the API client: useApi for one resource, useMutation for a write with pending/error state.
import useSWR, { type SWRConfiguration } from 'swr';
import { useCallback, useState } from 'react';
import { api, ApiError, type Envelope, type RequestOptions } from './api';

/** Reads a route with SWR; pass null to wait (e.g. until an id is known). */
export function useApi<T>(route: string | null, config?: SWRConfiguration<Envelope<T>>) {
  const { data, error, isLoading, isValidating, mutate } = useSWR<Envelope<T>>(route, config);
  return { data: data?.data, meta: data?.meta, error: error as ApiError | undefined, isLoading, isValidating, mutate };
}

/** Wraps one write: run(route, options) returns the data or null, and keeps the last ApiError for the form. */
export function useMutation<T>() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(async (route: string, o: RequestOptions): Promise<T | null> => {
    setPending(true);
    setError(null);
    try {
      return await api<T>(route, o);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'CLIENT_ERROR', (err as Error).message));
      return null;
    } finally {
      setPending(false);
    }
  }, []);
  const reset = useCallback(() => setError(null), []);
  return { run, pending, error, reset };
}
