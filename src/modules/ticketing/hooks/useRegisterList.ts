// A register list with search and keyset paging: "Load more" follows meta.nextCursor.
import { useCallback, useEffect, useState } from 'react';
import { apiRequest, toQuery } from './api';

export function useRegisterList<T>(route: string, params: Record<string, string | undefined>) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(false);
  const key = `${route}${toQuery(params)}`;
  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      try {
        const res = await apiRequest<T[]>(`${route}${toQuery({ ...params, cursor: after ?? undefined })}`);
        setItems((prev) => (after ? [...prev, ...res.data] : res.data));
        setCursor((res.meta.nextCursor as string | null) ?? null);
        setError(null);
      } catch (err) {
        setError(err as Error);
      } finally {
        setLoading(false);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
  useEffect(() => {
    void load(null);
  }, [load]);
  return { items, error, loading, hasMore: cursor !== null, loadMore: () => load(cursor), reload: () => load(null) };
}
