// The list's filter bar: every control writes to the URL, so a filtered list can be bookmarked and shared.
import { useEffect, useState, type FormEvent } from 'react';
import { BILLING_TYPES, OPEN_STATUSES, SLA_STATES, TICKET_PRIORITIES, TICKET_SOURCES, TICKET_STATUSES, TICKET_TYPES } from '../../types/enums';
import type { Filters } from '../../hooks/useListFilters';
import type { UserSummary } from '../../hooks/types';
import { BILLING_LABEL, labelOf, PRIORITY_LABEL, SOURCE_LABEL, STATUS_LABEL, TYPE_LABEL } from '../format';

const OPEN = OPEN_STATUSES.join(',');
const SLA_LABEL: Record<string, string> = { on_track: 'On track', warning: 'Warning (75 %)', escalated: 'Escalated (90 %)', breached: 'Breached', paused: 'Paused', met: 'Met', none: 'No SLA' };

function Select({ label, name, value, options, onChange }: { label: string; name: string; value: string; options: [string, string][]; onChange: (v: string) => void }) {
  const id = `filter-${name}`;
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="text-xs">
        {label}
      </label>
      <select id={id} name={name} className="input mt-1 py-1.5" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

const opts = (values: readonly string[], labels: Record<string, string>): [string, string][] => values.map((v) => [v, labelOf(labels, v)]);

export function TicketFilters({ filters, onChange, users }: { filters: Filters; onChange: (patch: Filters, replaceAll?: boolean) => void; users?: UserSummary[] }) {
  const [q, setQ] = useState(filters.q ?? '');
  const [dr, setDr] = useState(filters.dr ?? '');
  // Open on wide screens; on a phone the filters fold away so the tickets come first.
  const [open] = useState(() => typeof window === 'undefined' || window.matchMedia('(min-width: 768px)').matches);
  // Keep the text boxes in step when the URL changes (back button, a dashboard link).
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  useEffect(() => setDr(filters.dr ?? ''), [filters.dr]);

  const statusOptions: [string, string][] = [[OPEN, 'Open (any open status)'], ...opts(TICKET_STATUSES, STATUS_LABEL)];
  const statusValue = filters.status ?? '';
  if (statusValue && !statusOptions.some(([v]) => v === statusValue)) statusOptions.push([statusValue, statusValue.split(',').map((s) => labelOf(STATUS_LABEL, s)).join(', ')]);
  const assigneeOptions: [string, string][] = [['me', 'Me'], ['unassigned', 'Unassigned'], ...(users ?? []).map((u): [string, string] => [u.id, u.name])];

  function submit(e: FormEvent) {
    e.preventDefault();
    // "1734315" is a DR number too.
    onChange({ q: q.trim(), dr: dr.trim().toUpperCase().replace(/^(DR)?\s*(\d{1,7})$/, 'DR$2') });
  }
  const active = Object.keys(filters).filter((k) => k !== 'sort' && k !== 'order').length;

  return (
    <details className="card mb-4 p-3 sm:p-4" open={open}>
      <summary className="cursor-pointer text-sm font-semibold text-slate-700">
        Filters{active > 0 && <span className="ml-2 rounded-full bg-brand-100 px-2 text-xs text-brand-700">{active} active</span>}
      </summary>
      <form onSubmit={submit} role="search" aria-label="Filter tickets" className="mt-3 space-y-3">
        <div className="flex flex-col gap-2 sm:flex-row">
          <div className="flex-1">
            <label htmlFor="filter-q" className="text-xs">
              Search
            </label>
            <input id="filter-q" type="search" className="input mt-1" placeholder="UID, title, description or DR" value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
          <div className="sm:w-40">
            <label htmlFor="filter-dr" className="text-xs">
              DR number
            </label>
            <input id="filter-dr" className="input mt-1" placeholder="DR1734472" value={dr} onChange={(e) => setDr(e.target.value)} />
          </div>
          <div className="flex items-end gap-2">
            <button type="submit" className="btn-primary">
              Apply
            </button>
            <button type="button" className="btn-secondary" onClick={() => onChange({ sort: filters.sort, order: filters.order }, true)} disabled={active === 0}>
              Clear
            </button>
          </div>
        </div>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-7">
          <Select label="Status" name="status" value={statusValue} options={statusOptions} onChange={(v) => onChange({ status: v })} />
          <Select label="Priority" name="priority" value={filters.priority ?? ''} options={opts(TICKET_PRIORITIES, PRIORITY_LABEL)} onChange={(v) => onChange({ priority: v })} />
          <Select label="Source" name="source" value={filters.source ?? ''} options={opts(TICKET_SOURCES, SOURCE_LABEL)} onChange={(v) => onChange({ source: v })} />
          <Select label="Type" name="type" value={filters.type ?? ''} options={opts(TICKET_TYPES, TYPE_LABEL)} onChange={(v) => onChange({ type: v })} />
          <Select label="SLA" name="slaState" value={filters.slaState ?? ''} options={opts(SLA_STATES, SLA_LABEL)} onChange={(v) => onChange({ slaState: v })} />
          <Select label="Billing" name="billingType" value={filters.billingType ?? ''} options={opts(BILLING_TYPES, BILLING_LABEL)} onChange={(v) => onChange({ billingType: v })} />
          <Select label="Assignee" name="assignee" value={filters.assignee ?? ''} options={assigneeOptions} onChange={(v) => onChange({ assignee: v })} />
        </div>
        <div className="grid grid-cols-2 gap-2 sm:w-96">
          <div>
            <label htmlFor="filter-from" className="text-xs">
              Created from
            </label>
            <input id="filter-from" type="date" className="input mt-1 py-1.5" value={filters.createdFrom ?? ''} onChange={(e) => onChange({ createdFrom: e.target.value })} />
          </div>
          <div>
            <label htmlFor="filter-to" className="text-xs">
              Created to
            </label>
            <input id="filter-to" type="date" className="input mt-1 py-1.5" value={filters.createdTo ?? ''} onChange={(e) => onChange({ createdTo: e.target.value })} />
          </div>
        </div>
      </form>
    </details>
  );
}
