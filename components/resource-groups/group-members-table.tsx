'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { MEMBERS_PAGE_SIZE, groupMembersQuery } from './queries';
import { PingStatusBadge } from '@/components/fleet/ping-status-badge';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { Muted, linkClass } from '@/components/settings/ui';
import { timeAgo } from '@/components/lib/format';

/** The group's members right now, a page at a time; the console socket refetches groups when nodes change. */
export function GroupMembersTable({ name }: { name: string }) {
  const [page, setPage] = useState(1);
  const { data, error, isPending } = useQuery(groupMembersQuery(name, page));

  if (error) return <div className="p-5"><ErrorNotice error={error} /></div>;
  if (isPending) return <Muted>Loading members…</Muted>;
  if (data.total === 0) return <Muted>No node is a member right now.</Muted>;
  const pageCount = Math.max(1, Math.ceil(data.total / MEMBERS_PAGE_SIZE));
  // A member may leave while we look at the last page: go back to a page that exists.
  if (page > pageCount) setPage(pageCount);
  return (
    <>
      <DataTable label="Group members" columns={['Node ID', 'Name', 'Ping status', 'Platform', 'Tags', 'Last seen']}>
        {data.nodes.map((node) => (
          <tr key={node.nodeId} className="hover:bg-slate-50">
            <td className={`${tableStyles.td} font-mono text-xs`}><Link href={`/fleet/${node.nodeId}`} className={linkClass}>{node.nodeId}</Link></td>
            <td className={tableStyles.td}>{node.name}</td>
            <td className={tableStyles.td}><PingStatusBadge status={node.pingStatus} /></td>
            <td className={tableStyles.td}>{[node.platformName, node.platformVersion].filter(Boolean).join(' ') || '—'}</td>
            <td className={`${tableStyles.td} text-xs text-slate-600`}>
              {Object.entries(node.tags).map(([key, value]) => `${key}=${value}`).join(', ') || '—'}
            </td>
            <td className={`${tableStyles.td} text-slate-600`} title={node.lastPingDateTime ?? undefined}>{timeAgo(node.lastPingDateTime)}</td>
          </tr>
        ))}
      </DataTable>
      <div className="flex items-center justify-between border-t border-slate-200 px-5 py-2 text-sm text-slate-600">
        <span>{`${data.total.toLocaleString()} member${data.total === 1 ? '' : 's'}`}</span>
        {pageCount > 1 && (
          <span className="flex items-center gap-2">
            <button type="button" className={buttonStyles.secondary} disabled={page <= 1} onClick={() => setPage(page - 1)}>Previous</button>
            {`Page ${page} of ${pageCount}`}
            <button type="button" className={buttonStyles.secondary} disabled={page >= pageCount} onClick={() => setPage(page + 1)}>Next</button>
          </span>
        )}
      </div>
    </>
  );
}
