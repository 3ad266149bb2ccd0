import { PageHeader } from '@/components/ui/page-header';
import { NodePatchesView } from '@/components/patch-manager/node-patches-view';
import { PatchManagerTabs } from '@/components/patch-manager/tabs';

export const metadata = { title: 'Node patches' };

export default async function NodePatchesPage({ params }: { params: Promise<{ nodeId: string }> }) {
  const nodeId = decodeURIComponent((await params).nodeId);
  return (
    <>
      <PageHeader title="Node patches" description="Every patch the node's last Scan or Install reported, and its state." />
      <PatchManagerTabs />
      <NodePatchesView nodeId={nodeId} />
    </>
  );
}
