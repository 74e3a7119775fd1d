// The fee schedule: every row with its rates and validity; managers edit a row in place or add one.
import { Fragment, useState } from 'react';
import type { FeeRow } from '../../hooks/types';
import { useApi } from '../../hooks/useApi';
import { useMe } from '../../hooks/useMe';
import { useProjects } from '../../hooks/useProjects';
import { formatCents, formatDate, labelOf, PRIORITY_LABEL, TYPE_LABEL } from '../format';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { FeeRowForm } from './FeeRowForm';
import { FeeRowCards } from './FeeRowCards';

export function FeeScheduleEditor() {
  const { can } = useMe();
  const { data, error, isLoading, mutate } = useApi<FeeRow[]>('fee-schedule');
  const { projects, names } = useProjects();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const manage = can('fees:manage');
  const saved = () => {
    setEditing(null);
    void mutate();
  };
  return (
    <div>
      <PageHeader
        title="Fee schedule"
        description="Billable work is priced from the most specific active row: base fee + hourly rate × hours + travel, in rand excl. VAT."
        actions={manage && editing !== 'new' && <button type="button" className="btn-primary" onClick={() => setEditing('new')}>Add fee row</button>}
      />
      {editing === 'new' && (
        <div className="mb-4">
          <FeeRowForm projects={projects} onSaved={saved} onCancel={() => setEditing(null)} />
        </div>
      )}
      {isLoading ? (
        <LoadingState label="Loading fee schedule" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void mutate()} />
      ) : !data?.length ? (
        <EmptyState>No fee rows yet.</EmptyState>
      ) : (
        <>
        <FeeRowCards rows={data} names={names} projects={projects} manage={manage} editing={editing} onEdit={setEditing} onSaved={saved} />
        <div className="card hidden overflow-x-auto md:block">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Fee rows</caption>
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
              <tr>
                {['Service', 'Type', 'Priority', 'Project', 'Base', 'Hourly', 'Travel', 'After hours', 'Valid', ''].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2">{h || <span className="sr-only">Actions</span>}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.map((r) => (
                <Fragment key={r.id}>
                  <tr className={r.active ? '' : 'text-slate-600'} data-testid="fee-row">
                    <td className="px-3 py-2 font-medium">{r.serviceType}</td>
                    <td className="px-3 py-2">{labelOf(TYPE_LABEL, r.ticketType)}</td>
                    <td className="px-3 py-2">{r.priority ? labelOf(PRIORITY_LABEL, r.priority) : 'Any'}</td>
                    <td className="px-3 py-2">{r.projectId ? (names.get(r.projectId) ?? 'A project') : 'All'}</td>
                    <td className="px-3 py-2 tabular-nums">{formatCents(r.baseFeeCents)}</td>
                    <td className="px-3 py-2 tabular-nums">{formatCents(r.hourlyRateCents)}</td>
                    <td className="px-3 py-2 tabular-nums">{formatCents(r.travelFeeCents)}</td>
                    <td className="px-3 py-2">× {r.afterHoursMultiplier}</td>
                    <td className="whitespace-nowrap px-3 py-2">
                      {formatDate(r.effectiveFrom)} – {r.effectiveTo ? formatDate(r.effectiveTo) : 'open'}
                      {!r.active && ' (inactive)'}
                    </td>
                    <td className="px-3 py-2 text-right">
                      {manage && editing !== r.id && (
                        <button type="button" className="btn-secondary py-1" onClick={() => setEditing(r.id)} aria-label={`Edit ${r.serviceType} ${r.priority ?? 'any'}`}>
                          Edit
                        </button>
                      )}
                    </td>
                  </tr>
                  {editing === r.id && (
                    <tr>
                      <td colSpan={10} className="p-3">
                        <FeeRowForm row={r} projects={projects} onSaved={saved} onCancel={() => setEditing(null)} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
        </>
      )}
    </div>
  );
}
