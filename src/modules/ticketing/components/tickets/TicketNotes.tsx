// Add a note to a ticket: internal (staff only) by default; external (the customer may see it) is marked loudly and
// goes back to internal after every post, so the next note never reaches the customer by accident.
import { useState, type FormEvent } from 'react';
import { useMutation } from '../../hooks/useApi';
import type { Note } from '../../hooks/types';
import { Field } from '../ui/Field';
import { Spinner } from '../ui/States';

export function TicketNotes({ ticketId, onAdded }: { ticketId: string; onAdded: () => void }) {
  const [body, setBody] = useState('');
  const [noteType, setNoteType] = useState<'internal' | 'external'>('internal');
  const { run, pending, error } = useMutation<Note>();
  const external = noteType === 'external';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const note = await run(`tickets-notes?id=${encodeURIComponent(ticketId)}`, { method: 'POST', body: { body, noteType } });
    if (note) {
      setBody('');
      setNoteType('internal');
      onAdded();
    }
  }

  return (
    <form
      onSubmit={(e) => void submit(e)}
      className={`card space-y-3 p-4 ${external ? 'border-2 border-amber-500 bg-amber-50' : ''}`}
      aria-labelledby="add-note-title"
      data-note-type={noteType}
    >
      <h2 id="add-note-title" className="text-sm font-semibold text-slate-700">
        {external ? 'Add a note the customer may see' : 'Add an internal note'}
      </h2>
      <Field label="Note" error={error?.fields.body ?? (error && !error.fields.body ? error.message : undefined)}>
        <textarea className={`input min-h-24 ${external ? 'border-amber-500' : ''}`} value={body} onChange={(e) => setBody(e.target.value)} name="note" />
      </Field>
      <fieldset className="flex flex-wrap items-center gap-4">
        <legend className="sr-only">Note visibility</legend>
        {(['internal', 'external'] as const).map((t) => (
          <label key={t} className="inline-flex items-center gap-2 font-normal">
            <input type="radio" name="noteType" value={t} checked={noteType === t} onChange={() => setNoteType(t)} />
            {t === 'internal' ? 'Internal (staff only)' : 'External (customer may see it)'}
          </label>
        ))}
        <button type="submit" className={`ml-auto ${external ? 'btn-danger' : 'btn-primary'}`} disabled={pending || body.trim() === ''}>
          {pending && <Spinner />} {external ? 'Add external note' : 'Add note'}
        </button>
      </fieldset>
      {external && (
        <p role="status" className="text-sm font-medium text-amber-950" data-testid="external-warning">
          External: the customer may see this note. It goes back to internal after you post it.
        </p>
      )}
    </form>
  );
}
