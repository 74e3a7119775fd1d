// The weekly fault report import screen (agents, managers, admins).
import { AppLayout } from '@/src/modules/ticketing/components/layout/AppLayout';
import { WeeklyReportImport } from '@/src/modules/ticketing/components/imports/WeeklyReportImport';

export default function ImportsScreen() {
  return (
    <AppLayout title="Weekly reports" permission="imports:manage">
      <WeeklyReportImport />
    </AppLayout>
  );
}
