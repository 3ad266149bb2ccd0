'use client';

import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { keyChoicesQuery } from './queries';
import { inputClass } from '@/components/settings/ui';

/**
 * The key a SecureString is encrypted with: a list of enabled keys when the user may list them,
 * else a box for a key id, ARN or alias.
 */
export function KeyPicker({ keyId, onChange }: { keyId: string; onChange: (keyId: string) => void }) {
  const id = useId();
  const { data, error, isPending } = useQuery(keyChoicesQuery());
  const choices = data?.keys ?? [];
  const isListed = choices.some((choice) => choice.keyId === keyId);
  return (
    <div className="text-sm">
      <label htmlFor={id} className="mb-1 block font-medium">Encryption key</label>
      {error ? (
        <input id={id} className={`${inputClass} font-mono`} value={keyId} onChange={(event) => onChange(event.target.value)} aria-describedby={`${id}-hint`} placeholder="alias/aws/ssm" />
      ) : (
        <select id={id} className={inputClass} value={keyId} onChange={(event) => onChange(event.target.value)} disabled={isPending} aria-describedby={`${id}-hint`}>
          {!isListed && <option value={keyId}>{keyId}</option>}
          {choices.map((choice) => <option key={choice.keyId} value={choice.keyId}>{choice.label}</option>)}
        </select>
      )}
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {error
          ? 'Your permissions do not list keys: enter a key id, key ARN or alias (alias/aws/ssm is the default).'
          : 'alias/aws/ssm needs no key permission to encrypt; a customer key needs kms:GenerateDataKey, and readers need kms:Decrypt on it.'}
      </p>
    </div>
  );
}
