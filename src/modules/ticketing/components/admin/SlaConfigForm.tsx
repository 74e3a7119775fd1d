// Create or change one SLA rule; cross-field problems (response longer than resolution, thresholds) come back on the fields.
import { useState, type FormEvent } from 'react';
import { TICKET_PRIORITIES, TICKET_TYPES } from '../../types/enums';
import type { SlaConfig } from '../../hooks/types';
import { useMutation } from '../../hooks/useApi';
import { labelOf, PRIORITY_LABEL, TYPE_LABEL } from '../format';
import { Field } from '../ui/Field';
import { Notice, Spinner } from '../ui/States';

export function SlaConfigForm({ config, onSaved, onCancel }: { config?: SlaConfig; onSaved: () => void; onCancel: () => void }) {
  const [v, setV] = useState({
    ticketType: config?.ticketType ?? 'fault', priority: config?.priority ?? 'medium', responseHours: String(config?.responseHours ?? 4),
    resolutionHours: String(config?.resolutionHours ?? 24), businessHoursOnly: config?.businessHoursOnly ?? true, warningPct: String(config?.warningPct ?? 75),
    escalationPct: String(config?.escalationPct ?? 90), active: config?.active ?? true,
  });
  const { run, pending, error } = useMutation<SlaConfig>();
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV((o) => ({ ...o, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body: Record<string, unknown> = {
      responseHours: Number(v.responseHours), resolutionHours: Number(v.resolutionHours), businessHoursOnly: v.businessHoursOnly,
      warningPct: Number(v.warningPct), escalationPct: Number(v.escalationPct), active: v.active,
    };
    if (!config) Object.assign(body, { ticketType: v.ticketType, priority: v.priority });
    const ok = await run(config ? `sla-configs?id=${config.id}` : 'sla-configs', { method: config ? 'PATCH' : 'POST', body });
    if (ok) onSaved();
  }

  const fe = (k: string) => error?.fields[k];
  return (
    <form onSubmit={(e) => void submit(e)} className="grid gap-3 sm:grid-cols-4" aria-label={config ? `Edit SLA rule ${config.ticketType} ${config.priority}` : 'New SLA rule'}>
      {!config && (
        <>
          <Field label="Ticket type" error={fe('ticketType')}>
            <select className="input" value={v.ticketType} onChange={set('ticketType')}>
              {TICKET_TYPES.map((t) => <option key={t} value={t}>{labelOf(TYPE_LABEL, t)}</option>)}
            </select>
          </Field>
          <Field label="Priority" error={fe('priority')}>
            <select className="input" value={v.priority} onChange={set('priority')}>
              {TICKET_PRIORITIES.map((p) => <option key={p} value={p}>{labelOf(PRIORITY_LABEL, p)}</option>)}
            </select>
          </Field>
        </>
      )}
      <Field label="Response hours" error={fe('responseHours')}>
        <input className="input" inputMode="decimal" value={v.responseHours} onChange={set('responseHours')} />
      </Field>
      <Field label="Resolution hours" error={fe('resolutionHours')}>
        <input className="input" inputMode="decimal" value={v.resolutionHours} onChange={set('resolutionHours')} />
      </Field>
      <Field label="Warning at (%)" error={fe('warningPct')}>
        <input className="input" inputMode="numeric" value={v.warningPct} onChange={set('warningPct')} />
      </Field>
      <Field label="Escalate at (%)" error={fe('escalationPct')}>
        <input className="input" inputMode="numeric" value={v.escalationPct} onChange={set('escalationPct')} />
      </Field>
      <label className="inline-flex items-center gap-2 font-normal">
        <input type="checkbox" checked={v.businessHoursOnly} onChange={(e) => setV((o) => ({ ...o, businessHoursOnly: e.target.checked }))} />
        Count business hours only
      </label>
      <label className="inline-flex items-center gap-2 font-normal">
        <input type="checkbox" checked={v.active} onChange={(e) => setV((o) => ({ ...o, active: e.target.checked }))} />
        Active
      </label>
      <div className="flex flex-wrap items-center gap-2 sm:col-span-4">
        {error && Object.keys(error.fields).length === 0 && <Notice tone="error">{error.message}</Notice>}
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending && <Spinner />} Save rule
        </button>
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
