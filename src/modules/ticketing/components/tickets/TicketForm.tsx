// Create or edit a ticket: source-aware fields, DR lookup filling the drop's details, billing preview, API errors on fields.
import { useRouter } from 'next/router';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useSWRConfig } from 'swr';
import { TICKET_PRIORITIES, TICKET_SOURCES, TICKET_TYPES, type TicketSource } from '../../types/enums';
import type { DropLookup, TicketView } from '../../hooks/types';
import { useMutation } from '../../hooks/useApi';
import { useMe } from '../../hooks/useMe';
import { useAssignableUsers } from '../../hooks/useUsers';
import { PRIORITY_LABEL, SOURCE_LABEL, TYPE_LABEL } from '../format';
import { Field } from '../ui/Field';
import { Notice, Spinner } from '../ui/States';
import { BillingPreview } from './BillingPreview';
import { DR_PATTERN, DRLookupInput, normaliseDr } from './DRLookupInput';
import { buildCreateBody, buildUpdateBody, EMPTY_FORM, SOURCE_RULES, valuesFromTicket, type FormField, type FormValues } from './formModel';
import { ReporterFields } from './ReporterFields';

export function TicketForm({ ticket }: { ticket?: TicketView }) {
  const router = useRouter();
  const { can } = useMe();
  const { mutate } = useSWRConfig();
  const editing = Boolean(ticket);
  const [v, setV] = useState<FormValues>(() => (ticket ? valuesFromTicket(ticket) : EMPTY_FORM));
  const [drop, setDrop] = useState<DropLookup | null>(null);
  const { run, pending, error } = useMutation<TicketView>();
  const { data: users } = useAssignableUsers();
  const rules = SOURCE_RULES[v.source as TicketSource];
  // Fields edited since the last submit: their old error no longer applies (no stale "Title is required").
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const formRef = useRef<HTMLFormElement>(null);
  const dropAddress = useRef('');
  const set = (f: FormField) => (value: string) => {
    setV((old) => ({ ...old, [f]: value }));
    setEdited((e) => (e.has(f) ? e : new Set(e).add(f)));
  };
  const onDrop = useCallback((d: DropLookup | null) => {
    setDrop(d);
    // The drop's address follows the drop; an address the user typed is never overwritten.
    const previous = dropAddress.current;
    dropAddress.current = d?.address ?? '';
    setV((old) => (old.address && old.address !== previous ? old : { ...old, address: d?.address ?? '' }));
  }, []);
  // After a failed submit, focus goes to the first field in error (or the message when no field is named).
  useEffect(() => {
    if (!error) return;
    const form = formRef.current;
    (form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('[data-form-error]'))?.focus();
  }, [error]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setEdited(new Set());
    const saved = ticket
      ? await run(`tickets-detail?id=${encodeURIComponent(ticket.id)}`, { method: 'PATCH', body: buildUpdateBody(v, ticket) })
      : await run('tickets', { method: 'POST', body: buildCreateBody(v) });
    if (!saved) return;
    // Drop what the cache holds about this ticket (read moments ago by this form), so its screen shows the saved state.
    const refs = [`id=${encodeURIComponent(saved.ticketUid)}`, `id=${saved.id}`, `uid=${encodeURIComponent(saved.ticketUid)}`];
    await mutate((key) => typeof key === 'string' && refs.some((r) => key.includes(r)), undefined, { revalidate: true });
    await router.push(`/ticketing/tickets/${encodeURIComponent(saved.ticketUid)}`);
  }

  const fe = (f: string) => (edited.has(f) ? undefined : error?.fields[f]);
  const dr = normaliseDr(v.drNumber);
  const movedDr = editing && ticket?.drNumber && dr !== ticket.drNumber;
  const unplaced = error && !Object.keys(error.fields).some((f) => (FORM_KEYS as readonly string[]).includes(f));
  const textInput = (f: FormField, extra: Record<string, unknown> = {}) => (
    <input className="input" name={f} value={v[f]} onChange={(e) => set(f)(e.target.value)} {...extra} />
  );

  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} className="space-y-4" aria-label={editing ? 'Edit ticket' : 'New ticket'} noValidate>
      {error && (
        <div tabIndex={-1} data-form-error className="outline-none">
          <Notice tone="error">{unplaced ? error.message : 'Please correct the fields marked below.'}</Notice>
        </div>
      )}
      <div className="card grid gap-4 p-4 sm:grid-cols-3">
        <Field label="Source" hint={rules.hint} error={fe('source')} required>
          <select className="input" name="source" value={v.source} onChange={(e) => set('source')(e.target.value)} disabled={editing}>
            {TICKET_SOURCES.map((s) => (
              <option key={s} value={s}>
                {SOURCE_LABEL[s]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Type" error={fe('ticketType')}>
          <select className="input" name="ticketType" value={v.ticketType} onChange={(e) => set('ticketType')(e.target.value)}>
            {TICKET_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABEL[t]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Priority" error={fe('priority')}>
          <select className="input" name="priority" value={v.priority} onChange={(e) => set('priority')(e.target.value)}>
            {TICKET_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABEL[p]}
              </option>
            ))}
          </select>
        </Field>
        {!editing && rules.qcontactRef !== 'hidden' && (
          <Field label="QContact reference" hint="FT followed by the case number, e.g. FT490441" error={fe('qcontactRef')} required={rules.qcontactRef === 'required'}>
            {textInput('qcontactRef', { placeholder: 'FT490441' })}
          </Field>
        )}
        <Field label="Title" error={fe('title')} required className="sm:col-span-3">
          {textInput('title', { maxLength: 300 })}
        </Field>
        <Field label="Description" error={fe('description')} className="sm:col-span-3">
          <textarea className="input min-h-28" name="description" value={v.description} onChange={(e) => set('description')(e.target.value)} />
        </Field>
        <Field label="Category" hint="Free text, e.g. no signal, broken ONT" error={fe('category')}>
          {textInput('category')}
        </Field>
      </div>
      {rules.dr !== 'hidden' && (
        <div className="card grid gap-4 p-4 sm:grid-cols-2">
          <DRLookupInput value={v.drNumber} onChange={set('drNumber')} onResolved={onDrop} required={rules.dr === 'required'} error={fe('drNumber') ?? fe('projectId') ?? fe('clientId')} />
          {can('billing:calculate') && <BillingPreview drNumber={DR_PATTERN.test(dr) && drop ? dr : null} ticketType={v.ticketType} priority={v.priority} />}
          {movedDr && (
            <p className="text-sm text-slate-700 sm:col-span-2" data-testid="uid-stays">
              The ticket keeps its UID <span className="font-mono">{ticket?.ticketUid}</span>: UIDs never change. Saving moves it to {dr || 'no drop'}, and
              its history will say “moved from {ticket?.drNumber}”.
            </p>
          )}
        </div>
      )}
      <ReporterFields values={v} set={set} errorFor={fe} />
      {!editing && can('tickets:assign') && (
        <div className="card p-4 sm:w-1/2">
          <Field label="Assign to" hint="Optional: assigning now moves the ticket straight to Assigned." error={fe('assignedTo')}>
            <select className="input" name="assignedTo" value={v.assignedTo} onChange={(e) => set('assignedTo')(e.target.value)}>
              <option value="">Nobody yet</option>
              {(users ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.role})
                </option>
              ))}
            </select>
          </Field>
        </div>
      )}
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending && <Spinner />} {editing ? 'Save changes' : 'Create ticket'}
        </button>
        <button type="button" className="btn-secondary" onClick={() => router.back()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const FORM_KEYS = ['source', 'qcontactRef', 'ticketType', 'priority', 'title', 'description', 'category', 'drNumber', 'projectId', 'clientId', 'reporterName', 'reporterPhone', 'reporterEmail', 'address', 'assignedTo'] as const;
