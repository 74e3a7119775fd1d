// The ticket detail screen (/ticketing/tickets/<UID or id>).
import { useRouter } from 'next/router';
import { AppLayout } from '@/src/modules/ticketing/components/layout/AppLayout';
import { TicketDetail } from '@/src/modules/ticketing/components/tickets/TicketDetail';
import { LoadingState } from '@/src/modules/ticketing/components/ui/States';
import { queryValue } from '@/src/modules/ticketing/hooks/urls';

export default function TicketPage() {
  const router = useRouter();
  const id = queryValue(router.query, 'id');
  return (
    <AppLayout title={id || 'Ticket'} permission="tickets:read">
      {router.isReady ? <TicketDetail id={id} /> : <LoadingState />}
    </AppLayout>
  );
}
