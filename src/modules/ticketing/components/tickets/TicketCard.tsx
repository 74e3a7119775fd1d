// One ticket as a card: the list's layout on small screens, where a table would not fit.
import Link from 'next/link';
import type { TicketView } from '../../hooks/types';
import { formatDateTime, SOURCE_LABEL } from '../format';
import { BillingBadge, TicketPriorityBadge, TicketStatusBadge } from './Badges';
import { SLAIndicator } from './SLAIndicator';

interface TicketCardProps {
  ticket: TicketView;
  selectable?: boolean;
  selected?: boolean;
  onToggle?: () => void;
}

export function TicketCard({ ticket: t, selectable, selected, onToggle }: TicketCardProps) {
  return (
    <article className="card p-3" aria-labelledby={`card-${t.id}`} data-testid="ticket-card">
      <div className="flex items-start gap-3">
        {selectable && (
          <input type="checkbox" className="mt-1 h-5 w-5" checked={selected} onChange={onToggle} aria-label={`Select ${t.ticketUid}`} />
        )}
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <Link id={`card-${t.id}`} href={`/ticketing/tickets/${encodeURIComponent(t.ticketUid)}`} className="font-mono text-sm font-semibold text-brand-700 hover:underline">
              {t.ticketUid}
            </Link>
            <TicketStatusBadge status={t.status} />
            <TicketPriorityBadge priority={t.priority} />
          </div>
          <p className="mt-1 text-sm font-medium text-slate-900">{t.title}</p>
          <p className="mt-1 text-xs text-slate-500">
            {SOURCE_LABEL[t.source]}
            {t.drNumber && <> · {t.drNumber}</>}
            {t.projectName && <> · {t.projectName}</>}
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <SLAIndicator sla={t.sla} finishedAt={t.resolvedAt ?? t.closedAt} />
            <BillingBadge billingType={t.billingType} dropUnknown={t.dropUnknown} />
          </div>
          <p className="mt-2 text-xs text-slate-500">
            {t.assigneeName ? `Assigned to ${t.assigneeName}` : 'Unassigned'} · {formatDateTime(t.createdAt)}
          </p>
        </div>
      </div>
    </article>
  );
}
