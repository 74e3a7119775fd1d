// The network register: Drops.
import { AppLayout } from '@/src/modules/ticketing/components/layout/AppLayout';
import { DropRegister } from '@/src/modules/ticketing/components/network/DropRegister';

export default function NetworkDropRegisterPage() {
  return (
    <AppLayout title="Drops" permission="network:read">
      <DropRegister />
    </AppLayout>
  );
}
