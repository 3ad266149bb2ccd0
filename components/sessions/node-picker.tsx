'use client';

import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/components/lib/api-client';
import { nodeKeys, type NodeList } from '@/components/fleet/queries';
import { PingStatusBadge } from '@/components/fleet/ping-status-badge';
import { useDebouncedValue } from '@/components/documents/use-document-lint';
import { inputClass } from '@/components/settings/ui';
import { ErrorNotice } from '@/components/ui/notices';

const LISTED = 50;

/**
 * Picks the one node a session opens on, from those online now (a shell needs a connected
 * agent), searchable by name or id. The same list query as Run Command's node chooser, so live
 * status changes reach it too.
 */
export function NodePicker({ selected, onChange }: { selected: string | undefined; onChange: (nodeId: string) => void }) {
  const [search, setSearch] = useState('');
  const query = useDebouncedValue(search.trim(), 250);
  const listSearch = new URLSearchParams({ ...(query ? { q: query } : {}), status: 'Online', pageSize: String(LISTED) }).toString();
  const { data, error, isPending } = useQuery({
    queryKey: nodeKeys.list(listSearch),
    queryFn: () => apiFetch<NodeList>(`/api/nodes?${listSearch}`),
    placeholderData: keepPreviousData,
  });

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
              <label className={`flex cursor-pointer items-center gap-3 px-3 py-2 text-sm hover:bg-slate-50 ${selected === node.nodeId ? 'bg-sky-50/70' : ''}`}>
                <input type="radio" name="session-node" className="accent-sky-600" checked={selected === node.nodeId} onChange={() => onChange(node.nodeId)} aria-label={`${node.name} (${node.nodeId})`} />
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-medium">{node.name}</span>
                  <span className="block font-mono text-xs text-slate-500">{node.nodeId}</span>
                </span>
                <span className="hidden text-xs text-slate-500 sm:inline">{[node.platformName, node.platformVersion].filter(Boolean).join(' ')}</span>
                <PingStatusBadge status={node.pingStatus} />
              </label>
            </li>
          ))}
        </ul>
        {data && data.total > data.nodes.length && <p className="border-t border-slate-100 px-3 py-1.5 text-xs text-slate-500">{`${data.nodes.length} of ${data.total.toLocaleString('en')} shown; search to find others.`}</p>}
      </div>
    </div>
  );
}
