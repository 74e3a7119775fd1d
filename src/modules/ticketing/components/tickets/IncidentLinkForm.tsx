// Linking tickets into a mass incident: as the parent, paste UIDs and/or tick open tickets nearby; as a plain
// ticket, name the incident (parent) to join.
import { useId, useState, type FormEvent } from 'react';
import type { IncidentCandidate } from '../../db/incidentRepo';
import { Field } from '../ui/Field';
import { Spinner } from '../ui/States';
import { parseTicketRefs, refsToLink, sharedLabel } from './incidentModel';

type Props =
  | { mode: 'children'; candidates: IncidentCandidate[]; busy: boolean; onLink: (childRefs: string[]) => Promise<boolean> }
  | { mode: 'join'; busy: boolean; onJoin: (parentRef: string) => Promise<boolean> };

export function IncidentLinkForm(props: Props) {
  return props.mode === 'children' ? <ChildrenForm {...props} /> : <JoinForm {...props} />;
}

function ChildrenForm({ candidates, busy, onLink }: Extract<Props, { mode: 'children' }>) {
  const [pasted, setPasted] = useState('');
  const [ticked, setTicked] = useState<string[]>([]);
  const legendId = useId();
  const refs = refsToLink(pasted, ticked);
  const toggle = (uid: string, on: boolean) => setTicked((t) => (on ? [...t, uid] : t.filter((x) => x !== uid)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (refs.length === 0) return;
    if (await onLink(refs)) {
      setPasted('');
      setTicked([]);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-3" aria-label="Add tickets to this incident">
      <Field label="Ticket UIDs to add" hint="Paste one or more UIDs, separated by spaces, commas or new lines.">
        <textarea className="input min-h-16 font-mono" name="incidentChildren" value={pasted} onChange={(e) => setPasted(e.target.value)} rows={2} />
      </Field>
      {candidates.length > 0 && (
        <fieldset aria-labelledby={legendId} className="space-y-1">
          <legend id={legendId} className="text-sm">Open tickets nearby</legend>
          <ul className="max-h-48 space-y-1 overflow-y-auto">
            {candidates.map((c) => (
              <li key={c.id}>
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={ticked.includes(c.ticketUid)} onChange={(e) => toggle(c.ticketUid, e.target.checked)} />
                  <span className="font-mono">{c.ticketUid}</span>
                  <span className="text-xs text-slate-600">{c.drNumber ?? 'No DR'} · {sharedLabel(c.sharedOn)}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <button type="submit" className="btn-secondary w-full" disabled={busy || refs.length === 0}>
        {busy && <Spinner />} {refs.length > 1 ? `Link ${refs.length} tickets` : 'Link ticket'}
      </button>
    </form>
  );
}

function JoinForm({ busy, onJoin }: Extract<Props, { mode: 'join' }>) {
  const [parent, setParent] = useState('');
  const ref = parseTicketRefs(parent)[0] ?? '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (ref && (await onJoin(ref))) setParent('');
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-3" aria-label="Add this ticket to an incident">
      <Field label="Incident (parent ticket) UID" hint="The ticket that leads the incident, e.g. FF-000123.">
        <input className="input font-mono" name="incidentParent" value={parent} onChange={(e) => setParent(e.target.value)} autoComplete="off" />
      </Field>
      <button type="submit" className="btn-secondary w-full" disabled={busy || !ref}>
        {busy && <Spinner />} Add to incident
      </button>
    </form>
  );
}
