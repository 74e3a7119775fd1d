// Client contracts: which client (and project) has an SLA contract, its hours and rates; managers add and end them.
import { useState } from 'react';
import type { Contract } from '../../hooks/types';
import { useApi, useMutation } from '../../hooks/useApi';
import { useMe } from '../../hooks/useMe';
import { formatCents, formatDate } from '../format';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState, Notice } from '../ui/States';
import { ContractForm } from './ContractForm';

export function ContractManager() {
  const { can } = useMe();
  const { data, error, isLoading, mutate } = useApi<Contract[]>('contracts');
  const [editing, setEditing] = useState<string | null>(null);
  const end = useMutation<Contract>();
  const manage = can('contracts:manage');
  const saved = () => {
    setEditing(null);
    void mutate();
  };
  async function deactivate(c: Contract) {
    if (await end.run(`contracts-detail?id=${c.id}`, { method: 'DELETE' })) void mutate();
  }
  return (
    <div>
      <PageHeader
        title="Contracts"
        description="Work for a client under an active contract is covered by it (no approval needed) and its SLA hours apply."
        actions={manage && editing !== 'new' && <button type="button" className="btn-primary" onClick={() => setEditing('new')}>Add contract</button>}
      />
      {editing === 'new' && <div className="card mb-4 p-4"><ContractForm onSaved={saved} onCancel={() => setEditing(null)} /></div>}
      {end.error && <div className="mb-3"><Notice tone="error">{end.error.message}</Notice></div>}
      {isLoading ? (
        <LoadingState label="Loading contracts" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void mutate()} />
      ) : !data?.length ? (
        <EmptyState>No contracts yet: out-of-guarantee work is billable.</EmptyState>
      ) : (
        <ul className="space-y-2" aria-label="Contracts">
          {data.map((c) => (
            <li key={c.id} className="card p-4 text-sm" data-testid="contract">
              {editing === c.id ? (
                <ContractForm contract={c} onSaved={saved} onCancel={() => setEditing(null)} />
              ) : (
                <div className="flex flex-wrap items-start gap-3">
                  <div className="min-w-0 flex-1">
                    <p className="font-semibold">
                      {c.name} <span className="font-mono text-xs text-slate-500">{c.contractNumber}</span>
                      {!c.active && <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-600">inactive</span>}
                    </p>
                    <p className="text-slate-600">
                      {c.clientName ?? 'Client'} · {c.projectName ?? 'all projects'} · {formatDate(c.startDate)} – {c.endDate ? formatDate(c.endDate) : 'open-ended'}
                    </p>
                    <p className="text-slate-600">
                      {c.responseHours ? `Response ${c.responseHours} h` : 'Default response'} · {c.resolutionHours ? `resolution ${c.resolutionHours} h` : 'default resolution'} ·{' '}
                      {c.businessHoursOnly ? 'business hours' : 'around the clock'}
                      {c.hourlyRateCents !== null && ` · ${formatCents(c.hourlyRateCents)}/h`}
                    </p>
                  </div>
                  {manage && (
                    <div className="flex gap-2">
                      <button type="button" className="btn-secondary py-1" onClick={() => setEditing(c.id)} aria-label={`Edit ${c.contractNumber}`}>Edit</button>
                      {c.active && <button type="button" className="btn-secondary py-1" onClick={() => void deactivate(c)} aria-label={`Deactivate ${c.contractNumber}`}>Deactivate</button>}
                    </div>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
