// Change a ticket's status: only the legal next states are offered, with the fields each one needs.
import { useState, type FormEvent } from 'react';
import { legalNextStatuses } from '../../services/workflow';
import { PAUSE_REASONS, type TicketStatus } from '../../types/enums';
import { useMutation } from '../../hooks/useApi';
import type { TicketView } from '../../hooks/types';
import { labelOf, PAUSE_REASON_LABEL, STATUS_LABEL } from '../format';
import { Field } from '../ui/Field';
import { Notice, Spinner } from '../ui/States';
import { EMPTY_RESOLUTION, ResolutionFields, resolutionBody, WORK_INPUT_NAME, type Resolution, type WorkField } from './ResolutionFields';

/** The option that stands for "Assigned" on an unassigned ticket: it opens the assignment picker instead. */
const ASSIGN = '__assign';

/** Pure: the statuses worth offering: "Assigned" only once someone is assigned (else it would be refused). */
export function offeredStatuses(ticket: Pick<TicketView, 'status' | 'assignedTo'>, role: string): { statuses: TicketStatus[]; offerAssign: boolean } {
  const legal = legalNextStatuses(ticket.status, { role });
  const needsAssignee = !ticket.assignedTo && legal.includes('assigned');
  return { statuses: needsAssignee ? legal.filter((s) => s !== 'assigned') : legal, offerAssign: needsAssignee && role !== 'technician' };
}

export function StatusControl({ ticket, role, onChanged }: { ticket: TicketView; role: string; onChanged: () => void }) {
  const { statuses: allowed, offerAssign } = offeredStatuses(ticket, role);
  const [to, setTo] = useState<TicketStatus | ''>('');
  const [reason, setReason] = useState('');
  const [pauseReason, setPauseReason] = useState<string>('waiting_customer');
  const [resolution, setResolution] = useState<Resolution>(EMPTY_RESOLUTION);
  const [localError, setLocalError] = useState<{ field: WorkField; message: string } | null>(null);
  const { run, pending, error } = useMutation<TicketView>();

  if (allowed.length === 0 && !offerAssign) {
    const why = ticket.status === 'pending_approval' ? 'It waits for a manager to approve or reject the billable work.' : 'No further status changes are possible.';
    return (
      <p className="text-sm text-slate-600">
        {STATUS_LABEL[ticket.status]}. {why}
      </p>
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!to) return;
    const body: Record<string, unknown> = { id: ticket.id, status: to, version: ticket.version };
    if (reason.trim()) body.reason = reason.trim();
    if (to === 'blocked') body.pauseReason = pauseReason;
    if (to === 'resolved') {
      const r = resolutionBody(resolution);
      setLocalError(r.error ?? null);
      if (r.error) {
        // As on every form: focus goes to the field to fix.
        document.querySelector<HTMLInputElement>(`form[aria-label="Change status"] [name="${WORK_INPUT_NAME[r.error.field]}"]`)?.focus();
        return;
      }
      Object.assign(body, r.body);
    }
    const ok = await run('tickets-status', { method: 'POST', body });
    if (ok) {
      setTo('');
      setReason('');
      setResolution(EMPTY_RESOLUTION);
      onChanged();
    } else {
      // Someone (or our own upload or note) may have changed the ticket meanwhile: reload it, so a second try uses the new version.
      onChanged();
    }
  }

  const allowedNow = error?.details?.allowed;
  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-3" aria-label="Change status">
      <Field label="Move to">
        <select
          className="input"
          value={to}
          onChange={(e) => {
            if (e.target.value === ASSIGN) {
              // Assigned needs someone: open the assignment picker instead of offering a move that would be refused.
              document.querySelector<HTMLSelectElement>('form[aria-label="Assign ticket"] select[name="assignedTo"]')?.focus();
              return;
            }
            setTo(e.target.value as TicketStatus);
          }}
          name="status"
        >
          <option value="">Choose the next status…</option>
          {allowed.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
          {offerAssign && <option value={ASSIGN}>Assign… (choose who below)</option>}
        </select>
      </Field>
      {to === 'blocked' && (
        <Field label="Why is it blocked?" hint="The SLA clock pauses while the ticket is blocked.">
          <select className="input" value={pauseReason} onChange={(e) => setPauseReason(e.target.value)} name="pauseReason">
            {PAUSE_REASONS.map((r) => (
              <option key={r} value={r}>
                {labelOf(PAUSE_REASON_LABEL, r)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {to === 'resolved' && (
        <ResolutionFields
          value={resolution}
          onChange={setResolution}
          errors={{ ...error?.fields, detail: error?.fields.faultCauseDetail, hours: error?.fields.work, ...(localError ? { [localError.field]: localError.message } : {}) }}
        />
      )}
      {to && (
        <Field label={to === 'cancelled' ? 'Reason (required)' : 'Reason (optional)'} error={error?.fields.reason}>
          <input className="input" value={reason} onChange={(e) => setReason(e.target.value)} name="reason" />
        </Field>
      )}
      {error && !Object.keys(error.fields).some((f) => ['reason', 'faultCause', 'resolutionNotes', 'faultCauseDetail', 'work'].includes(f)) && (
        <Notice tone="error">
          {error.message}
          {Array.isArray(allowedNow) && ` Allowed now: ${allowedNow.map((s) => labelOf(STATUS_LABEL, String(s))).join(', ') || 'none'}.`}
        </Notice>
      )}
      <button type="submit" className="btn-primary w-full" disabled={!to || pending}>
        {pending && <Spinner />} Change status
      </button>
    </form>
  );
}
