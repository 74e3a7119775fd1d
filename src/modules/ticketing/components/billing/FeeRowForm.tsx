// Edit or add one fee row: amounts typed in rand, sent as cents; the API's field messages show on the fields.
import { useState, type FormEvent } from 'react';
import { TICKET_PRIORITIES, TICKET_TYPES } from '../../types/enums';
import type { FeeRow } from '../../hooks/types';
import { useMutation } from '../../hooks/useApi';
import { centsToInput, labelOf, parseRand, PRIORITY_LABEL, TYPE_LABEL } from '../format';
import { Field } from '../ui/Field';
import { Notice, Spinner } from '../ui/States';

interface FeeRowFormProps {
  row?: FeeRow;
  projects: { projectId: string; projectName: string }[];
  onSaved: () => void;
  onCancel: () => void;
}

const MONEY = ['baseFeeCents', 'hourlyRateCents', 'travelFeeCents'] as const;

export function FeeRowForm({ row, projects, onSaved, onCancel }: FeeRowFormProps) {
  const [v, setV] = useState({
    serviceType: row?.serviceType ?? '', ticketType: row?.ticketType ?? 'fault', priority: row?.priority ?? '', projectId: row?.projectId ?? '',
    baseFeeCents: centsToInput(row?.baseFeeCents ?? 0), hourlyRateCents: centsToInput(row?.hourlyRateCents ?? 0), travelFeeCents: centsToInput(row?.travelFeeCents ?? 0),
    afterHoursMultiplier: String(row?.afterHoursMultiplier ?? 1.5), defaultHours: String(row?.defaultHours ?? 1),
    effectiveFrom: row?.effectiveFrom ?? new Date().toISOString().slice(0, 10), effectiveTo: row?.effectiveTo ?? '', reason: '',
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const { run, pending, error } = useMutation<unknown>();
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV((o) => ({ ...o, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    const money: Record<string, number> = {};
    for (const k of MONEY) {
      const c = parseRand(v[k]);
      if (c === null) problems[k] = 'Enter an amount in rand, e.g. 350 or 350.50';
      else money[k] = c;
    }
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const body: Record<string, unknown> = {
      serviceType: v.serviceType.trim(), ticketType: v.ticketType, priority: v.priority || null, projectId: v.projectId || null, ...money,
      afterHoursMultiplier: Number(v.afterHoursMultiplier), defaultHours: Number(v.defaultHours), effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo || null,
    };
    if (row) {
      body.id = row.id;
      if (v.reason.trim()) body.reason = v.reason.trim();
    }
    if (await run('fee-schedule', { method: row ? 'PATCH' : 'POST', body })) onSaved();
  }

  const err = (k: string) => local[k] ?? error?.fields[k];
  return (
    <form onSubmit={(e) => void submit(e)} className="grid gap-3 rounded-md border border-brand-200 bg-brand-50/40 p-3 sm:grid-cols-4" aria-label={row ? `Edit fee row ${row.serviceType}` : 'New fee row'}>
      <Field label="Service" error={err('serviceType')} required>
        <input className="input" value={v.serviceType} onChange={set('serviceType')} />
      </Field>
      <Field label="Ticket type" error={err('ticketType')}>
        <select className="input" value={v.ticketType} onChange={set('ticketType')}>
          {TICKET_TYPES.map((t) => <option key={t} value={t}>{labelOf(TYPE_LABEL, t)}</option>)}
        </select>
      </Field>
      <Field label="Priority" error={err('priority')}>
        <select className="input" value={v.priority} onChange={set('priority')}>
          <option value="">Any priority</option>
          {TICKET_PRIORITIES.map((p) => <option key={p} value={p}>{labelOf(PRIORITY_LABEL, p)}</option>)}
        </select>
      </Field>
      <Field label="Project" error={err('projectId')}>
        <select className="input" value={v.projectId} onChange={set('projectId')}>
          <option value="">All projects</option>
          {projects.map((p) => <option key={p.projectId} value={p.projectId}>{p.projectName}</option>)}
        </select>
      </Field>
      <Field label="Base fee (R)" error={err('baseFeeCents')} required>
        <input className="input" inputMode="decimal" value={v.baseFeeCents} onChange={set('baseFeeCents')} />
      </Field>
      <Field label="Hourly rate (R)" error={err('hourlyRateCents')} required>
        <input className="input" inputMode="decimal" value={v.hourlyRateCents} onChange={set('hourlyRateCents')} />
      </Field>
      <Field label="Travel fee (R)" error={err('travelFeeCents')}>
        <input className="input" inputMode="decimal" value={v.travelFeeCents} onChange={set('travelFeeCents')} />
      </Field>
      <Field label="After-hours multiplier" error={err('afterHoursMultiplier')}>
        <input className="input" inputMode="decimal" value={v.afterHoursMultiplier} onChange={set('afterHoursMultiplier')} />
      </Field>
      <Field label="Default hours" error={err('defaultHours')}>
        <input className="input" inputMode="decimal" value={v.defaultHours} onChange={set('defaultHours')} />
      </Field>
      <Field label="Effective from" error={err('effectiveFrom')} required>
        <input className="input" type="date" value={v.effectiveFrom} onChange={set('effectiveFrom')} />
      </Field>
      <Field label="Effective to" error={err('effectiveTo')}>
        <input className="input" type="date" value={v.effectiveTo} onChange={set('effectiveTo')} />
      </Field>
      {row && (
        <Field label="Why the change" error={err('reason')}>
          <input className="input" value={v.reason} onChange={set('reason')} />
        </Field>
      )}
      <div className="flex flex-wrap items-end gap-2 sm:col-span-4">
        {error && Object.keys(error.fields).length === 0 && <Notice tone="error">{error.message}</Notice>}
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending && <Spinner />} {row ? 'Save fee row' : 'Add fee row'}
        </button>
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
