// The create-ticket screen.
import { AppLayout } from '@/src/modules/ticketing/components/layout/AppLayout';
import { TicketForm } from '@/src/modules/ticketing/components/tickets/TicketForm';
import { PageHeader } from '@/src/modules/ticketing/components/ui/PageHeader';

export default function NewTicketPage() {
  return (
    <AppLayout title="New ticket" permission="tickets:create">
      <PageHeader title="New ticket" description="Fields marked * are required. Enter a DR number to fill in the drop and see how the work is billed." />
      <TicketForm />
    </AppLayout>
  );
}
