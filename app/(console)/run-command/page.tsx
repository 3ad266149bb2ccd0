import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { CommandHistory } from '@/components/run-command/command-history';

export const metadata = { title: 'Run Command' };

export default function RunCommandPage() {
  return (
    <>
      <PageHeader title="Run Command" description="Run a document on one node or thousands, with rate and error controls, and follow each node's output as it happens." />
      {/* The filters live in the URL (useSearchParams), which needs a Suspense boundary. */}
      <Suspense fallback={<p className="text-sm text-slate-500">Loading commands…</p>}>
        <CommandHistory />
      </Suspense>
    </>
  );
}
