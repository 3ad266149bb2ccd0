import { PageHeader } from '@/components/ui/page-header';
import { PatchGroupsView } from '@/components/patch-manager/patch-groups-view';
import { PatchManagerTabs } from '@/components/patch-manager/tabs';

export const metadata = { title: 'Patch groups' };

export default function PatchGroupsPage() {
  return (
    <>
      <PageHeader title="Patch Manager" description="Patch groups pick a baseline per operating system for the nodes tagged with them." />
      <PatchManagerTabs />
      <PatchGroupsView />
    </>
  );
}
