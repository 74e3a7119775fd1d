// The fee schedule on a phone: one card per row (a ten-column table would pan sideways), editable in place.
import type { FeeRow } from '../../hooks/types';
import type { ComponentProps } from 'react';
import { formatCents, formatDate, labelOf, PRIORITY_LABEL, TYPE_LABEL } from '../format';
import { FeeRowForm } from './FeeRowForm';

interface FeeRowCardsProps {
  rows: FeeRow[];
  names: Map<string, string>;
  projects: ComponentProps<typeof FeeRowForm>['projects'];
  manage: boolean;
  editing: string | null;
  onEdit: (id: string | null) => void;
  onSaved: () => void;
}

export function FeeRowCards({ rows, names, projects, manage, editing, onEdit, onSaved }: FeeRowCardsProps) {
  return (
    <ul className="space-y-2 md:hidden" aria-label="Fee rows">
      {rows.map((r) => (
        <li key={r.id} className={`card p-3 text-sm ${r.active ? '' : 'text-slate-600'}`} data-testid="fee-card">
          {editing === r.id ? (
            <FeeRowForm row={r} projects={projects} onSaved={onSaved} onCancel={() => onEdit(null)} />
          ) : (
            <>
              <div className="flex items-start justify-between gap-2">
                <p className="font-medium [overflow-wrap:anywhere]">{r.serviceType}</p>
                {manage && (
                  <button type="button" className="btn-secondary py-1" onClick={() => onEdit(r.id)} aria-label={`Edit ${r.serviceType} ${r.priority ?? 'any'}`}>
                    Edit
                  </button>
                )}
              </div>
              <p className="text-slate-700">
                {labelOf(TYPE_LABEL, r.ticketType)} · {r.priority ? labelOf(PRIORITY_LABEL, r.priority) : 'Any priority'} ·{' '}
                {r.projectId ? (names.get(r.projectId) ?? 'A project') : 'All projects'}
              </p>
              <dl className="mt-2 grid grid-cols-3 gap-1 tabular-nums">
                <div>
                  <dt className="text-xs text-slate-600">Base</dt>
                  <dd>{formatCents(r.baseFeeCents)}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-600">Hourly</dt>
                  <dd>{formatCents(r.hourlyRateCents)}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-600">Travel</dt>
                  <dd>{formatCents(r.travelFeeCents)}</dd>
                </div>
              </dl>
              <p className="mt-1 text-xs text-slate-700">
                After hours × {r.afterHoursMultiplier} · {formatDate(r.effectiveFrom)} – {r.effectiveTo ? formatDate(r.effectiveTo) : 'open'}
                {!r.active && ' (inactive)'}
              </p>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
