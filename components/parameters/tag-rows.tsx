'use client';

import type { TagRow } from './form-state';
import { buttonStyles } from '@/components/ui/notices';
import { sizedInputClass } from '@/components/run-command/ui';

/** The tags a new parameter starts with, as key and value rows. */
export function TagRows({ tags, problems, onChange }: { tags: TagRow[]; problems: string[]; onChange: (tags: TagRow[]) => void }) {
  const update = (index: number, patch: Partial<TagRow>) => onChange(tags.map((tag, at) => (at === index ? { ...tag, ...patch } : tag)));
  return (
    <div className="space-y-2 text-sm">
      {tags.length === 0 && <p className="text-xs text-slate-500">No tags. Tags can also be added later, and policies can grant access by them.</p>}
      {tags.map((tag, index) => (
        <div key={index} className="flex items-center gap-2">
          <input className={`${sizedInputClass} w-48`} aria-label={`Tag ${index + 1} key`} placeholder="Key" value={tag.key} onChange={(event) => update(index, { key: event.target.value })} maxLength={128} />
          <span className="text-slate-400">=</span>
          <input className={`${sizedInputClass} w-64`} aria-label={`Tag ${index + 1} value`} placeholder="Value" value={tag.value} onChange={(event) => update(index, { value: event.target.value })} maxLength={256} />
          <button type="button" className="rounded px-2 py-1 text-slate-500 hover:bg-slate-100 hover:text-red-700" aria-label={`Remove tag ${index + 1}`} onClick={() => onChange(tags.filter((_, at) => at !== index))}>×</button>
        </div>
      ))}
      <button type="button" className={buttonStyles.secondary} onClick={() => onChange([...tags, { key: '', value: '' }])} disabled={tags.length >= 50}>Add tag</button>
      {problems.length > 0 && <ul className="space-y-0.5 text-xs font-medium text-red-700">{problems.map((problem) => <li key={problem}>{problem}</li>)}</ul>}
    </div>
  );
}
