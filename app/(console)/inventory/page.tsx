import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { InventoryView } from '@/components/inventory/inventory-view';

export const metadata = { title: 'Inventory' };

export default function InventoryPage() {
  return (
    <>
      <PageHeader
        title="Inventory"
        description="What every node has installed, runs and holds, collected by the agent every 30 minutes with its change history. Query the fleet, count versions, export the result."
      />
      {/* The query lives in the URL (useSearchParams), which needs a Suspense boundary. */}
      <Suspense fallback={<p className="text-sm text-slate-500">Loading inventory…</p>}>
        <InventoryView />
      </Suspense>
    </>
  );
}
