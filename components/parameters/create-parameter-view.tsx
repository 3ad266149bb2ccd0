'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { ParameterForm } from './parameter-form';
import { newParameterState } from './form-state';
import { parameterHref, pathHref } from './queries';

/** The create form, starting in the path the user was looking at (?path=). */
export function CreateParameterView({ arnPrefix }: { arnPrefix: string }) {
  const router = useRouter();
  const path = useSearchParams().get('path') || '/';
  return (
    <ParameterForm
      initial={newParameterState(path)}
      arnPrefix={arnPrefix}
      onDone={(name) => router.push(parameterHref(name))}
      onCancel={() => router.push(pathHref(path))}
    />
  );
}
