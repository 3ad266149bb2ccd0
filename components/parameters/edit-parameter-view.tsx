'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { ParameterForm } from './parameter-form';
import { editParameterState } from './form-state';
import { parameterDetailQuery, parameterHref, useRevealValue, type ParameterDetail } from './queries';
import { ApiError } from '@/components/lib/api-client';
import { DetailFallback, DetailHeader } from '@/components/settings/detail-page';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';

/**
 * A SecureString's edit starts with an empty value: nobody's secret is decrypted just by opening
 * the form. This offers the decrypting read, which is audited like "Show".
 */
function SecretLoader({ name, onLoaded }: { name: string; onLoaded: (value: string) => void }) {
  const reveal = useRevealValue(name);
  return (
    <div role="note" className="flex flex-wrap items-center justify-between gap-3 rounded border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <p>Type the new secret, or load the current one to change it. Loading decrypts it, and is recorded in the audit trail.</p>
      <button type="button" className={buttonStyles.secondary} disabled={reveal.isPending} onClick={() => reveal.mutate(undefined, { onSuccess: (parameter) => onLoaded(parameter.Value) })}>
        {reveal.isPending ? 'Loading…' : 'Load current value'}
      </button>
      {reveal.error && <ErrorNotice error={reveal.error} />}
    </div>
  );
}

function EditForm({ detail, arnPrefix }: { detail: ParameterDetail; arnPrefix: string }) {
  const router = useRouter();
  const name = detail.parameter.Name;
  // Loading the secret replaces the form's starting point; the key makes the form take it.
  const [secret, setSecret] = useState<string | null>(null);
  const initial = { ...editParameterState(detail), ...(secret !== null ? { value: secret } : {}) };
  const isSecret = detail.parameter.Type === 'SecureString';
  return (
    <ParameterForm
      key={secret === null ? 'empty' : 'loaded'}
      initial={initial}
      arnPrefix={arnPrefix}
      existing={{ tier: detail.parameter.Tier, valueLoader: isSecret && secret === null ? <SecretLoader name={name} onLoaded={setSecret} /> : undefined }}
      onDone={() => router.push(parameterHref(name, 'history'))}
      onCancel={() => router.push(parameterHref(name))}
    />
  );
}

/** Writes a new version of a parameter: value, description, pattern, tier, policies. */
export function EditParameterView({ name, arnPrefix }: { name: string; arnPrefix: string }) {
  const { data, error, isPending } = useQuery(parameterDetailQuery(name));
  if (!data) {
    const isMissing = error instanceof ApiError && error.code === 'ParameterNotFound';
    return <DetailFallback error={isMissing ? null : error} isPending={isPending} noun="parameter" name={name} listHref="/parameters" listName="Parameter Store" />;
  }
  return (
    <div className="space-y-5">
      <DetailHeader backHref={parameterHref(name)} backLabel={name} title={`Edit ${name}`} summary={`Version ${data.parameter.Version} now; saving makes version ${data.parameter.Version + 1}.`} />
      <EditForm detail={data} arnPrefix={arnPrefix} />
    </div>
  );
}
