import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { CreateParameterView } from '@/components/parameters/create-parameter-view';
import { parameterArnPrefix } from '@/server/parameters/console';

export const metadata = { title: 'Create parameter' };

export default function NewParameterPage() {
  return (
    <>
      <PageHeader title="Create parameter" description="A name in a hierarchy, a type, and a value; SecureStrings are encrypted before they are stored." />
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <CreateParameterView arnPrefix={parameterArnPrefix()} />
      </Suspense>
    </>
  );
}
