import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { PatchDashboard } from '@/components/patch-manager/dashboard-view';
import { PatchManagerTabs } from '@/components/patch-manager/tabs';

export const metadata = { title: 'Patch Manager' };

export default function PatchManagerPage() {
  return (
    <>
      <PageHeader title="Patch Manager" description="Scan nodes against patch baselines and install approved updates with each node's own package manager, through Run Command with rate control." />
      <PatchManagerTabs />
      {/* The filters live in the URL (useSearchParams), which needs a Suspense boundary. */}
      <Suspense fallback={<p className="text-sm text-slate-500">Loading patch compliance…</p>}>
        <PatchDashboard />
      </Suspense>
    </>
  );
}
