'use client';

import { useEffect, useState } from 'react';
import type { ParameterListFilters } from './queries';
import { useDebouncedValue } from '@/components/documents/use-document-lint';
import { sizedInputClass } from '@/components/run-command/ui';

/** "Include sub-paths": the whole subtree of the path instead of its own level. */
export function SubPathsToggle({ isRecursive, isLocked, onChange }: { isRecursive: boolean; isLocked: boolean; onChange: (isRecursive: boolean) => void }) {
  return (
    <label className={`flex items-center gap-2 text-sm text-slate-700 ${isLocked ? 'cursor-not-allowed opacity-60' : 'cursor-pointer'}`} title={isLocked ? 'A name search looks at every level below' : undefined}>
      <input type="checkbox" role="switch" className="peer sr-only" checked={isRecursive} disabled={isLocked} onChange={(event) => onChange(event.target.checked)} />
      <span aria-hidden className="relative h-5 w-9 rounded-full bg-slate-300 transition-colors peer-checked:bg-sky-600 peer-focus-visible:ring-2 peer-focus-visible:ring-sky-500 after:absolute after:left-0.5 after:top-0.5 after:h-4 after:w-4 after:rounded-full after:bg-white after:shadow after:transition-transform peer-checked:after:translate-x-4" />
      Include sub-paths
    </label>
  );
}

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

/** The filters above the table: type, tier, label and tag. */
export function ParameterFilters({ filters, onChange }: { filters: ParameterListFilters; onChange: (next: Partial<ParameterListFilters>) => void }) {
  return (
    <div role="group" aria-label="Filters" className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-slate-50/60 px-5 py-3 text-sm">
      <select aria-label="Type" className={`${sizedInputClass} w-36`} value={filters.type} onChange={(event) => onChange({ type: event.target.value })}>
        <option value="">All types</option>
        <option value="String">String</option>
        <option value="StringList">StringList</option>
        <option value="SecureString">SecureString</option>
      </select>
      <select aria-label="Tier" className={`${sizedInputClass} w-32`} value={filters.tier} onChange={(event) => onChange({ tier: event.target.value })}>
        <option value="">All tiers</option>
        <option value="Standard">Standard</option>
        <option value="Advanced">Advanced</option>
      </select>
      <SettlingInput label="Label" placeholder="Label" className="w-36" value={filters.label} onSettle={(label) => onChange({ label })} />
      <SettlingInput label="Tag" placeholder="Tag: key or key=value" className="w-52" value={filters.tag} onSettle={(tag) => onChange({ tag })} />
    </div>
  );
}
