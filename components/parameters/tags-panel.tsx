'use client';

import { useState, type FormEvent } from 'react';
import { useAddParameterTags, useRemoveParameterTags } from './queries';
import { Section } from '@/components/settings/ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { sizedInputClass } from '@/components/run-command/ui';

/** The parameter's tags, with add (an existing key takes the new value) and remove. */
export function TagsPanel({ name, tags, canAdd, canRemove }: { name: string; tags: Record<string, string> | null; canAdd: boolean; canRemove: boolean }) {
  const add = useAddParameterTags(name);
  const remove = useRemoveParameterTags(name);
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const entries = Object.entries(tags ?? {}).sort(([a], [b]) => a.localeCompare(b));

  const handleAdd = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ [key.trim()]: value }, { onSuccess: () => { setKey(''); setValue(''); } });
  };

  return (
    <Section title="Tags" description="Key-value pairs; IAM policies can grant access by them.">
      <div className="space-y-3 px-5 py-4">
        {tags === null ? (
          <p className="text-sm text-slate-500">Your permissions do not list this parameter&apos;s tags (ssm:ListTagsForResource).</p>
        ) : entries.length === 0 ? (
          <p className="text-sm text-slate-500">No tags.</p>
        ) : (
          <ul className="flex flex-wrap gap-2" aria-label="Tags">
            {entries.map(([tagKey, tagValue]) => (
              <li key={tagKey} className="flex items-center gap-1 rounded bg-slate-100 py-1 pl-2 pr-1 font-mono text-xs">
                <span>{`${tagKey}=${tagValue}`}</span>
                {canRemove && (
                  <button type="button" className="rounded px-1 text-slate-500 hover:bg-slate-200 hover:text-red-700" aria-label={`Remove tag ${tagKey}`} disabled={remove.isPending} onClick={() => remove.mutate([tagKey])}>
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {canAdd && (
          <form className="flex flex-wrap items-center gap-2" onSubmit={handleAdd} aria-label="Add tag">
            <input className={`${sizedInputClass} w-36`} aria-label="Tag key" placeholder="Key" value={key} onChange={(event) => setKey(event.target.value)} maxLength={128} required />
            <span className="text-slate-400">=</span>
            <input className={`${sizedInputClass} w-44`} aria-label="Tag value" placeholder="Value" value={value} onChange={(event) => setValue(event.target.value)} maxLength={256} />
            <button type="submit" className={buttonStyles.secondary} disabled={add.isPending || !key.trim()}>Add tag</button>
          </form>
        )}
        {add.error && <ErrorNotice error={add.error} />}
        {remove.error && <ErrorNotice error={remove.error} />}
      </div>
    </Section>
  );
}
