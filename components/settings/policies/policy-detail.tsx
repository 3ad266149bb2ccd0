'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { policyListQuery, useDeletePolicy, useUpdatePolicy, type Policy } from './queries';
import { PolicyEditor } from './policy-editor';
import { PolicyForm } from './policy-form';
import { formatPolicyDocument } from './policy-text';
import { segment } from '../keys';
import { ConfirmDialog } from '../confirm-dialog';
import { DetailFallback, DetailHeader } from '../detail-page';
import { Badge } from '../ui';
import { buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';
import { dateTime } from '@/components/lib/format';

function BuiltinPolicy({ policy }: { policy: Policy }) {
  const editorId = useId();
  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-6">
      <p className="rounded border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700">
        Built-in policies cannot be changed: every installation has them and Opsdeck refreshes them on upgrade. To adjust one, copy it into a
        policy of your own.
      </p>
      <label htmlFor={editorId} className="block text-sm font-medium">Policy document (read-only)</label>
      <PolicyEditor id={editorId} value={formatPolicyDocument(policy.document)} errors={[]} isReadOnly />
    </div>
  );
}

function EditablePolicy({ policy }: { policy: Policy }) {
  const router = useRouter();
  const update = useUpdatePolicy(policy.name);
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-6">
      <PolicyForm
        initial={{ name: policy.name, description: policy.description, document: formatPolicyDocument(policy.document) }}
        isNew={false}
        isSaving={update.isPending}
        submitLabel="Save changes"
        onCancel={() => router.push('/settings/policies')}
        onSave={(draft, callbacks) => update.mutate({ description: draft.description, document: draft.document }, callbacks)}
      />
    </div>
  );
}

export function PolicyDetail({ name }: { name: string }) {
  const router = useRouter();
  const { data: policies, error, isPending } = useQuery(policyListQuery());
  const deletion = useConfirmMutation(useDeletePolicy(), (target: string) => target, () => router.push('/settings/policies'));
  const policy = policies?.find((candidate) => candidate.name === name);

  if (error || !policy) {
    return <DetailFallback error={error} isPending={isPending} noun="policy" name={name} listHref="/settings/policies" listName="policies" />;
  }

  return (
    <div className="space-y-4">
      <DetailHeader
        backHref="/settings/policies"
        backLabel="Policies"
        title={<>{policy.name} {policy.isBuiltin ? <Badge>Built-in · read-only</Badge> : <Badge tone="sky">Custom</Badge>}</>}
        summary={<>{policy.description || 'No description'} · last changed {dateTime(policy.updatedAt)}</>}
        actions={
          <div className="flex shrink-0 gap-2 whitespace-nowrap">
            <Link href={`/settings/policies?create=1&from=${segment(policy.name)}`} className={buttonStyles.secondary}>Copy to new policy</Link>
            {!policy.isBuiltin && <button type="button" className={buttonStyles.danger} onClick={() => deletion.ask(policy.name)}>Delete policy</button>}
          </div>
        }
      />
      {policy.isBuiltin ? <BuiltinPolicy policy={policy} /> : <EditablePolicy key={policy.id} policy={policy} />}
      {deletion.target && (
        <ConfirmDialog title={`Delete policy ${policy.name}?`} confirmLabel="Delete policy" confirmText={policy.name} {...deletion.dialogProps}>
          <p>It is detached from every user and group that has it, and they lose what it allows.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
