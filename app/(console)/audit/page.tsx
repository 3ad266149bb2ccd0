import { Suspense } from 'react';
import { AuditView } from '@/components/audit/audit-view';

export const metadata = { title: 'Audit trail' };

export default function AuditPage() {
  // The view reads its filters from the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
      <AuditView />
    </Suspense>
  );
}
