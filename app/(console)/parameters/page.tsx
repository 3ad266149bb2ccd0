import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { ParametersView } from '@/components/parameters/parameters-view';

export const metadata = { title: 'Parameter Store' };

export default function ParametersPage() {
  return (
    <>
      <PageHeader
        title="Parameter Store"
        description="Configuration values and secrets in a hierarchy of paths: versioned, labelled, and SecureStrings encrypted at rest with a key."
      />
      {/* The path and filters live in the URL (useSearchParams), which needs a Suspense boundary. */}
      <Suspense fallback={<p className="text-sm text-slate-500">Loading parameters…</p>}>
        <ParametersView />
      </Suspense>
    </>
  );
}
