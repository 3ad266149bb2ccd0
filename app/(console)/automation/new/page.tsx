import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { StartExecutionForm } from '@/components/automation/start-execution-form';

export const metadata = { title: 'Run a runbook' };

export default function NewExecutionPage() {
  return (
    <>
      <PageHeader title="Run a runbook" description="Pick an Automation runbook, fill in its parameters, optionally run it over many targets at a controlled rate, and start." />
      {/* ?document= preselects (useSearchParams needs a Suspense boundary). */}
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <StartExecutionForm />
      </Suspense>
    </>
  );
}
