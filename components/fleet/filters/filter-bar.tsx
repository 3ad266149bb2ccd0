'use client';

import { useState, type FormEvent } from 'react';
import { hasFilters, type FleetFilters } from '@/server/fleet/filters';
import { buttonStyles } from '@/components/ui/notices';
import { AddFilterForm } from './add-filter-form';
import { filterChips } from './filter-chips';

/**
 * Free text, then one chip per condition; "Add filter" picks a property, an operator and a value.
 * Every change goes to the URL (see useFleetQuery).
 */
export function FilterBar({ filters, onChange, onClear }: { filters: FleetFilters; onChange: (next: FleetFilters) => void; onClear: () => void }) {
  const [isAdding, setIsAdding] = useState(false);
  const chips = filterChips(filters);

  const handleSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get('q') ?? '').trim();
    onChange({ ...filters, q: text || undefined });
  };

  return (
    <div className="space-y-2 border-b border-slate-200 p-3">
      <div className="flex flex-wrap items-center gap-2">
        <form role="search" onSubmit={handleSearch} className="min-w-72 flex-1">
          <input
            key={filters.q ?? ''}
            name="q"
            type="search"
            aria-label="Search nodes"
            defaultValue={filters.q ?? ''}
            placeholder="Search by name, node ID, computer name or IP prefix, then Enter"
            className="w-full rounded border border-slate-300 px-3 py-1.5 text-sm focus:border-sky-500 focus:outline-none"
          />
        </form>
        <button type="button" className={buttonStyles.secondary} aria-expanded={isAdding} onClick={() => setIsAdding(!isAdding)}>
          Add filter
        </button>
        {hasFilters(filters) && (
          <button type="button" className={buttonStyles.secondary} onClick={onClear}>Clear filters</button>
        )}
      </div>
      {isAdding && (
        <AddFilterForm
          filters={filters}
          onCancel={() => setIsAdding(false)}
          onApply={(next) => {
            setIsAdding(false);
            onChange(next);
          }}
        />
      )}
      {chips.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label="Active filters">
          {chips.map((chip) => (
            <li key={chip.id} className="inline-flex items-center gap-1 rounded-full bg-sky-50 py-0.5 pl-2.5 pr-1 text-xs text-sky-900 ring-1 ring-inset ring-sky-600/20">
              {chip.text}
              <button
                type="button"
                aria-label={`Remove filter ${chip.text}`}
                onClick={() => onChange(chip.without)}
                className="rounded-full px-1 text-sky-700 hover:bg-sky-100 hover:text-sky-900"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
