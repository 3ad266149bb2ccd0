'use client';

import { useState, type ReactNode } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/components/lib/api-client';
import { useDebouncedValue } from '@/components/documents/use-document-lint';
import { nodeKeys, type NodeList } from './queries';
import { PingStatusBadge } from './ping-status-badge';

const LISTED = 50;

/**
 * The nodes a picker offers: searchable by name or id, in `statuses`, the first 50. Under the
 * fleet's list key, so live node updates (status changes) reach the picker too.
 */
export function useNodeSearch(statuses: string) {
  const [search, setSearch] = useState('');
  const query = useDebouncedValue(search.trim(), 250);
  const listSearch = new URLSearchParams({ ...(query ? { q: query } : {}), status: statuses, pageSize: String(LISTED) }).toString();
  const { data, error, isPending } = useQuery({
    queryKey: nodeKeys.list(listSearch),
    queryFn: () => apiFetch<NodeList>(`/api/nodes?${listSearch}`),
    placeholderData: keepPreviousData,
  });
  return { search, setSearch, query, data, error, isPending };
}

/** One node in a picker: its radio or checkbox (`control`), name, id, platform and status. */
export function NodeOption({ node, isSelected, control }: { node: NodeList['nodes'][number]; isSelected: boolean; control: ReactNode }) {
  return (
    <label className={`flex cursor-pointer items-center gap-3 px-3 py-2 text-sm hover:bg-slate-50 ${isSelected ? 'bg-sky-50/70' : ''}`}>
      {control}
      <span className="min-w-0 flex-1">
        <span className="block truncate font-medium">{node.name}</span>
        <span className="block font-mono text-xs text-slate-500">{node.nodeId}</span>
      </span>
      <span className="hidden text-xs text-slate-500 sm:inline">{[node.platformName, node.platformVersion].filter(Boolean).join(' ')}</span>
      <PingStatusBadge status={node.pingStatus} />
    </label>
  );
}

export function ShownOfTotal({ data }: { data: NodeList | undefined }) {
  if (!data || data.total <= data.nodes.length) return null;
  return <p className="border-t border-slate-100 px-3 py-1.5 text-xs text-slate-500">{`${data.nodes.length} of ${data.total.toLocaleString('en')} shown; search to find others.`}</p>;
}
