import { PageHeader } from '@/components/ui/page-header';
import { NewBaseline } from '@/components/patch-manager/new-baseline';

export const metadata = { title: 'Create patch baseline' };

export default async function NewPatchBaselinePage({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  const { from } = await searchParams;
  return (
    <>
      <PageHeader
        title="Create patch baseline"
        description={from ? 'A copy of an existing baseline: change what differs, then create it. Register it to a patch group or make it the default afterwards.' : 'Approval rules, approved and rejected packages, and extra sources for one operating system. Register it to a patch group or make it the default afterwards.'}
      />
      <NewBaseline copyFrom={from} />
    </>
  );
}
