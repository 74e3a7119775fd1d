// The network register: Import drop register.
import { AppLayout } from '@/src/modules/ticketing/components/layout/AppLayout';
import { DropImport } from '@/src/modules/ticketing/components/network/DropImport';

export default function NetworkDropImportPage() {
  return (
    <AppLayout title="Import drop register" permission="network:manage">
      <DropImport />
    </AppLayout>
  );
}
