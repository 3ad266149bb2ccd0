import { PageHeader } from '@/components/ui/page-header';
import { FleetDashboard } from '@/components/dashboard/fleet-dashboard';

export const metadata = { title: 'Dashboard' };

export default function DashboardPage() {
  return (
    <>
      <PageHeader title="Dashboard" description="Your fleet at a glance. Counts update live as nodes connect and drop; select any number or bar to see those nodes in Fleet Manager." />
      <FleetDashboard />
    </>
  );
}
