'use client';

import { useId } from 'react';
import { patternMatch, stringListItems, type ParameterType, type ValueLimit } from './value-rules';
import { inputClass } from '@/components/settings/ui';

function Counter({ limit }: { limit: ValueLimit }) {
  const ratio = limit.length / limit.maxLength;
  const tone = limit.isOver ? 'text-red-700 font-medium' : ratio > 0.9 ? 'text-amber-700' : 'text-slate-500';
  return (
    <span role="status" aria-label="Value length" className={`text-xs tabular-nums ${tone}`}>
      {`${limit.length.toLocaleString('en')} / ${limit.maxLength.toLocaleString('en')} characters (${limit.tier})`}
    </span>
  );
}

function StringListHint({ value }: { value: string }) {
  const items = stringListItems(value);
  return (
    <p className="mt-1 text-xs text-slate-500">
      A comma-separated list, e.g. <code className="font-mono">eu-west-1,us-east-1</code>; items cannot be empty.
      {items.length > 0 && <> {items.length.toLocaleString('en')} item{items.length === 1 ? '' : 's'}: {items.slice(0, 8).map((item, index) => <code key={index} className="ml-1 rounded bg-slate-100 px-1 font-mono">{item || '(empty)'}</code>)}{items.length > 8 && ' …'}</>}
    </p>
  );
}

/** The value box: a live length against the tier's limit, the StringList shape, and secret handling. */
export function ValueField({ type, value, limit, problems, onChange }: { type: ParameterType; value: string; limit: ValueLimit; problems: string[]; onChange: (value: string) => void }) {
  const id = useId();
  const isSecret = type === 'SecureString';
  return (
    <div className="text-sm">
      <div className="mb-1 flex items-end justify-between gap-3">
        <label htmlFor={id} className="font-medium">Value</label>
        <Counter limit={limit} />
      </div>
      <textarea
        id={id}
        className={`${inputClass} h-28 font-mono text-xs aria-invalid:border-red-400 aria-invalid:ring-1 aria-invalid:ring-red-200`}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={problems.length > 0 && value !== ''}
        aria-describedby={`${id}-problems`}
        placeholder={isSecret ? 'The secret; it is encrypted before it is stored' : type === 'StringList' ? 'a,b,c' : 'The value'}
      />
      {type === 'StringList' && <StringListHint value={value} />}
      {isSecret && <p className="mt-1 text-xs text-slate-500">Encrypted with the key above before it reaches the database; reading it back decrypted is recorded in the audit trail.</p>}
      <ul id={`${id}-problems`} className="mt-1 space-y-0.5 text-xs font-medium text-red-700">
        {value !== '' && problems.map((problem) => <li key={problem}>{problem}</li>)}
      </ul>
    </div>
  );
}

/** AllowedPattern, with a live answer to "does the value match it?". */
export function AllowedPatternField({ pattern, value, problem, onChange }: { pattern: string; value: string; problem: string | undefined; onChange: (pattern: string) => void }) {
  const id = useId();
  const match = patternMatch(pattern, value);
  return (
    <div className="text-sm">
      <label htmlFor={id} className="mb-1 block font-medium">Allowed pattern <span className="font-normal text-slate-500">(optional)</span></label>
      <input id={id} className={`${inputClass} font-mono`} value={pattern} onChange={(event) => onChange(event.target.value)} placeholder="^\d+$" spellCheck={false} autoComplete="off" maxLength={1024} aria-describedby={`${id}-hint`} />
      <p id={`${id}-hint`} className="mt-1 text-xs">
        {problem ? (
          <span className="font-medium text-red-700">{problem}</span>
        ) : match ? (
          match.isMatch ? <span className="text-emerald-700">✓ The value matches the pattern.</span> : <span className="font-medium text-red-700">✕ The value does not match the pattern: every version must match it whole.</span>
        ) : (
          <span className="text-slate-500">A regular expression every value of this parameter must match, whole; checked on every change.</span>
        )}
      </p>
    </div>
  );
}
