// The network register: Clients and projects.
import { AppLayout } from '@/src/modules/ticketing/components/layout/AppLayout';
import { OrganisationRegister } from '@/src/modules/ticketing/components/network/OrganisationRegister';

export default function NetworkOrganisationRegisterPage() {
  return (
    <AppLayout title="Clients and projects" permission="network:read">
      <OrganisationRegister />
    </AppLayout>
  );
}
