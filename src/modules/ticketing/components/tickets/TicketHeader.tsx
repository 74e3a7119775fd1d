// The top of a ticket: UID, source, title, status, priority, SLA countdown and billing classification.
import Link from 'next/link';
import type { TicketView } from '../../hooks/types';
import { API_BASE } from '../../hooks/api';
import { formatDateTime, SOURCE_LABEL, TYPE_LABEL } from '../format';
import { BillingBadge, TicketPriorityBadge, TicketStatusBadge } from './Badges';
import { SLAIndicator } from './SLAIndicator';

interface TicketHeaderProps {
  ticket: TicketView;
  billingReason?: string | null;
  canEdit: boolean;
  canExport: boolean;
}

export function TicketHeader({ ticket: t, billingReason, canEdit, canExport }: TicketHeaderProps) {
  return (
    <header className="card p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1">
          <p className="font-mono text-sm font-semibold text-brand-700" data-testid="ticket-uid">
            {t.ticketUid}
          </p>
          <h1 className="mt-1 text-xl font-semibold text-slate-900 [overflow-wrap:anywhere] sm:text-2xl">{t.title}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {SOURCE_LABEL[t.source]} · {TYPE_LABEL[t.ticketType]}
            {t.category ? ` · ${t.category}` : ''} · opened {formatDateTime(t.createdAt)}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {canExport && (
            <a className="btn-secondary" href={`${API_BASE}/exports-ticket?id=${encodeURIComponent(t.id)}`} download>
              PDF
            </a>
          )}
          {canEdit && (
            <Link className="btn-secondary" href={`/ticketing/tickets/${encodeURIComponent(t.ticketUid)}/edit`}>
              Edit
            </Link>
          )}
        </div>
      </div>
      <div className="mt-3 flex flex-wrap items-start gap-3" aria-label="Ticket state">
        <span data-testid="ticket-status">
          <TicketStatusBadge status={t.status} />
        </span>
        <TicketPriorityBadge priority={t.priority} />
        <span data-testid="ticket-sla">
          <SLAIndicator sla={t.sla} finishedAt={t.resolvedAt ?? t.closedAt} detailed />
        </span>
        <span data-testid="ticket-billing">
          <BillingBadge billingType={t.billingType} reason={billingReason} inline dropUnknown={t.dropUnknown} />
        </span>
      </div>
    </header>
  );
}
