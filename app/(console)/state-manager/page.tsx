import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { AssociationList } from '@/components/state-manager/association-list';

export const metadata = { title: 'State Manager' };

export default function StateManagerPage() {
  return (
    <>
      <PageHeader
        title="State Manager"
        description="Keep nodes in a defined state: associations apply a document to their targets once or on a schedule, put drifted nodes back, and report each node's compliance."
      />
      {/* The filters live in the URL (useSearchParams), which needs a Suspense boundary. */}
      <Suspense fallback={<p className="text-sm text-slate-500">Loading associations…</p>}>
        <AssociationList />
      </Suspense>
    </>
  );
}
