import { PageHeader } from '@/components/ui/page-header';
import { WindowsView } from '@/components/maintenance-windows/windows-view';

export const metadata = { title: 'Maintenance Windows' };

export default function MaintenanceWindowsPage() {
  return (
    <>
      <PageHeader
        title="Maintenance Windows"
        description="Confine disruptive work to safe hours: each window opens on a schedule, runs its tasks by priority on its targets, and starts nothing new after its cutoff."
      />
      <WindowsView />
    </>
  );
}
