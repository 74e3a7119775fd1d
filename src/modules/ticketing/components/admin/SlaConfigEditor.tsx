// SLA rules per ticket type and priority: response and resolution hours, business hours or around the clock, thresholds.
import { useState } from 'react';
import type { SlaConfig } from '../../hooks/types';
import { useApi } from '../../hooks/useApi';
import { useMe } from '../../hooks/useMe';
import { labelOf, PRIORITY_LABEL, TYPE_LABEL } from '../format';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { SlaConfigForm } from './SlaConfigForm';

export function SlaConfigEditor() {
  const { can } = useMe();
  const { data, error, isLoading, mutate } = useApi<SlaConfig[]>('sla-configs');
  const [editing, setEditing] = useState<string | null>(null);
  const manage = can('sla:manage');
  const saved = () => {
    setEditing(null);
    void mutate();
  };
  return (
    <div>
      <PageHeader
        title="SLA rules"
        description="Targets per ticket type and priority. A change applies to tickets whose targets are set from then on; client contracts can override the hours."
        actions={manage && editing !== 'new' && <button type="button" className="btn-primary" onClick={() => setEditing('new')}>Add rule</button>}
      />
      {editing === 'new' && <div className="mb-4"><SlaConfigForm onSaved={saved} onCancel={() => setEditing(null)} /></div>}
      {isLoading ? (
        <LoadingState label="Loading SLA rules" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void mutate()} />
      ) : !data?.length ? (
        <EmptyState>No SLA rules yet: tickets get no SLA clock.</EmptyState>
      ) : (
        <ul className="space-y-2" aria-label="SLA rules">
          {data.map((c) => (
            <li key={c.id} className="card p-3 text-sm" data-testid="sla-config">
              {editing === c.id ? (
                <SlaConfigForm config={c} onSaved={saved} onCancel={() => setEditing(null)} />
              ) : (
                <div className="flex flex-wrap items-center gap-x-6 gap-y-1">
                  <span className="w-44 font-medium">
                    {labelOf(TYPE_LABEL, c.ticketType)} · {labelOf(PRIORITY_LABEL, c.priority)}
                    {!c.active && <span className="ml-1 text-slate-600">(inactive)</span>}
                  </span>
                  <span>Response {c.responseHours} h</span>
                  <span>Resolution {c.resolutionHours} h</span>
                  <span>{c.businessHoursOnly ? 'Business hours' : 'Around the clock'}</span>
                  <span className="text-slate-500">Warn {c.warningPct} % · escalate {c.escalationPct} %</span>
                  {manage && (
                    <button type="button" className="btn-secondary ml-auto py-1" onClick={() => setEditing(c.id)} aria-label={`Edit ${c.ticketType} ${c.priority}`}>
                      Edit
                    </button>
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
