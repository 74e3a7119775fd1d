// The ticket screen: header, description, timeline and notes; status, assignment, billing, drop and attachments aside.
import type { TicketBilling } from '../../hooks/types';
import { useApi } from '../../hooks/useApi';
import { useMe } from '../../hooks/useMe';
import { useRefreshTicket, useTicket, useTicketHistory, useTicketNotes } from '../../hooks/useTicket';
import { formatDateTime, FAULT_CAUSE_LABEL, labelOf } from '../format';
import { Panel } from '../ui/Panel';
import { ErrorState, LoadingState } from '../ui/States';
import { BillingPanel } from '../billing/BillingPanel';
import { AssignControl } from './AssignControl';
import { DRPanel } from './DRPanel';
import { QcontactLinkPanel } from './QcontactLinkPanel';
import { StatusControl } from './StatusControl';
import { TicketAttachments } from './TicketAttachments';
import { TicketHeader } from './TicketHeader';
import { TicketNotes } from './TicketNotes';
import { TicketTimeline } from './TicketTimeline';

export function TicketDetail({ id }: { id: string }) {
  const { me, can } = useMe();
  const { data: ticket, error, isLoading, mutate } = useTicket(id);
  const history = useTicketHistory(id);
  const notes = useTicketNotes(id);
  const refresh = useRefreshTicket(id);
  const billing = useApi<TicketBilling>(can('billing:read') && ticket ? `billing-ticket?uid=${encodeURIComponent(ticket.ticketUid)}` : null, { shouldRetryOnError: false });
  const refreshAll = () => {
    void refresh();
    void billing.mutate();
  };
  if (isLoading) return <LoadingState label="Loading ticket" />;
  if (error || !ticket) return <ErrorState error={error} onRetry={() => void mutate()} title="Could not load the ticket" />;
  const contact = [ticket.reporterName, ticket.reporterPhone, ticket.reporterEmail].filter(Boolean).join(' · ');

  return (
    <div className="space-y-4">
      <TicketHeader ticket={ticket} billingReason={billing.data?.reason} canEdit={can('tickets:update')} canExport={can('tickets:export')} />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Panel title="Details">
            <p className="whitespace-pre-wrap text-sm text-slate-800">{ticket.description || 'No description.'}</p>
            <dl className="mt-3 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
              <div>
                <dt className="inline text-slate-500">Reporter: </dt>
                <dd className="inline">{contact || '—'}</dd>
              </div>
              <div>
                <dt className="inline text-slate-500">Address: </dt>
                <dd className="inline">{ticket.address ?? '—'}</dd>
              </div>
              {ticket.resolvedAt && (
                <div>
                  <dt className="inline text-slate-500">Resolved: </dt>
                  <dd className="inline">
                    {formatDateTime(ticket.resolvedAt)}
                    {ticket.faultCause && ` (${labelOf(FAULT_CAUSE_LABEL, ticket.faultCause)})`}
                  </dd>
                </div>
              )}
              {ticket.resolutionNotes && (
                <div className="sm:col-span-2">
                  <dt className="inline text-slate-500">Resolution: </dt>
                  <dd className="inline">{ticket.resolutionNotes}</dd>
                </div>
              )}
            </dl>
          </Panel>
          <TicketTimeline history={history.data} notes={notes.data} loading={history.isLoading || notes.isLoading} error={history.error ?? notes.error} />
          {can('tickets:note') && <TicketNotes ticketId={ticket.id} onAdded={refreshAll} />}
        </div>
        <aside className="order-first space-y-4 lg:order-none" aria-label="Ticket actions">
          {can('tickets:status') && me && (
            <Panel title="Status">
              <StatusControl key={ticket.status} ticket={ticket} role={me.user.role} onChanged={refreshAll} />
            </Panel>
          )}
          {can('tickets:assign') && (
            <Panel title="Assignment">
              <AssignControl key={ticket.assignedTo ?? 'none'} ticket={ticket} onChanged={refreshAll} />
            </Panel>
          )}
          {can('billing:read') && (
            <Panel title="Billing">
              <BillingPanel ticket={ticket} billing={billing.data} error={billing.error} loading={billing.isLoading} canApprove={can('billing:approve')} onChanged={refreshAll} />
            </Panel>
          )}
          {ticket.source === 'qcontact' && (
            <Panel title="QContact">
              <QcontactLinkPanel ticketUid={ticket.ticketUid} canRetry={can('tickets:update')} />
            </Panel>
          )}
          <Panel title="Drop">
            <DRPanel drNumber={ticket.drNumber} />
          </Panel>
          <Panel title="Attachments">
            <TicketAttachments ticketId={ticket.id} canUpload={can('tickets:attach')} onChanged={refreshAll} />
          </Panel>
        </aside>
      </div>
    </div>
  );
}
