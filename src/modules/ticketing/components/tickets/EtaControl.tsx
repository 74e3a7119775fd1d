// The technician's arrival: set or clear when the technician expects to be on site (South African time). The customer
// sees it in the WhatsApp status reply while the ticket is open.
import { useState, type FormEvent } from 'react';
import { useMutation } from '../../hooks/useApi';
import type { TicketView } from '../../hooks/types';
import { displayTimeZone, formatDateTime } from '../format';
import { Field } from '../ui/Field';
import { Notice, Spinner } from '../ui/States';
import { fromLocalInput, toLocalInput } from './etaModel';

export function EtaControl({ ticket, onChanged }: { ticket: TicketView; onChanged: () => void }) {
  const zone = displayTimeZone();
  const [value, setValue] = useState(toLocalInput(ticket.etaAt, zone));
  const [typed, setTyped] = useState<string | null>(null);
  const { run, pending, error } = useMutation<TicketView>();

  async function save(etaAt: string | null) {
    await run(`tickets-eta?id=${encodeURIComponent(ticket.id)}`, { method: 'PATCH', body: { etaAt, version: ticket.version } });
    onChanged(); // saved, or a stale version: show the ticket as it is now
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const etaAt = fromLocalInput(value, zone);
    if (!etaAt) {
      setTyped('Pick a date and a time');
      return;
    }
    setTyped(null);
    void save(etaAt);
  }

  const fieldError = typed ?? error?.fields.etaAt;
  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Set the technician’s arrival" noValidate>
      <p className="text-sm text-slate-700" data-testid="eta-now">
        Expected: <span className="font-medium">{ticket.etaAt ? formatDateTime(ticket.etaAt) : 'not set'}</span>
      </p>
      <Field label="Arrival (South African time)" error={fieldError} hint="The customer sees this when they ask for the status on WhatsApp.">
        <input className="input" type="datetime-local" name="etaAt" value={value} onChange={(e) => setValue(e.target.value)} />
      </Field>
      {error && !error.fields.etaAt && <Notice tone="error">{error.message}</Notice>}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-secondary flex-1" disabled={pending || !value}>
          {pending && <Spinner />} Set arrival
        </button>
        {ticket.etaAt && (
          <button type="button" className="btn-secondary" disabled={pending} onClick={() => void save(null)}>
            Clear
          </button>
        )}
      </div>
    </form>
  );
}
