'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { nodeListQuery, type NodeSort } from './queries';
import { PingStatusBadge } from './ping-status-badge';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { timeAgo } from '@/components/lib/format';

const PAGE_SIZE = 50;

const COLUMNS: { label: string; sortBy?: NodeSort['sortBy'] }[] = [
  { label: 'Node ID', sortBy: 'nodeId' },
  { label: 'Name', sortBy: 'name' },
  { label: 'Ping status', sortBy: 'pingStatus' },
  { label: 'Platform', sortBy: 'platformName' },
  { label: 'IP address' },
  { label: 'Agent version', sortBy: 'agentVersion' },
  { label: 'Last seen', sortBy: 'lastPingDateTime' },
];

export function FleetTable() {
  const [sort, setSort] = useState<NodeSort>({ sortBy: 'name', sortOrder: 'asc' });
  const [page, setPage] = useState(1);
  const { data, error, isPending } = useQuery(nodeListQuery({ ...sort, page, pageSize: PAGE_SIZE }));

  const handleSort = (sortBy: NodeSort['sortBy']) => {
    setSort((current) => ({ sortBy, sortOrder: current.sortBy === sortBy && current.sortOrder === 'asc' ? 'desc' : 'asc' }));
    setPage(1);
  };

  if (error) return <ErrorNotice error={error} />;
  if (isPending) return <p className="text-sm text-slate-500">Loading nodes…</p>;
  if (data.total === 0) {
    return (
      <EmptyState title="No managed nodes yet">
        Create a <Link className="text-sky-700 underline" href="/activations">hybrid activation</Link>, then run{' '}
        <code className="rounded bg-slate-100 px-1">npm run agent -- register …</code> on the node.
      </EmptyState>
    );
  }
  const pageCount = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" aria-label="Managed nodes">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {COLUMNS.map((column) => (
              <th key={column.label} scope="col" className="px-4 py-2.5 font-medium"
                aria-sort={column.sortBy && sort.sortBy === column.sortBy ? (sort.sortOrder === 'asc' ? 'ascending' : 'descending') : undefined}>
                {column.sortBy ? (
                  <button type="button" onClick={() => handleSort(column.sortBy!)} className="uppercase hover:text-slate-900">
                    {column.label}
                    {sort.sortBy === column.sortBy ? (sort.sortOrder === 'asc' ? ' ▲' : ' ▼') : ''}
                  </button>
                ) : (
                  column.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data.nodes.map((node) => (
            <tr key={node.nodeId} className="hover:bg-slate-50">
              <td className="px-4 py-2.5 font-mono text-xs">
                <Link href={`/fleet/${node.nodeId}`} className="text-sky-700 hover:underline">{node.nodeId}</Link>
              </td>
              <td className="px-4 py-2.5">{node.name}</td>
              <td className="px-4 py-2.5"><PingStatusBadge status={node.pingStatus} /></td>
              <td className="px-4 py-2.5">{[node.platformName, node.platformVersion].filter(Boolean).join(' ') || '—'}</td>
              <td className="px-4 py-2.5 font-mono text-xs">{node.ipAddress ?? '—'}</td>
              <td className="px-4 py-2.5">{node.agentVersion ?? '—'}</td>
              <td className="px-4 py-2.5 text-slate-600" title={node.lastPingDateTime ?? undefined}>{timeAgo(node.lastPingDateTime)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex items-center justify-between border-t border-slate-200 px-4 py-2 text-sm text-slate-600">
        <span>{data.total} node{data.total === 1 ? '' : 's'}</span>
        <span className="flex items-center gap-2">
          <button type="button" className={buttonStyles.secondary} disabled={page <= 1} onClick={() => setPage(page - 1)}>Previous</button>
          Page {page} of {pageCount}
          <button type="button" className={buttonStyles.secondary} disabled={page >= pageCount} onClick={() => setPage(page + 1)}>Next</button>
        </span>
      </div>
    </div>
  );
}
