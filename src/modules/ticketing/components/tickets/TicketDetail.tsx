// The ticket screen: header, description, timeline and notes; status, assignment, mass incident, billing, drop and
// attachments aside.
import type { TicketBilling } from '../../hooks/types';
import { useApi } from '../../hooks/useApi';
import { useMe } from '../../hooks/useMe';
import { useRefreshTicket, useTicket, useTicketHistory, useTicketNotes } from '../../hooks/useTicket';
import { Panel } from '../ui/Panel';
import { ErrorState, LoadingState } from '../ui/States';
import { BillingPanel } from '../billing/BillingPanel';
import { AssignControl } from './AssignControl';
import { DRPanel } from './DRPanel';
import { EtaControl } from './EtaControl';
import { IncidentPanel } from './IncidentPanel';
import { JobCard } from './JobCard';
import { QcontactLinkPanel } from './QcontactLinkPanel';
import { StatusControl } from './StatusControl';
import { TicketAttachments } from './TicketAttachments';
import { TicketHeader } from './TicketHeader';
import { TicketNotes } from './TicketNotes';
import { TicketTimeline } from './TicketTimeline';
import { WhatsAppConversation } from '../whatsapp/WhatsAppConversation';

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

  return (
    <div className="space-y-4">
      <TicketHeader ticket={ticket} billingReason={billing.data?.reason} canEdit={can('tickets:update')} canExport={can('tickets:export')} />
      <JobCard ticket={ticket} />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="min-w-0 space-y-4 lg:col-span-2">
          <WhatsAppConversation ticketId={ticket.id} canReply={can('tickets:note')} onChanged={refreshAll} />
          <TicketTimeline history={history.data} notes={notes.data} loading={history.isLoading || notes.isLoading} error={history.error ?? notes.error} />
          {can('tickets:note') && <TicketNotes ticketId={ticket.id} onAdded={refreshAll} />}
        </div>
        <aside className="order-first min-w-0 space-y-4 lg:order-none" aria-label="Ticket actions">
          {can('tickets:status') && me && (
            <Panel title="Status">
              <StatusControl key={ticket.status} ticket={ticket} role={me.user.role} onChanged={refreshAll} />
            </Panel>
          )}
          {can('tickets:eta') && (
            <Panel title="Technician’s arrival">
              <EtaControl key={ticket.etaAt ?? 'none'} ticket={ticket} onChanged={refreshAll} />
            </Panel>
          )}
          {can('tickets:assign') && (
            <Panel title="Assignment">
              <AssignControl key={ticket.assignedTo ?? 'none'} ticket={ticket} onChanged={refreshAll} />
            </Panel>
          )}
          <Panel title="Mass incident">
            <IncidentPanel ticketRef={id} canEdit={can('tickets:update')} onChanged={refreshAll} />
          </Panel>
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
