'use client';

import { useState, type ReactNode } from 'react';
import { inputClass } from '@/components/settings/ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { COMPLIANCE_LEVELS, OPERATING_SYSTEMS, newRule, type BaselineDraft, type SourceDraft } from './baseline-form-state';
import { FilterEditor } from './filter-editor';
import { RuleEditor } from './rule-editor';

function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="text-sm">
      {/* The hint stays outside the label, so the field's accessible name is its label alone. */}
      <label className="block">
        <span className="mb-1 block font-medium">{label}</span>
        {children}
      </label>
      {hint && <span className="mt-1 block text-xs text-slate-500">{hint}</span>}
    </div>
  );
}

function SourcesEditor({ sources, onChange }: { sources: SourceDraft[]; onChange: (sources: SourceDraft[]) => void }) {
  const update = (index: number, change: Partial<SourceDraft>) => onChange(sources.map((source, at) => (at === index ? { ...source, ...change } : source)));
  return (
    <div className="space-y-3">
      {sources.map((source, index) => (
        <fieldset key={index} aria-label={`Source ${index + 1}`} className="grid gap-2 rounded-lg border border-slate-200 p-3 sm:grid-cols-2">
          <input aria-label={`Source ${index + 1} name`} className={inputClass} placeholder="Name, e.g. internal-mirror" value={source.name} onChange={(event) => update(index, { name: event.target.value })} />
          <input aria-label={`Source ${index + 1} products`} className={inputClass} placeholder="Products, e.g. Debian12, Ubuntu*" value={source.products} onChange={(event) => update(index, { products: event.target.value })} />
          <textarea aria-label={`Source ${index + 1} configuration`} className={`${inputClass} font-mono sm:col-span-2`} rows={3} placeholder="deb [trusted=yes] http://mirror.example/debian bookworm main" value={source.configuration} onChange={(event) => update(index, { configuration: event.target.value })} />
          <div className="sm:col-span-2"><button type="button" className={buttonStyles.secondary} onClick={() => onChange(sources.filter((_, at) => at !== index))}>Remove source</button></div>
        </fieldset>
      ))}
      <button type="button" className={buttonStyles.secondary} onClick={() => onChange([...sources, { name: '', products: '*', configuration: '' }])}>Add source</button>
    </div>
  );
}

/** Create or edit a baseline; the server checks it whole and says what is wrong. */
export function BaselineForm({ initial, isNew, submitLabel, isPending, error, onSubmit, onCancel }: {
  initial: BaselineDraft;
  isNew: boolean;
  submitLabel: string;
  isPending: boolean;
  error: unknown;
  onSubmit: (draft: BaselineDraft) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const update = (change: Partial<BaselineDraft>) => setDraft((current) => ({ ...current, ...change }));
  return (
    <form className="space-y-6 rounded-lg border border-slate-200 bg-white p-6" onSubmit={(event) => { event.preventDefault(); onSubmit(draft); }}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" hint="3 to 128 letters, digits, _ - or ."><input className={inputClass} value={draft.name} onChange={(event) => update({ name: event.target.value })} required /></Field>
        <Field label="Operating system" hint={isNew ? undefined : 'A baseline keeps its operating system.'}>
          <select className={inputClass} value={draft.operatingSystem} disabled={!isNew} onChange={(event) => update({ operatingSystem: event.target.value as BaselineDraft['operatingSystem'] })}>
            {OPERATING_SYSTEMS.map((system) => <option key={system} value={system}>{system}</option>)}
          </select>
        </Field>
        <div className="sm:col-span-2"><Field label="Description"><input className={inputClass} value={draft.description} onChange={(event) => update({ description: event.target.value })} /></Field></div>
      </div>
      <section className="space-y-2">
        <h3 className="text-sm font-medium">Global filters</h3>
        <p className="text-xs text-slate-500">Only patches matching every global filter are considered by the rules below.</p>
        <FilterEditor label="Global filter" filters={draft.globalFilters} onChange={(globalFilters) => update({ globalFilters })} />
      </section>
      <section className="space-y-3">
        <h3 className="text-sm font-medium">Approval rules</h3>
        <p className="text-xs text-slate-500">The first rule whose filters all match approves a patch, once its wait is over.</p>
        {draft.rules.map((rule, index) => (
          <RuleEditor key={index} index={index} rule={rule} onChange={(next) => update({ rules: draft.rules.map((each, at) => (at === index ? next : each)) })} onRemove={() => update({ rules: draft.rules.filter((_, at) => at !== index) })} />
        ))}
        <button type="button" className={buttonStyles.secondary} onClick={() => update({ rules: [...draft.rules, newRule()] })}>Add rule</button>
      </section>
      <section className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-2">
          <Field label="Approved patches" hint="One a line: name, name=version, name.arch; * is a wildcard."><textarea className={`${inputClass} font-mono`} rows={4} value={draft.approvedPatches} onChange={(event) => update({ approvedPatches: event.target.value })} /></Field>
          <Field label="Compliance level of approved patches">
            <select className={inputClass} value={draft.approvedPatchesComplianceLevel} onChange={(event) => update({ approvedPatchesComplianceLevel: event.target.value })}>
              {COMPLIANCE_LEVELS.map((level) => <option key={level} value={level}>{level}</option>)}
            </select>
          </Field>
          <label className="flex items-center gap-2 text-sm"><input type="checkbox" className="accent-sky-600" checked={draft.approvedPatchesEnableNonSecurity} onChange={(event) => update({ approvedPatchesEnableNonSecurity: event.target.checked })} />Approved list includes non-security updates</label>
        </div>
        <div className="space-y-2">
          <Field label="Rejected patches" hint="Same formats; a rejected patch is never installed by a patch operation."><textarea className={`${inputClass} font-mono`} rows={4} value={draft.rejectedPatches} onChange={(event) => update({ rejectedPatches: event.target.value })} /></Field>
          <Field label="Rejected patches action">
            <select className={inputClass} value={draft.rejectedPatchesAction} onChange={(event) => update({ rejectedPatchesAction: event.target.value as BaselineDraft['rejectedPatchesAction'] })}>
              <option value="ALLOW_AS_DEPENDENCY">Allow as dependency (installed ones count as InstalledOther)</option>
              <option value="BLOCK">Block (installed ones are InstalledRejected, non-compliant)</option>
            </select>
          </Field>
        </div>
      </section>
      <section className="space-y-2">
        <h3 className="text-sm font-medium">Patch sources</h3>
        <p className="text-xs text-slate-500">Extra repositories the node uses while patching: an apt sources line or a yum .repo section, for the products named.</p>
        <SourcesEditor sources={draft.sources} onChange={(sources) => update({ sources })} />
      </section>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onCancel}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={isPending}>{isPending ? 'Saving…' : submitLabel}</button>
      </div>
    </form>
  );
}
