// Add a note to a ticket: internal (staff only) or external (may be shared with the customer).
import { useState, type FormEvent } from 'react';
import { useMutation } from '../../hooks/useApi';
import type { Note } from '../../hooks/types';
import { Field } from '../ui/Field';
import { Spinner } from '../ui/States';

export function TicketNotes({ ticketId, onAdded }: { ticketId: string; onAdded: () => void }) {
  const [body, setBody] = useState('');
  const [noteType, setNoteType] = useState<'internal' | 'external'>('internal');
  const { run, pending, error } = useMutation<Note>();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const note = await run(`tickets-notes?id=${encodeURIComponent(ticketId)}`, { method: 'POST', body: { body, noteType } });
    if (note) {
      setBody('');
      onAdded();
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="card space-y-3 p-4" aria-labelledby="add-note-title">
      <h2 id="add-note-title" className="text-sm font-semibold text-slate-700">
        Add a note
      </h2>
      <Field label="Note" error={error?.fields.body ?? (error && !error.fields.body ? error.message : undefined)}>
        <textarea className="input min-h-24" value={body} onChange={(e) => setBody(e.target.value)} name="note" />
      </Field>
      <fieldset className="flex flex-wrap items-center gap-4">
        <legend className="sr-only">Note visibility</legend>
        {(['internal', 'external'] as const).map((t) => (
          <label key={t} className="inline-flex items-center gap-2 font-normal">
            <input type="radio" name="noteType" value={t} checked={noteType === t} onChange={() => setNoteType(t)} />
            {t === 'internal' ? 'Internal (staff only)' : 'External (customer may see it)'}
          </label>
        ))}
        <button type="submit" className="btn-primary ml-auto" disabled={pending || body.trim() === ''}>
          {pending && <Spinner />} Add note
        </button>
      </fieldset>
    </form>
  );
}
