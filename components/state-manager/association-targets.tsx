'use client';

import { useQuery } from '@tanstack/react-query';
import type { AssociationFormState, TargetScope } from './form-state';
import { targetChoiceOf } from './form-state';
import { isAllNodes, targetsInWords } from './association-text';
import { TargetPicker } from '@/components/run-command/target-picker';
import { commandKeys } from '@/components/run-command/queries';
import { apiFetch } from '@/components/lib/api-client';
import { ChoiceCards, type Choice } from '@/components/ui/choice-cards';

type TargetState = Pick<AssociationFormState, 'scope' | 'target' | 'keptTargets'>;

/** How the resolver spells "every managed node" (AWS's InstanceIds=* for associations). */
const EVERY_NODE = [{ Key: 'resource-groups:ResourceTypeFilters', Values: ['AWS::SSM::ManagedInstance'] }];

function EveryNodePreview() {
  const { data, error } = useQuery({
    queryKey: commandKeys.targetPreview(JSON.stringify(EVERY_NODE)),
    queryFn: () => apiFetch<{ nodeIds: string[] }>('/api/resource-groups/targets/resolve', { method: 'POST', json: { targets: EVERY_NODE } }),
  });
  const text = error ? error.message : data ? `${data.nodeIds.length.toLocaleString('en')} node${data.nodeIds.length === 1 ? '' : 's'} now, and every node that registers later` : 'Counting nodes…';
  return (
    <p role="status" aria-label="Target preview" className={`flex items-center gap-2 text-sm font-medium ${error ? 'text-red-700' : 'text-slate-700'}`}>
      <span className="text-xs font-normal uppercase tracking-wide text-slate-500">Applies to</span>
      <span data-testid="target-count">{text}</span>
    </p>
  );
}

/**
 * Which nodes the association keeps in state: chosen ones (by id, tag or resource group, with
 * Run Command's picker and its live preview), or every managed node. Targets set through the API
 * that the picker cannot show stay as they are unless the user picks others.
 */
export function AssociationTargets({ value, onChange }: { value: TargetState; onChange: (patch: Partial<TargetState>) => void }) {
  const scopes: Choice<TargetScope>[] = [
    { value: 'chosen', title: 'Chosen targets', description: 'Nodes by id, by tag or by resource group; tags and groups are read at each run.' },
    { value: 'all', title: 'Every managed node', description: 'All registered nodes, including those that register later (InstanceIds = *).' },
  ];
  const canKeep = value.keptTargets.length > 0 && !isAllNodes(value.keptTargets) && targetChoiceOf(value.keptTargets) === null;
  if (canKeep) scopes.push({ value: 'kept', title: 'As set through the API', description: targetsInWords(value.keptTargets) });
  return (
    <div className="space-y-4">
      <ChoiceCards name="target-scope" label="Which nodes" choices={scopes} value={value.scope} columns={scopes.length === 3 ? 3 : 2} onChange={(scope) => onChange({ scope })} />
      {value.scope === 'chosen' && <TargetPicker choice={value.target} onChange={(target) => onChange({ target })} />}
      {value.scope === 'all' && <EveryNodePreview />}
    </div>
  );
}
