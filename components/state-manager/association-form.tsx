'use client';

import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { AssociationTargets } from './association-targets';
import { DocumentSection } from './document-section';
import { ScheduleField } from './schedule-field';
import { SEVERITIES, toAssociationInput, type AssociationFormState } from './form-state';
import { associationHref, useCreateAssociation, useUpdateAssociation } from './queries';
import { ParametersForm } from '@/components/run-command/parameters-form';
import { RateInput } from '@/components/run-command/rate-input';
import { formErrors, initialValues } from '@/components/run-command/parameter-fields';
import { documentParametersQuery } from '@/components/documents/queries';
import { Field } from '@/components/settings/field';
import { Section, inputClass } from '@/components/settings/ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';

/** Editing saves a new version of this association (AWS's optimistic AssociationVersion check). */
export interface EditTarget {
  associationId: string;
  associationVersion: string;
}

/**
 * Create an association, or edit one (the same form, prefilled; saving makes a new version): the
 * document and the form its parameters generate, the targets, the schedule with its next runs as
 * you type, and the rate, compliance and change calendar options.
 */
export function AssociationForm({ initial, editing }: { initial: AssociationFormState; editing?: EditTarget }) {
  const router = useRouter();
  const create = useCreateAssociation();
  const update = useUpdateAssociation(editing?.associationId ?? '');
  const save = editing ? update : create;
  const [state, setState] = useState(initial);
  const [isSubmitted, setIsSubmitted] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const patch = (next: Partial<AssociationFormState>) => setState((current) => ({ ...current, ...next }));
  const parameters = useQuery({ ...documentParametersQuery(state.documentName, state.documentVersion), enabled: Boolean(state.documentName) });
  const allDefinitions = parameters.data?.parameters ?? [];
  // A runbook's target parameter is filled with each node's id when the association runs: it is not asked here.
  const definitions = allDefinitions.filter((parameter) => parameter.name !== state.automationTargetParameterName);
  const values = { ...initialValues(definitions), ...state.edited };
  const errors = formErrors(definitions, values);
  const visibleErrors = isSubmitted ? errors : Object.fromEntries(Object.entries(errors).filter(([name]) => name in state.edited && values[name] !== ''));
  const label = editing ? 'Edit association' : 'Create association';

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setIsSubmitted(true);
    setFormError(null);
    if (!state.documentName) return setFormError(`Choose a ${state.documentType === 'Automation' ? 'runbook' : 'document'} to apply.`);
    if (!parameters.data || Object.keys(errors).length > 0) return;
    const built = toAssociationInput(state, definitions, values);
    if ('error' in built) return setFormError(built.error);
    const onSuccess = (saved: { AssociationId: string }) => router.push(associationHref(saved.AssociationId));
    // An edit says what it clears: settings left empty are sent as null, so the association loses them.
    const cleared = { name: null, scheduleExpression: null, scheduleOffset: null, automationTargetParameterName: null };
    if (editing) update.mutate({ ...cleared, ...built.input, associationVersion: editing.associationVersion }, { onSuccess });
    else create.mutate(built.input, { onSuccess });
  };

  return (
    <form onSubmit={handleSubmit} aria-label={label} className="space-y-5" noValidate>
      <Section title="Document" description="What the association keeps applied: Command documents run on each node; Automation runbooks run as executions.">
        <div className="space-y-4 p-5">
          <Field label="Association name" hint="Optional: 3 to 128 letters, digits and _ - . — the list shows the id when there is no name.">
            <input className={`${inputClass} max-w-md`} value={state.name} onChange={(event) => patch({ name: event.target.value })} placeholder="optional" autoComplete="off" />
          </Field>
          <DocumentSection
            value={state}
            parameters={allDefinitions}
            onChange={({ isNewDocument, ...next }) => setState((current) => ({ ...current, ...next, ...(isNewDocument ? { edited: {} } : {}) }))}
          />
        </div>
      </Section>
      <Section title="Parameters" description={parameters.data ? `What ${state.documentName} asks for, checked here and again by the server at every run.` : undefined}>
        <div className="p-5">
          {!state.documentName && <p className="text-sm text-slate-500">Choose a document to see its parameters.</p>}
          {parameters.error && <ErrorNotice error={parameters.error} />}
          {parameters.isPending && state.documentName && <p className="text-sm text-slate-500">Loading parameters…</p>}
          {parameters.data && (
            <>
              {state.automationTargetParameterName && <p className="mb-4 rounded bg-sky-50 px-3 py-2 text-sm text-sky-900">{`${state.automationTargetParameterName} is filled with each target node's id.`}</p>}
              <ParametersForm parameters={definitions} values={values} errors={visibleErrors} onChange={(name, value) => setState((current) => ({ ...current, edited: { ...current.edited, [name]: value } }))} />
            </>
          )}
        </div>
      </Section>
      <Section title="Targets" description="Tags and groups are read again at every run; a node that starts to match gets the association at once.">
        <div className="p-5">
          <AssociationTargets value={state} onChange={patch} />
        </div>
      </Section>
      <Section title="Schedule" description="When the association runs again to put drifted nodes back in state. Times are UTC.">
        <div className="p-5">
          <ScheduleField value={state} onChange={patch} />
        </div>
      </Section>
      <Section title="Options" description="How fast each run spreads, how a node's result counts for compliance, and when runs may happen.">
        <div className="grid gap-4 p-5 md:grid-cols-2 xl:grid-cols-4">
          <RateInput label="Max concurrency" hint="Nodes running it at once: a number, or a percentage of the targets." value={state.maxConcurrency} onChange={(maxConcurrency) => patch({ maxConcurrency })} minimum={1} />
          <RateInput label="Max errors" hint="Errors after which the run stops sending to more nodes." value={state.maxErrors} onChange={(maxErrors) => patch({ maxErrors })} minimum={0} />
          <Field label="Compliance severity" hint="How serious it is when a node is non-compliant with this association.">
            <select className={inputClass} value={state.complianceSeverity} onChange={(event) => patch({ complianceSeverity: event.target.value as AssociationFormState['complianceSeverity'] })}>
              {SEVERITIES.map((severity) => <option key={severity} value={severity}>{severity.charAt(0) + severity.slice(1).toLowerCase()}</option>)}
            </select>
          </Field>
          <Field label="Change calendars" hint="Optional: calendar names, one per line. A run while any is CLOSED is skipped, and the history says why.">
            <textarea className={`${inputClass} h-20 font-mono text-xs`} value={state.calendarNames} onChange={(event) => patch({ calendarNames: event.target.value })} spellCheck={false} placeholder="none" />
          </Field>
        </div>
      </Section>
      {isSubmitted && Object.keys(errors).length > 0 && <ErrorNotice error={new Error(`Some parameters need attention: ${Object.keys(errors).join(', ')} (marked above).`)} />}
      {formError && <ErrorNotice error={new Error(formError)} />}
      {save.error && <ErrorNotice error={save.error} />}
      <div className="flex items-center justify-end gap-3">
        {editing && <p className="mr-auto text-sm text-slate-500">{`Saving makes version ${Number(editing.associationVersion) + 1} and runs it at once (unless it waits for its cron time).`}</p>}
        <button type="button" className={buttonStyles.secondary} onClick={() => router.push(editing ? associationHref(editing.associationId) : '/state-manager')}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={save.isPending || (Boolean(state.documentName) && !parameters.data)}>
          {save.isPending ? 'Saving…' : editing ? 'Save new version' : 'Create association'}
        </button>
      </div>
    </form>
  );
}
