'use client';

import { useState, type FormEvent } from 'react';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { inputStyle } from './ui';
import { useAddNodeTags, useRemoveNodeTags } from './queries';

/** The node's tags, with inline add (merge: an existing key gets the new value) and remove. */
export function TagsEditor({ nodeId, tags, canAdd, canRemove }: { nodeId: string; tags: Record<string, string>; canAdd: boolean; canRemove: boolean }) {
  const add = useAddNodeTags(nodeId);
  const remove = useRemoveNodeTags(nodeId);
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));

  const handleAdd = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ [key.trim()]: value.trim() }, { onSuccess: () => { setKey(''); setValue(''); } });
  };

  return (
    <div className="space-y-3">
      {entries.length === 0 ? (
        <p className="text-sm text-slate-500">This node has no tags.</p>
      ) : (
        <ul className="flex flex-wrap gap-2" aria-label="Tags">
          {entries.map(([tagKey, tagValue]) => (
            <li key={tagKey} className="flex items-center gap-1 rounded bg-slate-100 py-1 pl-2 pr-1 font-mono text-xs">
              <span>{`${tagKey}=${tagValue}`}</span>
              {canRemove && (
                <button
                  type="button"
                  className="rounded px-1 text-slate-500 hover:bg-slate-200 hover:text-red-700"
                  aria-label={`Remove tag ${tagKey}`}
                  disabled={remove.isPending}
                  onClick={() => remove.mutate([tagKey])}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canAdd && (
        <form className="flex flex-wrap items-center gap-2" onSubmit={handleAdd} aria-label="Add tag">
          <input className={`${inputStyle} w-36`} aria-label="Tag key" placeholder="Key" value={key} onChange={(event) => setKey(event.target.value)} required />
          <span className="text-slate-400">=</span>
          <input className={`${inputStyle} w-44`} aria-label="Tag value" placeholder="Value" value={value} onChange={(event) => setValue(event.target.value)} />
          <button type="submit" className={buttonStyles.secondary} disabled={add.isPending || !key.trim()}>Add tag</button>
        </form>
      )}
      {add.error && <ErrorNotice error={add.error} />}
      {remove.error && <ErrorNotice error={remove.error} />}
    </div>
  );
}
