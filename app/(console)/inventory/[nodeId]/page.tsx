import { NodeInventoryPage } from '@/components/inventory/node-inventory';

export const metadata = { title: 'Node inventory' };

export default async function NodeInventoryRoute({ params }: { params: Promise<{ nodeId: string }> }) {
  const { nodeId } = await params;
  return <NodeInventoryPage nodeId={nodeId} />;
}
