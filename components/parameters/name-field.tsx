'use client';

import { useId } from 'react';
import { checkParameterName } from './name-rules';
import { inputClass } from '@/components/settings/ui';

function RuleMark({ isMet }: { isMet: boolean }) {
  return (
    <span aria-hidden className={`inline-flex h-4 w-4 shrink-0 items-center justify-center rounded-full text-[10px] font-bold ${isMet ? 'bg-emerald-100 text-emerald-700' : 'bg-red-100 text-red-700'}`}>
      {isMet ? '✓' : '✕'}
    </span>
  );
}

/**
 * The name box with the naming rules under it, each ticked or crossed as the user types, the
 * first broken one said in words, and the ARN the name will have.
 */
export function NameField({ name, arnPrefix, problem, onChange }: { name: string; arnPrefix: string; problem: string | undefined; onChange: (name: string) => void }) {
  const id = useId();
  const rules = checkParameterName(name, arnPrefix);
  const isStarted = name !== '';
  return (
    <div className="text-sm">
      <label htmlFor={id} className="mb-1 block font-medium">Name</label>
      <input
        id={id}
        className={`${inputClass} font-mono aria-invalid:border-red-400 aria-invalid:ring-1 aria-invalid:ring-red-200`}
        value={name}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={Boolean(problem) && isStarted}
        aria-describedby={`${id}-rules ${id}-problem`}
        placeholder="/app/prod/db-url"
        autoComplete="off"
        spellCheck={false}
        maxLength={2048}
        required
      />
      <p className="mt-1 text-xs text-slate-500">
        A path like <code className="font-mono">/app/prod/db-url</code> puts it in a hierarchy you can read and grant access to as a whole.
      </p>
      {isStarted && !problem && (
        <p className="mt-0.5 text-xs text-slate-500">ARN <code className="break-all font-mono text-slate-700">{`${arnPrefix}${name.startsWith('/') ? name.slice(1) : name}`}</code></p>
      )}
      <ul id={`${id}-rules`} aria-label="Naming rules" className="mt-2 grid gap-1 text-xs sm:grid-cols-2">
        {rules.map((rule) => (
          <li key={rule.id} className={`flex items-center gap-1.5 ${!isStarted ? 'text-slate-500' : rule.isMet ? 'text-slate-600' : 'font-medium text-red-700'}`}>
            {isStarted ? <RuleMark isMet={rule.isMet} /> : <span aria-hidden className="h-4 w-4 shrink-0 rounded-full border border-slate-300" />}
            <span>{rule.label}{isStarted ? <span className="sr-only">{rule.isMet ? ': met' : ': not met'}</span> : null}</span>
          </li>
        ))}
      </ul>
      <p id={`${id}-problem`} role={problem && isStarted ? 'alert' : undefined} className="mt-1.5 text-xs font-medium text-red-700">{isStarted ? problem : ''}</p>
    </div>
  );
}
