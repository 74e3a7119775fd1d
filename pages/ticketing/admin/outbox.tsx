// The outbox review page (admins and managers read, admins retry).
import { AppLayout } from '@/src/modules/ticketing/components/layout/AppLayout';
import { OutboxPage } from '@/src/modules/ticketing/components/admin/OutboxPage';

export default function OutboxScreen() {
  return (
    <AppLayout title="Outbox" permission="outbox:read">
      <OutboxPage />
    </AppLayout>
  );
}
