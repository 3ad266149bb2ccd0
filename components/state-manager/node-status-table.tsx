'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { nodeStatusesQuery } from './queries';
import { AssociationStatusBadge, ComplianceBadge } from './status-chips';
import { Muted, linkClass } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { ErrorNotice } from '@/components/ui/notices';
import { dateTime, timeAgo } from '@/components/lib/format';

/** The association on each node it targets now: the latest result there (Pending until it has run) and the compliance it reports. */
export function NodeStatusTable({ associationId }: { associationId: string }) {
  const { data, error, isPending } = useQuery(nodeStatusesQuery(associationId));
  if (error) return <div className="p-5"><ErrorNotice error={error} /></div>;
  if (isPending) return <Muted>Loading the target nodes…</Muted>;
  if (data.targets.length === 0) return <Muted>No node matches the targets now. Nodes that start to match get the association at once.</Muted>;
  return (
    <DataTable label="Node status" columns={['Node', 'Status', 'Compliance', 'Last run']}>
      {data.targets.map((target) => (
        <tr key={target.InstanceId} className="hover:bg-slate-50" data-node={target.InstanceId}>
          <td className={tableStyles.td}>
            <Link href={`/fleet/${encodeURIComponent(target.InstanceId)}`} className={`${linkClass} font-medium`}>{target.InstanceName ?? target.InstanceId}</Link>
            {target.InstanceName && <span className="block font-mono text-xs text-slate-500">{target.InstanceId}</span>}
          </td>
          <td className={tableStyles.td}><AssociationStatusBadge status={target.Status} details={target.DetailedStatus} /></td>
          <td className={tableStyles.td}><ComplianceBadge status={target.ComplianceStatus} severity={target.Severity} /></td>
          <td className={`${tableStyles.td} whitespace-nowrap text-slate-600`}>
            {target.ExecutionDate ? <span title={dateTime(target.ExecutionDate)}>{timeAgo(target.ExecutionDate)}</span> : <span className="text-slate-400">not yet</span>}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
