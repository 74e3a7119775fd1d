// Create or edit one drop of the register; deactivating keeps it (tickets may point at it).
import { useState, type FormEvent } from 'react';
import { useMutation } from '../../hooks/useApi';
import { Field } from '../ui/Field';
import type { DropRecord } from '../../services/network/dropImportRules';

/** A drop as the register lists it: the fields the import writes, plus its id, project name and state. */
export interface DropRow extends DropRecord {
  id: string;
  projectName: string;
  active: boolean;
}

const TEXT: [keyof DropRow, string][] = [['address', 'Address'], ['installDate', 'Install date (YYYY-MM-DD)'], ['ontSerial', 'ONT serial'], ['poleNumber', 'Pole'], ['pon', 'PON'], ['zone', 'Zone']];

export function DropForm({ drop, projects, onDone }: { drop: DropRow | null; projects: { id: string; name: string }[]; onDone: (msg: string) => void }) {
  const [v, setV] = useState<Record<string, string>>(() => {
    const o: Record<string, string> = { drNumber: drop?.drNumber ?? '', projectId: drop?.projectId ?? '', gpsLat: drop?.gpsLat?.toString() ?? '', gpsLng: drop?.gpsLng?.toString() ?? '' };
    for (const [k] of TEXT) o[k] = (drop?.[k] as string | null) ?? '';
    return o;
  });
  const { run, pending, error } = useMutation<DropRow & { ticketsRechecked?: number }>();
  const submit = async (e: FormEvent, extra: Record<string, unknown> = {}) => {
    e.preventDefault();
    const body: Record<string, unknown> = { projectId: v.projectId, gpsLat: v.gpsLat ? Number(v.gpsLat) : null, gpsLng: v.gpsLng ? Number(v.gpsLng) : null, ...extra };
    for (const [k] of TEXT) body[k] = v[k] || null;
    if (!drop) body.drNumber = v.drNumber;
    const saved = await run(drop ? `network-drops?id=${drop.id}` : 'network-drops', { method: drop ? 'PATCH' : 'POST', body });
    if (saved) onDone(saved.ticketsRechecked ? `${saved.drNumber} saved; ${saved.ticketsRechecked} open ticket(s) re-checked` : `${saved.drNumber} saved`);
  };
  const set = (k: string) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  return (
    <form className="card grid grid-cols-1 gap-3 p-4 sm:grid-cols-3" onSubmit={(e) => void submit(e)} aria-label={drop ? `Edit ${drop.drNumber}` : 'New drop'}>
      {!drop && (
        <Field label="DR number" error={error?.fields.drNumber} required>
          <input className="input" name="drNumber" value={v.drNumber} onChange={set('drNumber')} />
        </Field>
      )}
      <Field label="Project" error={error?.fields.projectId} required>
        <select className="input" name="projectId" value={v.projectId} onChange={set('projectId')}>
          <option value="">Choose…</option>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>{p.name}</option>
          ))}
        </select>
      </Field>
      {TEXT.map(([k, label]) => (
        <Field key={k} label={label} error={error?.fields[k]}>
          <input className="input" name={k} value={v[k]} onChange={set(k)} />
        </Field>
      ))}
      <Field label="Latitude" error={error?.fields.gpsLat}>
        <input className="input" name="gpsLat" inputMode="decimal" value={v.gpsLat} onChange={set('gpsLat')} />
      </Field>
      <Field label="Longitude" error={error?.fields.gpsLng}>
        <input className="input" name="gpsLng" inputMode="decimal" value={v.gpsLng} onChange={set('gpsLng')} />
      </Field>
      {error && !Object.keys(error.fields).length && <p role="alert" className="text-sm text-red-700 sm:col-span-3">{error.message}</p>}
      <div className="flex gap-2 sm:col-span-3">
        <button type="submit" className="btn-primary" disabled={pending}>Save</button>
        {drop && (
          <button type="button" className="btn-secondary" disabled={pending} onClick={(e) => void submit(e as unknown as FormEvent, { active: !drop.active })}>
            {drop.active ? 'Deactivate' : 'Reactivate'}
          </button>
        )}
      </div>
    </form>
  );
}
