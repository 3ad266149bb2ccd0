import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { FleetTable } from '@/components/fleet/fleet-table';
import { StartSessionButton } from '@/components/sessions/start-session-dialog';

export const metadata = { title: 'Fleet Manager' };

export default function FleetPage() {
  return (
    <>
      <PageHeader
        title="Fleet Manager"
        description="Every managed node: filter, sort and export the fleet; the filters live in the URL, so a view can be shared."
        actions={<StartSessionButton />}
      />
      {/* The view reads its filters from the URL (useSearchParams), which needs a Suspense boundary. */}
      <Suspense fallback={<p className="text-sm text-slate-500">Loading nodes…</p>}>
        <FleetTable />
      </Suspense>
    </>
  );
}
