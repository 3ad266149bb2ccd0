'use client';

import { useState, type FormEvent } from 'react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { DocumentChoice } from './document-choice';
import { ParametersForm } from './parameters-form';
import { TargetPicker } from './target-picker';
import { RateInput } from './rate-input';
import { formErrors, initialValues, toCommandParameters } from './parameter-fields';
import { targetsOf, type TargetChoice } from './target-choice';
import { commandHref, useSendCommand, type SendCommandInput } from './queries';
import { documentParametersQuery } from '@/components/documents/queries';
import { newTagRow } from '@/components/resource-groups/tag-query-builder';
import { Field } from '@/components/settings/field';
import { Section, inputClass } from '@/components/settings/ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';

const DEFAULT_DOCUMENT = 'AWS-RunShellScript';

/**
 * "Run a command": a Command document and version, the form its parameters generate, the
 * targets (nodes, tags or a resource group, with a live count), and the rate and error controls.
 * ?document= and ?node= preselect (from a document page or a node page).
 */
export function RunCommandForm() {
  const router = useRouter();
  const searchParams = useSearchParams();
  const send = useSendCommand();
  const [documentName, setDocumentName] = useState(searchParams.get('document') ?? DEFAULT_DOCUMENT);
  const [version, setVersion] = useState('$DEFAULT');
  const [edited, setEdited] = useState<Record<string, string>>({});
  const [target, setTarget] = useState<TargetChoice>(() => {
    const node = searchParams.get('node');
    return { mode: 'nodes', nodeIds: node ? [node] : [], tagRows: [newTagRow()], group: '' };
  });
  const [comment, setComment] = useState('');
  const [timeoutSeconds, setTimeoutSeconds] = useState('600');
  const [maxConcurrency, setMaxConcurrency] = useState('50');
  const [maxErrors, setMaxErrors] = useState('0');
  const [isSubmitted, setIsSubmitted] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const parameters = useQuery({ ...documentParametersQuery(documentName, version), enabled: Boolean(documentName) });
  const definitions = parameters.data?.parameters ?? [];
  const values = { ...initialValues(definitions), ...edited };
  const errors = formErrors(definitions, values);
  const visibleErrors = isSubmitted ? errors : Object.fromEntries(Object.entries(errors).filter(([name]) => name in edited && values[name] !== ''));

  const handleDocument = (name: string) => {
    setDocumentName(name);
    setVersion('$DEFAULT');
    setEdited({});
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setIsSubmitted(true);
    setFormError(null);
    if (!parameters.data || Object.keys(errors).length > 0) return;
    const built = targetsOf(target);
    if ('error' in built) return setFormError(built.error);
    const timeout = Number(timeoutSeconds);
    if (!Number.isInteger(timeout) || timeout < 30 || timeout > 2_592_000) return setFormError('The delivery timeout is a whole number of seconds from 30 to 2,592,000 (30 days).');
    const input: SendCommandInput = {
      documentName,
      documentVersion: version,
      parameters: toCommandParameters(definitions, values),
      // Chosen nodes go as InstanceIds, as the AWS console sends them; tags and groups as Targets.
      ...(target.mode === 'nodes' ? { instanceIds: target.nodeIds } : { targets: built.targets }),
      comment: comment.trim(),
      timeoutSeconds: timeout,
      maxConcurrency,
      maxErrors,
    };
    send.mutate(input, { onSuccess: (command) => router.push(commandHref(command.CommandId)) });
  };

  return (
    <form onSubmit={handleSubmit} aria-label="Run a command" className="space-y-5" noValidate>
      <Section title="Command document" description="Command documents only: built-in ones like AWS-RunShellScript, and yours.">
        <div className="p-5">
          <DocumentChoice name={documentName} version={version} onName={handleDocument} onVersion={setVersion} />
        </div>
      </Section>
      <Section title="Command parameters" description={parameters.data ? `What ${documentName} asks for, checked here and again by the server.` : undefined}>
        <div className="p-5">
          {parameters.error && <ErrorNotice error={parameters.error} />}
          {parameters.isPending && documentName && <p className="text-sm text-slate-500">Loading parameters…</p>}
          {parameters.data && (
            <ParametersForm parameters={definitions} values={values} errors={visibleErrors} onChange={(name, value) => setEdited((current) => ({ ...current, [name]: value }))} />
          )}
        </div>
      </Section>
      <Section title="Targets" description="Nodes that are offline get the command when they reconnect, until the delivery timeout.">
        <div className="p-5">
          <TargetPicker choice={target} onChange={setTarget} />
        </div>
      </Section>
      <Section title="Options" description="How fast the command spreads and when it stops.">
        <div className="grid gap-4 p-5 md:grid-cols-2 xl:grid-cols-4">
          <Field label="Comment" hint="Up to 100 characters, shown in the history.">
            <input className={inputClass} value={comment} maxLength={100} onChange={(event) => setComment(event.target.value)} placeholder="optional" />
          </Field>
          <Field label="Delivery timeout (seconds)" hint="How long to wait for a node to take the command (30 s to 30 days).">
            <input type="number" min={30} max={2_592_000} step={1} className={inputClass} value={timeoutSeconds} onChange={(event) => setTimeoutSeconds(event.target.value)} />
          </Field>
          <RateInput label="Max concurrency" hint="Nodes running it at once: a number, or a percentage of the targets." value={maxConcurrency} onChange={setMaxConcurrency} minimum={1} />
          <RateInput label="Max errors" hint="Errors after which no more nodes get it (0: stop at the first)." value={maxErrors} onChange={setMaxErrors} minimum={0} />
        </div>
      </Section>
      {isSubmitted && Object.keys(errors).length > 0 && <ErrorNotice error={new Error(`Some parameters need attention: ${Object.keys(errors).join(', ')} (marked above).`)} />}
      {formError && <ErrorNotice error={new Error(formError)} />}
      {send.error && <ErrorNotice error={send.error} />}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={() => router.push('/run-command')}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={send.isPending || !parameters.data}>{send.isPending ? 'Sending…' : 'Run'}</button>
      </div>
    </form>
  );
}
