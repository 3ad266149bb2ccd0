import { PageHeader } from '@/components/ui/page-header';
import { FleetTable } from '@/components/fleet/fleet-table';

export const metadata = { title: 'Fleet Manager' };

export default function FleetPage() {
  return (
    <>
      <PageHeader title="Fleet Manager" description="Every managed node and whether its agent is connected right now." />
      <FleetTable />
    </>
  );
}
