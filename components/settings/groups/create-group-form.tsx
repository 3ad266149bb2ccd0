'use client';

import type { FormEvent } from 'react';
import { useCreateGroup } from './queries';
import { inputClass } from '../ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';

export function CreateGroupForm({ onCreated, onCancel }: { onCreated: (name: string) => void; onCancel: () => void }) {
  const create = useCreateGroup();

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate(
      { name: String(form.get('name') ?? '').trim(), description: String(form.get('description') ?? '') },
      { onSuccess: (group) => onCreated(group.name) },
    );
  };

  return (
    <form onSubmit={handleSubmit} aria-label="Create group" className="grid grid-cols-3 gap-4 border-b border-slate-200 bg-slate-50 px-5 py-4">
      <label className="text-sm">
        <span className="mb-1 block font-medium">Group name</span>
        <input name="name" required maxLength={128} autoComplete="off" className={inputClass} placeholder="operators" />
      </label>
      <label className="col-span-2 text-sm">
        <span className="mb-1 block font-medium">Description</span>
        <input name="description" maxLength={256} className={inputClass} placeholder="optional" />
      </label>
      {create.error && <div className="col-span-3"><ErrorNotice error={create.error} /></div>}
      <div className="col-span-3 flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onCancel}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={create.isPending}>{create.isPending ? 'Creating…' : 'Create group'}</button>
      </div>
    </form>
  );
}
