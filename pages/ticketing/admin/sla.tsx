// The SLA rules editor.
import { AppLayout } from '@/src/modules/ticketing/components/layout/AppLayout';
import { SlaConfigEditor } from '@/src/modules/ticketing/components/admin/SlaConfigEditor';

export default function SlaScreen() {
  return (
    <AppLayout title="SLA rules" permission="sla:read">
      <SlaConfigEditor />
    </AppLayout>
  );
}
