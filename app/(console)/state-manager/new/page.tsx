import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { NewAssociation } from '@/components/state-manager/new-association';

export const metadata = { title: 'Create association' };

export default function NewAssociationPage() {
  return (
    <>
      <PageHeader title="Create association" description="Pick a document and its parameters, the nodes to keep in that state, and how often to check them." />
      {/* ?document= preselects (useSearchParams needs a Suspense boundary). */}
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <NewAssociation />
      </Suspense>
    </>
  );
}
