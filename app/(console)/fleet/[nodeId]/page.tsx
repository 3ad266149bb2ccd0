import { NodeDetail } from '@/components/fleet/node-detail';

export const metadata = { title: 'Node' };

export default async function NodePage({ params }: { params: Promise<{ nodeId: string }> }) {
  const { nodeId } = await params;
  return <NodeDetail nodeId={nodeId} />;
}
