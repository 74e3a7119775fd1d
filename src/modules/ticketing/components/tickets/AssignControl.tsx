// Assign or reassign a ticket to a technician or agent, with an optional reason.
import { useState, type FormEvent } from 'react';
import { useMutation } from '../../hooks/useApi';
import type { TicketView } from '../../hooks/types';
import { useAssignableUsers } from '../../hooks/useUsers';
import { Field } from '../ui/Field';
import { Notice, Spinner } from '../ui/States';

export function AssignControl({ ticket, onChanged }: { ticket: TicketView; onChanged: () => void }) {
  const { data: users, isLoading } = useAssignableUsers();
  const [assignee, setAssignee] = useState(ticket.assignedTo ?? '');
  const [reason, setReason] = useState('');
  const { run, pending, error } = useMutation<TicketView>();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await run('tickets-assign', {
      method: 'POST',
      body: { id: ticket.id, assignedTo: assignee || null, version: ticket.version, ...(reason.trim() ? { reason: reason.trim() } : {}) },
    });
    if (!ok) onChanged(); // a stale version or a changed state: show the ticket as it is now
    if (ok) {
      setReason('');
      onChanged();
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-3" aria-label="Assign ticket">
      <p className="text-sm text-slate-700">
        Now: <span className="font-medium">{ticket.assigneeName ?? 'Unassigned'}</span>
      </p>
      <Field label="Assign to" error={error?.fields.assignedTo}>
        <select className="input" value={assignee} onChange={(e) => setAssignee(e.target.value)} name="assignedTo" aria-busy={isLoading}>
          <option value="">Nobody</option>
          {/* Never disabled while the people load: "Assign…" in the status control must be able to focus it. */}
          {isLoading && <option disabled>Loading people…</option>}
          {(users ?? []).map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} ({u.role})
            </option>
          ))}
        </select>
      </Field>
      <Field label="Reason (optional)">
        <input className="input" value={reason} onChange={(e) => setReason(e.target.value)} name="assignReason" />
      </Field>
      {error && !error.fields.assignedTo && <Notice tone="error">{error.message}</Notice>}
      <button type="submit" className="btn-secondary w-full" disabled={pending || assignee === (ticket.assignedTo ?? '')}>
        {pending && <Spinner />} {ticket.assignedTo ? 'Reassign' : 'Assign'}
      </button>
    </form>
  );
}
