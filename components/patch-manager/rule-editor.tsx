'use client';

import { inputClass } from '@/components/settings/ui';
import { buttonStyles } from '@/components/ui/notices';
import { COMPLIANCE_LEVELS, type RuleDraft } from './baseline-form-state';
import { FilterEditor } from './filter-editor';

/** One approval rule: which patches (filters), when they are approved, and how much a missing one matters. */
export function RuleEditor({ index, rule, onChange, onRemove }: { index: number; rule: RuleDraft; onChange: (rule: RuleDraft) => void; onRemove: () => void }) {
  const update = (change: Partial<RuleDraft>) => onChange({ ...rule, ...change });
  const name = `Rule ${index + 1}`;
  return (
    <fieldset aria-label={name} className="space-y-3 rounded-lg border border-slate-200 p-4">
      <div className="flex items-center justify-between">
        <legend className="text-sm font-medium">{name}</legend>
        <button type="button" className={buttonStyles.secondary} onClick={onRemove}>Remove rule</button>
      </div>
      <FilterEditor label={`${name} filter`} filters={rule.filters} onChange={(filters) => update({ filters })} />
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block text-sm">
          <span className="mb-1 block">Approve</span>
          <select className={inputClass} value={rule.approval} onChange={(event) => update({ approval: event.target.value as RuleDraft['approval'] })}>
            <option value="days">days after release</option>
            <option value="date">if released by a date</option>
          </select>
        </label>
        {rule.approval === 'days' ? (
          <label className="block text-sm">
            <span className="mb-1 block">Days after release</span>
            <input type="number" min={0} max={360} className={inputClass} value={rule.days} onChange={(event) => update({ days: event.target.value })} />
          </label>
        ) : (
          <label className="block text-sm">
            <span className="mb-1 block">Released on or before</span>
            <input type="date" className={inputClass} value={rule.date} onChange={(event) => update({ date: event.target.value })} />
          </label>
        )}
        <label className="block text-sm">
          <span className="mb-1 block">Compliance level</span>
          <select className={inputClass} value={rule.complianceLevel} onChange={(event) => update({ complianceLevel: event.target.value })}>
            {COMPLIANCE_LEVELS.map((level) => <option key={level} value={level}>{level}</option>)}
          </select>
        </label>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="accent-sky-600" checked={rule.enableNonSecurity} onChange={(event) => update({ enableNonSecurity: event.target.checked })} />
        Include non-security updates (yum/dnf systems; apt baselines always select from every repository)
      </label>
    </fieldset>
  );
}
