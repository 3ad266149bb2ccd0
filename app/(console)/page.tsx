import { PageHeader } from '@/components/ui/page-header';
import { FleetSummary } from '@/components/fleet/fleet-summary';

export const metadata = { title: 'Dashboard' };

export default function DashboardPage() {
  return (
    <>
      <PageHeader title="Dashboard" description="Your fleet at a glance. Counts update live as nodes connect and drop." />
      <FleetSummary />
    </>
  );
}
