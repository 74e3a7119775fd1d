// The "Mass incident" panel of a ticket: a parent lists its children and adds more (pasted UIDs or open tickets
// nearby); a child names its parent and can leave; a plain open ticket can become a parent or join an incident.
import Link from 'next/link';
import { useId, useRef, useState } from 'react';
import type { IncidentMember } from '../../db/incidentRepo';
import { useApi, useMutation } from '../../hooks/useApi';
import type { IncidentView } from '../../services/network/incidentMembershipService';
import { isOpen } from '../../services/workflow';
import type { TicketStatus } from '../../types/enums';
import { ErrorState, LoadingState, Notice } from '../ui/States';
import { TicketStatusBadge } from './Badges';
import { IncidentChildren, ticketHref } from './IncidentChildren';
import { IncidentLinkForm } from './IncidentLinkForm';
import { linkedMessage } from './incidentModel';

interface Props {
  ticketRef: string;
  canEdit: boolean;
  onChanged: () => void;
}

type Mode = 'children' | 'join' | null;

export function IncidentPanel({ ticketRef, canEdit, onChanged }: Props) {
  const route = `tickets-incident?id=${encodeURIComponent(ticketRef)}`;
  const { data: view, error, isLoading, mutate } = useApi<IncidentView>(route);
  const write = useMutation<{ linked?: string[]; unlinked?: string }>();
  const [done, setDone] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const formId = useId();
  if (isLoading) return <LoadingState label="Loading incident" />;
  if (error || !view) return <ErrorState error={error} onRetry={() => void mutate()} title="Could not load the incident" />;
  const v = view;

  async function after(ok: boolean, message: string): Promise<boolean> {
    setDone(ok ? message : null);
    await mutate();
    onChanged();
    if (ok) {
      setMode(null);
      requestAnimationFrame(() => doneRef.current?.focus()); // the button pressed may be gone: keep focus in the panel
    }
    return ok;
  }
  async function link(parentId: string, childIds: string[], version?: number): Promise<boolean> {
    const r = await write.run('tickets-incident', { method: 'POST', body: { parentId, childIds, ...(version ? { version } : {}) } });
    return after(r !== null, linkedMessage(childIds.length, r?.linked ?? []));
  }
  async function unlink(m: Pick<IncidentMember, 'id' | 'ticketUid' | 'version'>): Promise<void> {
    const r = await write.run(`tickets-incident?id=${encodeURIComponent(m.id)}&version=${m.version}`, { method: 'DELETE' });
    await after(r !== null, `${m.ticketUid} was unlinked from the incident.`);
  }

  const open = isOpen(v.ticket.status as TicketStatus);
  const self = { id: v.ticket.id, ticketUid: v.ticket.ticketUid, version: v.ticket.version };
  return (
    <div className="space-y-3 text-sm" data-testid="incident-panel" data-role={v.role}>
      {done && (
        <p ref={doneRef} tabIndex={-1} role="status" className="rounded-md border border-emerald-200 bg-emerald-50 p-2 text-emerald-800">
          {done}
        </p>
      )}
      {write.error && <Notice tone="error">{write.error.message}</Notice>}
      {v.role === 'child' && v.parent && (
        <div className="space-y-2">
          <p>
            Part of incident{' '}
            <Link href={ticketHref(v.parent.ticketUid)} className="font-mono font-semibold text-brand-700 hover:underline">
              {v.parent.ticketUid}
            </Link>{' '}
            <TicketStatusBadge status={v.parent.status as TicketStatus} />
          </p>
          <p className="text-xs text-slate-600">The incident’s updates reach this ticket; its SLA clock waits while the incident is open.</p>
          {canEdit && open && (
            <button type="button" className="btn-secondary w-full" disabled={write.pending} onClick={() => void unlink(self)}>
              Unlink from incident
            </button>
          )}
        </div>
      )}
      {v.role === 'parent' && (
        <>
          <p>This ticket leads a mass incident of {v.children.length} ticket{v.children.length === 1 ? '' : 's'}.</p>
          <IncidentChildren members={v.children} canEdit={canEdit} busy={write.pending} onUnlink={(m) => void unlink(m)} />
          {canEdit && open && <IncidentLinkForm mode="children" candidates={v.candidates} busy={write.pending} onLink={(refs) => link(self.id, refs, self.version)} />}
        </>
      )}
      {v.role === 'none' && !open && <p className="text-slate-600">Not part of an incident. Only an open ticket can lead or join one.</p>}
      {v.role === 'none' && open && (
        <>
          <p className="text-slate-600">Not part of an incident.</p>
          {canEdit && (
            <div className="flex flex-wrap gap-2">
              {(['children', 'join'] as const).map((m) => (
                <button key={m} type="button" className="btn-secondary" aria-expanded={mode === m} aria-controls={formId} onClick={() => setMode(mode === m ? null : m)}>
                  {m === 'children' ? 'Make this the parent of…' : 'Add to incident…'}
                </button>
              ))}
            </div>
          )}
          <div id={formId}>
            {mode === 'children' && <IncidentLinkForm mode="children" candidates={v.candidates} busy={write.pending} onLink={(refs) => link(self.id, refs, self.version)} />}
            {mode === 'join' && <IncidentLinkForm mode="join" busy={write.pending} onJoin={(parent) => link(parent, [self.id])} />}
          </div>
        </>
      )}
    </div>
  );
}
