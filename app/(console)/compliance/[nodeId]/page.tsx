import { Suspense } from 'react';
import { NodeItems } from '@/components/compliance/node-items';

export const metadata = { title: 'Node compliance' };

export default async function NodeCompliancePage({ params }: { params: Promise<{ nodeId: string }> }) {
  const { nodeId } = await params;
  // The filters live in the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<p className="text-sm text-slate-500">Loading node compliance…</p>}>
      <NodeItems nodeId={nodeId} />
    </Suspense>
  );
}
