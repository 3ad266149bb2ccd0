import { PageHeader } from '@/components/ui/page-header';
import { NewBaseline } from '@/components/patch-manager/new-baseline';

export const metadata = { title: 'Create patch baseline' };

export default function NewPatchBaselinePage() {
  return (
    <>
      <PageHeader title="Create patch baseline" description="Approval rules, approved and rejected packages, and extra sources for one operating system. Register it to a patch group or make it the default afterwards." />
      <NewBaseline />
    </>
  );
}
