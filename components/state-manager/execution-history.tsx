'use client';

import { Fragment, useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { EXECUTIONS_PAGE_SIZE, associationKeys, executionsQuery, isRunActive } from './queries';
import { parseResourceCounts, reasonInWords, triggerLabel } from './association-text';
import { AssociationStatusBadge, StatusCounts } from './status-chips';
import { ExecutionTargets, RunSourceLink } from './execution-targets';
import { PageButtons } from '@/components/run-command/page-buttons';
import { statusLabel } from '@/components/run-command/status-badge';
import { Muted } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { ErrorNotice } from '@/components/ui/notices';
import { dateTime, timeAgo } from '@/components/lib/format';

const COLUMNS = ['Run', 'Status', 'Nodes', 'Started', 'Ended', 'Ran as'];

/** Every run of the association, newest first; open a run to see each node's result and output. */
export function ExecutionHistory({ associationId }: { associationId: string }) {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const { data, error, isPending } = useQuery(executionsQuery(associationId, page));
  const queryClient = useQueryClient();
  // A run that ends changes the overview and the node statuses too: ask for them now rather than at their next refresh.
  const statuses = data?.executions.map((execution) => `${execution.ExecutionId}:${execution.Status}`).join(',');
  const seen = useRef(statuses);
  useEffect(() => {
    const previous = seen.current;
    seen.current = statuses;
    if (previous === undefined || previous === statuses) return;
    void queryClient.invalidateQueries({ queryKey: associationKeys.detail(associationId) });
    void queryClient.invalidateQueries({ queryKey: associationKeys.nodeStatuses(associationId) });
  }, [statuses, associationId, queryClient]);
  const toggle = (id: string) => setOpen((current) => {
    const next = new Set(current);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  if (error) return <div className="p-5"><ErrorNotice error={error} /></div>;
  if (isPending) return <Muted>Loading the history…</Muted>;
  if (data.executions.length === 0) return <Muted>No run yet. It runs when created, on its schedule, on new target nodes, and when you apply it now.</Muted>;
  return (
    <>
      <DataTable label="Execution history" columns={COLUMNS}>
        {data.executions.map((execution) => {
          const id = execution.ExecutionId;
          const isOpen = open.has(id);
          const reason = reasonInWords(execution);
          const isLive = isRunActive(execution.Status);
          return (
            <Fragment key={id}>
              <tr className="hover:bg-slate-50" data-execution={id}>
                <td className={tableStyles.td}>
                  <span className="block font-mono text-xs text-slate-700">{id.slice(0, 8)}</span>
                  <span className="block text-xs text-slate-500">{`${triggerLabel(execution.Trigger)} · v${execution.AssociationVersion}`}</span>
                  <button type="button" className="mt-1 block text-xs text-sky-700 hover:underline" aria-expanded={isOpen} aria-label={`${isOpen ? 'Hide' : 'Show'} nodes of run ${id.slice(0, 8)}`} onClick={() => toggle(id)}>
                    {isOpen ? '▾ Hide nodes' : '▸ Nodes and output'}
                  </button>
                </td>
                <td className={`${tableStyles.td} max-w-80`}>
                  <AssociationStatusBadge status={execution.Status} />
                  {execution.DetailedStatus !== execution.Status && !reason && <span className="block text-xs text-slate-500">{statusLabel(execution.DetailedStatus)}</span>}
                  {reason && <span className={`mt-1 block text-xs ${execution.Status === 'Skipped' ? 'text-amber-800' : 'text-red-700'}`} data-testid="run-reason">{reason}</span>}
                </td>
                <td className={tableStyles.td}><StatusCounts counts={parseResourceCounts(execution.ResourceCountByStatus)} label="Nodes of the run by status" /></td>
                <td className={`${tableStyles.td} whitespace-nowrap text-slate-600`}><span title={dateTime(execution.CreatedTime)}>{timeAgo(execution.CreatedTime)}</span></td>
                <td className={`${tableStyles.td} whitespace-nowrap text-slate-600`}>{execution.LastExecutionDate ? dateTime(execution.LastExecutionDate) : isLive ? 'running' : '—'}</td>
                <td className={tableStyles.td}><RunSourceLink execution={execution} /></td>
              </tr>
              {isOpen && (
                <tr className="bg-slate-50/70">
                  <td colSpan={COLUMNS.length} className="px-4 py-3 pl-8">
                    <ExecutionTargets execution={execution} isLive={isLive} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </DataTable>
      <PageButtons page={page} hasPrevious={page > 1} hasNext={data.hasMore} onPage={setPage} summary={`Runs ${((page - 1) * EXECUTIONS_PAGE_SIZE + 1).toLocaleString('en')}–${((page - 1) * EXECUTIONS_PAGE_SIZE + data.executions.length).toLocaleString('en')}`} />
    </>
  );
}
