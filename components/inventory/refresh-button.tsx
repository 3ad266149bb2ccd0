'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { refreshQuery, useInvalidateNodeInventory, useRefreshNode } from './queries';

function RefreshProgressNote({ nodeId, commandId, onDone }: { nodeId: string; commandId: string; onDone: () => void }) {
  const { data, error } = useQuery(refreshQuery(nodeId, commandId));
  const isDone = data?.isDone ?? false;
  useEffect(() => {
    if (isDone) onDone();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the run ends
  }, [isDone]);
  if (error) return <ErrorNotice error={error} />;
  if (!data || !data.isDone) return <span role="status" className="text-sm text-slate-600">{`Collecting… (${data?.status ?? 'Pending'})`}</span>;
  if (data.status === 'Success') return <span role="status" className="text-sm text-emerald-700">Inventory collected just now</span>;
  return <span role="status" className="text-sm text-red-700">{`The collection ended ${data.status}: ${data.statusDetails}. The node’s Run Command history has its output.`}</span>;
}

/** "Refresh now": collects the node's inventory at once and follows the run until it ends. */
export function RefreshButton({ nodeId, isOnline }: { nodeId: string; isOnline: boolean }) {
  const refresh = useRefreshNode(nodeId);
  const invalidate = useInvalidateNodeInventory(nodeId);
  const [commandId, setCommandId] = useState<string>();
  const start = () => refresh.mutate(undefined, { onSuccess: (started) => setCommandId(started.commandId) });
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button type="button" className={buttonStyles.primary} disabled={refresh.isPending || !isOnline} onClick={start} title={isOnline ? undefined : 'the node is not connected'}>
        Refresh now
      </button>
      {refresh.error && <ErrorNotice error={refresh.error} />}
      {commandId && <RefreshProgressNote key={commandId} nodeId={nodeId} commandId={commandId} onDone={() => void invalidate()} />}
    </div>
  );
}
