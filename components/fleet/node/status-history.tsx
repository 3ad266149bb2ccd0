'use client';

import { useQuery } from '@tanstack/react-query';
import { PingStatusBadge } from '@/components/fleet/ping-status-badge';
import { ErrorNotice } from '@/components/ui/notices';
import { dateTime, timeAgo } from '@/components/lib/format';
import type { Node } from '@/components/fleet/queries';
import { Panel } from './ui';
import { nodeHistoryQuery } from './queries';

/** Every ping-status change with why, newest first (the last 50). */
export function StatusHistory({ nodeId, pingStatus }: { nodeId: string; pingStatus: string }) {
  const { data, error, isPending } = useQuery(nodeHistoryQuery(nodeId, pingStatus));
  return (
    <Panel title="Status history">
      {error ? (
        <ErrorNotice error={error} />
      ) : isPending ? (
        <p className="text-sm text-slate-500">Loading history…</p>
      ) : data.events.length === 0 ? (
        <p className="text-sm text-slate-500">No status changes yet: the agent has not connected since the node was registered.</p>
      ) : (
        <ol className="divide-y divide-slate-100 text-sm" aria-label="Status changes">
          {data.events.map((event) => (
            <li key={event.id} className="flex items-center gap-4 py-2">
              <span className="w-44 shrink-0 text-slate-600" title={event.at}>{dateTime(event.at)}</span>
              <span className="w-32 shrink-0"><PingStatusBadge status={event.pingStatus as Node['pingStatus']} /></span>
              <span className="text-slate-900">{event.reason}</span>
              <span className="ml-auto shrink-0 text-xs text-slate-400">{timeAgo(event.at)}</span>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
