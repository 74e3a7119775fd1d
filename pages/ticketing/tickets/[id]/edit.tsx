// The edit-ticket screen: the form filled from the ticket, saved with its version.
import { useRouter } from 'next/router';
import { AppLayout } from '@/src/modules/ticketing/components/layout/AppLayout';
import { TicketForm } from '@/src/modules/ticketing/components/tickets/TicketForm';
import { PageHeader } from '@/src/modules/ticketing/components/ui/PageHeader';
import { ErrorState, LoadingState } from '@/src/modules/ticketing/components/ui/States';
import { useTicket } from '@/src/modules/ticketing/hooks/useTicket';
import { queryValue } from '@/src/modules/ticketing/hooks/urls';

export default function EditTicketPage() {
  const router = useRouter();
  const id = queryValue(router.query, 'id');
  const { data: ticket, error, isLoading } = useTicket(router.isReady ? id : null);
  return (
    <AppLayout title={`Edit ${id}`} permission="tickets:update">
      <PageHeader title={`Edit ${ticket?.ticketUid ?? id}`} />
      {isLoading || !router.isReady ? <LoadingState /> : error || !ticket ? <ErrorState error={error} /> : <TicketForm key={ticket.version} ticket={ticket} />}
    </AppLayout>
  );
}
