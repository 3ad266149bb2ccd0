import { Suspense } from 'react';
import { AssociationDetail } from '@/components/state-manager/association-detail';

export const metadata = { title: 'Association' };

export default async function AssociationPage({ params }: { params: Promise<{ associationId: string }> }) {
  const { associationId } = await params;
  // The tab lives in the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<p className="text-sm text-slate-500">Loading association…</p>}>
      <AssociationDetail associationId={associationId} />
    </Suspense>
  );
}
