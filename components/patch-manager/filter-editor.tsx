'use client';

import { sizedInputClass } from '@/components/run-command/ui';
import { buttonStyles } from '@/components/ui/notices';
import { FILTER_KEYS, type FilterDraft } from './baseline-form-state';

/** Patch filters: a key and comma-separated values each (`*` is a wildcard). All must match. */
export function FilterEditor({ label, filters, onChange }: { label: string; filters: FilterDraft[]; onChange: (filters: FilterDraft[]) => void }) {
  const update = (index: number, change: Partial<FilterDraft>) => onChange(filters.map((filter, at) => (at === index ? { ...filter, ...change } : filter)));
  const unused = FILTER_KEYS.find((key) => !filters.some((filter) => filter.key === key));
  return (
    <fieldset className="space-y-2">
      <legend className="sr-only">{label}</legend>
      {filters.map((filter, index) => (
        <div key={index} className="flex gap-2">
          <select aria-label={`${label} ${index + 1} key`} className={`${sizedInputClass} w-44`} value={filter.key} onChange={(event) => update(index, { key: event.target.value })}>
            {FILTER_KEYS.map((key) => <option key={key} value={key}>{key}</option>)}
          </select>
          <input aria-label={`${label} ${index + 1} values`} className={`${sizedInputClass} flex-1`} placeholder="Values, comma-separated, e.g. Security or Debian12, Ubuntu*" value={filter.values} onChange={(event) => update(index, { values: event.target.value })} />
          <button type="button" className={buttonStyles.secondary} aria-label={`Remove ${label.toLowerCase()} ${index + 1}`} onClick={() => onChange(filters.filter((_, at) => at !== index))}>Remove</button>
        </div>
      ))}
      {unused && <button type="button" className={buttonStyles.secondary} onClick={() => onChange([...filters, { key: unused, values: '' }])}>Add filter</button>}
    </fieldset>
  );
}
