'use client';

import { NodeOption, ShownOfTotal, useNodeSearch } from '@/components/fleet/node-search';
import { inputClass } from '@/components/settings/ui';
import { ErrorNotice } from '@/components/ui/notices';

/**
 * Picks the one node a session opens on, from those online now (a shell needs a connected
 * agent), searchable by name or id. The same list query as Run Command's node chooser, so live
 * status changes reach it too.
 */
export function NodePicker({ selected, onChange }: { selected: string | undefined; onChange: (nodeId: string) => void }) {
  const { search, setSearch, query, data, error, isPending } = useNodeSearch('Online');

  return (
    <div className="space-y-2">
      <input type="search" className={inputClass} placeholder="Search nodes by name or ID" aria-label="Search nodes" value={search} onChange={(event) => setSearch(event.target.value)} autoFocus />
      {error && <ErrorNotice error={error} />}
      <div className="max-h-72 overflow-y-auto rounded border border-slate-200">
        {isPending && <p className="px-3 py-2 text-sm text-slate-500">Loading nodes…</p>}
        {data && data.nodes.length === 0 && <p className="px-3 py-4 text-center text-sm text-slate-500">{query ? `No online node matches “${query}”.` : 'No node is online.'}</p>}
        <ul role="radiogroup" aria-label="Nodes" className="divide-y divide-slate-100">
          {data?.nodes.map((node) => (
            <li key={node.nodeId}>
              <NodeOption
                node={node}
                isSelected={selected === node.nodeId}
                control={<input type="radio" name="session-node" className="accent-sky-600" checked={selected === node.nodeId} onChange={() => onChange(node.nodeId)} aria-label={`${node.name} (${node.nodeId})`} />}
              />
            </li>
          ))}
        </ul>
        <ShownOfTotal data={data} />
      </div>
    </div>
  );
}
