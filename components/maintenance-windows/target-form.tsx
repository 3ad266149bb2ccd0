'use client';

import { useState, type FormEvent } from 'react';
import { useRegisterTarget, type NewTarget } from './queries';
import { Field } from '@/components/settings/field';
import { inputClass } from '@/components/settings/ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { ChoiceCards, type Choice } from '@/components/ui/choice-cards';

type Kind = 'nodes' | 'tag' | 'group';

const KINDS: Choice<Kind>[] = [
  { value: 'nodes', title: 'Nodes by id', description: 'Exactly the nodes listed.' },
  { value: 'tag', title: 'Nodes by tag', description: 'Nodes with one of the tag values, when each run starts.' },
  { value: 'group', title: 'Resource group', description: "The group's members when each run starts." },
];

const split = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** AWS's ResourceType and Targets for what the form describes. */
function targetOf(kind: Kind, fields: { nodeIds: string; tagKey: string; tagValues: string; group: string }): Pick<NewTarget, 'resourceType' | 'targets'> {
  if (kind === 'group') return { resourceType: 'RESOURCE_GROUP', targets: [{ Key: 'resource-groups:Name', Values: [fields.group.trim()] }] };
  if (kind === 'tag') return { resourceType: 'INSTANCE', targets: [{ Key: `tag:${fields.tagKey.trim()}`, Values: split(fields.tagValues) }] };
  return { resourceType: 'INSTANCE', targets: [{ Key: 'InstanceIds', Values: split(fields.nodeIds) }] };
}

/** RegisterTargetWithMaintenanceWindow, as a form: what the window's tasks may run on. */
export function TargetForm({ windowId, onDone, onCancel }: { windowId: string; onDone: () => void; onCancel: () => void }) {
  const register = useRegisterTarget(windowId);
  const [kind, setKind] = useState<Kind>('nodes');
  const [fields, setFields] = useState({ nodeIds: '', tagKey: '', tagValues: '', group: '', name: '', ownerInformation: '' });
  const set = (name: keyof typeof fields) => (event: { target: { value: string } }) => setFields((current) => ({ ...current, [name]: event.target.value }));

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    register.mutate(
      { ...targetOf(kind, fields), name: fields.name.trim() || undefined, ownerInformation: fields.ownerInformation.trim() || undefined },
      { onSuccess: onDone },
    );
  };

  return (
    <form onSubmit={handleSubmit} aria-label="Register target" className="space-y-4 border-b border-slate-200 bg-slate-50/50 p-5">
      <fieldset>
        <legend className="mb-1 text-sm font-medium">Select nodes</legend>
        <ChoiceCards name="target-kind" label="Select nodes" choices={KINDS} value={kind} columns={3} onChange={setKind} />
      </fieldset>
      {kind === 'nodes' && (
        <Field label="Node IDs" hint="Separated by commas, spaces or lines, e.g. mi-0123456789abcdef0 (up to 50).">
          <textarea className={`${inputClass} h-20 font-mono text-xs`} value={fields.nodeIds} onChange={set('nodeIds')} required spellCheck={false} />
        </Field>
      )}
      {kind === 'tag' && (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Tag key"><input className={inputClass} value={fields.tagKey} onChange={set('tagKey')} required placeholder="Environment" /></Field>
          <Field label="Tag values" hint="Any of these, comma-separated."><input className={inputClass} value={fields.tagValues} onChange={set('tagValues')} required placeholder="prod, staging" /></Field>
        </div>
      )}
      {kind === 'group' && (
        <Field label="Resource group name"><input className={inputClass} value={fields.group} onChange={set('group')} required placeholder="web-prod" /></Field>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Target name" hint="Optional: 3–128 letters, digits and . _ -"><input className={inputClass} value={fields.name} onChange={set('name')} maxLength={128} /></Field>
        <Field label="Owner information" hint="Optional: sent along with every task on these nodes."><input className={inputClass} value={fields.ownerInformation} onChange={set('ownerInformation')} maxLength={128} /></Field>
      </div>
      {register.error && <ErrorNotice error={register.error} />}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onCancel}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={register.isPending}>{register.isPending ? 'Registering…' : 'Register target'}</button>
      </div>
    </form>
  );
}
