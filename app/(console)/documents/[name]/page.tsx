import { Suspense } from 'react';
import { DocumentDetail } from '@/components/documents/document-detail';

export const metadata = { title: 'Document' };

export default async function DocumentPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return (
    <Suspense fallback={<p className="text-sm text-slate-500">Loading document…</p>}>
      <DocumentDetail name={decodeURIComponent(name)} />
    </Suspense>
  );
}
