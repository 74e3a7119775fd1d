// The ticket list screen.
import { AppLayout } from '@/src/modules/ticketing/components/layout/AppLayout';
import { TicketList } from '@/src/modules/ticketing/components/tickets/TicketList';

export default function TicketsPage() {
  return (
    <AppLayout title="Tickets" permission="tickets:read">
      <TicketList />
    </AppLayout>
  );
}
