// The children of a mass incident: UID (a link), status and DR; an open child has an Unlink button (a finished one
// stays on the incident's record).
import Link from 'next/link';
import type { IncidentMember } from '../../db/incidentRepo';
import { isOpen } from '../../services/workflow';
import type { TicketStatus } from '../../types/enums';
import { TicketStatusBadge } from './Badges';

interface Props {
  members: IncidentMember[];
  canEdit: boolean;
  busy: boolean;
  onUnlink: (m: IncidentMember) => void;
}

export const ticketHref = (uid: string) => `/ticketing/tickets/${encodeURIComponent(uid)}`;

export function IncidentChildren({ members, canEdit, busy, onUnlink }: Props) {
  if (members.length === 0) return <p className="text-sm text-slate-600">No tickets in this incident yet.</p>;
  return (
    <ul className="divide-y divide-slate-200 rounded-md border border-slate-200" aria-label="Tickets in this incident" data-testid="incident-children">
      {members.map((m) => (
        <li key={m.id} className="flex flex-wrap items-center gap-2 p-2 text-sm" data-testid="incident-child">
          <Link href={ticketHref(m.ticketUid)} className="font-mono font-semibold text-brand-700 hover:underline">
            {m.ticketUid}
          </Link>
          <TicketStatusBadge status={m.status as TicketStatus} />
          <span className="text-xs text-slate-600">{m.drNumber ?? 'No DR'}</span>
          {canEdit && isOpen(m.status as TicketStatus) && (
            <button type="button" className="btn-secondary ml-auto py-0.5 text-xs" disabled={busy} aria-label={`Unlink ${m.ticketUid} from this incident`} onClick={() => onUnlink(m)}>
              Unlink
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
