import { Suspense } from 'react';
import { CalendarDetail } from '@/components/change-calendar/calendar-detail';

export const metadata = { title: 'Change calendar' };

export default async function CalendarPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return (
    // The month shown lives in the URL (useSearchParams), which needs a Suspense boundary.
    <Suspense fallback={<p className="text-sm text-slate-500">Loading calendar…</p>}>
      <CalendarDetail name={decodeURIComponent(name)} />
    </Suspense>
  );
}
