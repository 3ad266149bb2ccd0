'use client';

import { useRouter } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { ErrorNotice } from '@/components/ui/notices';
import { BaselineForm } from './baseline-form';
import { copyDraftOf, emptyDraft, settingsOf, type BaselineDraft } from './baseline-form-state';
import { baselineHref, baselineQuery, useCreateBaseline } from './queries';

function CreateForm({ initial }: { initial: BaselineDraft }) {
  const router = useRouter();
  const create = useCreateBaseline();
  return (
    <BaselineForm
      initial={initial}
      isNew
      submitLabel="Create patch baseline"
      isPending={create.isPending}
      error={create.error}
      onCancel={() => router.push('/patch-manager/baselines')}
      onSubmit={(draft) => create.mutate({ ...settingsOf(draft), OperatingSystem: draft.operatingSystem }, { onSuccess: ({ BaselineId }) => router.push(baselineHref(BaselineId)) })}
    />
  );
}

function CopyForm({ baselineId }: { baselineId: string }) {
  const { data: baseline, error } = useQuery(baselineQuery(baselineId));
  if (error) return <ErrorNotice error={error} />;
  if (!baseline) return <p className="text-sm text-slate-500">Loading the baseline to copy…</p>;
  return <CreateForm initial={copyDraftOf(baseline)} />;
}

/** A new baseline: empty, or a copy of `copyFrom` (a baseline id) to adjust. */
export function NewBaseline({ copyFrom }: { copyFrom?: string }) {
  return copyFrom ? <CopyForm baselineId={copyFrom} /> : <CreateForm initial={emptyDraft()} />;
}
