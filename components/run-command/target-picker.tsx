'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { NodeChooser } from './node-chooser';
import { targetsOf, type TargetChoice, type TargetMode } from './target-choice';
import { useDebouncedValue } from '@/components/documents/use-document-lint';
import { resourceGroupListQuery } from '@/components/resource-groups/queries';
import { newTagRow, type TagRow } from '@/components/resource-groups/tag-query-builder';
import { apiFetch } from '@/components/lib/api-client';
import { commandKeys } from './queries';
import { inputClass } from '@/components/settings/ui';
import { buttonStyles } from '@/components/ui/notices';
import { ChoiceCards, type Choice } from '@/components/ui/choice-cards';

const MODES: Choice<TargetMode>[] = [
  { value: 'nodes', title: 'Choose nodes', description: 'Pick up to 50 nodes by hand.' },
  { value: 'tags', title: 'Specify tags', description: 'Every node with these tags, now.' },
  { value: 'group', title: 'Resource group', description: 'The members of a group, now.' },
];

/** Targets may combine at most five conditions (AWS's limit), all of which must hold. */
const MAX_TAG_ROWS = 5;

function TagRows({ rows, onChange }: { rows: TagRow[]; onChange: (rows: TagRow[]) => void }) {
  const update = (id: number, patch: Partial<TagRow>) => onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  return (
    <div className="space-y-2">
      <p className="text-xs text-slate-500">A node is a target when it has <strong>every</strong> tag key below with <strong>any one</strong> of that key&apos;s values.</p>
      {rows.map((row, index) => (
        <div key={row.id} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)_auto] items-center gap-2">
          <input className={inputClass} aria-label={`Tag key ${index + 1}`} placeholder="Environment" value={row.key} onChange={(event) => update(row.id, { key: event.target.value })} autoComplete="off" />
          <input className={inputClass} aria-label={`Values of tag key ${index + 1}`} placeholder="prod, staging" value={row.values} onChange={(event) => update(row.id, { values: event.target.value })} autoComplete="off" />
          <button type="button" className={buttonStyles.secondary} disabled={rows.length === 1} onClick={() => onChange(rows.filter((candidate) => candidate.id !== row.id))} aria-label={`Remove tag key ${index + 1}`}>Remove</button>
        </div>
      ))}
      <button type="button" className={buttonStyles.secondary} disabled={rows.length >= MAX_TAG_ROWS} onClick={() => onChange([...rows, newTagRow()])}>Add tag key</button>
    </div>
  );
}

function GroupSelect({ value, onChange }: { value: string; onChange: (name: string) => void }) {
  const { data, error } = useQuery(resourceGroupListQuery());
  if (error) return <p className="text-sm text-red-700">{`Cannot list resource groups: ${error.message}`}</p>;
  return (
    <select className={inputClass} aria-label="Resource group" value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{data ? (data.groups.length === 0 ? 'No resource groups yet' : 'Choose a group…') : 'Loading groups…'}</option>
      {data?.groups.map((group) => <option key={group.name} value={group.name}>{`${group.name} (${group.memberCount.toLocaleString('en')} node${group.memberCount === 1 ? '' : 's'})`}</option>)}
    </select>
  );
}

/** "3 nodes": which nodes the chosen tags or group select right now (the server resolves them as SendCommand will). */
function TargetPreview({ choice }: { choice: TargetChoice }) {
  const built = targetsOf(choice);
  const settled = useDebouncedValue(JSON.stringify(built), 300);
  const targets = JSON.parse(settled) as ReturnType<typeof targetsOf>;
  const isResolvable = 'targets' in targets;
  const { data, error, isFetching } = useQuery({
    queryKey: commandKeys.targetPreview(settled),
    queryFn: () => apiFetch<{ nodeIds: string[] }>('/api/resource-groups/targets/resolve', { method: 'POST', json: { targets: 'targets' in targets ? targets.targets : [] } }),
    enabled: isResolvable && choice.mode !== 'nodes',
    placeholderData: keepPreviousData,
  });
  let text: string;
  let tone = 'text-slate-700';
  if ('error' in built) {
    text = built.error;
    tone = 'text-slate-500';
  } else if (choice.mode === 'nodes') {
    text = `${choice.nodeIds.length} node${choice.nodeIds.length === 1 ? '' : 's'}`;
  } else if (error) {
    text = error.message;
    tone = 'text-red-700';
  } else if (!data) {
    text = 'Finding nodes…';
  } else {
    text = `${data.nodeIds.length.toLocaleString('en')} node${data.nodeIds.length === 1 ? '' : 's'}${data.nodeIds.length === 0 ? ': nothing would run' : ''}`;
    if (data.nodeIds.length === 0) tone = 'text-amber-800';
  }
  return (
    <p role="status" aria-label="Target preview" className={`flex items-center gap-2 text-sm font-medium ${tone}`}>
      <span className="text-xs font-normal uppercase tracking-wide text-slate-500">Would run on</span>
      <span data-testid="target-count">{text}</span>
      {isFetching && <span className="text-xs font-normal text-slate-400">updating…</span>}
    </p>
  );
}

export function TargetPicker({ choice, onChange }: { choice: TargetChoice; onChange: (choice: TargetChoice) => void }) {
  return (
    <div className="space-y-4">
      <ChoiceCards name="target-mode" label="Target selection" choices={MODES} value={choice.mode} columns={3} onChange={(mode) => onChange({ ...choice, mode })} />
      {choice.mode === 'nodes' && <NodeChooser selected={choice.nodeIds} onChange={(nodeIds) => onChange({ ...choice, nodeIds })} />}
      {choice.mode === 'tags' && <TagRows rows={choice.tagRows} onChange={(tagRows) => onChange({ ...choice, tagRows })} />}
      {choice.mode === 'group' && <GroupSelect value={choice.group} onChange={(group) => onChange({ ...choice, group })} />}
      <TargetPreview choice={choice} />
    </div>
  );
}
