import { PageHeader } from '@/components/ui/page-header';
import { BaselinesView } from '@/components/patch-manager/baselines-view';
import { PatchManagerTabs } from '@/components/patch-manager/tabs';

export const metadata = { title: 'Patch baselines' };

export default function PatchBaselinesPage() {
  return (
    <>
      <PageHeader title="Patch Manager" description="Patch baselines decide which updates are approved for each operating system." />
      <PatchManagerTabs />
      <BaselinesView />
    </>
  );
}
