'use client';

import { useState, type FormEvent } from 'react';
import { TagQueryBuilder, newTagRow, tagQueryOf, tagRowsOf, type TagRow } from './tag-query-builder';
import { useCreateResourceGroup, useUpdateResourceGroup, type ResourceGroup } from './queries';
import { Field } from '@/components/settings/field';
import { inputClass } from '@/components/settings/ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { ChoiceCards, type Choice } from '@/components/ui/choice-cards';

type Kind = ResourceGroup['kind'];

const KINDS: Choice<Kind>[] = [
  { value: 'TagQuery', title: 'Tag based', description: 'Members are the nodes whose tags match a query; they change as tags change.' },
  { value: 'Static', title: 'Static', description: 'Members are exactly the nodes you list by id.' },
];

const splitNodeIds = (text: string) => text.split(/[\s,]+/).filter(Boolean);

function KindPicker({ kind, onChange }: { kind: Kind; onChange: (kind: Kind) => void }) {
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium">Group type</legend>
      <ChoiceCards name="kind" label="Group type" choices={KINDS} value={kind} onChange={onChange} />
    </fieldset>
  );
}

/**
 * Creates a group (no `group`) or edits one: name (create only), description, and the definition
 * (a tag query built row by row, or a list of node ids).
 */
export function GroupForm({ group, onDone, onCancel }: { group?: ResourceGroup; onDone: (name: string) => void; onCancel: () => void }) {
  const create = useCreateResourceGroup();
  const update = useUpdateResourceGroup(group?.name ?? '');
  const mutation = group ? update : create;
  const [name, setName] = useState('');
  const [description, setDescription] = useState(group?.description ?? '');
  const [kind, setKind] = useState<Kind>(group?.kind ?? 'TagQuery');
  const [rows, setRows] = useState<TagRow[]>(() => (group ? tagRowsOf(group.tagQuery) : [newTagRow()]));
  const [nodeIds, setNodeIds] = useState(group?.nodeIds.join('\n') ?? '');
  const [formError, setFormError] = useState<string | null>(null);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    let definition: { kind: 'TagQuery'; tagQuery: Record<string, string[]> } | { kind: 'Static'; nodeIds: string[] };
    if (kind === 'TagQuery') {
      const built = tagQueryOf(rows);
      if ('error' in built) return setFormError(built.error);
      definition = { kind, tagQuery: built.tagQuery };
    } else {
      definition = { kind, nodeIds: splitNodeIds(nodeIds) };
    }
    // The server checks everything again and names what is wrong; the form only shapes the input.
    if (group) update.mutate({ description, ...definition }, { onSuccess: () => onDone(group.name) });
    else create.mutate({ name: name.trim(), description, ...definition }, { onSuccess: (created) => onDone(created.name) });
  };

  return (
    <form onSubmit={handleSubmit} aria-label={group ? `Edit resource group ${group.name}` : 'Create resource group'} className="space-y-5 p-5">
      <div className="grid gap-4 md:grid-cols-3">
        {!group && (
          <Field label="Group name" hint="1–300 letters, digits, and . _ - (not starting with AWS).">
            <input className={inputClass} value={name} onChange={(event) => setName(event.target.value)} required maxLength={300} autoComplete="off" placeholder="web-prod" />
          </Field>
        )}
        <Field label="Description" className={group ? 'md:col-span-3' : 'md:col-span-2'}>
          <input className={inputClass} value={description} onChange={(event) => setDescription(event.target.value)} maxLength={1024} placeholder="optional" />
        </Field>
      </div>
      <KindPicker kind={kind} onChange={setKind} />
      {kind === 'TagQuery' ? (
        <TagQueryBuilder rows={rows} onChange={setRows} />
      ) : (
        <Field label="Node IDs" hint="One per line, or separated by commas or spaces, e.g. mi-0123456789abcdef0. Up to 1000.">
          <textarea className={`${inputClass} h-32 font-mono text-xs`} value={nodeIds} onChange={(event) => setNodeIds(event.target.value)} spellCheck={false} />
        </Field>
      )}
      {formError && <ErrorNotice error={new Error(formError)} />}
      {mutation.error && <ErrorNotice error={mutation.error} />}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onCancel}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : group ? 'Save changes' : 'Create group'}
        </button>
      </div>
    </form>
  );
}
