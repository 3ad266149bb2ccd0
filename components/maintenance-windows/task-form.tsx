'use client';

import { useState, type FormEvent } from 'react';
import { useRegisterTask, type NewTask, type WindowWithParts } from './queries';
import { Field } from '@/components/settings/field';
import { inputClass } from '@/components/settings/ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { ChoiceCards, type Choice } from '@/components/ui/choice-cards';

type TaskType = NewTask['taskType'];
type Target = WindowWithParts['targets'][number];

const TYPES: Choice<TaskType>[] = [
  { value: 'RUN_COMMAND', title: 'Run Command', description: 'A Command document on the target nodes, one command for all of them.' },
  { value: 'AUTOMATION', title: 'Automation', description: 'A runbook: once, or once per target node ({{RESOURCE_ID}}).' },
  { value: 'WEBHOOK', title: 'Webhook', description: 'A signed HTTP(S) POST of a JSON payload.' },
];

const SHELL_DOCUMENT = 'AWS-RunShellScript';

function parametersOf(type: TaskType, arn: string, commands: string, json: string): Record<string, string[]> | string {
  if (type === 'RUN_COMMAND' && arn === SHELL_DOCUMENT) return { commands: commands.split('\n').filter((line) => line.trim() !== '') };
  if (json.trim() === '') return {};
  try {
    const parsed = JSON.parse(json) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return 'Parameters is a JSON object of name → list of values, like {"Node": ["{{RESOURCE_ID}}"]}';
    return Object.fromEntries(Object.entries(parsed).map(([name, value]) => [name, (Array.isArray(value) ? value : [value]).map(String)]));
  } catch {
    return 'Parameters is not valid JSON';
  }
}

/** RegisterTaskWithMaintenanceWindow, as a form. A webhook's generated secret is handed to `onDone` to show once. */
export function TaskForm({ windowId, targets, onDone, onCancel }: { windowId: string; targets: Target[]; onDone: (secret?: string) => void; onCancel: () => void }) {
  const register = useRegisterTask(windowId);
  const [type, setType] = useState<TaskType>('RUN_COMMAND');
  const [fields, setFields] = useState({ arn: SHELL_DOCUMENT, commands: '', parameters: '', priority: '1', maxConcurrency: '', maxErrors: '', cutoffBehavior: 'CONTINUE_TASK', name: '', payload: '', timeoutSeconds: '', secret: '' });
  const [targetIds, setTargetIds] = useState<string[]>(targets.map((target) => target.WindowTargetId));
  const [formError, setFormError] = useState<string | null>(null);
  const set = (name: keyof typeof fields) => (event: { target: { value: string } }) => setFields((current) => ({ ...current, [name]: event.target.value }));
  const chooseType = (next: TaskType) => {
    setType(next);
    setFields((current) => ({ ...current, arn: next === 'RUN_COMMAND' ? SHELL_DOCUMENT : next === 'WEBHOOK' ? 'https://' : '' }));
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const parameters = type === 'WEBHOOK' ? {} : parametersOf(type, fields.arn.trim(), fields.commands, fields.parameters);
    if (typeof parameters === 'string') return setFormError(parameters);
    const optional = (text: string) => text.trim() || undefined;
    register.mutate(
      {
        taskType: type,
        taskArn: fields.arn.trim(),
        targets: targetIds.length ? [{ Key: 'WindowTargetIds', Values: targetIds }] : undefined,
        priority: Number(fields.priority),
        maxConcurrency: optional(fields.maxConcurrency),
        maxErrors: optional(fields.maxErrors),
        cutoffBehavior: fields.cutoffBehavior as NewTask['cutoffBehavior'],
        name: optional(fields.name),
        parameters: type === 'WEBHOOK' ? undefined : parameters,
        payload: type === 'WEBHOOK' ? optional(fields.payload) : undefined,
        timeoutSeconds: fields.timeoutSeconds ? Number(fields.timeoutSeconds) : undefined,
        webhookSecret: type === 'WEBHOOK' ? optional(fields.secret) : undefined,
      },
      { onSuccess: (result) => onDone(result.webhookSecret) },
    );
  };

  const arnLabel = type === 'RUN_COMMAND' ? 'Command document' : type === 'AUTOMATION' ? 'Runbook' : 'URL';
  return (
    <form onSubmit={handleSubmit} aria-label="Register task" className="space-y-4 border-b border-slate-200 bg-slate-50/50 p-5">
      <fieldset>
        <legend className="mb-1 text-sm font-medium">Task type</legend>
        <ChoiceCards name="task-type" label="Task type" choices={TYPES} value={type} columns={3} onChange={chooseType} />
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label={arnLabel} className="sm:col-span-2" hint={type === 'WEBHOOK' ? 'Called with X-Opsdeck-Signature: sha256=HMAC(secret, "<X-Opsdeck-Timestamp>.<body>").' : undefined}>
          <input className={`${inputClass} font-mono`} value={fields.arn} onChange={set('arn')} required maxLength={1600} spellCheck={false} />
        </Field>
        <Field label="Task name" hint="Optional."><input className={inputClass} value={fields.name} onChange={set('name')} maxLength={128} /></Field>
      </div>
      {type === 'RUN_COMMAND' && fields.arn.trim() === SHELL_DOCUMENT ? (
        <Field label="Commands" hint="One per line; run by /bin/sh on each node. {{WINDOW_ID}} and {{WINDOW_EXECUTION_ID}} are filled in.">
          <textarea className={`${inputClass} h-24 font-mono text-xs`} value={fields.commands} onChange={set('commands')} required spellCheck={false} />
        </Field>
      ) : type === 'WEBHOOK' ? (
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Payload (JSON)" className="sm:col-span-2" hint="Sent as the body's payload member, beside the window, execution and target ids.">
            <textarea className={`${inputClass} h-20 font-mono text-xs`} value={fields.payload} onChange={set('payload')} spellCheck={false} placeholder='{"reason": "patching"}' />
          </Field>
          <div className="space-y-3">
            <Field label="Timeout (seconds)" hint="1–300; 30 when empty."><input className={inputClass} type="number" min={1} max={300} value={fields.timeoutSeconds} onChange={set('timeoutSeconds')} /></Field>
            <Field label="Secret" hint="Optional; one is generated and shown once."><input className={inputClass} type="password" value={fields.secret} onChange={set('secret')} autoComplete="new-password" minLength={16} /></Field>
          </div>
        </div>
      ) : (
        <Field label="Parameters (JSON)" hint='Name → values, like {"Node": ["{{RESOURCE_ID}}"]}. Pseudo parameters: {{RESOURCE_ID}}, {{WINDOW_ID}}, {{WINDOW_EXECUTION_ID}}.'>
          <textarea className={`${inputClass} h-20 font-mono text-xs`} value={fields.parameters} onChange={set('parameters')} spellCheck={false} />
        </Field>
      )}
      <fieldset>
        <legend className="mb-1 text-sm font-medium">Targets</legend>
        {targets.length === 0 && <p className="text-xs text-slate-500">The window has no targets; Automation and webhook tasks may run without.</p>}
        <div className="flex flex-wrap gap-3">
          {targets.map((target) => (
            <label key={target.WindowTargetId} className="flex items-center gap-2 text-sm">
              <input type="checkbox" className="accent-sky-600" checked={targetIds.includes(target.WindowTargetId)} onChange={(event) => setTargetIds((ids) => (event.target.checked ? [...ids, target.WindowTargetId] : ids.filter((id) => id !== target.WindowTargetId)))} />
              {target.Name ?? target.WindowTargetId.slice(0, 8)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-4">
        <Field label="Priority" hint="Lower runs first; equal ones run together."><input className={inputClass} type="number" min={0} max={1000} value={fields.priority} onChange={set('priority')} required /></Field>
        <Field label="Max concurrency" hint="A number or a percentage; 50 when empty."><input className={inputClass} value={fields.maxConcurrency} onChange={set('maxConcurrency')} placeholder="50" /></Field>
        <Field label="Max errors" hint="Stop after more than this; 0 when empty."><input className={inputClass} value={fields.maxErrors} onChange={set('maxErrors')} placeholder="0" /></Field>
        <Field label="At the cutoff">
          <select className={inputClass} value={fields.cutoffBehavior} onChange={set('cutoffBehavior')}>
            <option value="CONTINUE_TASK">Let the task finish</option>
            <option value="CANCEL_TASK">Cancel the task</option>
          </select>
        </Field>
      </div>
      {formError && <ErrorNotice error={new Error(formError)} />}
      {register.error && <ErrorNotice error={register.error} />}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onCancel}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={register.isPending}>{register.isPending ? 'Registering…' : 'Register task'}</button>
      </div>
    </form>
  );
}
