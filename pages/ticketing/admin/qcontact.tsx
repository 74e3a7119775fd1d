// The QContact mapping tables (admins): category -> priority, status labels in, write values out.
import { AppLayout } from '@/src/modules/ticketing/components/layout/AppLayout';
import { QcontactMappings } from '@/src/modules/ticketing/components/admin/QcontactMappings';

export default function QcontactMappingsScreen() {
  return (
    <AppLayout title="QContact mappings" permission="integrations:manage">
      <QcontactMappings />
    </AppLayout>
  );
}
