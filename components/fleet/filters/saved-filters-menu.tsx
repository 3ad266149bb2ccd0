'use client';

import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { savedFiltersQuery, useCreateSavedFilter, useDeleteSavedFilter } from './queries';

const panelClass = 'absolute right-0 z-20 mt-1 w-80 space-y-3 rounded-md border border-slate-200 bg-white p-3 shadow-lg';
const summaryClass = 'cursor-pointer list-none rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50';

/** The user's own named filters: apply one, delete one, or save the current URL's filters under a name. */
export function SavedFiltersMenu({ currentSearch, onApply }: { currentSearch: string; onApply: (search: string) => void }) {
  const saved = useQuery(savedFiltersQuery());
  const create = useCreateSavedFilter();
  const remove = useDeleteSavedFilter();
  const [name, setName] = useState('');

  const handleSave = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, query: currentSearch }, { onSuccess: () => setName('') });
  };

  return (
    <details className="relative">
      <summary className={summaryClass}>Saved filters</summary>
      <div className={panelClass}>
        {saved.error && <ErrorNotice error={saved.error} />}
        {saved.data?.length === 0 && <p className="text-sm text-slate-500">No saved filters yet.</p>}
        {saved.data && saved.data.length > 0 && (
          <ul aria-label="Saved filters" className="divide-y divide-slate-100">
            {saved.data.map((filter) => (
              <li key={filter.id} className="flex items-center justify-between gap-2 py-1">
                <button type="button" className="truncate text-left text-sm text-sky-700 hover:underline" title={filter.query || 'no filters'} onClick={() => onApply(filter.query)}>
                  {filter.name}
                </button>
                <button type="button" aria-label={`Delete saved filter ${filter.name}`} className="text-xs text-red-700 hover:underline" disabled={remove.isPending} onClick={() => remove.mutate(filter.id)}>
                  Delete
                </button>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={handleSave} className="flex gap-2 border-t border-slate-100 pt-3">
          <input
            aria-label="Saved filter name"
            value={name}
            maxLength={64}
            onChange={(event) => setName(event.target.value)}
            placeholder="Name for the current filters"
            className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1.5 text-sm focus:border-sky-500 focus:outline-none"
          />
          <button type="submit" className={buttonStyles.primary} disabled={create.isPending || !name.trim()}>Save</button>
        </form>
        {(create.error || remove.error) && <ErrorNotice error={create.error ?? remove.error} />}
      </div>
    </details>
  );
}
