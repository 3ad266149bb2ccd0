'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { executionTargetsQuery, type AssociationExecution } from './queries';
import { AssociationStatusBadge } from './status-chips';
import { commandHref } from '@/components/run-command/queries';
import { executionHref } from '@/components/automation/queries';
import { linkClass } from '@/components/settings/ui';
import { dateTime } from '@/components/lib/format';

/** Where the run's full output lives: its command in Run Command, or its execution in Automation. */
export function RunSourceLink({ execution }: { execution: AssociationExecution }) {
  if (execution.CommandId) return <Link href={commandHref(execution.CommandId)} className={`${linkClass} font-mono text-xs`} title="Open the command in Run Command">{`command ${execution.CommandId.slice(0, 8)}`}</Link>;
  if (execution.AutomationExecutionId) return <Link href={executionHref(execution.AutomationExecutionId)} className={`${linkClass} font-mono text-xs`} title="Open the execution in Automation">{`execution ${execution.AutomationExecutionId.slice(0, 8)}`}</Link>;
  return <span className="text-slate-400">—</span>;
}

/** One run's result on each node, with the start of each node's output (DescribeAssociationExecutionTargets). */
export function ExecutionTargets({ execution, isLive }: { execution: AssociationExecution; isLive: boolean }) {
  const { data, error, isPending } = useQuery(executionTargetsQuery(execution.AssociationId, execution.ExecutionId, isLive));
  const label = `Nodes of run ${execution.ExecutionId.slice(0, 8)}`;
  if (error) return <p className="text-sm text-red-700">{`Cannot read the run's nodes: ${error.message}`}</p>;
  if (isPending) return <p className="text-sm text-slate-500">Loading nodes…</p>;
  if (data.targets.length === 0) {
    const why = isLive
      ? 'The run is still going: each node appears here when its result is in.'
      : execution.AutomationExecutionId
        ? 'A runbook run reports as one execution: open it for its steps and outputs.'
        : 'No node was part of this run.';
    return <p className="text-sm text-slate-500">{why}</p>;
  }
  return (
    <ul aria-label={label} className="space-y-2">
      {data.targets.map((target) => (
        <li key={target.ResourceId} className="rounded border border-slate-200 bg-white" data-node={target.ResourceId}>
          <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-3 py-2 text-sm">
            <Link href={`/fleet/${encodeURIComponent(target.ResourceId)}`} className={`${linkClass} font-mono text-xs`}>{target.ResourceId}</Link>
            <AssociationStatusBadge status={target.Status} details={target.DetailedStatus} />
            <span className="text-xs text-slate-500">{target.LastExecutionDate ? `ended ${dateTime(target.LastExecutionDate)}` : ''}</span>
            {target.OutputSource && (
              <Link href={`${commandHref(target.OutputSource.OutputSourceId)}`} className={`${linkClass} ml-auto text-xs`}>Full output in Run Command</Link>
            )}
          </div>
          <pre aria-label={`Output of ${target.ResourceId}`} className="max-h-48 overflow-auto whitespace-pre-wrap break-all bg-slate-950 px-3 py-2 font-mono text-xs text-slate-100">
            {target.Output || <span className="text-slate-500">(no output)</span>}
          </pre>
        </li>
      ))}
      {data.hasMore && <li className="text-xs text-slate-500">The first 200 nodes are shown; the command in Run Command has them all.</li>}
    </ul>
  );
}
