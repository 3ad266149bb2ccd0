import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { RunCommandForm } from '@/components/run-command/run-command-form';

export const metadata = { title: 'Run a command' };

export default function NewCommandPage() {
  return (
    <>
      <PageHeader title="Run a command" description="Pick a Command document, fill in its parameters, choose the targets, and run." />
      {/* ?document= and ?node= preselect (useSearchParams needs a Suspense boundary). */}
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <RunCommandForm />
      </Suspense>
    </>
  );
}
