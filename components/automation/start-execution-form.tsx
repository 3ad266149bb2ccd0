'use client';

import { useState, type FormEvent } from 'react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { executionHref, useStartExecution, type StartExecutionInput } from './queries';
import { RateControlFields, guessTargetParameter, rateTargets, type RateControl } from './rate-control-fields';
import { RunbookGraphPanel } from './runbook-graph-panel';
import { DocumentChoice } from '@/components/run-command/document-choice';
import { ParametersForm } from '@/components/run-command/parameters-form';
import { formErrors, initialValues, toCommandParameters } from '@/components/run-command/parameter-fields';
import { documentContentQuery, documentParametersQuery } from '@/components/documents/queries';
import { newTagRow } from '@/components/resource-groups/tag-query-builder';
import { Section } from '@/components/settings/ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';

type Mode = 'Auto' | 'Interactive';

const MODES: { mode: Mode; title: string; description: string }[] = [
  { mode: 'Auto', title: 'Simple execution', description: 'Every step runs in turn, by itself.' },
  { mode: 'Interactive', title: 'Manual execution', description: 'You start each step from the execution page.' },
];

/**
 * "Run a runbook": an Automation document and version, the form its parameters generate, an
 * optional rate control over many targets, the mode, and beside it the runbook drawn as a graph.
 */
export function StartExecutionForm() {
  const router = useRouter();
  const searchParams = useSearchParams();
  const start = useStartExecution();
  const [documentName, setDocumentName] = useState(searchParams.get('document') ?? '');
  const [version, setVersion] = useState('$DEFAULT');
  const [edited, setEdited] = useState<Record<string, string>>({});
  const [mode, setMode] = useState<Mode>('Auto');
  const [rate, setRate] = useState<RateControl>({
    isOn: false,
    targetParameterName: '',
    targetKind: 'nodes',
    target: { mode: 'nodes', nodeIds: [], tagRows: [newTagRow()], group: '' },
    values: '',
    maxConcurrency: '10',
    maxErrors: '1',
  });
  const [isSubmitted, setIsSubmitted] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const parameters = useQuery({ ...documentParametersQuery(documentName, version), enabled: Boolean(documentName) });
  const content = useQuery({ ...documentContentQuery(documentName, version), enabled: Boolean(documentName) });
  const allDefinitions = parameters.data?.parameters ?? [];
  // Under rate control the engine fills the target parameter for each child: it is not asked here.
  const definitions = rate.isOn ? allDefinitions.filter((parameter) => parameter.name !== rate.targetParameterName) : allDefinitions;
  const values = { ...initialValues(definitions), ...edited };
  const errors = formErrors(definitions, values);
  const visibleErrors = isSubmitted ? errors : Object.fromEntries(Object.entries(errors).filter(([name]) => name in edited && values[name] !== ''));
  const isNotRunbook = parameters.data && parameters.data.documentType !== 'Automation';

  const handleDocument = (name: string) => {
    setDocumentName(name);
    setVersion('$DEFAULT');
    setEdited({});
    setRate((current) => ({ ...current, targetParameterName: '' }));
  };

  const handleRate = (next: RateControl) => {
    setRate(next.isOn && !next.targetParameterName ? { ...next, targetParameterName: guessTargetParameter(allDefinitions) } : next);
    if (next.isOn) setMode('Auto');
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setIsSubmitted(true);
    setFormError(null);
    if (!documentName) return setFormError('Choose a runbook to run.');
    if (!parameters.data || Object.keys(errors).length > 0 || isNotRunbook) return;
    const input: StartExecutionInput = { documentName, documentVersion: version, parameters: toCommandParameters(definitions, values), mode };
    if (rate.isOn) {
      if (!rate.targetParameterName) return setFormError('Choose the target parameter: the runbook parameter each target is passed in.');
      const built = rateTargets(rate);
      if ('error' in built) return setFormError(built.error);
      Object.assign(input, { targetParameterName: rate.targetParameterName, targets: built.targets, maxConcurrency: rate.maxConcurrency, maxErrors: rate.maxErrors });
    }
    start.mutate(input, { onSuccess: ({ executionId }) => router.push(executionHref(executionId)) });
  };

  return (
    <div className="grid gap-5 xl:grid-cols-[minmax(0,3fr)_minmax(20rem,2fr)]">
      <form onSubmit={handleSubmit} aria-label="Run a runbook" className="space-y-5" noValidate>
        <Section title="Runbook" description="Automation documents only: built-in ones like Opsdeck-RestartService, and yours.">
          <div className="p-5">
            <DocumentChoice documentType="Automation" label="Runbook" name={documentName} version={version} onName={handleDocument} onVersion={setVersion} />
          </div>
        </Section>
        <Section title="Input parameters" description={parameters.data ? `What ${documentName} asks for, checked here and again by the server.` : undefined}>
          <div className="p-5">
            {!documentName && <p className="text-sm text-slate-500">Choose a runbook to see its parameters.</p>}
            {parameters.error && <ErrorNotice error={parameters.error} />}
            {isNotRunbook && <ErrorNotice error={new Error(`${documentName} is a ${parameters.data?.documentType} document; only Automation documents run as runbooks.`)} />}
            {parameters.isPending && documentName && <p className="text-sm text-slate-500">Loading parameters…</p>}
            {parameters.data && !isNotRunbook && (
              <>
                {rate.isOn && rate.targetParameterName && <p className="mb-4 rounded bg-sky-50 px-3 py-2 text-sm text-sky-900">{`${rate.targetParameterName} is filled from each target (rate control below).`}</p>}
                {(definitions.length > 0 || allDefinitions.length === 0) && (
                  <ParametersForm parameters={definitions} values={values} errors={visibleErrors} onChange={(name, value) => setEdited((current) => ({ ...current, [name]: value }))} />
                )}
              </>
            )}
          </div>
        </Section>
        <Section title="Execution mode">
          <div role="radiogroup" aria-label="Execution mode" className="grid gap-3 p-5 md:grid-cols-2">
            {MODES.map((option) => {
              const isDisabled = option.mode === 'Interactive' && rate.isOn;
              return (
                <label key={option.mode} className={`flex gap-3 rounded-lg border p-3 text-sm ${isDisabled ? 'cursor-not-allowed opacity-60' : 'cursor-pointer'} ${mode === option.mode ? 'border-sky-500 bg-sky-50/60 ring-1 ring-sky-500' : 'border-slate-200 bg-white hover:border-slate-300'}`}>
                  <input type="radio" name="execution-mode" className="mt-0.5 accent-sky-600" checked={mode === option.mode} disabled={isDisabled} onChange={() => setMode(option.mode)} />
                  <span>
                    <span className="block font-medium">{option.title}</span>
                    <span className="block text-xs text-slate-600">{isDisabled ? 'Not with rate control: children run by themselves.' : option.description}</span>
                  </span>
                </label>
              );
            })}
          </div>
        </Section>
        <Section title="Rate control" description="Optional: run the runbook once per target, a few at a time.">
          <RateControlFields value={rate} parameters={allDefinitions} onChange={handleRate} />
        </Section>
        {isSubmitted && Object.keys(errors).length > 0 && <ErrorNotice error={new Error(`Some parameters need attention: ${Object.keys(errors).join(', ')} (marked above).`)} />}
        {formError && <ErrorNotice error={new Error(formError)} />}
        {start.error && <ErrorNotice error={start.error} />}
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonStyles.secondary} onClick={() => router.push('/automation')}>Cancel</button>
          <button type="submit" className={buttonStyles.primary} disabled={start.isPending || (Boolean(documentName) && !parameters.data)}>{start.isPending ? 'Starting…' : 'Execute'}</button>
        </div>
      </form>
      <div className="xl:sticky xl:top-4 xl:self-start">
        <RunbookGraphPanel content={content.data?.Content} error={content.error} isPending={Boolean(documentName) && content.isPending} emptyText="Choose a runbook to see its steps." />
      </div>
    </div>
  );
}
