import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { ComplianceView } from '@/components/compliance/compliance-view';

export const metadata = { title: 'Compliance' };

export default function CompliancePage() {
  return (
    <>
      <PageHeader
        title="Compliance"
        description="Patch, association and custom compliance across the fleet: which nodes are out of line, how badly, and one click to put them back."
      />
      {/* The filters live in the URL (useSearchParams), which needs a Suspense boundary. */}
      <Suspense fallback={<p className="text-sm text-slate-500">Loading compliance…</p>}>
        <ComplianceView />
      </Suspense>
    </>
  );
}
