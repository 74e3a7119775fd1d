// The ticket list with keyset paging: each page's nextCursor asks for the next; "load more" appends it.
import useSWRInfinite from 'swr/infinite';
import { toQuery, type ApiError, type Envelope } from './api';
import type { Filters } from './useListFilters';
import type { TicketView } from './types';

export const PAGE_SIZE = 25;

export function useTicketList(filters: Filters, ready = true, limit = PAGE_SIZE) {
  const getKey = (index: number, previous: Envelope<TicketView[]> | null): string | null => {
    if (!ready) return null;
    if (index > 0 && !previous?.meta.nextCursor) return null;
    return `tickets${toQuery({ ...filters, limit, cursor: index > 0 ? (previous?.meta.nextCursor ?? undefined) : undefined })}`;
  };
  const { data, error, size, setSize, isLoading, isValidating, mutate } = useSWRInfinite<Envelope<TicketView[]>>(getKey, {
    revalidateFirstPage: true,
  });
  const tickets = data?.flatMap((p) => p.data) ?? [];
  const last = data?.[data.length - 1];
  const hasMore = Boolean(last?.meta.nextCursor);
  const loadingMore = isValidating && size > (data?.length ?? 0);
  return {
    tickets,
    error: error as ApiError | undefined,
    isLoading: isLoading || !ready,
    hasMore,
    loadingMore,
    loadMore: () => void setSize(size + 1),
    mutate,
  };
}
