import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { DocumentsView } from '@/components/documents/documents-view';

export const metadata = { title: 'Documents' };

export default function DocumentsPage() {
  return (
    <>
      <PageHeader title="Documents" description="Versioned Command, Automation and Session documents: what Run Command, State Manager and Automation run." />
      {/* The filters live in the URL (useSearchParams), which needs a Suspense boundary. */}
      <Suspense fallback={<p className="text-sm text-slate-500">Loading documents…</p>}>
        <DocumentsView />
      </Suspense>
    </>
  );
}
