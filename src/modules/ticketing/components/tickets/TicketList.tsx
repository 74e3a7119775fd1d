// The ticket list screen: URL filters, sortable table (cards on phones), keyset "load more", bulk assign, exports.
import Link from 'next/link';
import { useState } from 'react';
import { API_BASE, toQuery } from '../../hooks/api';
import { useListFilters } from '../../hooks/useListFilters';
import { useMe } from '../../hooks/useMe';
import { useTicketList } from '../../hooks/useTicketList';
import { useAssignableUsers } from '../../hooks/useUsers';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState, Spinner } from '../ui/States';
import { BulkAssignBar } from './BulkAssignBar';
import { TicketCard } from './TicketCard';
import { TicketFilters } from './TicketFilters';
import { TicketTable } from './TicketTable';
import { MobileSort } from './MobileSort';

export function TicketList() {
  const { can } = useMe();
  const { filters, setFilters, ready } = useListFilters();
  const { tickets, error, isLoading, hasMore, loadingMore, loadMore, mutate } = useTicketList(filters, ready);
  const { data: users } = useAssignableUsers();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const canAssign = can('tickets:assign');

  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const toggleAll = () => setSelected((s) => (tickets.every((t) => s.has(t.id)) ? new Set() : new Set(tickets.map((t) => t.id))));
  const exportHref = (format: 'csv' | 'pdf') => `${API_BASE}/exports-tickets${toQuery({ ...filters, format })}`;

  return (
    <div>
      <PageHeader
        title="Tickets"
        actions={
          <>
            {can('tickets:export') && (
              <>
                <a className="btn-secondary" href={exportHref('csv')} download>
                  Export CSV
                </a>
                <a className="btn-secondary" href={exportHref('pdf')} download>
                  Export PDF
                </a>
              </>
            )}
            {can('tickets:create') && (
              <Link href="/ticketing/tickets/new" className="btn-primary">
                New ticket
              </Link>
            )}
          </>
        }
      />
      <TicketFilters filters={filters} onChange={(p, all) => { setSelected(new Set()); setFilters(p, all); }} users={users} />
      {canAssign && selected.size > 0 && (
        <BulkAssignBar
          selected={tickets.filter((t) => selected.has(t.id))}
          users={users ?? []}
          onDone={() => {
            setSelected(new Set());
            void mutate();
          }}
        />
      )}
      {isLoading ? (
        <LoadingState label="Loading tickets" />
      ) : error?.status === 400 ? (
        // A filter the server cannot use: trying again would fail the same way; say what is wrong and offer a way out.
        <div role="alert" className="card border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
          <p className="font-semibold">These filters cannot be used</p>
          <p className="mt-1">{error.message}</p>
          <button type="button" className="btn-secondary mt-3" onClick={() => setFilters({ sort: filters.sort, order: filters.order }, true)}>
            Clear filters
          </button>
        </div>
      ) : error ? (
        <ErrorState error={error} onRetry={() => void mutate()} />
      ) : tickets.length === 0 ? (
        <EmptyState>No tickets match these filters.</EmptyState>
      ) : (
        <>
          <p className="mb-2 text-xs text-slate-600" aria-live="polite">
            Showing {tickets.length} ticket{tickets.length === 1 ? '' : 's'}
            {hasMore ? '; more below' : ''}
          </p>
          <TicketTable
            tickets={tickets}
            filters={filters}
            onSort={(sort, order) => setFilters({ sort, order })}
            selectable={canAssign}
            selected={selected}
            onToggle={toggle}
            onToggleAll={toggleAll}
          />
          <MobileSort filters={filters} onSort={(sort, order) => setFilters({ sort, order })} />
          <div className="space-y-2 md:hidden">
            {tickets.map((t) => (
              <TicketCard key={t.id} ticket={t} selectable={canAssign} selected={selected.has(t.id)} onToggle={() => toggle(t.id)} />
            ))}
          </div>
          {hasMore && (
            <div className="mt-4 text-center">
              <button type="button" className="btn-secondary" onClick={loadMore} disabled={loadingMore}>
                {loadingMore && <Spinner />} Load more
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
