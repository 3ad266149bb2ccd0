'use client';

import { useEffect, useState } from 'react';
import type { ParameterListFilters } from './queries';
import { useDebouncedValue } from '@/components/documents/use-document-lint';
import { sizedInputClass } from '@/components/run-command/ui';

/** A text filter that applies itself once typing pauses. */
function SettlingInput({ label, placeholder, value, onSettle, className }: { label: string; placeholder: string; value: string; onSettle: (value: string) => void; className: string }) {
  const [text, setText] = useState(value);
  const settled = useDebouncedValue(text, 400);
  useEffect(() => {
    if (settled.trim() !== value) onSettle(settled.trim());
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a settled value applies
  }, [settled]);
  return <input type="search" aria-label={label} placeholder={placeholder} className={`${sizedInputClass} ${className}`} value={text} onChange={(event) => setText(event.target.value)} />;
}

/** The filters above the table: sub-paths, type, tier, label and tag. */
export function ParameterFilters({ filters, onChange }: { filters: ParameterListFilters; onChange: (next: Partial<ParameterListFilters>) => void }) {
  return (
    <div role="group" aria-label="Filters" className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-slate-50/60 px-5 py-3 text-sm">
      <label className="flex items-center gap-2 rounded border border-slate-300 bg-white px-2.5 py-1.5">
        <input type="checkbox" className="accent-sky-600" checked={filters.isRecursive} onChange={(event) => onChange({ isRecursive: event.target.checked })} />
        Include sub-paths
      </label>
      <select aria-label="Type" className={`${sizedInputClass} w-40`} value={filters.type} onChange={(event) => onChange({ type: event.target.value })}>
        <option value="">All types</option>
        <option value="String">String</option>
        <option value="StringList">StringList</option>
        <option value="SecureString">SecureString</option>
      </select>
      <select aria-label="Tier" className={`${sizedInputClass} w-36`} value={filters.tier} onChange={(event) => onChange({ tier: event.target.value })}>
        <option value="">All tiers</option>
        <option value="Standard">Standard</option>
        <option value="Advanced">Advanced</option>
      </select>
      <SettlingInput label="Label" placeholder="Label, e.g. prod" className="w-40" value={filters.label} onSettle={(label) => onChange({ label })} />
      <SettlingInput label="Tag" placeholder="Tag: key or key=value" className="w-48" value={filters.tag} onSettle={(tag) => onChange({ tag })} />
    </div>
  );
}
