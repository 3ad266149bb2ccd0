import { Suspense } from 'react';
import { ParameterDetailView } from '@/components/parameters/parameter-detail';

export const metadata = { title: 'Parameter' };

// ?name=: parameter names hold slashes, so the page takes them in the query string.
export default async function ParameterPage({ searchParams }: { searchParams: Promise<{ name?: string }> }) {
  const { name = '' } = await searchParams;
  return (
    <Suspense fallback={<p className="text-sm text-slate-500">Loading parameter…</p>}>
      <ParameterDetailView key={name} name={name} />
    </Suspense>
  );
}
