// The ticket list as a table (medium screens and up): sortable columns, badges, row selection for bulk work.
import Link from 'next/link';
import type { TicketView } from '../../hooks/types';
import type { Filters } from '../../hooks/useListFilters';
import { formatDateTime, SOURCE_LABEL } from '../format';
import { BillingBadge, TicketPriorityBadge, TicketStatusBadge } from './Badges';
import { SLAIndicator } from './SLAIndicator';

export type SortKey = 'ticket_uid' | 'status' | 'priority' | 'due_at' | 'created_at' | 'updated_at';

interface TicketTableProps {
  tickets: TicketView[];
  filters: Filters;
  onSort: (sort: SortKey, order: 'asc' | 'desc') => void;
  selectable: boolean;
  selected: Set<string>;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
}

/** The order a column sorts in on its first click: the SLA column most urgent (soonest due) first, status in workflow order. */
export const FIRST_ORDER: Record<SortKey, 'asc' | 'desc'> = { ticket_uid: 'asc', status: 'asc', priority: 'desc', due_at: 'asc', created_at: 'desc', updated_at: 'desc' };

function SortHeader({ label, sortKey, filters, onSort }: { label: string; sortKey: SortKey; filters: Filters; onSort: TicketTableProps['onSort'] }) {
  const current = (filters.sort ?? 'created_at') === sortKey;
  const order = filters.order === 'asc' ? 'asc' : 'desc';
  const next = current ? (order === 'desc' ? 'asc' : 'desc') : FIRST_ORDER[sortKey];
  return (
    <th scope="col" aria-sort={current ? (order === 'asc' ? 'ascending' : 'descending') : 'none'} className="px-2 py-2 text-left">
      <button type="button" className="inline-flex items-center gap-1 font-semibold hover:text-slate-900" onClick={() => onSort(sortKey, next)}>
        <span className="uppercase tracking-wide">{label}</span>
        <span aria-hidden="true" className="text-slate-500">
          {current ? (order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
        <span className="sr-only">{current ? `sorted ${order === 'asc' ? 'ascending' : 'descending'}, ` : ''}sort by {label}</span>
      </button>
    </th>
  );
}

export function TicketTable({ tickets, filters, onSort, selectable, selected, onToggle, onToggleAll }: TicketTableProps) {
  const all = tickets.length > 0 && tickets.every((t) => selected.has(t.id));
  return (
    <div className="card hidden overflow-x-auto md:block">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Tickets</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            {selectable && (
              <th scope="col" className="w-10 px-2 py-2">
                <input type="checkbox" checked={all} onChange={onToggleAll} aria-label="Select all tickets shown" />
              </th>
            )}
            <SortHeader label="Ticket" sortKey="ticket_uid" filters={filters} onSort={onSort} />
            <th scope="col" className="px-2 py-2 text-left">
              Title
            </th>
            <SortHeader label="Status" sortKey="status" filters={filters} onSort={onSort} />
            <SortHeader label="Priority" sortKey="priority" filters={filters} onSort={onSort} />
            <SortHeader label="SLA" sortKey="due_at" filters={filters} onSort={onSort} />
            <th scope="col" className="px-2 py-2 text-left">
              Billing
            </th>
            <th scope="col" className="px-2 py-2 text-left">
              Assignee
            </th>
            <SortHeader label="Created" sortKey="created_at" filters={filters} onSort={onSort} />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tickets.map((t) => (
            <tr key={t.id} className={selected.has(t.id) ? 'bg-brand-50' : 'hover:bg-slate-50'} data-testid="ticket-row">
              {selectable && (
                <td className="px-2 py-2">
                  <input type="checkbox" checked={selected.has(t.id)} onChange={() => onToggle(t.id)} aria-label={`Select ${t.ticketUid}`} />
                </td>
              )}
              <td className="whitespace-nowrap px-2 py-2">
                <Link href={`/ticketing/tickets/${encodeURIComponent(t.ticketUid)}`} className="font-mono font-semibold text-brand-700 hover:underline">
                  {t.ticketUid}
                </Link>
                <div className="text-xs text-slate-600">{SOURCE_LABEL[t.source]}</div>
              </td>
              <td className="max-w-[15rem] px-2 py-2">
                <div className="truncate font-medium text-slate-900" title={t.title}>
                  {t.title}
                </div>
                <div className="truncate text-xs text-slate-600">{[t.drNumber, t.projectName].filter(Boolean).join(' · ') || '—'}</div>
              </td>
              <td className="px-2 py-2">
                <TicketStatusBadge status={t.status} />
              </td>
              <td className="px-2 py-2">
                <TicketPriorityBadge priority={t.priority} />
              </td>
              <td className="px-2 py-2">
                <SLAIndicator sla={t.sla} finishedAt={t.resolvedAt ?? t.closedAt} compact />
              </td>
              <td className="px-2 py-2">
                <BillingBadge billingType={t.billingType} dropUnknown={t.dropUnknown} />
              </td>
              <td className="px-2 py-2 text-slate-700">{t.assigneeName ?? <span className="text-slate-600">Unassigned</span>}</td>
              <td className="px-2 py-2 text-slate-700">
                <time dateTime={t.createdAt} className="block min-w-[6.5rem]">{formatDateTime(t.createdAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
