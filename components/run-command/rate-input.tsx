'use client';

import { useId } from 'react';
import { inputClass } from '@/components/settings/ui';
import { sizedInputClass } from './ui';

/** MaxConcurrency / MaxErrors: a number of nodes, or a percentage of the targets ("10" or "10%"). */
export function RateInput({ label, hint, value, onChange, minimum }: { label: string; hint: string; value: string; onChange: (value: string) => void; minimum: number }) {
  const id = useId();
  const isPercent = value.endsWith('%');
  const amount = isPercent ? value.slice(0, -1) : value;
  return (
    <div className="text-sm">
      <label htmlFor={id} className="mb-1 block font-medium">{label}</label>
      <div className="flex gap-2">
        <input
          id={id}
          type="number"
          min={minimum}
          max={isPercent ? 100 : undefined}
          step={1}
          className={inputClass}
          value={amount}
          aria-describedby={`${id}-hint`}
          onChange={(event) => onChange(`${event.target.value}${isPercent ? '%' : ''}`)}
        />
        <select aria-label={`${label} unit`} className={`${sizedInputClass} w-28`} value={isPercent ? 'percent' : 'nodes'} onChange={(event) => onChange(`${amount}${event.target.value === 'percent' ? '%' : ''}`)}>
          <option value="nodes">nodes</option>
          <option value="percent">percent</option>
        </select>
      </div>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p>
    </div>
  );
}
