import { PageHeader } from '@/components/ui/page-header';
import { ResourceGroupsView } from '@/components/resource-groups/resource-groups-view';

export const metadata = { title: 'Resource Groups' };

export default function ResourceGroupsPage() {
  return (
    <>
      <PageHeader title="Resource Groups" description="Named sets of nodes, chosen by tags or listed by id, to target together." />
      <ResourceGroupsView />
    </>
  );
}
