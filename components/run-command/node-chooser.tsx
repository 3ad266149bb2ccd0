'use client';

import { NodeOption, ShownOfTotal, useNodeSearch } from '@/components/fleet/node-search';
import { inputClass } from '@/components/settings/ui';
import { ErrorNotice } from '@/components/ui/notices';
import { MAX_INSTANCE_IDS } from './queries';

/**
 * Picks nodes by hand from the registered ones that can take a command (Online or Connection
 * lost: a command waits for a node that comes back), searchable by name or id. At most 50, the
 * most one command takes by id; more nodes are targeted by tag or resource group.
 */
export function NodeChooser({ selected, onChange }: { selected: string[]; onChange: (nodeIds: string[]) => void }) {
  const { search, setSearch, query, data, error, isPending } = useNodeSearch('Online,ConnectionLost');
  const isFull = selected.length >= MAX_INSTANCE_IDS;
  const toggle = (nodeId: string) => onChange(selected.includes(nodeId) ? selected.filter((id) => id !== nodeId) : [...selected, nodeId]);

  return (
    <div className="space-y-3">
      <input type="search" className={inputClass} placeholder="Search nodes by name or ID" aria-label="Search nodes" value={search} onChange={(event) => setSearch(event.target.value)} />
      {error && <ErrorNotice error={error} />}
      <div className="max-h-72 overflow-y-auto rounded border border-slate-200">
        {isPending && <p className="px-3 py-2 text-sm text-slate-500">Loading nodes…</p>}
        {data && data.nodes.length === 0 && <p className="px-3 py-4 text-center text-sm text-slate-500">{query ? `No online node matches “${query}”.` : 'No node is online or reconnecting.'}</p>}
        <ul aria-label="Nodes to choose from" className="divide-y divide-slate-100">
          {data?.nodes.map((node) => {
            const isChecked = selected.includes(node.nodeId);
            return (
              <li key={node.nodeId}>
                <NodeOption
                  node={node}
                  isSelected={isChecked}
                  control={<input type="checkbox" className="accent-sky-600" checked={isChecked} disabled={!isChecked && isFull} onChange={() => toggle(node.nodeId)} aria-label={`${node.name} (${node.nodeId})`} />}
                />
              </li>
            );
          })}
        </ul>
        <ShownOfTotal data={data} />
      </div>
      {selected.length > 0 && (
        <div className="flex flex-wrap items-center gap-1.5 text-xs" aria-label="Chosen nodes">
          {selected.map((nodeId) => (
            <button key={nodeId} type="button" onClick={() => toggle(nodeId)} className="rounded bg-sky-50 px-1.5 py-0.5 font-mono text-sky-800 ring-1 ring-inset ring-sky-600/20 hover:bg-sky-100" aria-label={`Remove ${nodeId}`}>
              {nodeId} ×
            </button>
          ))}
          {isFull && <span className="text-amber-800">{`${MAX_INSTANCE_IDS} is the most one command takes by node; target a tag or a resource group for more.`}</span>}
        </div>
      )}
    </div>
  );
}
