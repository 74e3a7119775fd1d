// Create or change a client contract; the project picker also fixes the client (a project belongs to one client).
import { useState, type FormEvent } from 'react';
import type { Contract } from '../../hooks/types';
import { useMutation } from '../../hooks/useApi';
import { useClients, useProjectList } from '../../hooks/useOrganisations';
import { centsToInput, parseRand } from '../format';
import { Field } from '../ui/Field';
import { Notice, Spinner } from '../ui/States';

export function ContractForm({ contract, onSaved, onCancel }: { contract?: Contract; onSaved: () => void; onCancel: () => void }) {
  const { projects, byClient } = useProjectList();
  const { clients } = useClients();
  const [v, setV] = useState({
    projectId: contract?.projectId ?? '', contractNumber: contract?.contractNumber ?? '', name: contract?.name ?? '',
    startDate: contract?.startDate ?? new Date().toISOString().slice(0, 10), endDate: contract?.endDate ?? '', responseHours: String(contract?.responseHours ?? ''),
    resolutionHours: String(contract?.resolutionHours ?? ''), businessHoursOnly: contract?.businessHoursOnly ?? true, hourlyRate: centsToInput(contract?.hourlyRateCents),
    wholeClient: contract ? contract.projectId === null : false, clientId: contract?.clientId ?? '',
  });
  const [local, setLocal] = useState<string | null>(null);
  const { run, pending, error } = useMutation<Contract>();
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV((o) => ({ ...o, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const rate = v.hourlyRate.trim() ? parseRand(v.hourlyRate) : null;
    if (v.hourlyRate.trim() && rate === null) return setLocal('The hourly rate is an amount in rand, e.g. 450 or 450.50');
    setLocal(null);
    const num = (s: string) => (s.trim() ? Number(s) : null);
    const body: Record<string, unknown> = {
      contractNumber: v.contractNumber.trim(), name: v.name.trim(), startDate: v.startDate, endDate: v.endDate || null, responseHours: num(v.responseHours),
      resolutionHours: num(v.resolutionHours), businessHoursOnly: v.businessHoursOnly, hourlyRateCents: rate,
    };
    if (!contract) body.projectId = v.wholeClient ? null : v.projectId || null;
    if (!contract) body.clientId = v.wholeClient ? v.clientId : (projects.find((p) => p.id === v.projectId)?.clientId ?? '');
    const ok = await run(contract ? `contracts-detail?id=${contract.id}` : 'contracts', { method: contract ? 'PATCH' : 'POST', body });
    if (ok) onSaved();
  }

  const fe = (k: string) => error?.fields[k];
  return (
    <form onSubmit={(e) => void submit(e)} className="grid gap-3 sm:grid-cols-3" aria-label={contract ? `Edit contract ${contract.contractNumber}` : 'New contract'}>
      {v.wholeClient && !contract ? (
        <Field label="Client" error={fe('clientId')} required>
          <select className="input" value={v.clientId} onChange={set('clientId')}>
            <option value="">Choose a client…</option>
            {clients.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </Field>
      ) : (
        <Field label="Project" error={fe('projectId') ?? fe('clientId')} required={!contract}>
          <select className="input" value={v.projectId} onChange={set('projectId')} disabled={Boolean(contract)}>
            <option value="">{contract ? 'All projects of the client' : 'Choose a project…'}</option>
            {byClient.map((g) => (
              <optgroup key={g.clientId} label={g.clientName}>
                {g.projects.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
              </optgroup>
            ))}
          </select>
        </Field>
      )}
      {!contract && (
        <label className="inline-flex items-center gap-2 self-end font-normal">
          <input type="checkbox" checked={v.wholeClient} onChange={(e) => setV((o) => ({ ...o, wholeClient: e.target.checked }))} /> Cover every project of a client
        </label>
      )}
      <Field label="Contract number" error={fe('contractNumber')} required><input className="input" value={v.contractNumber} onChange={set('contractNumber')} /></Field>
      <Field label="Name" error={fe('name')} required><input className="input" value={v.name} onChange={set('name')} /></Field>
      <Field label="Starts" error={fe('startDate')} required><input className="input" type="date" value={v.startDate} onChange={set('startDate')} /></Field>
      <Field label="Ends" error={fe('endDate')}><input className="input" type="date" value={v.endDate} onChange={set('endDate')} /></Field>
      <Field label="Response hours" error={fe('responseHours')}><input className="input" inputMode="decimal" value={v.responseHours} onChange={set('responseHours')} /></Field>
      <Field label="Resolution hours" error={fe('resolutionHours')}><input className="input" inputMode="decimal" value={v.resolutionHours} onChange={set('resolutionHours')} /></Field>
      <Field label="Hourly rate (R)" error={local ?? fe('hourlyRateCents')}><input className="input" inputMode="decimal" value={v.hourlyRate} onChange={set('hourlyRate')} /></Field>
      <label className="inline-flex items-center gap-2 self-end font-normal">
        <input type="checkbox" checked={v.businessHoursOnly} onChange={(e) => setV((o) => ({ ...o, businessHoursOnly: e.target.checked }))} /> Business hours only
      </label>
      <div className="flex flex-wrap items-center gap-2 sm:col-span-3">
        {error && Object.keys(error.fields).length === 0 && <Notice tone="error">{error.message}</Notice>}
        <button type="submit" className="btn-primary" disabled={pending}>{pending && <Spinner />} Save contract</button>
        <button type="button" className="btn-secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
