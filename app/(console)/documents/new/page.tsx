import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { CreateDocumentView } from '@/components/documents/create-document-view';

export const metadata = { title: 'Create document' };

// A static segment beside [name]: a document literally named "new" is shadowed here, as in any
// console that puts "create" under the list's path; it stays reachable through the API.
export default function NewDocumentPage() {
  return (
    <>
      <PageHeader title="Create document" description="Write the document in YAML or JSON; it is checked as you type, and the form Run Command will show builds beside it." />
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <CreateDocumentView />
      </Suspense>
    </>
  );
}
