'use client';

import { useState, type FormEvent } from 'react';
import { useCreateActivation, type CreatedActivation } from './queries';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';

const inputClass = 'w-full rounded border border-slate-300 px-3 py-1.5 text-sm focus:border-sky-500 focus:outline-none';

/** "k=v, k2=v2" → record; a malformed pair is reported, not dropped. */
export function parseTagText(text: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const pair of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const separator = pair.indexOf('=');
    if (separator <= 0) throw new Error(`tag '${pair}' is not key=value`);
    tags[pair.slice(0, separator).trim()] = pair.slice(separator + 1).trim();
  }
  return tags;
}

export function CreateActivationForm({ onCreated }: { onCreated: (created: CreatedActivation) => void }) {
  const create = useCreateActivation();
  const [tagError, setTagError] = useState<string | null>(null);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    let tags: Record<string, string>;
    try {
      tags = parseTagText(String(form.get('tags') ?? ''));
      setTagError(null);
    } catch (error) {
      setTagError((error as Error).message);
      return;
    }
    const expires = String(form.get('expirationDate') ?? '');
    create.mutate(
      {
        description: String(form.get('description') ?? ''),
        defaultInstanceName: String(form.get('defaultInstanceName') ?? '') || undefined,
        registrationLimit: Number(form.get('registrationLimit')),
        expirationDate: expires ? new Date(expires).toISOString() : undefined,
        tags,
        region: String(form.get('region') ?? '').trim() || undefined,
        account: String(form.get('account') ?? '').trim() || undefined,
      },
      { onSuccess: onCreated },
    );
  };

  return (
    <form onSubmit={handleSubmit} className="grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-6" aria-label="Create activation">
      <label className="col-span-2 text-sm">
        <span className="mb-1 block font-medium">Description</span>
        <input name="description" maxLength={256} className={inputClass} placeholder="Web servers in rack 4" />
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium">Default instance name</span>
        <input name="defaultInstanceName" className={inputClass} placeholder="optional" />
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium">Registration limit</span>
        <input name="registrationLimit" type="number" min={1} max={1000} defaultValue={1} className={inputClass} />
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium">Expiration date</span>
        <input name="expirationDate" type="datetime-local" className={inputClass} />
        <span className="mt-1 block text-xs text-slate-500">Default: 24 hours from now. At most 30 days.</span>
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium">Tags for registered nodes</span>
        <input name="tags" className={inputClass} placeholder="Environment=dev, Team=web" />
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium">Region for registered nodes</span>
        <input name="region" maxLength={64} className={inputClass} placeholder="eu-west-1, dc-frankfurt (optional)" />
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium">Account for registered nodes</span>
        <input name="account" maxLength={64} className={inputClass} placeholder="123456789012, payments (optional)" />
        <span className="mt-1 block text-xs text-slate-500">How you slice the fleet, as AWS users do by Region and account.</span>
      </label>
      {(tagError || create.error) && (
        <div className="col-span-2">
          <ErrorNotice error={tagError ? new Error(tagError) : create.error} />
        </div>
      )}
      <div className="col-span-2 flex justify-end">
        <button type="submit" className={buttonStyles.primary} disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create activation'}
        </button>
      </div>
    </form>
  );
}
