import { PageHeader } from '@/components/ui/page-header';
import { NewWindow } from '@/components/maintenance-windows/new-window';

export const metadata = { title: 'Create maintenance window' };

export default function NewMaintenanceWindowPage() {
  return (
    <>
      <PageHeader title="Create maintenance window" description="When it opens, for how long, and until when tasks may start. Register targets and tasks on the next page." />
      <NewWindow />
    </>
  );
}
