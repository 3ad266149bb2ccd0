import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { ExecutionList } from '@/components/automation/execution-list';

export const metadata = { title: 'Automation' };

export default function AutomationPage() {
  return (
    <>
      <PageHeader
        title="Automation"
        description="Run runbooks: multi-step procedures that run commands on nodes, wait for approval, branch and loop, and resume where they were after a restart."
      />
      {/* The filters live in the URL (useSearchParams), which needs a Suspense boundary. */}
      <Suspense fallback={<p className="text-sm text-slate-500">Loading executions…</p>}>
        <ExecutionList />
      </Suspense>
    </>
  );
}
