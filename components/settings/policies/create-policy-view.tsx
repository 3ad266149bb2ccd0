'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { policyListQuery, useCreatePolicy } from './queries';
import { PolicyForm } from './policy-form';
import { policyHref } from './policies-view';
import { NEW_POLICY_DOCUMENT, formatPolicyDocument } from './policy-text';

/** A new customer policy, blank or copied from an existing one (`copyFrom`). */
export function CreatePolicyView({ copyFrom }: { copyFrom?: string }) {
  const router = useRouter();
  const create = useCreatePolicy();
  const { data: policies, isPending } = useQuery({ ...policyListQuery(), enabled: Boolean(copyFrom) });
  const source = copyFrom ? policies?.find((policy) => policy.name === copyFrom) : undefined;

  if (copyFrom && isPending) return <p className="text-sm text-slate-500">Loading {copyFrom}…</p>;
  const initial = source
    ? { name: `${source.name}Copy`, description: source.description, document: formatPolicyDocument(source.document) }
    : { name: '', description: '', document: NEW_POLICY_DOCUMENT };

  return (
    <div className="space-y-4">
      <div>
        <Link href="/settings/policies" className="text-sm text-sky-700 hover:underline">← Policies</Link>
        <h2 className="mt-1 text-xl font-semibold tracking-tight">{source ? `Copy ${source.name}` : 'Create policy'}</h2>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-6">
        <PolicyForm
          key={source?.id ?? 'blank'}
          initial={initial}
          isNew
          isSaving={create.isPending}
          submitLabel="Create policy"
          onCancel={() => router.push('/settings/policies')}
          onSave={(draft, callbacks) =>
            create.mutate(draft, { onError: callbacks.onError, onSuccess: (policy) => router.push(policyHref(policy.name)) })
          }
        />
      </div>
    </div>
  );
}
