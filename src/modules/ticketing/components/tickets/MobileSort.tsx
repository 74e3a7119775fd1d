// Sorting on a phone, where the table (and its clickable headers) gives way to cards.
import type { Filters } from '../../hooks/useListFilters';
import type { SortKey } from './TicketTable';

export const MOBILE_SORTS: { value: string; label: string; sort: SortKey; order: 'asc' | 'desc' }[] = [
  { value: 'created_at:desc', label: 'Newest first', sort: 'created_at', order: 'desc' },
  { value: 'due_at:asc', label: 'Most urgent SLA first', sort: 'due_at', order: 'asc' },
  { value: 'priority:desc', label: 'Highest priority first', sort: 'priority', order: 'desc' },
  { value: 'status:asc', label: 'Status (workflow order)', sort: 'status', order: 'asc' },
  { value: 'updated_at:desc', label: 'Recently updated', sort: 'updated_at', order: 'desc' },
  { value: 'created_at:asc', label: 'Oldest first', sort: 'created_at', order: 'asc' },
];

export function MobileSort({ filters, onSort }: { filters: Filters; onSort: (sort: SortKey, order: 'asc' | 'desc') => void }) {
  const value = `${filters.sort ?? 'created_at'}:${filters.order ?? 'desc'}`;
  const known = MOBILE_SORTS.some((s) => s.value === value);
  return (
    <div className="mb-2 flex items-center gap-2 md:hidden">
      <label htmlFor="mobile-sort" className="text-xs">
        Sort
      </label>
      <select
        id="mobile-sort"
        className="input py-1.5"
        value={known ? value : ''}
        onChange={(e) => {
          const s = MOBILE_SORTS.find((o) => o.value === e.target.value);
          if (s) onSort(s.sort, s.order);
        }}
      >
        {!known && <option value="">Custom order</option>}
        {MOBILE_SORTS.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </select>
    </div>
  );
}
