import { ResourceGroupDetail } from '@/components/resource-groups/group-detail';

export const metadata = { title: 'Resource group' };

export default async function ResourceGroupPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return <ResourceGroupDetail name={decodeURIComponent(name)} />;
}
