'use client';

import type { ReactNode } from 'react';
import { hasPolicies, policiesJson, type PoliciesDraft, type PolicyUnit } from './policies-draft';
import { sizedInputClass } from '@/components/run-command/ui';

function PolicyToggle({ title, description, isOn, onToggle, children }: { title: string; description: string; isOn: boolean; onToggle: (isOn: boolean) => void; children: ReactNode }) {
  return (
    <div className={`rounded-lg border p-3 ${isOn ? 'border-sky-300 bg-sky-50/40' : 'border-slate-200'}`}>
      <label className="flex cursor-pointer items-start gap-2 text-sm">
        <input type="checkbox" className="mt-0.5 accent-sky-600" checked={isOn} onChange={(event) => onToggle(event.target.checked)} />
        <span>
          <span className="block font-medium">{title}</span>
          <span className="block text-xs text-slate-600">{description}</span>
        </span>
      </label>
      {isOn && <div className="mt-3 flex flex-wrap items-center gap-2 pl-6 text-sm">{children}</div>}
    </div>
  );
}

function UnitSelect({ label, value, onChange }: { label: string; value: PolicyUnit; onChange: (unit: PolicyUnit) => void }) {
  return (
    <select aria-label={label} className={`${sizedInputClass} w-24`} value={value} onChange={(event) => onChange(event.target.value as PolicyUnit)}>
      <option value="Days">days</option>
      <option value="Hours">hours</option>
    </select>
  );
}

function JsonPreview({ draft, hasProblems }: { draft: PoliciesDraft; hasProblems: boolean }) {
  if (!hasPolicies(draft) || hasProblems) return null;
  let json: string;
  try {
    json = JSON.stringify(JSON.parse(policiesJson(draft)), null, 2);
  } catch (error) {
    return <p className="text-xs text-red-700">{(error as Error).message}</p>;
  }
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-slate-600">Policies JSON sent to PutParameter</summary>
      <pre aria-label="Policies JSON" className="mt-1 overflow-auto rounded bg-slate-900 p-3 font-mono text-slate-100">{json}</pre>
    </details>
  );
}

/**
 * Advanced-tier parameter policies as inputs (a date, a number and a unit) instead of hand-written
 * JSON; the JSON they make is shown for those who script the same thing.
 */
export function PoliciesEditor({ draft, problems, onChange }: { draft: PoliciesDraft; problems: string[]; onChange: (draft: PoliciesDraft) => void }) {
  const set = <K extends keyof PoliciesDraft>(key: K, patch: Partial<PoliciesDraft[K]>) => onChange({ ...draft, [key]: { ...draft[key], ...patch } });
  return (
    <div className="space-y-3">
      <PolicyToggle title="Expiration" description="Deletes the parameter at a date and time." isOn={draft.expiration.isOn} onToggle={(isOn) => set('expiration', { isOn })}>
        <label className="flex items-center gap-2">
          Delete on
          <input type="datetime-local" aria-label="Expiration date and time" className={sizedInputClass} value={draft.expiration.at} onChange={(event) => set('expiration', { at: event.target.value })} />
        </label>
        <span className="text-xs text-slate-500">your local time</span>
      </PolicyToggle>
      <PolicyToggle
        title="Expiration notification"
        description="Raises an event ahead of the expiration, so someone can rotate the value in time."
        isOn={draft.expirationNotification.isOn}
        onToggle={(isOn) => set('expirationNotification', { isOn })}
      >
        Notify
        <input type="number" min={1} aria-label="Notify before expiration" className={`${sizedInputClass} w-20`} value={draft.expirationNotification.before} onChange={(event) => set('expirationNotification', { before: event.target.value })} />
        <UnitSelect label="Unit before expiration" value={draft.expirationNotification.unit} onChange={(unit) => set('expirationNotification', { unit })} />
        before it expires
      </PolicyToggle>
      <PolicyToggle
        title="No-change notification"
        description="Raises an event when the value has not changed for a while: a secret due for rotation."
        isOn={draft.noChangeNotification.isOn}
        onToggle={(isOn) => set('noChangeNotification', { isOn })}
      >
        Notify if unchanged for
        <input type="number" min={1} aria-label="Notify if unchanged for" className={`${sizedInputClass} w-20`} value={draft.noChangeNotification.after} onChange={(event) => set('noChangeNotification', { after: event.target.value })} />
        <UnitSelect label="Unit unchanged" value={draft.noChangeNotification.unit} onChange={(unit) => set('noChangeNotification', { unit })} />
      </PolicyToggle>
      {problems.length > 0 && (
        <ul className="space-y-0.5 text-xs font-medium text-red-700">{problems.map((problem) => <li key={problem}>{problem}</li>)}</ul>
      )}
      <JsonPreview draft={draft} hasProblems={problems.length > 0} />
    </div>
  );
}
