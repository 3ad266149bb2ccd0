import { Suspense } from 'react';
import { SessionsView } from '@/components/sessions/sessions-view';

export const metadata = { title: 'Session Manager' };

export default function SessionsPage() {
  // The filters live in the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<p className="text-sm text-slate-500">Loading sessions…</p>}>
      <SessionsView />
    </Suspense>
  );
}
