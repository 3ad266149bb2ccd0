'use client';

import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/components/lib/api-client';
import { nodeKeys, type NodeList } from '@/components/fleet/queries';
import { PingStatusBadge } from '@/components/fleet/ping-status-badge';
import { useDebouncedValue } from '@/components/documents/use-document-lint';
import { inputClass } from '@/components/settings/ui';
import { ErrorNotice } from '@/components/ui/notices';
import { MAX_INSTANCE_IDS } from './queries';

const LISTED = 50;

/**
 * Picks nodes by hand from the registered ones that can take a command (Online or Connection
 * lost: a command waits for a node that comes back), searchable by name or id. At most 50, the
 * most one command takes by id; more nodes are targeted by tag or resource group.
 */
export function NodeChooser({ selected, onChange }: { selected: string[]; onChange: (nodeIds: string[]) => void }) {
  const [search, setSearch] = useState('');
  const query = useDebouncedValue(search.trim(), 250);
  const listSearch = new URLSearchParams({ ...(query ? { q: query } : {}), status: 'Online,ConnectionLost', pageSize: String(LISTED) }).toString();
  // Under the fleet's list key, so live node updates (status changes) reach this list too.
  const { data, error, isPending } = useQuery({
    queryKey: nodeKeys.list(listSearch),
    queryFn: () => apiFetch<NodeList>(`/api/nodes?${listSearch}`),
    placeholderData: keepPreviousData,
  });
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
                <label className={`flex cursor-pointer items-center gap-3 px-3 py-2 text-sm hover:bg-slate-50 ${isChecked ? 'bg-sky-50/60' : ''}`}>
                  <input type="checkbox" className="accent-sky-600" checked={isChecked} disabled={!isChecked && isFull} onChange={() => toggle(node.nodeId)} aria-label={`${node.name} (${node.nodeId})`} />
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium">{node.name}</span>
                    <span className="block font-mono text-xs text-slate-500">{node.nodeId}</span>
                  </span>
                  <span className="text-xs text-slate-500">{[node.platformName, node.platformVersion].filter(Boolean).join(' ')}</span>
                  <PingStatusBadge status={node.pingStatus} />
                </label>
              </li>
            );
          })}
        </ul>
        {data && data.total > data.nodes.length && <p className="border-t border-slate-100 px-3 py-1.5 text-xs text-slate-500">{`${data.nodes.length} of ${data.total.toLocaleString('en')} shown; search to find others.`}</p>}
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
