'use client';

import { useRouter } from 'next/navigation';
import { BaselineForm } from './baseline-form';
import { emptyDraft, settingsOf } from './baseline-form-state';
import { baselineHref, useCreateBaseline } from './queries';

export function NewBaseline() {
  const router = useRouter();
  const create = useCreateBaseline();
  return (
    <BaselineForm
      initial={emptyDraft()}
      isNew
      submitLabel="Create patch baseline"
      isPending={create.isPending}
      error={create.error}
      onCancel={() => router.push('/patch-manager/baselines')}
      onSubmit={(draft) => create.mutate({ ...settingsOf(draft), OperatingSystem: draft.operatingSystem }, { onSuccess: ({ BaselineId }) => router.push(baselineHref(BaselineId)) })}
    />
  );
}
