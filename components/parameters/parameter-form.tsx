'use client';

import Link from 'next/link';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ChoiceCards, type Choice } from './choice-cards';
import { NameField } from './name-field';
import { AllowedPatternField, ValueField } from './value-field';
import { KeyPicker } from './key-picker';
import { PoliciesEditor } from './policies-editor';
import { TagRows } from './tag-rows';
import { formProblems, formValueLimit, policiesApply, toParameterInput, type FormField, type ParameterFormState } from './form-state';
import { parameterHref, useCreateParameter, useUpdateParameter } from './queries';
import type { ParameterTier, ParameterType, TierChoice } from './value-rules';
import { Field } from '@/components/settings/field';
import { inputClass } from '@/components/settings/ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { ApiError } from '@/components/lib/api-client';

const TYPES: Choice<ParameterType>[] = [
  { value: 'String', title: 'String', description: 'Any text: a URL, a setting, a JSON document.' },
  { value: 'StringList', title: 'StringList', description: 'Comma-separated values, e.g. a list of regions.' },
  { value: 'SecureString', title: 'SecureString', description: 'A secret, encrypted with a key; hidden until someone with access reveals it.' },
];

function tierChoices(currentTier: ParameterTier | undefined): Choice<TierChoice>[] {
  return [
    {
      value: 'Standard',
      title: 'Standard',
      description: 'Values up to 4 KB (4,096 characters). No policies.',
      // AWS never moves a parameter back down: the Advanced features it may use would be lost.
      disabledReason: currentTier === 'Advanced' ? 'An Advanced parameter cannot go back to Standard.' : undefined,
    },
    { value: 'Advanced', title: 'Advanced', description: 'Values up to 8 KB (8,192 characters), and policies: expiration and notifications.' },
    { value: 'Intelligent-Tiering', title: 'Intelligent-Tiering', description: 'Standard, unless the value or its policies need Advanced.' },
  ];
}

function FormSection({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="grid gap-4 border-b border-slate-200 px-5 py-5 last:border-b-0 md:grid-cols-[13rem_minmax(0,1fr)]">
      <div>
        <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
        {description && <p className="mt-0.5 text-xs text-slate-500">{description}</p>}
      </div>
      <div className="min-w-0 space-y-4">{children}</div>
    </section>
  );
}

/** The server's refusal in its words; a name already taken also gets the way to the parameter that has it. */
function ServerError({ error, name }: { error: unknown; name: string }) {
  const isTaken = error instanceof ApiError && error.code === 'ParameterAlreadyExists';
  return (
    <div className="space-y-1">
      <ErrorNotice error={error} />
      {isTaken && (
        <p className="text-sm text-slate-600">
          In the console, a new version is written from the parameter&apos;s page: <Link href={parameterHref(name)} className="text-sky-700 hover:underline">open {name}</Link> and use Edit.
        </p>
      )}
    </div>
  );
}

/** What to correct before saving, listed where the buttons are (each field also says its own). */
function ProblemSummary({ problems }: { problems: { message: string }[] }) {
  return (
    <div role="alert" aria-label="Problems to fix" className="rounded border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
      <p className="font-medium">Nothing was saved. Fix {problems.length === 1 ? 'this' : 'these'} first:</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">{problems.map((problem) => <li key={problem.message}>{problem.message}</li>)}</ul>
    </div>
  );
}

export interface ParameterFormProps {
  initial: ParameterFormState;
  arnPrefix: string;
  /** Set when editing: the parameter's tier now (it cannot go down) and a way to load a SecureString's value. */
  existing?: { tier: ParameterTier; valueLoader?: ReactNode };
  onDone: (name: string, version: number) => void;
  onCancel: () => void;
}

/**
 * Creates a parameter, or writes a new version of one (`existing`). Every rule the browser can
 * check is shown at its field as the user types; the server checks again and its refusal is shown
 * in its own words.
 */
export function ParameterForm({ initial, arnPrefix, existing, onDone, onCancel }: ParameterFormProps) {
  const isNew = existing === undefined;
  const create = useCreateParameter();
  const update = useUpdateParameter();
  const mutation = isNew ? create : update;
  const [state, setState] = useState(initial);
  const [isSubmitted, setIsSubmitted] = useState(false);
  const set = (patch: Partial<ParameterFormState>) => {
    setState((current) => ({ ...current, ...patch }));
    // A refusal was about what was sent; once the form changes it no longer applies.
    if (mutation.error) mutation.reset();
  };
  const problems = formProblems(state, { isNew, arnPrefix, currentTier: existing?.tier });
  const problemsOf = (field: FormField) => problems.filter((problem) => problem.field === field).map((problem) => problem.message);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setIsSubmitted(true);
    if (problems.length > 0) return;
    mutation.mutate(toParameterInput(state, isNew), { onSuccess: (result) => onDone(state.name.trim(), result.Version) });
  };

  return (
    <form onSubmit={handleSubmit} aria-label={isNew ? 'Create parameter' : `Edit parameter ${state.name}`} noValidate className="overflow-hidden rounded-lg border border-slate-200 bg-white">
      <FormSection title="Parameter details" description={isNew ? 'The name cannot change later; the description can.' : 'Saving writes a new version; the old one stays in the history.'}>
        {isNew ? (
          <NameField name={state.name} arnPrefix={arnPrefix} problem={problemsOf('name')[0]} onChange={(name) => set({ name })} />
        ) : (
          <div className="text-sm"><span className="mb-1 block font-medium">Name</span><code className="break-all font-mono">{state.name}</code></div>
        )}
        <Field label="Description" hint="Optional; up to 1,024 characters.">
          <input className={inputClass} value={state.description} onChange={(event) => set({ description: event.target.value })} maxLength={1024} placeholder="What it configures, who owns it" />
        </Field>
      </FormSection>
      <FormSection title="Tier" description="How large the value may be, and whether it can have policies.">
        <ChoiceCards legend="Parameter tier" name="tier" choices={tierChoices(existing?.tier)} value={state.tier} onChange={(tier) => set({ tier })} />
      </FormSection>
      <FormSection title="Type and value">
        <ChoiceCards legend="Type" name="type" choices={TYPES} value={state.type} onChange={(type) => set({ type })} />
        {state.type === 'SecureString' && <KeyPicker keyId={state.keyId} onChange={(keyId) => set({ keyId })} />}
        {state.type === 'String' && (
          <Field label="Data type" hint="aws:ec2:image marks the value as a machine image id; text for anything else.">
            <select className={inputClass} value={state.dataType} onChange={(event) => set({ dataType: event.target.value })}>
              <option value="text">text</option>
              <option value="aws:ec2:image">aws:ec2:image</option>
            </select>
          </Field>
        )}
        {existing?.valueLoader}
        <ValueField type={state.type} value={state.value} limit={formValueLimit(state, existing?.tier)} problems={problemsOf('value')} onChange={(value) => set({ value })} />
        <AllowedPatternField pattern={state.allowedPattern} value={state.value} problem={problemsOf('allowedPattern')[0]} onChange={(allowedPattern) => set({ allowedPattern })} />
      </FormSection>
      <FormSection title="Policies" description="Advanced tier only: when the parameter expires, and events that remind someone to act.">
        {policiesApply(state) ? (
          <PoliciesEditor draft={state.policies} problems={problemsOf('policies')} onChange={(policies) => set({ policies })} />
        ) : (
          <p className="rounded border border-dashed border-slate-300 px-4 py-3 text-sm text-slate-600">
            Policies need the Advanced tier.{' '}
            <button type="button" className="text-sky-700 hover:underline" onClick={() => set({ tier: 'Advanced' })}>Use Advanced</button>
          </p>
        )}
      </FormSection>
      {isNew && (
        <FormSection title="Tags" description="Optional key-value pairs, up to 50.">
          <TagRows tags={state.tags} problems={problemsOf('tags')} onChange={(tags) => set({ tags })} />
        </FormSection>
      )}
      <div className="space-y-3 bg-slate-50 px-5 py-4">
        {isSubmitted && problems.length > 0 && <ProblemSummary problems={problems} />}
        {mutation.error && <ServerError error={mutation.error} name={state.name.trim()} />}
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonStyles.secondary} onClick={onCancel}>Cancel</button>
          <button type="submit" className={buttonStyles.primary} disabled={mutation.isPending}>
            {mutation.isPending ? 'Saving…' : isNew ? 'Create parameter' : 'Save new version'}
          </button>
        </div>
      </div>
    </form>
  );
}
